"""Format framework files canonically (key order, indentation), keeping every comment."""

from __future__ import annotations

import io
import math
import warnings
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import ReusedAnchorWarning

from rmf.core.errors import FrameworkError
from rmf.core.findings import Finding, Mark
from rmf.fmt.comments import Scan, commented_flows, nodes, restore, scan
from rmf.fmt.roundtrip import hold, keep_anchors, new_yaml, unflow
from rmf.model.framework import ROOT_MODELS, SECTION_MODELS, Metadata, Waiver
from rmf.model.refs import field_types
from rmf.model.types import ROOT_SECTIONS, SECTIONS
from rmf.reading.loader import is_extension_key
from rmf.reading.override import OVERRIDE_KEY
from rmf.reading.reader import read_text

Path_ = tuple[str | int, ...]
# what the loader reads before the framework (its base, what it drops, its files) first;
# the changes to the base's entities after the sections
HEAD = ("rmf", "extends", "exclude", "include")
TOP_ORDER = (*HEAD, "framework", *SECTIONS, OVERRIDE_KEY, *ROOT_SECTIONS, "rules", "waivers")
TOP_MODELS: dict[str, type[BaseModel]] = {
    "framework": Metadata,
    "waivers": Waiver,
    **SECTION_MODELS,
    **ROOT_MODELS,
}


# --- canonical key order ------------------------------------------------------------


def _fields(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    """YAML keys of a model in field order, with the model each one nests."""
    return {f.key: f.nested for f in field_types(model)}


def _top_rank(key: str) -> tuple[int, int]:
    if key in HEAD:
        return (0, TOP_ORDER.index(key))
    if is_extension_key(key):
        return (1, 0)  # anchors live here: keep them before what uses them
    if key in TOP_ORDER:
        return (2, TOP_ORDER.index(key))
    return (3, 0)


def _reorder(node: Any, model: type[BaseModel] | None, seen: set[int]) -> None:
    """Put the keys of every mapping the model knows in its field order, in place."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, CommentedSeq):
        for item in node:
            _reorder(item, model, seen)
        return
    if not isinstance(node, CommentedMap):
        return
    own = [k for k, _ in node.non_merged_items()]
    if model is None:  # the top level of a file
        wanted = sorted(own, key=lambda k: _top_rank(str(k)))
        children: dict[str, type[BaseModel] | None] = dict(TOP_MODELS)
    else:
        children = _fields(model)
        order = list(children)
        wanted = sorted(own, key=lambda k: order.index(k) if k in order else len(order))
    if wanted != own:
        for key in wanted:
            node.move_to_end(key)
    for key in own:
        nested = children.get(str(key))
        if nested is not None:
            _reorder(node[key], nested, seen)


def _strip_comments(node: Any, seen: set[int]) -> None:
    """Drop ruamel's own comment records: comments are placed by `_assemble` instead."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if not isinstance(node, CommentedMap | CommentedSeq):
        if getattr(node, "comment", None) is not None:
            node.comment = None  # a block scalar's header comment
        return
    node.ca.comment = None
    node.ca.items.clear()
    node.ca.end = []
    for child in node.values() if isinstance(node, CommentedMap) else node:
        _strip_comments(child, seen)


# --- formatting -----------------------------------------------------------------------


def format_text(text: str, display: str = "<text>") -> str:
    """Canonical text of one framework file; raise FrameworkError if it cannot be read, or
    (`fmt-unsafe`) if formatting cannot keep its meaning and comments."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # YAML reads all three alike
    doc = read_text(text, display)
    if doc.findings:
        raise FrameworkError(doc.findings)
    try:
        held = hold(text)
        source = scan(held.text)
        dumped = _dump(held.text, source)
        result = held.restore(restore(dumped, source, sorted(nodes(held.text), key=lambda n: n[1])))
    except Exception as exc:  # the YAML libraries' errors, whatever their class
        if not _from_yaml(exc):
            raise
        raise FrameworkError([_unsafe(exc, display)]) from None
    _verify(result, doc.data, source, display)
    return result


def _dump(text: str, source: Scan) -> str:
    """The text loaded by ruamel and written back in canonical order, without comments."""
    yaml = new_yaml()
    with warnings.catch_warnings():
        # an anchor named twice reads as YAML says (the later one); _verify checks the result
        warnings.simplefilter("ignore", ReusedAnchorWarning)
        tree = yaml.load(text)
    keep_anchors(tree, set())
    unflow(tree, commented_flows(text, source))
    _strip_comments(tree, set())
    _reorder(tree, None, set())
    buffer = io.StringIO()
    yaml.dump(tree, buffer)
    return buffer.getvalue()


def _from_yaml(exc: Exception) -> bool:
    """Whether ruamel or libyaml raised it: their own errors, and what their
    constructors let through (a ValueError from a scalar)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    module = str(tb.tb_frame.f_globals.get("__name__", "")) if tb is not None else ""
    return any(m.startswith(("ruamel.", "yaml.")) for m in (type(exc).__module__, module))


def _unsafe(exc: Exception, display: str) -> Finding:
    """A located `fmt-unsafe` finding for what ruamel's round-trip could not hold."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = Mark(display, mark.line + 1, mark.column + 1) if mark is not None else None
    problem = str(getattr(exc, "problem", None) or exc).strip()
    if "duplicate merge key" in problem:
        message = (
            "a second merge key `<<` in this mapping: fmt cannot keep two; write them as "
            "one (`<<: [*a, *b]`, the first one listed wins, as now) and run fmt again"
        )
    else:
        first = problem.splitlines()[0] if problem else type(exc).__name__
        message = (
            f"fmt cannot rewrite this file: its YAML round-trip stops here ({first}), "
            "though rmf reads the file; the file is left as it is: format it by hand"
        )
    return Finding.at(where or Mark(display, 1, 1), "fmt-unsafe", message)


def _same(a: Any, b: Any) -> bool:
    """Data equality, with NaN equal to itself and `1` different from `1.0` and `true`;
    the order of mapping keys carries no meaning."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _comments(text: str) -> list[str] | None:
    """The texts of the comments of formatted text, sorted; None if it cannot be scanned."""
    try:
        return sorted(c.text for c in scan(hold(text).text).comments)
    except Exception as exc:
        if not _from_yaml(exc):
            raise
        return None


def _verify(result: str, data: Any, source: Scan, display: str) -> None:
    """Refuse a result that reads differently or lost a comment: never change meaning."""
    again = read_text(result, display)
    problem = ""
    if again.findings or not _same(data, again.data):
        problem = "the formatted text would not read as the same data"
    elif sorted(c.text for c in source.comments) != _comments(result):
        problem = "formatting would move or lose a comment"
    if problem:
        raise FrameworkError(
            [
                Finding.at(
                    Mark(display, 1, 1),
                    "fmt-unsafe",
                    f"{problem}; the file is left as it is (this is a bug in rmf fmt: "
                    "please report it with the file)",
                )
            ]
        )
