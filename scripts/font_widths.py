"""Print rmf/render/metrics.py's width tables from the DejaVu Serif fonts matplotlib
ships: the widest of the fonts an office suite falls back to for Cambria and Calibri, so
that columns sized by these widths break no word in any of them.

    python scripts/font_widths.py > rmf/render/metrics.py && ruff format rmf
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
# ASCII, Latin-1 and the punctuation and marks the documents use
CHARS = [chr(c) for c in range(32, 127)] + [chr(c) for c in range(160, 256)]
CHARS += list("‐‑–—‘’‚“”„•…′″€−→←↑↓■□▲△●○◆✓✗✔✘·")


def widths(name: str) -> list[int]:
    font = TTFont(FONTS / name)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    out = []
    for char in CHARS:
        glyph = cmap.get(ord(char))
        out.append(round(metrics[glyph][0] * scale) if glyph else 1000)
    return out


def main() -> None:
    regular, bold = widths("DejaVuSerif.ttf"), widths("DejaVuSerif-Bold.ttf")
    print('"""Advance widths of characters in thousandths of an em, of DejaVu Serif and DejaVu')
    print("Serif Bold: the widest of the fonts an office suite uses for a document's Cambria or")
    print('Calibri. Made by scripts/font_widths.py."""')
    print()
    text = "".join(CHARS)
    print("CHARS = (")
    for start in range(0, len(text), 48):
        print(f"    {text[start : start + 48]!r}")
    print(")")
    for name, numbers in (("REGULAR", regular), ("BOLD", bold)):
        lines = textwrap.wrap(" ".join(map(str, numbers)), 88)
        print(f'{name} = """')
        print("\n".join(lines))
        print('"""')


if __name__ == "__main__":
    main()
