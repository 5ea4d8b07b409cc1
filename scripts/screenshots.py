"""Pictures of the documents for a person to look at before they go to a client: a
position description, a charter, the communication plan and the index, as Word pages
(LibreOffice to PDF, poppler to PNG), as HTML in a browser window and as the browser
prints them, plus a page count of every PDF made.

    python scripts/screenshots.py [FRAMEWORK] [--out FOLDER]

FRAMEWORK defaults to frameworks/edmonton; pictures go to FOLDER (default
screenshots/). Needs LibreOffice (soffice), poppler-utils (pdftoppm) and Chromium.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    sys.exit(f"screenshots: {names[0]} is not installed")


def render(framework: Path, fmt: str, out: Path) -> None:
    command = [sys.executable, "-m", "rmf", "render", str(framework), "-f", fmt, "-o", str(out)]
    subprocess.run(command, check=True, capture_output=True)


def chosen(folder: Path, suffix: str) -> list[Path]:
    """A position description (the longest), a charter (the longest), the plan, the index."""
    picks = []
    for kind in ("positions", "charters"):
        found = sorted((folder / kind).glob(f"*{suffix}"), key=lambda p: -p.stat().st_size)
        picks += found[:1]
    return [*picks, folder / f"communication-plan{suffix}", folder / f"index{suffix}"]


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(
        int(line.split()[1]) for line in info.stdout.splitlines() if line.startswith("Pages:")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("framework", nargs="?", type=Path, default=ROOT / "frameworks" / "edmonton")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args()
    soffice, pdftoppm = tool("soffice", "libreoffice"), tool("pdftoppm")
    browser = tool(*BROWSERS)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    report = []
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        render(args.framework, "docx", work / "docx")
        render(args.framework, "html", work / "html")
        for docx in chosen(work / "docx", ".docx"):
            name = f"{docx.parent.name}-{docx.stem}" if docx.parent.name != "docx" else docx.stem
            subprocess.run(
                [soffice, f"-env:UserInstallation={(work / 'lo').as_uri()}", "--headless",
                 "--convert-to", "pdf", "--outdir", str(work / "pdf"), str(docx)],
                check=True, capture_output=True, timeout=300,
            )  # fmt: skip
            pdf = work / "pdf" / f"{docx.stem}.pdf"
            subprocess.run(
                [pdftoppm, "-png", "-r", "60", str(pdf), str(out / f"word-{name}")], check=True
            )
            report.append((pages(pdf), f"word  {docx.relative_to(work / 'docx')}"))
        for page in chosen(work / "html", ".html"):
            name = f"{page.parent.name}-{page.stem}" if page.parent.name != "html" else page.stem
            common = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                      f"--user-data-dir={work / 'chromium'}"]  # fmt: skip
            subprocess.run(
                [*common, f"--screenshot={out / f'html-{name}.png'}", "--window-size=1200,1600",
                 page.as_uri()], check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            pdf = work / f"print-{name}.pdf"
            subprocess.run(
                [*common, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            subprocess.run(
                [pdftoppm, "-png", "-r", "60", str(pdf), str(out / f"print-{name}")], check=True
            )
            report.append((pages(pdf), f"print {page.relative_to(work / 'html')}"))
    lines = [f"{count:4d}  {what}" for count, what in report]
    (out / "pages.txt").write_text("pages  document\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"screenshots: pictures and pages.txt in {out}")


if __name__ == "__main__":
    main()
