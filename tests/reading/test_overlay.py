"""A client framework that extends a base methodology: add, override, exclude."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import MINIMAL
from rmf.reading.loader import load_source
from rmf.validate.run import validate

CLIENT = """\
rmf: 1
extends: ../base
framework:
  id: client
  name: Client framework
  client: Client Co
  version: 2.0.0
  status: draft
principles:
  - id: partner
    title: Partner, the client's way
    statement: IT partners with each business unit.
units:
  - id: marketing
    name: Marketing
    kind: business
relationships:
  - id: marketing-relationship
    unit: marketing
    manager: brm
    allocation: 0.25
communications:
  - id: marketing-update
    name: Marketing update
    objective: Keep Marketing informed.
    audience: [marketing]
    owner: brm
    channel: email
    frequency: monthly
"""


def write(tmp_path: Path, client: str = CLIENT, base: str = MINIMAL) -> Path:
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "framework.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "client").mkdir()
    (tmp_path / "client" / "framework.yaml").write_text(client, encoding="utf-8")
    return tmp_path / "client"


def found(path: Path) -> list[tuple[str, int, str]]:
    return [
        (Path(f.file).parent.name, f.line, f.code)
        for f in validate(path, date(2026, 11, 26)).findings
    ]


def test_the_client_order_comes_first_and_an_override_takes_its_place(tmp_path: Path) -> None:
    text = CLIENT.replace(
        "units:\n", "units:\n  - id: sales\n    name: Sales, renamed\n    kind: business\n"
    )
    source = load_source(write(tmp_path, text))
    ids = [(u["id"], u["name"]) for u in source.data["units"]]
    assert ids == [("sales", "Sales, renamed"), ("marketing", "Marketing"), ("it", "IT")]
    assert [source.origins[("units", i)] for i in range(3)] == ["override", "client", "base"]


def test_a_client_adds_to_and_overrides_its_base(tmp_path: Path) -> None:
    client = write(tmp_path)
    assert found(client) == []
    source = load_source(client)
    ids = [u["id"] for u in source.data["units"]]
    assert ids == ["marketing", "it", "sales"]  # the client's own first, in its order
    assert source.data["principles"][0]["title"] == "Partner, the client's way"
    assert source.data["framework"]["id"] == "client"
    assert source.origins[("principles", 0)] == "override"
    assert source.origins[("units", 0)] == "client"
    assert source.origins[("units", 1)] == "base"
    assert source.bases == [(tmp_path / "base" / "framework.yaml").as_posix()]


def test_an_override_is_located_in_the_client_file(tmp_path: Path) -> None:
    client = write(tmp_path, CLIENT.replace("title: Partner, the client's way", "titel: x"))
    # the misspelt key is the one finding: `title` is not also reported missing
    assert found(client) == [("client", 11, "unknown-field")]


def test_a_problem_in_the_base_is_reported_at_the_base_file(tmp_path: Path) -> None:
    client = write(tmp_path, base=MINIMAL.replace("chair: sales-head", "chair: nobody"))
    assert found(client) == [("base", 42, "unresolved-reference")]


def test_exclude_drops_base_entities(tmp_path: Path) -> None:
    text = CLIENT.replace("extends: ../base\n", "extends: ../base\nexclude: [monthly-update]\n")
    client = write(tmp_path, text)
    ids = [c["id"] for c in load_source(client).data["communications"]]
    assert ids == ["marketing-update"]
    # Sales is no longer in any audience once the base's update is dropped
    assert found(client) == [("base", 16, "unreached-business-unit")]


def test_exclude_of_an_unknown_id_suggests_the_closest(tmp_path: Path) -> None:
    text = CLIENT.replace("extends: ../base\n", "extends: ../base\nexclude: [monthly-updat]\n")
    result = validate(write(tmp_path, text), date(2026, 11, 26))
    [finding] = result.findings
    assert (finding.line, finding.code) == (3, "unresolved-reference")
    assert "did you mean `monthly-update`" in finding.message


def test_rules_of_the_client_override_those_of_the_base(tmp_path: Path) -> None:
    base = (
        MINIMAL.replace("principles: [partner]", "principles: []")
        + "rules: {unused-principle: error}\n"
    )
    client = write(tmp_path, CLIENT + "rules: {unused-principle: off}\n", base)
    assert found(client) == []
    client_off = tmp_path / "client" / "framework.yaml"
    client_off.write_text(CLIENT, encoding="utf-8")
    assert found(tmp_path / "client") == [("client", 10, "unused-principle")]


def test_a_missing_base_is_located(tmp_path: Path) -> None:
    client = write(tmp_path, CLIENT.replace("../base", "../nowhere"))
    assert found(client) == [("client", 2, "extends-not-found")]


def test_bases_that_extend_each_other_are_refused(tmp_path: Path) -> None:
    base = MINIMAL.replace("rmf: 1\n", "rmf: 1\nextends: ../client\n")
    assert found(write(tmp_path, base=base)) == [("base", 2, "extends-cycle")]


def test_exclude_without_extends_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(MINIMAL + "exclude: [partner]\n", encoding="utf-8")
    assert [(f.line, f.code) for f in validate(path).findings] == [(96, "invalid-value")]


def test_templates_of_the_base_serve_its_clients(tmp_path: Path) -> None:
    from rmf.render.engine import template_dirs

    client = write(tmp_path)
    (tmp_path / "base" / "templates").mkdir()
    (tmp_path / "client" / "templates").mkdir()
    bases = load_source(client).bases
    assert template_dirs(client, None, bases) == [
        (tmp_path / "client" / "templates").resolve(),
        (tmp_path / "base" / "templates").resolve(),
    ]


def test_an_empty_waivers_key_keeps_the_base_waivers(tmp_path: Path) -> None:
    waiver = (
        "waivers:\n  - rule: unreached-business-unit\n    target: sales\n"
        "    reason: Reached through the forum.\n"
    )
    base = MINIMAL.replace("audience: [sales]", "audience: [brm]") + waiver
    client = write(tmp_path, CLIENT + "waivers:\n", base)
    assert found(client) == []
