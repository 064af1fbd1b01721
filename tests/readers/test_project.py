"""The content tree read as a whole: which folders are publications, one publication read on
its own, and a brand shared by two organisations read (and warned about) once."""
from __future__ import annotations

import shutil

import pytest

from corpus.fault_injection import BRAND, ORG, copy_project, run

from booklet.errors import ContentError
from booklet.readers.limits import MAX_FONT_BYTES
from booklet.readers.project import load_project

PUBLICATIONS = "content/publikationer"


@pytest.fixture
def root(tmp_path):
    return copy_project(tmp_path / "projekt")


def errors_of(root, only=None) -> list[str]:
    with pytest.raises(ContentError) as refused:
        load_project(root, only=only)
    return [f"{p.location.path.relative_to(root)}:{p.location.line}: {p.message}" for p in refused.value.problems]


def test_a_second_publication_is_read_and_a_stray_file_beside_them_is_no_publication(root):
    (root / PUBLICATIONS / "mini").rename(root / PUBLICATIONS / "b-mini")
    (root / PUBLICATIONS / "noter.txt").write_text("mine noter", encoding="utf-8")
    shutil.copytree(root / PUBLICATIONS / "b-mini", root / PUBLICATIONS / "a-mini")
    project = load_project(root)
    assert [p.id for p in project.publications] == ["a-mini", "b-mini"]
    assert list(project.organisations) == ["testkommune"] and list(project.brands) == ["hoeje-taastrup"]


def test_one_publication_is_read_alone_and_the_others_errors_are_not_its_own(root):
    broken = root / PUBLICATIONS / "ny"
    broken.mkdir()
    (broken / "publikation.yml").write_text("titel: Ny\n", encoding="utf-8")
    assert [p.id for p in load_project(root, only="mini").publications] == ["mini"]
    assert any(e.startswith(f"{PUBLICATIONS}/ny/publikation.yml") for e in errors_of(root))


def test_a_publication_asked_for_that_does_not_exist_is_named(root):
    assert errors_of(root, only="minni") == [f"{PUBLICATIONS}:None: publikationen 'minni' findes ikke."]


def test_a_folder_without_its_manifest_is_the_one_error_not_also_an_empty_project(root):
    (root / PUBLICATIONS / "mini" / "publikation.yml").unlink()
    assert errors_of(root) == [f"{PUBLICATIONS}/mini:None: mappen har ingen publikation.yml. Opret den, eller "
                               "flyt mappen ud af content/publikationer."]


def test_a_project_without_publications_says_there_is_nothing_to_build(root):
    shutil.rmtree(root / PUBLICATIONS / "mini")
    assert errors_of(root) == [f"{PUBLICATIONS}:None: der er ingen publikationer at bygge."]


def test_a_brand_two_organisations_share_is_read_and_warned_about_once(tmp_path):
    root = copy_project(tmp_path / "projekt", own_styles=True)
    (root / ORG).with_name("andenkommune.yml").write_bytes((root / ORG).read_bytes())
    with (root / "styles/hoeje-taastrup/fonts/Lato-Italic.ttf").open("ab") as font:
        font.write(b"\0" * MAX_FONT_BYTES)
    project = load_project(root)
    assert list(project.organisations) == ["andenkommune", "testkommune"]
    brand_warnings = [w for w in project.warnings if w.location.path.name == "_brand.yml"]
    assert [w.message.split(" fylder")[0] for w in brand_warnings] == ["skrifttypefilen Lato-Italic.ttf"]
    result = run(root, "check")
    assert result.code == 0 and len([w for w in result.warnings if w.startswith(BRAND)]) == 1, result.out + result.err
