"""pytest plugin for mutation runs: leave out the tests that need the full seed build or a browser,
so each mutant is judged by the module's fast tests only."""
from __future__ import annotations

SLOW_FIXTURES = {"seed_build", "site", "site_url", "browser", "seed_docx"}


def pytest_collection_modifyitems(config, items):
    slow = [item for item in items if SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item not in slow]
