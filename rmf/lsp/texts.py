"""The text of a framework's files as the editor has them: an open buffer in place of the
disk, for reading a framework and for turning its marks into places in the text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager

from rmf.core.files import FileProblem, given_file, read_regular
from rmf.reading.reader import LINE_BREAK  # YAML's line breaks are LSP's too


@contextmanager
def buffers_read(buffers: Mapping[str, str]) -> Iterator[None]:
    """For the time of the block, each file with an open buffer reads as the buffer."""
    with ExitStack() as stack:
        for path, text in buffers.items():
            stack.enter_context(given_file(path, text.encode("utf-8")))
        yield


class Texts:
    """Each file's text, read once: the buffer the editor has open, else the disk."""

    def __init__(self, buffers: Mapping[str, str]) -> None:
        self._buffers = dict(buffers)
        self._read: dict[str, str | None] = {}
        self._lines: dict[str, list[str]] = {}

    def text(self, file: str) -> str | None:
        """The file's text; None when there is no readable text file there."""
        if file in self._buffers:
            return self._buffers[file]
        if file not in self._read:
            try:
                raw = read_regular(file)
                text: str | None = raw.decode("utf-8")
            except (FileProblem, UnicodeDecodeError):
                text = None
            self._read[file] = text[1:] if text and text.startswith("\ufeff") else text
        return self._read[file]

    def lines(self, file: str) -> list[str]:
        """The file's lines without their breaks (none when it cannot be read)."""
        if file not in self._lines:
            self._lines[file] = LINE_BREAK.split(self.text(file) or "")
        return self._lines[file]

    def line(self, file: str, line: int) -> str:
        """Line `line` (1-based) of a file, empty past its end."""
        lines = self.lines(file)
        return lines[line - 1] if 0 < line <= len(lines) else ""
