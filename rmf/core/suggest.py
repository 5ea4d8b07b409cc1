"""Did-you-mean: the known name closest to a mistyped one, from an index built once."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable

CUTOFF = 0.6  # as difflib.get_close_matches: below this, nothing is close enough
# Per lookup, at most this many posting entries are counted and this many names scored,
# so that thousands of unknown names cost thousands of small lookups, not a square.
MAX_POSTINGS = 400
MAX_SCORED = 12
# Past this many names looked up in one index, no more hints: a thousand "did you mean"s
# already say the file is not what it should be, and thousands more only cost time.
MAX_LOOKUPS = 1000


def hint(name: str | None) -> str:
    """The "; did you mean …?" tail of a message, or nothing."""
    return f"; did you mean `{name}`?" if name is not None else ""


def _grams(word: str) -> set[str]:
    """Trigrams of a word with its ends marked, so prefixes and suffixes count too."""
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _words(name: str) -> tuple[str, ...]:
    return tuple(sorted(name.split("-")))


class Shared:
    """Items indexed by the keys each holds (trigrams, words), to find the few items that
    share most of a query's rarest keys: at most MAX_POSTINGS entries are counted."""

    def __init__(self, keys: Iterable[Iterable[str]]) -> None:
        self._postings: dict[str, list[int]] = {}
        for i, held in enumerate(keys):
            for key in set(held):
                self._postings.setdefault(key, []).append(i)

    def nearest(self, keys: Iterable[str], limit: int) -> list[int]:
        """Positions of at most `limit` items, those sharing most of the keys first."""
        postings = sorted(
            (p for k in set(keys) if (p := self._postings.get(k)) is not None), key=len
        )
        shared: Counter[int] = Counter()
        budget = MAX_POSTINGS
        for posting in postings:  # rarest first: they say most about which item is meant
            shared.update(posting[:budget])
            budget -= len(posting)
            if budget <= 0:
                break
        return [i for i, _ in shared.most_common(limit)]


class Suggester:
    """The names of one id space, indexed by trigram.

    A name with the same words in another order (`lead-role` for `role-lead`) is the one
    meant. Else a lookup scores only the names that share the query's rarest trigrams, at most
    MAX_SCORED of them, by difflib's ratio; with no more names than that (or with
    `score_all`), every name is scored, which is difflib.get_close_matches(word, names,
    n=1, cutoff=0.6).
    """

    def __init__(self, names: Iterable[str], *, score_all: bool = False) -> None:
        self.names = sorted(set(names))
        many = len(self.names) > MAX_SCORED and not score_all
        self._index = Shared(map(_grams, self.names)) if many else None
        # the same words in another order is the name meant, whatever the ratio says
        self._by_words: dict[tuple[str, ...], str | None] = {}
        for name in self.names:
            words = _words(name)
            self._by_words[words] = None if words in self._by_words else name
        self._memo: dict[str, str | None] = {}
        self.scored = 0  # names scored by difflib so far: the work done, for tests

    def closest(self, word: str) -> str | None:
        """The known name closest to `word`, if one is close enough."""
        if word not in self._memo:
            if len(self._memo) >= MAX_LOOKUPS:
                return None
            self._memo[word] = self._closest(word)
        return self._memo[word]

    def hint(self, word: str) -> str:
        return hint(self.closest(word))

    def _candidates(self, word: str) -> list[str]:
        if self._index is None:
            return self.names
        return [self.names[i] for i in self._index.nearest(_grams(word), MAX_SCORED)]

    def _closest(self, word: str) -> str | None:
        swapped = self._by_words.get(_words(word))
        if swapped is not None:
            return swapped
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        best: tuple[float, str] | None = None
        for name in self._candidates(word):
            matcher.set_seq1(name)
            floor = CUTOFF if best is None else best[0]
            # each ratio bounds the next from above: skip a name that cannot win
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            self.scored += 1
            score = (matcher.ratio(), name)
            if score[0] >= CUTOFF and (best is None or score > best):
                best = score
        return best[1] if best is not None else None


def closest(word: str, names: Iterable[str]) -> str | None:
    """The name closest to `word` among a few (the fields of a model, the values of a
    choice), every one of them scored: a short word with two letters swapped (`nmae`)
    shares no trigram with the name meant. `Suggester` indexes an id space looked up
    often."""
    return Suggester(names, score_all=True).closest(word)
