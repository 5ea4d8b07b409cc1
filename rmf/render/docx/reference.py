"""The house reference document, read as untrusted: found within its folder, unpacked
within limits, and stripped of every link to the outside before Word output takes it."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document as open_docx
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml

from rmf.core.errors import UsageError
from rmf.core.files import FileProblem, inside, read_regular
from rmf.render.docx.package import CONTENT_TYPES, zipped

REFERENCE = "reference.docx"
# A reference document is a letterhead and its styles: a few parts, a few megabytes.
# Checked against the zip's directory before anything is unpacked, and again while
# unpacking, for a directory that lies.
FILE_LIMIT = 64 * 1024 * 1024
PART_LIMIT = 32 * 1024 * 1024
TOTAL_LIMIT = 64 * 1024 * 1024
PARTS_LIMIT = 1000
RATIO_LIMIT, RATIO_FROM = 100, 1024 * 1024  # packed 100:1 or more, for a part over 1 MiB
_TEMPLATE_TYPE = b"wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"wordprocessingml.document.main+xml"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_APP, _EXTENDED = (
    "docProps/app.xml",
    "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}",
)
# Elements that mean nothing without the relationship they name: removed with it.
_GONE_WITH = {f"{_W}attachedTemplate", f"{_W}subDoc", f"{_W}altChunk"}
_MAIL_MERGE = {f"{_W}dataSource", f"{_W}headerSource"}  # their mail merge goes too


def reference_docx(
    framework: Path, override: Path | None = None, bases: Sequence[str | Path] = ()
) -> Path | None:
    """The house template: `--reference-docx FILE` when given, else `reference.docx` beside
    the framework (the folder, or a single file's folder), then beside each base it
    extends, nearest first; None for python-docx's default template. Raises UsageError
    for a `reference.docx` there that is not a regular file or links outside its folder."""
    if override is not None:
        if not override.is_file():
            raise UsageError(f"{override}: no such reference document")
        return override
    for place in (framework, *map(Path, bases)):
        folder = place if place.is_dir() else place.parent
        candidate = folder / REFERENCE
        if not candidate.exists() and not candidate.is_symlink():
            continue
        if not inside(candidate, folder):
            raise UsageError(f"{candidate}: reference document refused: leads outside {folder}")
        if not candidate.is_file():
            raise UsageError(f"{candidate}: reference document refused: is not a regular file")
        return candidate
    return None


def read_reference(path: Path) -> bytes:
    """The reference document's parts, checked to open as Word and packed anew: within
    the limits, without a relationship to anything outside the document; a template
    (.dotx) is read as the document it would create. Raises UsageError."""
    try:
        parts = _parts(read_regular(path, FILE_LIMIT))
    except FileProblem as exc:
        raise UsageError(f"{path}: reference document refused: {exc}") from exc
    except ValueError as exc:
        raise UsageError(f"{path}: reference document refused: {exc}") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, OSError) as exc:
        raise UsageError(f"{path}: not a Word document (.docx or .dotx): {exc}") from exc
    if CONTENT_TYPES not in parts:
        raise UsageError(f"{path}: not a Word document (.docx or .dotx): no {CONTENT_TYPES}")
    types = parts[CONTENT_TYPES]
    if _TEMPLATE_TYPE in types:
        parts[CONTENT_TYPES] = types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
    try:
        _unlink(parts)
        data = zipped(list(parts.items()))
        open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise several kinds for a broken file
        raise UsageError(f"{path}: not a Word document (.docx or .dotx): {exc}") from exc
    return data


def _shown(name: str) -> str:
    """A part's name for a message: its own characters, never a terminal's controls."""
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in name[:120])
    return text + ("…" if len(name) > 120 else "")


def _parts(data: bytes) -> dict[str, bytes]:
    """Every part of the zip by name, each checked against the limits before it is
    unpacked; raises ValueError naming the part and the limit."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > PARTS_LIMIT:
            raise ValueError(f"{len(infos):,} parts, more than {PARTS_LIMIT:,}")
        total = 0
        for info in infos:
            name, size = _shown(info.filename), info.file_size
            if size > PART_LIMIT:
                limit = _mib(PART_LIMIT)
                raise ValueError(f"part {name} unpacks to {size:,} bytes, more than {limit}")
            if size > RATIO_FROM and size > RATIO_LIMIT * max(info.compress_size, 1):
                raise ValueError(f"part {name} is packed more than {RATIO_LIMIT}:1")
            total += size
            if total > TOTAL_LIMIT:
                raise ValueError(f"its parts unpack to more than {_mib(TOTAL_LIMIT)}")
        parts: dict[str, bytes] = {}
        for info in infos:
            if info.filename in parts:
                raise ValueError(f"two parts named {_shown(info.filename)}")
            try:
                with archive.open(info) as stream:
                    # never more than the directory said, whatever the packed data holds
                    body = stream.read(info.file_size + 1)
            except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown method
                raise ValueError(f"part {_shown(info.filename)} cannot be read: {exc}") from exc
            if len(body) != info.file_size:
                raise ValueError(f"part {_shown(info.filename)} is not the size it states")
            parts[info.filename] = body
    return parts


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"


def _unlink(parts: dict[str, bytes]) -> None:
    """Drop every relationship to something outside the package (a template to attach,
    a linked picture or object, a hyperlink), and what in the part points at it, so that
    no document made from the reference calls anyone when it opens; and the base that
    relative hyperlinks (to the sibling documents) would be resolved against."""
    for name in [n for n in parts if n.endswith(".rels")]:
        rels: Any = parse_xml(parts[name])  # python-docx's parser: no entities, no network
        dropped = set()
        for rel in rels.findall(f"{_RELS}Relationship"):
            if str(rel.get("TargetMode", "")).lower() == "external":
                dropped.add(rel.get("Id"))
                rels.remove(rel)
        if not dropped:
            continue
        parts[name] = serialize_part_xml(rels)
        source = _source(name)
        if source in parts:
            parts[source] = _without(parts[source], dropped)
    if b"HyperlinkBase" in parts.get(_APP, b""):
        properties: Any = parse_xml(parts[_APP])
        bases = [b for b in properties.findall(f"{_EXTENDED}HyperlinkBase") if b.text]
        for base in bases:
            properties.remove(base)
        if bases:
            parts[_APP] = serialize_part_xml(properties)


def _source(rels: str) -> str:
    """The part a relationships part belongs to: `word/_rels/settings.xml.rels` is
    `word/settings.xml`'s."""
    folder, _, file = rels.rpartition("_rels/")
    return folder + file.removesuffix(".rels")


def _without(xml: bytes, dropped: set[str | None]) -> bytes:
    """The part with no reference left to the dropped relationships: a hyperlink keeps
    its text, an attached template or mail merge goes, any other reference is removed."""
    root: Any = parse_xml(xml)
    for element in list(root.iter()):
        pointing = [k for k, v in element.attrib.items() if k.startswith(_R) and v in dropped]
        if not pointing:
            continue
        parent = element.getparent()
        if element.tag == f"{_W}hyperlink" and parent is not None:
            at = parent.index(element)
            for child in list(element):
                parent.insert(at, child)
                at += 1
            parent.remove(element)
        elif element.tag in _GONE_WITH and parent is not None:
            parent.remove(element)
        elif element.tag in _MAIL_MERGE and parent is not None:
            above = parent.getparent()
            if above is not None:
                above.remove(parent)
        else:
            for key in pointing:
                del element.attrib[key]
    return serialize_part_xml(root)
