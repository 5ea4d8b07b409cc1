"""Validation findings as SARIF 2.1.0, in the subset that GitHub code scanning reads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from rmf import HOME, __version__
from rmf.core.findings import Finding, Mark, Waived
from rmf.validate.places import (
    Places,
    file_uri,
    fingerprints,
    project_root,
    relative_path,
    uri_of,
)
from rmf.validate.run import Result

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "%SRCROOT%"  # the base of every relative URI: the repository's top folder
FINGERPRINT = "rmf/v1"


def rule_codes() -> list[str]:
    """Every code rmf can report, in one order whatever a run finds, so that a rule's
    index in `tool.driver.rules` never shifts between runs."""
    from rmf.core.codes import CODES
    from rmf.validate.rules import CATALOGUE

    return sorted({*CATALOGUE, *CODES})


def _sentence(text: str) -> str:
    """Text as a sentence: capitalised, ending in a full stop (SARIF asks messages to)."""
    text = " ".join(text.split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _name(code: str) -> str:
    """A rule's friendly name: its code in Pascal case (SARIF keeps `name` apart from
    `id`, and a word of one letter is no Pascal-case word)."""
    words = [part.capitalize() for part in code.split("-") if len(part) > 1]
    return "".join(words) + ("Problem" if len(words) == 1 else "")


def rule_descriptor(code: str) -> dict[str, Any]:
    """A rule's metadata: what it finds, why, and `rmf explain`'s text as its help."""
    from rmf.core.codes import CODES
    from rmf.validate.explain import (
        EXPLANATIONS,
        explanation_markdown,
        explanation_text,
        help_uri,
    )
    from rmf.validate.rules import CATALOGUE

    known = CATALOGUE.get(code)
    summary = _sentence(known.summary if known else CODES.get(code, code))
    why = EXPLANATIONS[code].why if code in EXPLANATIONS else ""
    full = f"{summary} {why}" if why else f"{summary} A finding of reading or of the schema."
    return {
        "id": code,
        "name": _name(code),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {
            "text": explanation_text(code) or summary,
            "markdown": explanation_markdown(code) or summary,
        },
        "helpUri": help_uri(code),
        "defaultConfiguration": {"level": known.severity.value if known else "error"},
        "properties": {"tags": ["rmf", "rule" if known else "format"], "precision": "very-high"},
    }


class _Locator:
    """Physical locations: URIs relative to the repository's top where they can be."""

    def __init__(self, marks: Sequence[Mark], root: Path) -> None:
        self.root = root
        self.places = Places(marks)

    def path(self, file: str) -> str:
        return relative_path(file, self.root) or file_uri(file)

    def location(self, mark: Mark) -> dict[str, Any]:
        rel = relative_path(mark.file, self.root)
        artifact = (
            {"uri": uri_of(rel), "uriBaseId": ROOT_ID}
            if rel is not None
            else {"uri": file_uri(mark.file)}
        )
        extent = self.places.region(mark)
        region = self.places.utf16(mark, extent)
        place: dict[str, Any] = {
            "artifactLocation": artifact,
            "region": {
                "startLine": region.line,
                "startColumn": region.column,
                "endLine": region.line,
                "endColumn": region.end_column,
            },
        }
        line = self.places.line(mark)
        if line.strip():  # the code itself, for a reader without the file
            place["region"]["snippet"] = {"text": line[extent.column - 1 : extent.end_column - 1]}
        if line.strip() and self.places.whole(mark):
            place["contextRegion"] = {
                "startLine": region.line,
                "endLine": region.line,
                "snippet": {"text": line},
            }
        return {"physicalLocation": place}


def _suppression(waived: Waived, at: _Locator) -> dict[str, Any]:
    """A waiver as SARIF sees it: a suppression written in the analysed files, accepted,
    with the waiver's reason as its justification."""
    extra: dict[str, str] = {}
    if waived.owner:
        extra["owner"] = waived.owner
    if waived.expires:
        extra["expires"] = waived.expires.isoformat()
    out: dict[str, Any] = {
        "kind": "inSource",
        "status": "accepted",
        "justification": waived.reason,
        "location": at.location(waived.waiver),
    }
    if extra:
        out["properties"] = extra
    return out


def sarif_log(results: Sequence[Result], root: Path | None = None) -> dict[str, Any]:
    """The SARIF log of validation results: one run, every rule, findings and waived
    findings (as suppressed results), files relative to `root` (by default the top of the
    repository that holds the current folder)."""
    root = root or project_root()
    codes = rule_codes()
    index = {code: i for i, code in enumerate(codes)}
    shown: list[tuple[Finding, Waived | None]] = []
    for r in results:
        shown += [(f, None) for f in r.findings]
        shown += [(w.finding, w) for w in r.waived]
    for f, _ in shown:
        if f.code not in index:  # not catalogued: listed after every catalogued one
            index[f.code] = len(codes)
            codes.append(f.code)
    marks = [f.mark for f, _ in shown] + [w.waiver for _, w in shown if w is not None]
    at = _Locator(marks, root)
    prints = fingerprints([f for f, _ in shown], [at.path(f.file) for f, _ in shown])
    entries = []
    for (f, waived), fingerprint in zip(shown, prints, strict=True):
        entry: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": f.severity.value,
            "message": {"text": _sentence(f.message)},
            "locations": [at.location(f.mark)],
            "partialFingerprints": {FINGERPRINT: fingerprint},
        }
        if f.target is not None:
            entry["properties"] = {"target": f.target}
        if waived is not None:
            entry["suppressions"] = [_suppression(waived, at)]
        entries.append(entry)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "rmf",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": HOME,
                "rules": [rule_descriptor(c) for c in codes],
            }
        },
        "originalUriBaseIds": {ROOT_ID: {"uri": root.as_uri().rstrip("/") + "/"}},
        "columnKind": "utf16CodeUnits",
        "results": entries,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def write_sarif(results: Sequence[Result], out: IO[str]) -> None:
    out.write(json.dumps(sarif_log(results), indent=2, ensure_ascii=False) + "\n")
