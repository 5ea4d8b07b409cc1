"""The source line of a finding: read only as far as it is, cut around its column."""

from __future__ import annotations

import io
from pathlib import Path

from rmf.validate import excerpt as ex
from rmf.validate.excerpt import WIDTH, excerpt, source_lines


class Counting(io.BytesIO):
    """A file that remembers how far it was read."""

    furthest = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.furthest = max(self.furthest, self.tell())
        return line


def test_the_file_is_read_no_further_than_the_last_line_wanted() -> None:
    handle = Counting(b"".join(b"line %d\n" % n for n in range(1, 100_001)))
    assert ex._read_lines(handle, {3: 100, 5: 100}) == {3: b"line 3\n", 5: b"line 5\n"}
    assert handle.furthest == len(b"".join(b"line %d\n" % n for n in range(1, 6)))


def test_a_huge_line_is_kept_only_as_far_as_it_is_shown(tmp_path: Path) -> None:
    path = tmp_path / "one-line.yaml"
    path.write_bytes(b"\xef\xbb\xbfk: " + b"x" * 3_000_000)  # one line, no line feed
    line = source_lines(str(path), [(1, 1)])[1]
    assert line.startswith("k: xx") and len(line) <= 4 + ex.MARGIN


def test_lines_are_counted_by_line_feeds_only(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("a: 1\r\nb: \u2028 \x85 x\r\nc: 3\n".encode())
    assert source_lines(str(path), [(2, 1), (3, 1), (9, 1)]) == {2: "b: \u2028 \x85 x", 3: "c: 3"}


def test_a_missing_file_or_a_folder_gives_nothing(tmp_path: Path) -> None:
    assert source_lines(str(tmp_path / "nowhere.yaml"), [(1, 1)]) == {}
    assert source_lines(str(tmp_path), [(1, 1)]) == {}


def test_an_excerpt_is_the_line_when_it_is_short() -> None:
    assert excerpt("key: value", 6) == ("key: value", 5)


def test_an_excerpt_of_a_long_line_is_cut_with_an_ellipsis() -> None:
    shown, at = excerpt("a" * 500, 3)
    assert len(shown) == WIDTH and shown.endswith("…") and at == 2
    shown, at = excerpt("a" * 400 + "X" + "b" * 10, 401)
    assert shown.startswith("…a") and shown.endswith("Xbbbbbbbbbb") and shown[at] == "X"
