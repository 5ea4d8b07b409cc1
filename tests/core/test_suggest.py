"""Did-you-mean from an index: realistic typos find their name, with bounded work."""

from __future__ import annotations

import difflib

import pytest

from rmf.core.suggest import MAX_LOOKUPS, MAX_POSTINGS, MAX_SCORED, Suggester, closest, hint

WORDS = [
    "relationship",
    "manager",
    "business",
    "unit",
    "office",
    "finance",
    "risk",
    "audit",
    "cloud",
    "service",
    "desk",
]
# a large id space of kebab ids that share most of their words and trigrams
IDS = [f"{a}-{b}-{n}" for i, a in enumerate(WORDS) for b in WORDS[i + 1 :] for n in range(80)]


@pytest.fixture(scope="module")
def index() -> Suggester:
    return Suggester(IDS)


def test_few_names_are_all_compared_as_difflib_does() -> None:
    names = ["unused-principle", "orphan-indicator", "cycle", "time-shares"]
    for word in ("unused-principal", "orphan", "cycles", "time-share", "zzz"):
        expected = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
        assert closest(word, names) == (expected[0] if expected else None)


def test_a_few_names_are_all_compared_however_many_they_are() -> None:
    # the fields of a governance body: more than MAX_SCORED, and `nmae` shares no trigram
    # with `name`
    names = ["id", "name", "type", "purpose", "reports_to", "authority", "scope", "chair"]
    names += ["secretary", "members", "quorum", "quorum_rule", "voting_rule", "meets"]
    assert len(names) > MAX_SCORED
    assert closest("nmae", names) == "name"
    assert closest("tpye", names) == "type"


def test_the_same_words_in_another_order_are_the_name_meant() -> None:
    assert closest("indicator-orphan", ["orphan-indicator", "origin-indicators"]) == (
        "orphan-indicator"
    )


def test_the_hint_reads_as_a_question_or_is_empty() -> None:
    assert hint("unit-7") == "; did you mean `unit-7`?"
    assert hint(None) == ""
    assert Suggester(["board"]).hint("nothing-like-it") == ""


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("relationship-manger-12", "relationship-manager-12"),  # one edit
        ("relatoinship-manager-12", "relationship-manager-12"),  # a swap
        ("relationsip-manger-12", "relationship-manager-12"),  # two edits
        ("manager-relationship-12", "relationship-manager-12"),  # swapped words
        ("finance-risk-7x", "finance-risk-7"),
    ],
)
def test_realistic_typos_find_the_name_meant_among_thousands(
    index: Suggester, typo: str, meant: str
) -> None:
    assert len(index.names) > 4000
    assert index.closest(typo) == meant


def test_a_missing_prefix_finds_the_name() -> None:
    names = [*IDS, "role-portfolio-lead", "role-portfolio-analyst"]
    assert Suggester(names).closest("portfolio-lead") == "role-portfolio-lead"


def test_each_lookup_scores_a_bounded_number_of_names() -> None:
    index = Suggester(IDS)
    typos = [f"{name}x" for name in IDS[::29]]
    for word in typos:
        index.closest(word)
    assert index.scored <= MAX_SCORED * len(typos)
    assert MAX_SCORED < MAX_POSTINGS < len(IDS) / 10


def test_a_name_looked_up_twice_is_scored_once() -> None:
    index = Suggester(IDS)
    first = index.closest("risk-audit-3x")
    scored = index.scored
    assert index.closest("risk-audit-3x") == first == "risk-audit-3"
    assert index.scored == scored


def test_past_the_lookup_cap_no_more_hints_are_computed() -> None:
    fresh = Suggester(IDS[:200])
    for n in range(MAX_LOOKUPS):
        fresh.closest(f"no-such-name-{n}")
    scored = fresh.scored
    assert fresh.closest("relationship-manger-12") is None
    assert fresh.scored == scored
