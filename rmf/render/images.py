"""Pictures a document may show: raster images from the framework folder, embedded; nothing
is ever fetched from elsewhere."""

from __future__ import annotations

import base64
import binascii
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from rmf.core.files import FileProblem, inside, read_regular

# One picture at most, and all the distinct pictures of one run together: a picture is
# embedded in every page that shows it, so a page stays a page.
PICTURE_LIMIT = 1024 * 1024
TOTAL_LIMIT = 16 * 1024 * 1024
# A small file may state a huge picture that the reader's browser or office suite then
# unpacks: at most 25 million pixels (100 MB unpacked), 16,384 a side.
PIXEL_LIMIT, SIDE_LIMIT = 25_000_000, 16_384
# Formats known by their first bytes; SVG is never one (it may hold script).
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DATA = re.compile(r"^data:image/[a-z0-9.+-]+;base64,", re.IGNORECASE)
REMOTE = ("http:", "https:")


def sniff(data: bytes) -> str | None:
    """The media type of a PNG, JPEG, GIF or WebP picture by its first bytes; None for
    anything else, whatever its name says."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def dimensions(data: bytes, kind: str) -> tuple[int, int] | None:
    """The width and height a PNG, GIF, JPEG or WebP picture states; None when its
    header does not say."""
    try:
        if kind == "image/png" and data[12:16] == b"IHDR":
            width, height = struct.unpack(">II", data[16:24])
            return width, height
        if kind == "image/gif":
            width, height = struct.unpack("<HH", data[6:10])
            return width, height
        if kind == "image/jpeg":
            return _jpeg(data)
        if kind == "image/webp":
            return _webp(data)
    except struct.error:
        return None
    return None


def _jpeg(data: bytes) -> tuple[int, int] | None:
    """A JPEG's size, from its first start-of-frame segment."""
    at = 2
    while at + 9 < len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # padding
            at += 1
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
    return None


def _webp(data: bytes) -> tuple[int, int] | None:
    """A WebP's size, from its lossy, lossless or extended header."""
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        return width, int.from_bytes(data[27:30], "little") + 1
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _small_enough(size: tuple[int, int] | None) -> bool:
    if size is None:
        return False
    width, height = size
    return 0 < width <= SIDE_LIMIT and 0 < height <= SIDE_LIMIT and width * height <= PIXEL_LIMIT


@dataclass(frozen=True)
class Picture:
    """A picture a document shows: its bytes and media type."""

    data: bytes
    kind: str

    @property
    def uri(self) -> str:
        return f"data:{self.kind};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass
class Pictures:
    """Where the pictures of a run come from: files within `folder` (the framework's
    folder) named by a relative path, and data: URIs of a raster picture; each read
    once, within the limits."""

    folder: Path | None
    limit: int = PICTURE_LIMIT
    total: int = TOTAL_LIMIT
    _found: dict[str, Picture | None] = field(default_factory=dict)
    _read: int = 0

    def get(self, src: str) -> Picture | None:
        """The picture `src` names, or None when it may not be shown as a picture: a
        remote address, a path leading out of the folder or to what is not a regular
        file, a file too large or not a PNG, JPEG, GIF or WebP, a picture of too many
        pixels."""
        if src not in self._found:
            self._found[src] = self._load(src)
        return self._found[src]

    def _load(self, src: str) -> Picture | None:
        if _DATA.match(src):
            return self._accept(_decoded(src, self.limit))
        if self.folder is None or not src or _SCHEME.match(src) or src.startswith(("/", "\\")):
            return None
        relative = unquote(src.split("#", 1)[0].split("?", 1)[0])
        try:
            path = self.folder / relative
            if not inside(path, self.folder):
                raise FileProblem("leads outside the framework folder")
            data = read_regular(path, self.limit)
        except FileProblem:
            return None
        return self._accept(data)

    def _accept(self, data: bytes | None) -> Picture | None:
        kind = sniff(data) if data is not None else None
        if data is None or kind is None or len(data) > self.limit:
            return None
        if not _small_enough(dimensions(data, kind)):
            return None
        if self._read + len(data) > self.total:
            return None
        self._read += len(data)
        return Picture(data, kind)


def _decoded(src: str, limit: int) -> bytes | None:
    """The bytes of a base64 data: URI, None when it does not decode or is too long."""
    body = unquote(src.split(",", 1)[1])
    if len(body) > limit * 4 // 3 + 4:
        return None
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return None


def remote(src: str) -> bool:
    """Whether `src` is a web address: shown as a link, never fetched."""
    return src.lower().startswith(REMOTE)
