"""YAML 1.2 core-schema scalars: what a plain or tagged scalar means, and nothing more."""

from __future__ import annotations

import math
import re
from typing import Any

from rmf.core.findings import Finding, Mark

CORE = "tag:yaml.org,2002:"


class YamlProblem(Exception):
    """Stops building a file; carries the located finding."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def resolve_plain(text: str) -> Any:
    """The value of an untagged plain scalar under the YAML 1.2 core schema."""
    if text and text[0] not in _NON_TEXT_START:
        return text  # most plain scalars are words: no pattern can match them
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text[0] in "tT"
    if _INT.match(text):
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text)
    if _FLOAT.match(text):
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        if lowered == ".nan":
            return math.nan
        return float(text)
    return text


# Every null, bool, int and float of the core schema starts with one of these.
_NON_TEXT_START = frozenset("~nNtTfF0123456789+-.")
STR_TAG = CORE + "str"
MAP_TAG = CORE + "map"
SEQ_TAG = CORE + "seq"


def tagged(text: str, tag: str, mark: Mark) -> Any:
    """The value of a scalar with an explicit core tag."""
    name = tag[len(CORE) :] if tag.startswith(CORE) else tag
    if tag == "!" or name == "str":
        return text
    value: Any = resolve_plain(text)
    wanted: dict[str, tuple[type, ...]] = {
        "null": (type(None),),
        "bool": (bool,),
        "int": (int,),
        "float": (float, int),
    }
    kinds = wanted.get(name)
    if kinds is None:
        raise tag_problem(tag, mark)
    if isinstance(value, bool) and bool not in kinds:
        kinds = ()
    if not isinstance(value, kinds):
        raise YamlProblem(
            Finding.at(mark, "yaml-syntax", f"`{text}` is not a valid value for tag `!!{name}`")
        )
    if name == "float" and isinstance(value, int):
        return float(value)
    return value


def tag_problem(tag: str, mark: Mark) -> YamlProblem:
    shown = "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag
    return YamlProblem(
        Finding.at(
            mark,
            "forbidden-tag",
            f"the tag `{shown}` is not allowed: a framework holds plain data only; "
            "remove the tag (only the YAML core tags such as !!str are accepted)",
        )
    )
