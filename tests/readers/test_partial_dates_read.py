"""A date the source gives without its day (or month) is written and read without it: `dato:
2014-06` is "juni 2014", `dato: 2014` is "2014", a full date stays "24. april 2016". A date
that is none of these is said at its line in Danish, with what to write instead (issue 18)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from corpus.fault_injection import MANIFEST, assert_one_located_error, copy_project, read_lines, replace_line

from booklet.danish import format_date
from booklet.errors import Location, Problems
from booklet.model import PartialDate, first_day
from booklet.readers.project import load_project
from booklet.readers.yaml_source import Fields, YamlDocument, parse_yaml

DOC = YamlDocument(Path("fil.yml"), 10)


def read_date(written: str):
    problems = Problems()
    fields = Fields(parse_yaml(f"dato: {written}", DOC, problems), DOC, problems, "manifestet", ["dato"])
    return fields.date("dato"), problems


def test_a_date_is_printed_as_precisely_as_it_is_written():
    assert format_date(dt.date(2016, 4, 24)) == "24. april 2016"
    assert format_date(PartialDate(2014, 6)) == "juni 2014"
    assert format_date(PartialDate(2014)) == "2014"
    assert PartialDate(2014, 6).isoformat() == "2014-06" and PartialDate(2014).isoformat() == "2014"


@pytest.mark.parametrize("written, expected", [
    ("2014", PartialDate(2014)),
    ('"2014"', PartialDate(2014)),
    ("2014-06", PartialDate(2014, 6)),
    ("'2014-06'", PartialDate(2014, 6)),
    ("2014-12", PartialDate(2014, 12)),
    ("2016-04-24", dt.date(2016, 4, 24)),
])
def test_a_month_or_a_year_alone_is_read_as_one(written, expected):
    date, problems = read_date(written)
    assert date == expected and not problems.items


@pytest.mark.parametrize("written, says", [
    ("2014-13", "måned 13 findes ikke; skriv måneden som 01 til 12 (ÅÅÅÅ-MM), fx 2014-06 for juni 2014."),
    ("2014-00", "måned 0 findes ikke"),
    ("juni", "Året mangler: skriv måned og år som ÅÅÅÅ-MM, fx 2014-06 for juni 2014."),
    ("juni 2014", "Skriv 2014-06 (vises »juni 2014«)."),
    ("Juni 2014", "Skriv 2014-06 (vises »juni 2014«)."),
    ("24. april 2016", "Skriv 2016-04-24 (vises »24. april 2016«)."),
    ("24-04-2016", "Skriv 2016-04-24 (vises »24. april 2016«)."),
    ("2014-6", "Skriv 2014-06 (vises »juni 2014«)."),
    ("30. februar 2027", "februar 2027 har 28 dage"),
    ("14", "kun måned og år (ÅÅÅÅ-MM, fx 2014-06, vises »juni 2014«)"),
    ("snart", "kun året (ÅÅÅÅ, fx 2014)"),
])
def test_a_wrong_date_is_said_at_its_line_with_what_to_write(written, says):
    date, problems = read_date(written)
    assert date is None
    assert [p.location for p in problems.items] == [Location(Path("fil.yml"), 10)]
    assert says in problems.items[0].message, problems.items[0].message


@pytest.mark.parametrize("line, text, says", [
    (5, "dato: 2014-13", "datoen 2014-13 i feltet 'dato' findes ikke: måned 13 findes ikke"),
    (5, "dato: juni", "Året mangler"),
    (15, "godkendt_dato: maj 2016", "feltet 'godkendt_dato' skal være en dato"),
])
def test_a_wrong_date_in_the_manifest_names_file_and_line(tmp_path, line, text, says):
    root = copy_project(tmp_path / "projekt")
    assert read_lines(root, MANIFEST)[line - 1].split(":")[0] == text.split(":")[0]
    replace_line(root, MANIFEST, line, text)
    message = assert_one_located_error(root, MANIFEST, line)
    assert says in message, message


def test_a_publication_dated_by_year_and_approved_by_month_reads(tmp_path):
    root = copy_project(tmp_path / "projekt")
    replace_line(root, MANIFEST, 5, "dato: 2014")
    replace_line(root, MANIFEST, 15, "godkendt_dato: 2014-06")
    publication = load_project(root).publications[0]
    assert publication.date == PartialDate(2014)
    assert publication.approved_on == PartialDate(2014, 6)


def test_no_publisher_is_needed(tmp_path):
    root = copy_project(tmp_path / "projekt")
    lines = [line for line in read_lines(root, MANIFEST) if not line.startswith("udgiver:")]
    (root / MANIFEST).write_text("\n".join(lines), encoding="utf-8")
    assert load_project(root).publications[0].issuer == ""


def test_the_site_lists_a_year_alone_by_its_first_day():
    from booklet.site.pages import _newest_first

    def entry(title, date):
        return SimpleNamespace(publication=SimpleNamespace(title=title, date=date))

    entries = [entry("A", PartialDate(2014)), entry("B", dt.date(2014, 11, 3)), entry("C", PartialDate(2014, 6)),
               entry("D", dt.date(2013, 12, 31))]
    assert [e.publication.title for e in _newest_first(entries)] == ["B", "C", "A", "D"]
    assert first_day(PartialDate(2014, 6)) == dt.date(2014, 6, 1) and first_day(dt.date(2016, 4, 24)) == dt.date(2016, 4, 24)


def test_the_sitemap_dates_a_page_as_precisely_as_its_publication(tmp_path):
    from booklet.site.sitemap import SITEMAP, write_sitemap

    write_sitemap(tmp_path, [("a.html", PartialDate(2012)), ("b.html", PartialDate(2014, 6)),
                             ("c.html", dt.date(2016, 4, 24))])
    text = (tmp_path / SITEMAP).read_text(encoding="utf-8")
    for path, lastmod in (("a.html", "2012"), ("b.html", "2014-06"), ("c.html", "2016-04-24")):
        assert f"<loc>{path}</loc><lastmod>{lastmod}</lastmod>" in text


def test_the_content_writer_writes_a_partial_date_and_no_empty_publisher(tmp_path):
    """What `import` and the round trip write: the date as precise as it was, and no 'udgiver:'
    line where there is no publisher (it would be read as a field left empty)."""
    import dataclasses

    from booklet.writers.content import manifest_text

    root = copy_project(tmp_path / "projekt")
    publication = load_project(root).publications[0]
    for date, written in ((PartialDate(2014), "dato: 2014"), (PartialDate(2014, 6), "dato: 2014-06")):
        text = manifest_text(dataclasses.replace(publication, date=date, issuer="",
                                                 approved_on=date), ["01-indledning.md"])
        assert written in text.splitlines() and f"godkendt_{written}" in text.splitlines()
        assert not any(line.startswith("udgiver:") for line in text.splitlines())


def test_next_years_edition_moves_a_partial_date_on_in_its_own_form():
    from booklet.commands.new import _add_years

    assert _add_years(2014, 1) == 2015
    assert _add_years("2014-06", 1) == "2015-06"
    assert _add_years(dt.date(2016, 2, 29), 1) == dt.date(2017, 2, 28)


def test_the_word_reader_takes_a_month_or_year_from_the_core_properties():
    from booklet.word.reader import _core_properties

    def package(created: str):
        xml = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
               'xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:created>' + created
               + "</dcterms:created></cp:coreProperties>")
        from lxml import etree
        return SimpleNamespace(xml=lambda _name: etree.fromstring(xml.encode()))

    assert _core_properties(package("2014"))["date"] == PartialDate(2014)
    assert _core_properties(package("2014-06"))["date"] == PartialDate(2014, 6)
    assert _core_properties(package("2016-04-24T00:00:00Z"))["date"] == dt.date(2016, 4, 24)
    assert "date" not in _core_properties(package("2014-13"))
