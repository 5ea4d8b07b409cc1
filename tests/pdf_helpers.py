"""Reading PDFs the way a person reads the pages: the text of each page, through poppler's
pdftotext, and a record of how many pages each document prints to."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable

from conftest import PAGE_COUNTS

PDFTOTEXT = shutil.which("pdftotext")
# where a line may end inside a word: after a hyphen or a dash
_BREAKS = re.compile(r"(?<=[-\u2010\u2013\u2014])")


def pages_of(pdf: bytes) -> list[str]:
    """The text of each page, in reading order."""
    assert PDFTOTEXT is not None
    done = subprocess.run([PDFTOTEXT, "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8", "replace").rstrip("\f").split("\f")


def broken_words(words: Iterable[str], pages: list[str]) -> set[str]:
    """The words that appear whole on no line of the pages: broken across two lines.
    A line may end after a hyphen (pdftotext then joins the halves, dropping it)."""
    lines = [line for page in pages for line in page.splitlines()]
    text = "\n".join(lines)
    broken = set()
    for word in set(words):
        if word in text or word.replace("-", "") in text:
            continue
        for part in _BREAKS.split(word):
            if len(part) > 1 and not any(part in line for line in lines):
                broken.add(word)
    return broken


def blank_pages(pages: list[str], footer: Iterable[str]) -> list[int]:
    """The numbers of pages with nothing on them but the footer."""
    known = tuple(footer)
    return [
        number
        for number, page in enumerate(pages, 1)
        if not [line for line in page.splitlines() if line.strip() and not line.startswith(known)]
    ]


def record(name: str, count: int) -> None:
    """Note a document's page count for the report at the end of the test run."""
    PAGE_COUNTS[name] = count
