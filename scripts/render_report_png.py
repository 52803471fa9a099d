"""Render a sample HTML review report to PNG in headless Chromium, to look at it.

    python scripts/render_report_png.py [BRIEF] [--out report.png] [--width 1200] [--height 2400]
                                        [--lang en|tr] [--keep-html PATH]

Runs ``campaignlint check BRIEF --format html:<tmp>`` and screenshots the page with Debian's
``chromium`` (``apt-get install chromium``), with no network, profile or GPU. Exits non-zero
when chromium is missing, fails, or writes no image.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BRIEF = REPO / "samples" / "bad-en.yaml"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


def find_browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def render_html(brief: Path, html: Path, lang: str) -> None:
    command = [sys.executable, "-c", "from campaignlint.cli import run; run()", "check", str(brief)]
    command += ["--format", f"html:{html}", "--lang", lang, "--exit-zero", "-q"]
    done = subprocess.run(command, check=False, capture_output=True, text=True, cwd=REPO)
    if not html.is_file():
        raise SystemExit(f"campaignlint wrote no HTML report for {brief}:\n{done.stderr}")


def screenshot(browser: str, html: Path, png: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory(prefix="campaignlint-chromium-") as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            f"--window-size={width},{height}",
            html.resolve().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or not png.is_file() or png.stat().st_size == 0:
        raise SystemExit(f"chromium failed ({done.returncode}):\n{done.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", nargs="?", type=Path, default=DEFAULT_BRIEF)
    parser.add_argument("--out", type=Path, default=Path("report.png"))
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=2400)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--keep-html", type=Path)
    args = parser.parse_args(argv)
    browser = find_browser()
    if browser is None:
        print("chromium not found: apt-get install chromium", file=sys.stderr)
        return 3
    with tempfile.TemporaryDirectory(prefix="campaignlint-report-") as work:
        html = args.keep_html or Path(work) / "report.html"
        render_html(args.brief.resolve(), html, args.lang)
        args.out.unlink(missing_ok=True)
        screenshot(browser, html, args.out.resolve(), args.width, args.height)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
