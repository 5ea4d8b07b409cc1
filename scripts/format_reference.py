"""Write docs/format.md, the field reference, from rmf's model.

python scripts/format_reference.py
"""

from __future__ import annotations

from pathlib import Path

from rmf.core.atomic import write_atomic
from rmf.validate.reference import format_reference

TARGET = Path(__file__).resolve().parents[1] / "docs" / "format.md"

if __name__ == "__main__":
    write_atomic(TARGET, format_reference().encode("utf-8"))
    print(f"wrote {TARGET}")
