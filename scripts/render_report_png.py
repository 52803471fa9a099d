"""Render an HTML review report to PNG in headless Chromium, to look at it.

    python scripts/render_report_png.py [BRIEF_OR_FOLDER ...] [--out report.png] [--width 1200]
                                        [--height 2400] [--lang en|tr] [--reviewer]
                                        [--keep-html PATH]

Runs ``campaignlint check BRIEF... --format html:<tmp>`` (``html-reviewer`` with
``--reviewer``) and screenshots the page with Debian's ``chromium`` (``apt-get install
chromium``), with no network, profile or GPU. Exits non-zero when chromium is missing, fails, or
writes no image.

:func:`overflow` is what the tests use to prove a page fits a phone: it loads the page at a
given width and lists every element that reaches past the viewport's right or left edge;
:func:`print_pdf` prints it, to check where pages break.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BRIEF = REPO / "samples" / "bad-en.yaml"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
QUIET_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
# Injected into a copy of the page by overflow(): the elements wider than the viewport.
_MEASURE = """<script>
window.addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5) {
      const kind = typeof element.className === "string" ? element.className : "";
      const name = element.tagName.toLowerCase() + (kind ? "." + kind.split(" ").join(".") : "");
      const where = Math.round(box.left) + ".." + Math.round(box.right);
      wide.push(name + " " + where + ": " + (element.textContent || "").trim().slice(0, 40));
    }
  }
  const result = {viewport: width, scrollWidth: document.documentElement.scrollWidth, wide: wide};
  const out = parent.document.createElement("pre");
  out.id = "campaignlint-overflow";
  out.textContent = JSON.stringify(result);
  parent.document.body.appendChild(out);
});
</script>"""


def find_browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def render_html(briefs: list[Path], html: Path, lang: str, reviewer: bool = False) -> None:
    command = [sys.executable, "-c", "from campaignlint.cli import run; run()", "check"]
    command += [str(brief) for brief in briefs]
    form = "html-reviewer" if reviewer else "html"
    command += ["--format", f"{form}:{html}", "--lang", lang, "--exit-zero", "-q"]
    done = subprocess.run(command, check=False, capture_output=True, text=True, cwd=REPO)
    if not html.is_file():
        raise SystemExit(f"campaignlint wrote no HTML report for {briefs}:\n{done.stderr}")


def _chromium(browser: str, profile: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [browser, *QUIET_FLAGS, f"--user-data-dir={profile}", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def screenshot(browser: str, html: Path, png: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory(prefix="campaignlint-chromium-") as profile:
        done = _chromium(
            browser,
            profile,
            f"--screenshot={png}",
            f"--window-size={width},{height}",
            html.resolve().as_uri(),
        )
    if done.returncode != 0 or not png.is_file() or png.stat().st_size == 0:
        raise SystemExit(f"chromium failed ({done.returncode}):\n{done.stderr[-2000:]}")


def print_pdf(browser: str, html: Path, pdf: Path) -> None:
    """Print ``html`` to ``pdf`` as a person would (A4/Letter by locale, no header or footer)."""
    with tempfile.TemporaryDirectory(prefix="campaignlint-chromium-") as profile:
        done = _chromium(
            browser,
            profile,
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        )
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise RuntimeError(f"chromium failed ({done.returncode}):\n{done.stderr[-2000:]}")


def overflow(browser: str, html: Path, width: int) -> dict[str, object]:
    """``{"viewport": px, "scrollWidth": px, "wide": [elements past an edge]}`` for ``html``
    laid out ``width`` px wide.

    The page is measured inside an iframe of exactly that width (a headless window has a
    minimum width of its own), with a script added to a copy of it; the report itself has none.
    """
    import html as markup

    page = html.read_text(encoding="utf-8").replace("</body>", _MEASURE + "</body>", 1)
    frame = (
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe style="width:{width}px;height:900px;border:0" srcdoc="{markup.escape(page)}">'
        "</iframe></body></html>"
    )
    with tempfile.TemporaryDirectory(prefix="campaignlint-chromium-") as profile:
        probe = Path(profile) / "probe.html"
        probe.write_text(frame, encoding="utf-8")
        done = _chromium(
            browser,
            str(Path(profile) / "profile"),
            "--dump-dom",
            "--virtual-time-budget=5000",
            f"--window-size={max(width, 800) + 100},1000",
            probe.as_uri(),
        )
    match = re.search(r'<pre id="campaignlint-overflow">(.*?)</pre>', done.stdout, re.S)
    if done.returncode != 0 or match is None:
        raise RuntimeError(f"chromium failed ({done.returncode}):\n{done.stderr[-2000:]}")
    text = match.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    result: dict[str, object] = json.loads(text.replace("&amp;", "&"))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("briefs", nargs="*", type=Path, default=[DEFAULT_BRIEF])
    parser.add_argument("--out", type=Path, default=Path("report.png"))
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=2400)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--reviewer", action="store_true", help="the reviewer's form")
    parser.add_argument("--keep-html", type=Path)
    args = parser.parse_args(argv)
    browser = find_browser()
    if browser is None:
        print("chromium not found: apt-get install chromium", file=sys.stderr)
        return 3
    with tempfile.TemporaryDirectory(prefix="campaignlint-report-") as work:
        html = args.keep_html or Path(work) / "report.html"
        briefs = [brief.resolve() for brief in args.briefs]
        render_html(briefs, html, args.lang, args.reviewer)
        args.out.unlink(missing_ok=True)
        screenshot(browser, html, args.out.resolve(), args.width, args.height)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
