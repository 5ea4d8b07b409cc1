"""A page as served: its findings banner, the script that reloads it when it changes, and
the one policy that lets that script run. The rendered documents themselves hold none of
them."""

from __future__ import annotations

import json
from html import escape

from rmf.render.engine import POLICY, POLICY_META
from rmf.serve.site import Snapshot, Trouble

EVENTS = "/_rmf/events"  # where an open page hears that it changed
SHOWN = 20  # findings listed in the banner; `rmf validate` lists them all

# Reloads the page when its version (as served) is no longer the server's. A page in a
# hidden tab lets its connection go (browsers allow six to a server) and, shown again,
# asks once more; EventSource connects again by itself when the server restarts.
_SCRIPT = """(function () {
  var seen = %(token)s, page = %(page)s, source = null;
  function open() {
    if (source !== null) return;
    source = new EventSource("%(events)s?page=" + encodeURIComponent(page));
    source.onmessage = function (event) {
      if (event.data !== seen) { source.close(); location.reload(); }
    };
  }
  function shut() { if (source !== null) { source.close(); source = null; } }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) shut(); else open();
  });
  if (!document.hidden) open();
})();"""

_BANNER_STYLE = (
    "position:sticky;top:0;z-index:10;margin:0 0 1rem;padding:0.6rem 1rem;"
    "background:#fdecea;color:#1d2733;border:2px solid #b3261e;border-radius:4px;"
    "font:14px/1.4 system-ui,sans-serif"
)


def policy(nonce: str) -> str:
    """rmf's page policy, and one script (the one with `nonce`) that may talk to the
    server it came from."""
    return f"{POLICY}; script-src 'nonce-{nonce}'; connect-src 'self'"


def _json(value: str) -> str:
    """A string as a JavaScript literal that cannot end the <script> element."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


def script(name: str, token: str, nonce: str) -> str:
    """The reloading script of the page at `name`, served at version `token`."""
    source = _SCRIPT % {"token": _json(token), "page": _json(name), "events": EVENTS}
    return f'<script nonce="{escape(nonce)}">\n{source}\n</script>'


def banner(trouble: Trouble, rendered: bool, failed: bool = False) -> str:
    """What stops the framework rendering, at the top of every page: each finding as
    path:line:col  message (code); or what stopped this one page being made (`failed`)."""
    if failed:
        heading = "This page could not be made; it shows once the problem is fixed."
        lines = [escape(trouble.problem or "")]
    elif trouble.problem is not None:
        heading = "The documents could not be rendered; " + (
            "this page is the last version that could."
            if rendered
            else "they show once it is fixed."
        )
        lines = [escape(trouble.problem)]
    else:
        count = len(trouble.findings)
        heading = f"The framework has {count} error{'s' if count != 1 else ''}; " + (
            "this page is the last version without errors."
            if rendered
            else "the documents show once it has none."
        )
        lines = [
            f"<code>{escape(f'{f.file}:{f.line}:{f.column}')}</code>  "
            f"{escape(f.message)} ({escape(f.code)})"
            for f in trouble.findings
        ]
    items = "".join(f"<li>{line}</li>\n" for line in lines[:SHOWN])
    if len(lines) > SHOWN:
        items += f"<li>and {len(lines) - SHOWN} more: <code>rmf validate</code> lists them</li>\n"
    return (
        f'<aside id="rmf-findings" role="alert" style="{_BANNER_STYLE}">\n'
        f"<strong>{escape(heading)}</strong>\n"
        f'<ul style="margin:0.4rem 0 0;padding-left:1.2rem">\n{items}</ul>\n</aside>'
    )


def dressed(name: str, snapshot: Snapshot, nonce: str) -> str:
    """The page as served: the policy that lets its script run, the banner after
    <body> when the framework has errors, and the script at the end."""
    html = snapshot.page if snapshot.page is not None else _missing(name, snapshot)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(nonce)}">'
    html = html.replace(POLICY_META, meta, 1)
    if snapshot.trouble is not None:
        at = _after_body(html)
        shown = banner(snapshot.trouble, snapshot.rendered, snapshot.failed)
        html = html[:at] + "\n" + shown + html[at:]
    end = html.lower().rfind("</body>")
    at = end if end >= 0 else len(html)
    return html[:at] + script(name, snapshot.token, nonce) + "\n" + html[at:]


def _after_body(html: str) -> int:
    """Where the body's content starts: after the <body> tag; at the start without one."""
    start = html.lower().find("<body")
    if start < 0:
        return 0
    end = html.find(">", start)
    return end + 1 if end >= 0 else 0


def _missing(name: str, snapshot: Snapshot) -> str:
    """A page for an address that has no document (yet): it reloads when one comes."""
    if snapshot.failed:
        message = f"The document at /{escape(name)} could not be made: see above."
    elif snapshot.rendered:
        message = f'No document at /{escape(name)}: <a href="/">the index</a> lists them.'
    else:
        message = "No document has rendered yet."
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"{POLICY_META}\n<title>{escape(name)} — rmf serve</title>\n</head>\n<body>\n"
        f"<p>{message}</p>\n</body>\n</html>\n"
    )
