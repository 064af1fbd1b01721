"""Office files are zip archives; python-docx stamps each member with the time of saving. The
same publication should give the same bytes, so the members get the publication's date."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path


def save_reproducibly(write, target: Path, date: dt.date) -> None:
    """Call `write(stream)`, then store its zip members in order with a fixed timestamp."""
    buffer = io.BytesIO()
    write(buffer)
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as result:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            result.writestr(info, source.read(member.filename))
