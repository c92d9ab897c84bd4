"""Write the byte-exact fixture files of the loopback site from readable sources.

The Big5 and GBK pages are kept as UTF-8 in ``tests/fixtures/site_src/`` (so they can be
read and edited) and encoded here; the PDF and PNG are built here from a few bytes of
code. The outputs are committed; ``tests/test_site.py`` checks they match this script.

Regenerate after editing a source::

    .venv/bin/python tests/encode_fixtures.py
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE = FIXTURES / "site"
SRC = FIXTURES / "site_src"

# source file in site_src/ -> (encoding, path under site/)
ENCODED_PAGES = {
    "big5-smart-city.html": ("big5", "zh/news/2026/big5-smart-city.html"),
    "gbk-data-rules.html": ("gbk", "zh/news/2026/gbk-data-rules.html"),
}


def tiny_pdf() -> bytes:
    """A minimal, valid one-page PDF with one line of text."""
    stream = b"BT /F1 18 Tf 72 720 Td (City AI strategy 2026) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def tiny_png(width: int = 8, height: int = 8) -> bytes:
    """A small RGB PNG: a blue-to-green gradient."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(
        b"\x00" + b"".join(bytes((0, 32 * x % 256, 255 - 32 * y % 256)) for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def expected_files() -> dict[Path, bytes]:
    """Every generated file and the bytes it must hold."""
    files = {
        SITE / target: (SRC / source).read_text(encoding="utf-8").encode(encoding)
        for source, (encoding, target) in ENCODED_PAGES.items()
    }
    files[SITE / "docs" / "ai-strategy.pdf"] = tiny_pdf()
    files[SITE / "media" / "chart.png"] = tiny_png()
    return files


def main() -> None:
    for path, data in expected_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(FIXTURES)} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
