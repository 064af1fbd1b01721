"""Only approved publications are published: the public site never holds a draft, `publish` says
what it left out and why, and `publish --intern` puts the review site, drafts marked, elsewhere."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corpus.fault_injection import copy_project, run

DRAFT_ID = "mini-kladde"
DRAFT_TITLE = "Kladdegrundlaget"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The mini project with a second publication, a draft, built as HTML and the site."""
    root = copy_project(tmp_path_factory.mktemp("udgiv") / "p")
    publications = root / "content" / "publikationer"
    shutil.copytree(publications / "mini", publications / DRAFT_ID)
    manifest = publications / DRAFT_ID / "publikation.yml"
    lines = [line for line in manifest.read_text(encoding="utf-8").split("\n")
             if line and not line.startswith(("status:", "godkendt_"))]
    manifest.write_text("\n".join(lines).replace("titel: Minigrundlag", f"titel: {DRAFT_TITLE}") + "\n",
                        encoding="utf-8")  # no status: a draft
    result = run(root, "build", "--format", "html", "--jobs", "1")
    assert result.code == 0, result.err
    return root


def everything(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*")
                     if p.is_file() and p.suffix in (".html", ".xml", ".json", ".js", ".txt"))


def test_a_draft_is_absent_from_the_public_site_and_marked_on_the_internal_one(built):
    output = built / "output"
    public, internal = output / "site", output / "site-intern"
    assert DRAFT_ID not in everything(public) and DRAFT_TITLE not in everything(public)
    assert not any(DRAFT_ID in p.name for p in public.rglob("*"))
    assert "Minigrundlag" in (public / "index.html").read_text(encoding="utf-8")
    # The internal site has it, with the banner on its pages and the status on its card.
    pages = [p.read_text(encoding="utf-8") for p in internal.rglob("*.html") if DRAFT_ID in p.as_posix()]
    editions = [page for page in pages if 'class="site page-edition' in page]  # not the files beside them
    assert len(editions) == 5 and all('class="status-banner' in page for page in editions)
    assert "Kladde: ikke godkendt" in (internal / "index.html").read_text(encoding="utf-8")
    recorded = json.loads((output / "udgivelsesstatus.json").read_text(encoding="utf-8"))["udeladt"]
    assert [(e["id"], e["status"]) for e in recorded] == [(DRAFT_ID, "kladde")]


def test_publish_says_what_it_left_out_and_never_publishes_a_draft(built, tmp_path):
    target = tmp_path / "www" / "ledelse"
    target.parent.mkdir()
    result = run(built, "publish", str(target))
    assert result.code == 0, result.err
    assert "Ikke udgivet: 1 publikation er ikke godkendt" in result.out
    assert f"{DRAFT_ID} ('{DRAFT_TITLE}') er en kladde" in result.out and "status: godkendt" in result.out
    assert DRAFT_ID not in everything(target) and DRAFT_TITLE not in everything(target)

    # The review site goes to its own folder, never over the public one.
    refused = run(built, "publish", "--intern", str(target))
    assert refused.code == 2 and "viser det offentlige site" in refused.err
    assert DRAFT_ID not in everything(target)
    review = tmp_path / "www" / "ledelse-intern"
    result = run(built, "publish", "--intern", str(review))
    assert result.code == 0, result.err
    assert f"{DRAFT_ID} (kladde)" in result.out
    assert 'class="status-banner' in everything(review)


def test_a_public_site_with_a_draft_on_a_page_is_refused(built, tmp_path):
    from booklet.commands import publish

    site = tmp_path / "output" / "site"
    shutil.copytree(built / "output" / "site", site)
    page = next(site.rglob("*.html"))
    page.write_text(page.read_text(encoding="utf-8").replace("<body", '<body><aside class="status-banner"></aside', 1),
                    encoding="utf-8")
    with pytest.raises(publish.PublishError, match="ikke er godkendt"):
        publish.run(site, tmp_path / "www", say=lambda _line: None)
    (site / ".internt-gennemsyn").write_text("", encoding="utf-8")
    with pytest.raises(publish.PublishError, match="kun med --intern"):
        publish.run(site, tmp_path / "www", say=lambda _line: None)
    assert not (tmp_path / "www").exists()


def test_when_every_publication_is_approved_there_is_no_internal_site(tmp_path):
    root = copy_project(tmp_path / "p")
    assert run(root, "build", "--format", "html", "--jobs", "1").code == 0
    assert not (root / "output" / "site-intern").exists()
    result = run(root, "publish", "--intern", str(tmp_path / "intern"))
    assert result.code == 1 and "alle publikationer godkendt" in result.err
