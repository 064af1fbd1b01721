"""Small test images made with Pillow, for the reader tests (no binary files in the repository)."""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

EXIF_ORIENTATION = 0x0112
EXIF_GPS_IFD = 0x8825


def jpeg_bytes(size: tuple[int, int] = (40, 30), orientation: int | None = None, gps: bool = False) -> bytes:
    """A JPEG as a phone writes it: stored as `size`, with an EXIF orientation and GPS position."""
    image = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    if orientation is not None:
        exif[EXIF_ORIENTATION] = orientation
    if gps:
        # Latitude 55° 40' N, longitude 12° 18' E: Høje-Taastrup's town hall, roughly.
        exif.get_ifd(EXIF_GPS_IFD).update({1: "N", 2: (55.0, 40.0, 0.0), 3: "E", 4: (12.0, 18.0, 0.0)})
    stream = io.BytesIO()
    image.save(stream, "JPEG", exif=exif.tobytes(), quality=80)
    return stream.getvalue()


def png_bytes(size: tuple[int, int] = (20, 10)) -> bytes:
    stream = io.BytesIO()
    Image.new("RGBA", size, (0, 90, 160, 255)).save(stream, "PNG")
    return stream.getvalue()


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="30mm" viewBox="0 0 60 30">'
       b'<rect width="60" height="30" fill="#005aa0"/><script>alert(1)</script></svg>')
SVG_VIEWBOX_ONLY = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"><circle r="5"/></svg>'


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims to be `width` x `height` and holds no pixels: Pillow's open() reads the
    header alone, so a huge claimed size costs nothing to test."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
