"""Cells read as the values a field takes, forgivingly: `Twice a year` is `semiannual`,
`IT` is `it`, `50%` of a position is 0.5, `x` and `yes` are true."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rmf.model.types import BY_FREQUENCY
from rmf.render.derive import OFTEN, human
from rmf.sheets.layout import Cell, norm

UNIT_KINDS = ("executive", "it", "business", "relationship-office", "external")
BODY_TYPES = ("board", "steering-committee", "committee", "advisory", "forum", "working-group")
TIERS = ("strategic", "core", "transactional")
STATUSES = ("draft", "review", "approved", "retired")
EMPLOYMENT = ("permanent", "term", "contract", "casual")
# what people write for a value, beside its own name and its name in words
SAID = {
    "information technology": "it",
    "it department": "it",
    "business unit": "business",
    "department": "business",
    "relationship management office": "relationship-office",
    "business relationship office": "relationship-office",
    "brm office": "relationship-office",
    "vendor": "external",
    "supplier": "external",
    "partner organisation": "external",
    "executive office": "executive",
    "steering": "steering-committee",
    "advisory committee": "advisory",
    "advisory group": "advisory",
    "council": "committee",
    "every two weeks": "biweekly",
    "fortnightly": "biweekly",
    "every two months": "bimonthly",
    "twice a year": "semiannual",
    "half yearly": "semiannual",
    "semi annual": "semiannual",
    "yearly": "annual",
    "annually": "annual",
    "every two years": "biennial",
    "ad hoc": "as-needed",
    "as required": "as-needed",
    "each term": "per-term",
    "termly": "per-term",
    "daily": "continuous",
    "ongoing": "continuous",
}
YES = {"yes", "y", "true", "x", "1", "✓", "✔", "voting", "ex officio"}
NO = {"no", "n", "false", "0", "non voting", "-"}


def choose(value: Cell, allowed: Iterable[str]) -> str | None:
    """The allowed value a cell names: by itself, in words, as a frequency is said, or as
    people commonly say it; None when it names none of them."""
    wanted = norm(str(value))
    for option in allowed:
        spoken = (option, human(option), OFTEN.get(option, option))
        if wanted in {norm(s) for s in spoken}:
            return option
    said = SAID.get(wanted)
    return said if said in set(allowed) else None


def frequency(value: Cell) -> str | None:
    return choose(value, BY_FREQUENCY)


def number(value: Cell) -> float | None:
    """A number, also written as text (`0,5`, `50%` → 0.5); None when it is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(" ", "")
    percent = text.endswith("%")
    text = text.removesuffix("%")
    if re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        found = float(text)
    except ValueError:
        return None
    return found / 100 if percent else found


def whole(value: Cell) -> int | None:
    found = number(value)
    return int(found) if found is not None and found.is_integer() else None


def flag(value: Cell) -> bool | None:
    if isinstance(value, bool):
        return value
    text = norm(str(value)) if value is not None else ""
    if text in YES or str(value).strip() in YES:
        return True
    if text in NO:
        return False
    return None


def text(value: Cell) -> str | None:
    """A cell as text: a whole number without `.0`."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def letters(value: Cell) -> str | None:
    """RACI letters as written (`R/A`, `a`, `R, A`) → `RA`; None for anything else."""
    found = re.sub(r"[\s,;/+&.-]", "", str(value)).upper()
    if not found or set(found) - set("RACI"):
        return None
    return "".join(letter for letter in "RACI" if letter in found)
