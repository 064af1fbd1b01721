"""Mutation testing: does a module's fast test subset notice a small change to its code?

For each module, every mutant (one small change: a flipped comparison, `and` for `or`, a changed
constant, a removed statement, `return None` ...) is applied alone to a scratch copy of the
repository, never to the working tree, and the module's fast tests are run there with `-x` and a
timeout. A mutant the tests fail on (or time out on) is killed; one they pass is a survivor.

    .venv/bin/python mutation/mutate.py                      # every module in MODULES
    .venv/bin/python mutation/mutate.py booklet/editions.py  # one module
    .venv/bin/python mutation/mutate.py --rev 5f7c410        # the code and tests of a commit
    .venv/bin/python mutation/mutate.py --sample 60          # at most 60 mutants per module (seeded)

Known equivalent survivors are listed in mutation/equivalent.txt as `module:line: mutation`
with a reason; they are reported apart and do not count against the score.
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
EQUIVALENT = Path(__file__).resolve().parent / "equivalent.txt"

READER_TESTS = ["tests/readers", "tests/corpus", "tests/test_hostile_content.py", "tests/test_levels_fixture.py"]
# Module -> its fast tests (files or folders; missing ones are skipped, so an old commit works),
# quickest to fail first. Tests that need the full seed build or a browser are deselected
# (mutation/mutate_plugin.py).
MODULES: dict[str, list[str]] = {
    "booklet/editions.py": ["tests/test_levels_fixture.py", "tests/test_editions.py",
                            "tests/word/test_writer.py"],
    "booklet/fingerprint.py": ["tests/test_fingerprint.py", "tests/commands/test_incremental.py"],
    "booklet/output.py": ["tests/test_output_staging.py", "tests/test_output.py", "tests/test_output_safety.py",
                          "tests/commands/test_incremental.py"],
    "booklet/readers/markdown_text.py": READER_TESTS,
    "booklet/readers/components.py": READER_TESTS,
    "booklet/readers/yaml_source.py": READER_TESTS,
    "booklet/readers/publication.py": READER_TESTS,
    "booklet/readers/organisation.py": READER_TESTS,
    "booklet/readers/project.py": READER_TESTS,
    "booklet/readers/brand.py": READER_TESTS,
    "booklet/readers/context.py": READER_TESTS,
    "booklet/readers/limits.py": READER_TESTS,
    "booklet/readers/files.py": READER_TESTS,
    "booklet/readers/svg_image.py": READER_TESTS,
    "booklet/readers/image_file.py": READER_TESTS,
}

_COMPARE_SWAP = {
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE,
    ast.LtE: ast.Gt, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
_BINOP_SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult,
               ast.Div: ast.Mult, ast.Mod: ast.Mult, ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr}


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int
    description: str
    start: tuple[int, int]  # (line, column) of the replaced text, 1-based line
    end: tuple[int, int]
    replacement: str

    @property
    def key(self) -> str:
        return f"{self.module}:{self.line}: {self.description}"


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                found.add(id(body[0]))
                found.add(id(body[0].value))
    return found


def _skipped_nodes(tree: ast.AST) -> set[int]:
    """Nodes never mutated: docstrings, annotations, f-string pieces, imports, asserts."""
    skipped = _docstring_nodes(tree)

    def skip_all(node):
        for inner in ast.walk(node):
            skipped.add(id(inner))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.Assert, ast.JoinedStr)):
            skip_all(node)
        elif isinstance(node, ast.AnnAssign):
            skip_all(node.annotation)
        elif isinstance(node, ast.arg) and node.annotation is not None:
            skip_all(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            skip_all(node.returns)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                "TypeVar", "ClassVar"):
            skip_all(node)
    return skipped


def _expr(node: ast.expr) -> str:
    return f"({ast.unparse(node)})"


def mutants_of(module: str, source: str) -> list[Mutant]:
    tree = ast.parse(source)
    skipped = _skipped_nodes(tree)
    found: list[Mutant] = []

    def add(node, description: str, replacement: str) -> None:
        found.append(Mutant(module, node.lineno, description, (node.lineno, node.col_offset),
                            (node.end_lineno, node.end_col_offset), replacement))

    def copy(node):
        return ast.parse(ast.unparse(node), mode="eval").body

    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                swap = _COMPARE_SWAP.get(type(op))
                if swap:
                    mutated = copy(node)
                    mutated.ops[i] = swap()
                    add(node, f"{type(op).__name__} -> {swap.__name__}", _expr(mutated))
        elif isinstance(node, ast.BoolOp):
            mutated = copy(node)
            mutated.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            add(node, f"{type(node.op).__name__} -> {type(mutated.op).__name__}", _expr(mutated))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            add(node, "drop not", _expr(node.operand))
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINOP_SWAP:
            mutated = copy(node)
            mutated.op = _BINOP_SWAP[type(node.op)]()
            add(node, f"{type(node.op).__name__} -> {type(mutated.op).__name__}", _expr(mutated))
        elif isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                add(node, f"{value} -> {not value}", repr(not value))
            elif isinstance(value, int):
                add(node, f"{value} -> {value + 1}", f"({value + 1})")
            elif isinstance(value, str):
                add(node, f"{value[:20]!r} -> {'XX' + value[:18]!r}", repr("XX" + value + "XX") if value
                    else repr("XX"))
        elif isinstance(node, ast.Return) and node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None):
            add(node, "return None", "return None")
        elif isinstance(node, (ast.Expr, ast.Assign, ast.AugAssign, ast.Raise, ast.Delete)):
            add(node, f"remove {type(node).__name__.lower()} '{ast.unparse(node)[:40]}'", "pass")
        elif isinstance(node, ast.Break):
            add(node, "break -> continue", "continue")
        elif isinstance(node, ast.Continue):
            add(node, "continue -> break", "break")
        elif isinstance(node, ast.If) and not isinstance(node.test, ast.Constant):
            # The condition always true / always false (a guard removed or never taken).
            test = node.test
            found.append(Mutant(module, test.lineno, "condition -> True", (test.lineno, test.col_offset),
                                (test.end_lineno, test.end_col_offset), "True"))
            found.append(Mutant(module, test.lineno, "condition -> False", (test.lineno, test.col_offset),
                                (test.end_lineno, test.end_col_offset), "False"))
    return sorted(found, key=lambda m: (m.line, m.start, m.description))


def apply(source: str, mutant: Mutant) -> str:
    offsets = [0]  # by "\n" only, as the parser counts lines (splitlines also splits at \x0c, \u2028 ...)
    for line in source.split("\n"):
        offsets.append(offsets[-1] + len(line.encode()) + 1)
    data = source.encode()

    def position(line: int, column: int) -> int:  # ast columns are UTF-8 byte offsets
        return offsets[line - 1] + column

    start, end = position(*mutant.start), position(*mutant.end)
    return (data[:start] + mutant.replacement.encode() + data[end:]).decode()


def scratch_copy(target: Path, rev: str | None) -> None:
    if rev:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    else:
        ignore = shutil.ignore_patterns(".venv", ".git", "output", ".output-*", "__pycache__", ".hypothesis",
                                        ".pytest_cache", "*.egg-info", "mutants")
        shutil.copytree(REPO, target, ignore=ignore, dirs_exist_ok=True, symlinks=True)
    # The mutation tool itself always comes from the working tree (an old commit has none).
    shutil.copy2(Path(__file__).parent / "mutate_plugin.py", target / "mutate_plugin.py")


def coverage_site() -> Path | None:
    """A folder with coverage and pytest-cov (installed there on first use, outside the project's
    environment), or None: then every mutant runs all of its module's tests."""
    site = Path(os.environ.get("MUTATE_SITE", REPO / ".venv" / "mutate-site"))
    if not (site / "pytest_cov").is_dir():
        subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
                        "coverage", "pytest-cov"], capture_output=True)
    return site if (site / "pytest_cov").is_dir() else None


_traced: dict[tuple[str, ...], tuple[str, float]] = {}


def tests_by_line(root: Path, module: str, tests: list[str], site: Path) -> tuple[dict[int, list[str]], float]:
    """Which tests run each line of `module` in the test process (pytest-cov's test contexts),
    from one run of all of them; and the seconds that run took. Empty if it failed."""
    # One traced run per distinct subset: the readers share theirs.
    data_file = root / f".coverage-mutate-{abs(hash(tuple(tests)))}"
    if tuple(tests) not in _traced:
        _traced[tuple(tests)] = run_tests(root, tests, timeout=3600, site=site, extra=[
            f"--cov={root / 'booklet'}", "--cov-context=test", "--cov-report="],
            env={"COVERAGE_FILE": str(data_file)}, stop_first=False)
    outcome, seconds = _traced[tuple(tests)]
    if outcome != "passed" or site is None:
        return {}, seconds
    sys.path.insert(0, str(site))
    from coverage import CoverageData

    data = CoverageData(basename=str(data_file))
    data.read()
    target = str((root / module).resolve())
    measured = next((f for f in data.measured_files() if str(Path(f).resolve()) == target), None)
    if measured is None:
        return {}, seconds
    by_line: dict[int, list[str]] = {}
    for line, contexts in data.contexts_by_lineno(measured).items():
        ids = [c.rsplit("|", 1)[0] for c in contexts if "::" in c]
        by_line[line] = list(dict.fromkeys(ids))
    return by_line, seconds


def _import_time_lines(source: str) -> set[int]:
    """The lines of module-level statements outside functions: run once, at import."""
    lines: set[int] = set()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if isinstance(node, ast.ClassDef):
            for inner in node.body:  # class-level assignments; not the methods
                if not isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    lines.update(range(inner.lineno, inner.end_lineno + 1))
            continue
        lines.update(range(node.lineno, node.end_lineno + 1))
    return lines


def _rank(node: str, tests: list[str]) -> int:
    file = node.split("::", 1)[0]
    return next((i for i, t in enumerate(tests) if file == t or file.startswith(t.rstrip("/") + "/")), len(tests))


def run_tests(root: Path, tests: list[str], timeout: float, site: Path | None = None,
              extra: list[str] | None = None, env: dict[str, str] | None = None,
              stop_first: bool = True) -> tuple[str, float]:
    """'passed', 'failed' or 'timeout', and the seconds taken."""
    started = time.monotonic()
    path = str(root) + (os.pathsep + str(site) if site else "")
    env = {**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    try:
        result = subprocess.run(
            [str(PYTHON), "-m", "pytest", *(["-x"] if stop_first else []), "-q", "-p", "mutate_plugin",
             "-p", "no:cacheprovider", "--hypothesis-seed=0", *(extra or []), *tests],
            cwd=root, env=env, capture_output=True, text=True, timeout=timeout, start_new_session=True)
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - started
    seconds = time.monotonic() - started
    if result.returncode not in (0, 1, 5) or (result.returncode == 1 and not stop_first):
        # An unmutated run that fails: say why, so a flaky test can be found.
        print("\n".join(result.stdout.splitlines()[-15:]), file=sys.stderr, flush=True)
    if result.returncode == 0:
        return "passed", seconds
    if result.returncode == 5:  # no tests collected: nothing can notice anything
        return "passed", seconds
    return "failed", seconds


def read_equivalent() -> dict[str, str]:
    known = {}
    if EQUIVALENT.exists():
        for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                key, _, why = line.partition(" # ")
                known[key.strip()] = why.strip()
    return known


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: all in MODULES)")
    parser.add_argument("--rev", help="measure this commit's code and tests (git archive) instead of the working tree")
    parser.add_argument("--sample", type=int, default=0, help="at most this many mutants per module, seeded")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--trust-coverage", action="store_true",
                        help="a mutant that the tests running its lines do not notice survives, without running "
                             "the rest of the subset (faster; misses what only a subprocess runs)")
    parser.add_argument("--skip-equivalent", action="store_true",
                        help="do not run the mutants listed in mutation/equivalent.txt (counted as equivalent "
                             "unrun; faster)")
    parser.add_argument("--json", type=Path, help="write the results here as well")
    args = parser.parse_args(argv)

    modules = args.modules or list(MODULES)
    equivalent = read_equivalent()
    results = {}
    with tempfile.TemporaryDirectory(prefix="mutate-") as scratch_name:
        scratch = Path(scratch_name)
        scratch_copy(scratch, args.rev)
        for module in modules:
            tests = [t for t in MODULES[module] if (scratch / t).exists()]
            path = scratch / module
            if not path.exists():
                continue  # not in the measured commit
            original = path.read_text(encoding="utf-8")
            mutants = mutants_of(module, original)
            total = len(mutants)
            if args.sample and len(mutants) > args.sample:
                mutants = sorted(random.Random(args.seed).sample(mutants, args.sample),
                                 key=lambda m: (m.line, m.start, m.description))
            site = coverage_site()
            covering, baseline = tests_by_line(scratch, module, tests, site) if site else ({}, 0.0)
            if not covering:
                outcome, baseline = run_tests(scratch, tests, timeout=3600)
            else:
                outcome = "passed"
            if outcome != "passed":
                print(f"{module}: the tests fail without any mutant ({outcome}); skipped", flush=True)
                results[module] = {"error": outcome}
                continue
            timeout = max(60.0, 3 * baseline)
            import_time = _import_time_lines(original)
            module_tests = list(dict.fromkeys(t for ids in covering.values() for t in ids))
            killed, survived, skipped_equivalent = 0, [], []
            print(f"{module}: {len(mutants)} of {total} mutants, tests {tests} take {baseline:.0f} s", flush=True)
            try:
                for mutant in mutants:
                    if args.skip_equivalent and mutant.key in equivalent:
                        skipped_equivalent.append(mutant.key)
                        continue
                    mutated = apply(original, mutant)
                    try:
                        compile(mutated, module, "exec")
                    except SyntaxError:
                        continue  # not a program: not a mutant
                    path.write_text(mutated, encoding="utf-8")
                    # The tests that run the mutated lines first: most mutants die there, quickly.
                    # Only when they pass does the whole subset run (subprocesses are not traced).
                    first = list(dict.fromkeys(t for line in range(mutant.start[0], mutant.end[0] + 1)
                                               for t in covering.get(line, [])))
                    at_import = not first and mutant.start[0] in import_time
                    if at_import:
                        # A module constant runs at import, under no test: the tests that run the
                        # module's code read it first; other modules may read it too, so if they
                        # pass, the whole subset runs.
                        first = list(module_tests)
                    first.sort(key=lambda node: _rank(node, tests))  # the subset's quick files first
                    outcome = run_tests(scratch, first, timeout)[0] if first else "passed"
                    # Lines run at import (module constants) have no test: those need the whole subset.
                    if outcome == "passed" and not (args.trust_coverage and first and not at_import):
                        outcome, _seconds = run_tests(scratch, tests, timeout)
                    if outcome != "passed":
                        killed += 1
                    elif mutant.key in equivalent:
                        skipped_equivalent.append(mutant.key)
                    else:
                        survived.append(mutant.key)
                        print(f"  survived {mutant.key}", flush=True)
            finally:
                path.write_text(original, encoding="utf-8")
            counted = killed + len(survived)
            score = 100.0 * killed / counted if counted else 100.0
            results[module] = {"mutants": total, "tried": len(mutants), "killed": killed,
                               "survived": survived, "equivalent": skipped_equivalent, "score": round(score, 1)}
            print(f"{module}: {killed} killed, {len(survived)} survived, {len(skipped_equivalent)} equivalent: "
                  f"{score:.0f} %", flush=True)

    print("\nmodule                                   tried  killed  survived  equivalent  score")
    failing = False
    for module, result in results.items():
        if "error" in result:
            print(f"{module:40} tests fail without a mutant")
            failing = True
            continue
        print(f"{module:40} {result['tried']:5}  {result['killed']:6}  {len(result['survived']):8}  "
              f"{len(result['equivalent']):10}  {result['score']:4.0f} %")
        failing |= result["score"] < 90
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
