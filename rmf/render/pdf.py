"""PDF from a document's HTML page, by WeasyPrint: the page's print styles give A4 pages,
landscape pages for wide tables, the document's title and "Page N of M" in the footer,
and the headings become the PDF's bookmarks."""

from __future__ import annotations

import logging
from typing import Any

from rmf.core.errors import UsageError

# What WeasyPrint needs of the system beyond Python: Pango, which brings HarfBuzz and
# fontconfig; a standard Debian or Ubuntu Python image has them.
SYSTEM = (
    "PDF output needs WeasyPrint's system libraries (Pango 1.44 or later): on Debian or "
    "Ubuntu, `apt-get install libpango-1.0-0 libpangoft2-1.0-0`; on macOS, "
    "`brew install pango`; see https://doc.courtbouillon.org/weasyprint/stable/"
    "first_steps.html#installation"
)


def _weasyprint() -> Any:
    try:
        import weasyprint
        import weasyprint.urls
    except ImportError as exc:
        if exc.name == "weasyprint":
            raise UsageError("PDF output needs WeasyPrint: pip install weasyprint") from exc
        raise UsageError(f"{SYSTEM} ({exc})") from exc
    except OSError as exc:  # a shared library WeasyPrint loads is missing
        raise UsageError(f"{SYSTEM} ({exc})") from exc
    return weasyprint


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Nothing is fetched, neither from the network nor from local files: a document
    is made from the framework alone (its diagrams are inline, its pictures data: URIs,
    which hold what they show)."""
    if url.startswith("data:"):
        import weasyprint

        return dict(weasyprint.default_url_fetcher(url, *args, **kwargs))
    raise ValueError(f"rmf fetches nothing for a PDF: {url}")


def _fetcher(weasyprint: Any) -> Any:
    """A URL fetcher that reads data: URIs only, of the kind this WeasyPrint takes."""
    kind = getattr(weasyprint.urls, "URLFetcher", None)
    if kind is None:  # before WeasyPrint 66, a function
        return _no_fetching
    return kind(allowed_protocols=("data",))


def to_pdf(html: str) -> bytes:
    """The PDF of an HTML page, the same bytes for the same page."""
    weasyprint = _weasyprint()
    # what WeasyPrint could not fetch or lay out is its log's business, not the terminal's
    logging.getLogger("weasyprint").addHandler(logging.NullHandler())
    document = weasyprint.HTML(string=html, url_fetcher=_fetcher(weasyprint), base_url=None)
    # no creation date is written unless the page states one: the same page gives the
    # same bytes
    data = document.write_pdf()
    assert isinstance(data, bytes)
    return data
