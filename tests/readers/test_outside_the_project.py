"""Nothing outside the project is read, printed or published: links, devices and pipes in
content/ and styles/, and a brand named by a path (issue 14, findings 4 and 5)."""
from __future__ import annotations

import os
import time

import pytest

from corpus.fault_injection import BRAND, assert_one_located_error, copy_project, run

ORG = "content/organisationer/testkommune.yml"
PUB = "content/publikationer/mini"


def line_of(root, relative, text):
    return next(n for n, line in enumerate((root / relative).read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


@pytest.mark.parametrize("written", ["hoeje-taastrup/", "../../outside/x", "../styles/hoeje-taastrup"])
def test_a_brand_named_by_a_path_is_an_error_at_its_line(tmp_path, written):
    root = copy_project(tmp_path / "p")
    org = root / ORG
    org.write_text(org.read_text(encoding="utf-8").replace("brand: hoeje-taastrup", f"brand: {written}"),
                   encoding="utf-8")
    message = assert_one_located_error(root, ORG, line_of(root, ORG, "brand:"))
    assert "navnet på en mappe i styles/" in message


def test_an_organisation_file_linked_to_etc_passwd_is_refused_without_printing_it(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / "content/organisationer/leak.yml").symlink_to("/etc/passwd")
    result = run(root, "check")
    assert result.code == 1
    assert "root:" not in result.out + result.err
    assert "content/organisationer/leak.yml: fejl: filen er et link til noget uden for projektets" in result.err


@pytest.mark.parametrize("make, says", [
    (lambda path: path.symlink_to("/etc/hostname"), "filen er et link til noget uden for"),
    (lambda path: path.symlink_to("/dev/zero"), "filen er et link til noget uden for"),
    (os.mkfifo, "filen er ikke en almindelig fil"),  # a pipe: opening it must not wait for a writer
], ids=["link-out", "device", "pipe"])
def test_a_section_that_is_not_a_file_of_ours_is_refused_at_once(tmp_path, make, says):
    root = copy_project(tmp_path / "p")
    section = root / PUB / "01-indledning.md"
    section.unlink()
    make(section)
    started = time.monotonic()
    result = run(root, "check")
    assert time.monotonic() - started < 20
    assert result.code == 1
    assert f"{PUB}/01-indledning.md: fejl: {says}" in result.err


def test_a_publication_folder_linked_outside_is_not_read(tmp_path):
    root = copy_project(tmp_path / "p")
    outside = tmp_path / "andet-sted"
    (root / PUB).rename(outside)
    (root / PUB).symlink_to(outside, target_is_directory=True)
    result = run(root, "check")
    assert result.code == 1
    assert f"{PUB}/publikation.yml: fejl: filen er et link til noget uden for" in result.err


@pytest.mark.parametrize("asset", ["logo.svg", "fonts/Lato-Regular.ttf"])
def test_a_brand_asset_linked_outside_is_refused(tmp_path, asset):
    root = copy_project(tmp_path / "p", own_styles=True)
    path = root / "styles/hoeje-taastrup" / asset
    outside = tmp_path / path.name
    path.rename(outside)
    path.symlink_to(outside)
    line = line_of(root, BRAND, asset.split("/")[-1])
    message = assert_one_located_error(root, BRAND, line)
    assert "uden for" in message


def billion_laughs(levels: int) -> str:
    """Nine times more at every level, hidden in flow style where no slip check looks."""
    lines = ['lol: [&a "lol", *a, *a, *a, *a, *a, *a, *a, *a]']
    previous = "a"
    for name in "bcdefghi"[:levels]:
        lines.append(f"{name}{name}: [&{name} [" + ", ".join([f"*{previous}"] * 9) + "]]")
        previous = name
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("relative", [f"{PUB}/publikation.yml", ORG, BRAND])
def test_a_yaml_alias_bomb_is_refused_in_moments(tmp_path, relative):
    root = copy_project(tmp_path / "p", own_styles=relative == BRAND)
    path = root / relative
    path.write_text(billion_laughs(8) + path.read_text(encoding="utf-8"), encoding="utf-8")
    started = time.monotonic()
    message = assert_one_located_error(root, relative, 1)
    assert time.monotonic() - started < 10
    assert "YAML-henvisning" in message and len(message) < 300


def test_yaml_nested_three_hundred_deep_is_refused_at_its_line(tmp_path):
    root = copy_project(tmp_path / "p")
    path = root / PUB / "publikation.yml"
    deep = "dybt: " + "[" * 300 + "]" * 300 + "\n"
    path.write_text(path.read_text(encoding="utf-8") + deep, encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    message = assert_one_located_error(root, f"{PUB}/publikation.yml", line)
    assert "niveauer inde i hinanden" in message


def with_sections(root, sections: dict[str, str]) -> None:
    """The mini publication made of these section files instead of its own (listed last)."""
    folder = root / PUB
    for name, text in sections.items():
        (folder / name).write_text(text, encoding="utf-8")
    manifest = folder / "publikation.yml"
    text = manifest.read_text(encoding="utf-8")
    listed = "".join(f"  - {name}\n" for name in sections)
    manifest.write_text(text[:text.index("afsnit:")] + "afsnit:\n" + listed, encoding="utf-8")


def test_a_publication_of_thousands_of_sections_is_refused_before_layout(tmp_path):
    root = copy_project(tmp_path / "p")
    with_sections(root, {f"x{n:04}.md": "---\ntitel: Afsnit\n---\nTekst.\n" for n in range(5000)})
    started = time.monotonic()
    message = assert_one_located_error(root, f"{PUB}/publikation.yml", line_of(root, f"{PUB}/publikation.yml", "afsnit:"))
    assert time.monotonic() - started < 30
    assert "højst have 200" in message


def test_sections_too_large_together_are_refused_at_the_one_that_tips_it(tmp_path):
    root = copy_project(tmp_path / "p")
    with_sections(root, {f"stor{n}.md": "---\ntitel: Stor\n---\n" + ("Ledelse er vigtig. " * 50 + "\n\n") * 900
                         for n in range(4)})
    message = assert_one_located_error(root, f"{PUB}/publikation.yml", line_of(root, f"{PUB}/publikation.yml", "stor3.md"))
    assert "'stor3.md' over 3 MB" in message


def test_a_quote_nested_a_hundred_and_fifty_deep_is_refused_at_once(tmp_path):
    root = copy_project(tmp_path / "p")
    section = root / PUB / "01-indledning.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n" + "> " * 150 + "dybt\n", encoding="utf-8")
    line = len(section.read_text(encoding="utf-8").splitlines())
    started = time.monotonic()
    message = assert_one_located_error(root, f"{PUB}/01-indledning.md", line)
    assert time.monotonic() - started < 10
    assert "højst 3 '>'" in message


@pytest.mark.parametrize("body", ["[^" * 50_000, "a" * 100_000], ids=["brackets", "letters"])
def test_an_overlong_line_is_refused_at_once(tmp_path, body):
    root = copy_project(tmp_path / "p")
    section = root / PUB / "01-indledning.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
    line = len(section.read_text(encoding="utf-8").splitlines())
    started = time.monotonic()
    message = assert_one_located_error(root, f"{PUB}/01-indledning.md", line)
    assert time.monotonic() - started < 10
    assert "højst være 10000 tegn" in message
