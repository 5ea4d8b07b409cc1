"""Every finding code has one home: the rules' catalogue or rmf.core.codes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT
from rmf.core.codes import CODES
from rmf.validate.rules import CATALOGUE

PACKAGE = ROOT / "rmf"


def _constants(tree: ast.AST) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


def raised_codes(source: str) -> set[str]:
    """The codes a module's `Finding(...)`, `Finding.at(...)`, `Rule(...)` calls and
    `code=` arguments name, as string constants or module constants."""
    tree = ast.parse(source)
    constants = _constants(tree)
    codes: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        args: list[ast.expr] = []
        if name == "at" and len(node.args) >= 2:
            args.append(node.args[1])
        elif name in ("Finding", "Rule") and node.args:
            args.append(node.args[0])
        args += [k.value for k in node.keywords if k.arg == "code"]
        for arg in args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                codes.add(arg.value)
            elif isinstance(arg, ast.Name) and arg.id in constants:
                codes.add(constants[arg.id])
    return codes


def every_raised_code() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for code in raised_codes(path.read_text(encoding="utf-8")):
            found.setdefault(code, path)
    return found


def test_the_scan_sees_codes_given_directly_and_through_constants() -> None:
    source = 'X = "too-deep"\nFinding.at(m, "a-b", "m")\nFinding.at(m, X, "m")\nRule("c-d", s)\n'
    assert raised_codes(source) == {"a-b", "too-deep", "c-d"}


def test_every_code_rmf_raises_is_catalogued_with_a_summary() -> None:
    known = set(CATALOGUE) | set(CODES)
    missing = {code: str(path) for code, path in every_raised_code().items() if code not in known}
    assert not missing


def test_a_rule_code_is_not_catalogued_twice() -> None:
    assert not set(CATALOGUE) & set(CODES)


def test_every_catalogued_code_is_raised_somewhere() -> None:
    sources = "\n".join(
        p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if p.name != "codes.py"
    )
    quoted = set(re.findall(r'"([a-z]+(?:-[a-z]+)*)"', sources))
    assert not set(CODES) - quoted
    assert all(summary and summary[0].islower() for summary in CODES.values())


def test_the_warnings_among_the_codes_are_codes_and_explained_as_warnings() -> None:
    from rmf.core.codes import WARNINGS
    from rmf.validate.explain import explanation_text

    assert WARNINGS.issubset(CODES)
    for code in WARNINGS:
        assert (explanation_text(code) or "").startswith(f"{code} (warning)")
    assert (explanation_text("yaml-syntax") or "").startswith("yaml-syntax (error)")
