"""Every finding code raised outside the rules, with what it means: by the YAML reader,
the loader, the schema check, the measurement reader, fmt and the spreadsheet import. The
rules' own codes, with their summaries and default severities, live with the rules
(`rmf.validate.rules.CATALOGUE`); a test keeps the two apart and complete."""

from __future__ import annotations

CODES: dict[str, str] = {
    "yaml-syntax": "the file is not well-formed YAML",
    "duplicate-key": "a mapping repeats a key",
    "forbidden-tag": "a YAML tag outside the core schema",
    "alias": "an alias that refers to itself or to nothing",
    "too-deep": "data nested deeper than any framework needs",
    "too-large": "a file or expansion larger than any framework needs",
    "encoding": "the file is not UTF-8",
    "empty-file": "a file with no data",
    "unreadable": "a file that cannot be read",
    "not-a-mapping": "a file whose top level is not a mapping",
    "unsupported-version": "a format version this rmf does not read",
    "include-no-match": "an include that matches no file",
    "include-outside": "an include that reaches outside the framework folder",
    "include-twice": "a file included more than once",
    "include-nested": "an include in an included file",
    "extends-not-found": "a base framework that does not exist",
    "extends-cycle": "bases that extend each other",
    "extends-outside": "a base outside the repository that holds the framework",
    "base-not-locked": "a pinned git base that rmf.lock records no commit for",
    "base-moved": "a pinned tag that now names another commit than rmf.lock records",
    "base-not-fetched": "a pinned git base that could not be fetched, or not offline",
    "override-unmatched": "an override that names what its base does not have: an entity, "
    "or a list entry to remove",
    "override-twice": "two overrides of one base entity",
    "redefinition-incomplete": "a base entity redefined in full that leaves out required "
    "fields: a redefinition replaces the whole entity, `override:` changes single fields",
    "missing-field": "a required field is missing",
    "unknown-field": "a field the format does not define",
    "invalid-id": "an id that is not lowercase kebab-case",
    "invalid-date": "a date that is not a real YYYY-MM-DD date",
    "invalid-period": "a measurement period that is not a period rmf knows",
    "period-frequency": "a measurement period that does not fit the indicator's frequency",
    "duplicate-measurement": "two values for one indicator and period",
    "missing-measurement": "no value for an indicator in a period it is due",
    "fmt-unsafe": "a file that formatting would change in meaning or comments",
    "sheet-missing": "spreadsheets with no sheet of units or roles to import",
    "sheet-unrecognised": "a sheet whose columns are none that import reads (a warning: skipped)",
    "sheet-duplicate-column": "two columns of a sheet for one field (a warning: the first is read)",
    "sheet-missing-value": "a row without the cell that places it (a name, a unit, a manager)",
    "sheet-bad-value": "a cell whose value its column does not take",
    "sheet-duplicate-name": "two rows of a sheet with one name (a warning: each gets an id)",
    "sheet-duplicate-id": "an id given on two rows (a warning: the second gets `-2`)",
    "sheet-unknown-reference": "a cell that names a unit, role, seat or body no sheet has",
    "sheet-ambiguous-reference": "a cell whose name fits several entities: write the id",
}

# The codes above that are warnings: what they report is made good, and the run goes on.
WARNINGS: frozenset[str] = frozenset(
    {
        "missing-measurement",
        "sheet-unrecognised",
        "sheet-duplicate-column",
        "sheet-duplicate-name",
        "sheet-duplicate-id",
    }
)
