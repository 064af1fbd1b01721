"""Sizes above which the build refuses a file or warns about it, in one place (the README
states them to authors)."""
from __future__ import annotations

# A content file (manifest, section, organisation): far above any real section (the longest
# seed is 20 kB); guards memory and layout time. Above it the build stops.
MAX_CONTENT_FILE_BYTES = 1_000_000

# Sections of one publication, and their text together: the seeds have 4-9 sections and
# under 60 kB of text. Far beyond them the layout runs for minutes and gigabytes (5,000
# sections made a 5,195-page PDF in 374 s), so the build stops first, with a message.
MAX_SECTIONS = 200
MAX_PUBLICATION_TEXT_BYTES = 3_000_000

# One line of Markdown: a real paragraph written on one line is a few thousand characters.
# Python-Markdown's inline patterns backtrack on long runs of brackets ('[^[^[^...' for 100 kB
# ran for minutes), so a longer line is refused before it is parsed.
MAX_LINE_CHARS = 10_000

# How deeply YAML fields may nest: the deepest real content (a component's list of mappings in
# a brand file) is 5 levels; the YAML reader recurses per level, so an absurd depth must stop
# with a message, not a RecursionError.
MAX_YAML_DEPTH = 30

# A brand's logo is embedded in every PDF, DOCX and page; our wordmarks are 4-13 kB. Above
# this the build warns: a 6.9 MB SVG logo once made every PDF 5.2 MB without a word.
MAX_LOGO_BYTES = 500_000

# A font file is embedded (subset) in every PDF and whole in every DOCX that carries fonts;
# a full family's single face is 0.2-0.7 MB. Above this the build warns.
MAX_FONT_BYTES = 2_000_000


def size_text(size: int) -> str:
    """'6,9 MB' or '512 kB': a size as an author reads it (Danish decimal comma)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".removesuffix(".0").replace(".", ",") + " MB"
    return f"{max(1, round(size / 1000))} kB"

# A photo or illustration placed in the text: a 24 MP camera JPEG is 8-15 MB. Beyond these the
# file is refused (a 200 MP panorama decodes to 800 MB in memory), before it is decoded.
MAX_IMAGE_BYTES = 25_000_000
MAX_IMAGE_PIXELS = 60_000_000
