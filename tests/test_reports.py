"""The review reports a client can be sent: the portfolio view of a folder, the verdict rule,
plain language with the technical details secondary, the reviewer's form, waivers (also in JSON
and SARIF), shares that add up, amounts kept on one line, charts that say pass or fail, fully
Turkish reports, and pages that fit a phone and a desktop in a real browser."""

from __future__ import annotations

import html
import json
import re
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from campaignlint.commands import CheckOptions, run_check
from campaignlint.i18n import TERM_NAMES, Term
from campaignlint.review import FIELD_LABELS, round_shares, verdict_for
from tests.helpers import SAMPLES, load_script

MISTAKES = SAMPLES / "mistakes"
NBSP = "\u00a0"
# Names that are the same word in Turkish (or a brand or an acronym kept as is).
SAME_IN_TURKISH = {"nano", "mega", "video", "cpm", "roas", "cpa", "cpc", "tiktok_pixel"}
SAME_IN_TURKISH |= {"tiktok_analytics", "tiktok", "instagram", "youtube", "meta_pixel"}
SAME_IN_TURKISH |= {"instagram_insights", "youtube_analytics"}
# Campaign names of the samples: a brief's own words, shown as written.
BRIEF_NAMES = ("Family Table Spring",)


def check(
    tmp_path: Path, paths: list[Path], formats: list[str], lang: str = "en"
) -> dict[str, str]:
    """Run ``check`` writing each format to a file; returns each output."""
    outputs = {name: tmp_path / f"out.{name}" for name in formats}
    run_check(
        CheckOptions(
            paths=[str(path) for path in paths],
            formats=[f"{name}:{target}" for name, target in outputs.items()],
            lang=lang,
            stdout=lambda text: None,
            stderr=lambda text: None,
        )
    )
    return {name: target.read_text(encoding="utf-8") for name, target in outputs.items()}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CAMPAIGNLINT_TODAY", "2027-01-15")


# --- portfolio ---------------------------------------------------------------------------------


def test_a_folder_gives_a_portfolio_table_then_each_brief_under_its_file_name(
    tmp_path: Path,
) -> None:
    out = check(tmp_path, [MISTAKES], ["markdown", "html"])
    text = out["markdown"]
    names = sorted(
        [path.name for path in MISTAKES.glob("[!.]*.yaml")]
        + [f"roster/{path.name}" for path in (MISTAKES / "roster").glob("[!.]*.yaml")]
    )
    assert text.startswith("# Campaign brief review\n")
    assert f"{len(names)} briefs checked: " in text
    rows = [line for line in text.splitlines() if re.match(r"\| \d+ \| \[", line)]
    assert [re.search(r"\[(.+?)\]", row)[1] for row in rows] == names  # type: ignore[index]
    assert (
        "| 3 | [budget-fit.yaml](#brief-3) | Glow Serum Launch | ❌ Not ready | 2 | 1 | 2 |" in rows
    )
    headings = [line for line in text.splitlines() if line.startswith('## <a id="brief-')]
    assert headings[2] == '## <a id="brief-3"></a>3. budget-fit.yaml · Glow Serum Launch'
    assert len(headings) == len(names)
    page = out["html"]
    assert page.count('<article class="brief" id="brief-') == len(names)
    assert '<a href="#brief-3">budget-fit.yaml</a>' in page
    assert page.index('id="overview"') < page.index('id="brief-1"')


def test_an_unreadable_brief_is_a_row_of_its_own(tmp_path: Path) -> None:
    text = check(tmp_path, [SAMPLES / "broken.yaml", SAMPLES / "clean-en.yaml"], ["markdown"])
    assert "| 1 | [broken.yaml](#brief-1) | — | ❌ Unreadable | — | — | — |" in text["markdown"]
    assert (
        "> broken.yaml:12:10: invalid YAML" in text["markdown"]
        and "samples/" not in text["markdown"]
    )
    assert (
        "| 2 | [clean-en.yaml](#brief-2) | Cloudstep Challenge | ✅ Ready | 0 | 0 | 0 |"
        in (text["markdown"])
    )


def test_one_brief_is_no_portfolio_and_shows_no_local_path(tmp_path: Path) -> None:
    out = check(tmp_path, [SAMPLES / "bad-en.yaml"], ["markdown", "html"])
    for text in out.values():
        assert "Campaign brief review" not in text and "brief-1" not in text.split("<style>")[0]
        assert "samples/" not in text and "campaignlint explain" not in text
    assert out["markdown"].startswith("# Campaign review: Family Table Spring\n")


# --- verdict -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "verdict"),
    [
        ({"error": 1, "warning": 17, "info": 2}, "blocked"),
        ({"error": 0, "warning": 17, "info": 0}, "changes"),
        ({"error": 0, "warning": 0, "info": 3}, "notes"),
        ({"error": 0, "warning": 0, "info": 0}, "clean"),
    ],
)
def test_the_verdict_comes_from_the_counts(counts: dict[str, int], verdict: str) -> None:
    assert verdict_for(counts) == verdict
    assert verdict_for(counts, unreadable=True) == "unreadable"


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_warnings_only_never_read_as_errors(tmp_path: Path, lang: str) -> None:
    text = check(tmp_path, [MISTAKES / "audience-mismatch.yaml"], ["markdown"], lang)["markdown"]
    assert "| 0 | 4 | 0 |" in text
    verdict = next(line for line in text.splitlines() if line.startswith("> ⚠️"))
    if lang == "en":
        assert "Needs changes: there are no errors" in verdict
    else:
        assert "Değişiklik gerekiyor: hata yok" in verdict
    assert "> [!WARNING]" in text  # a GitHub alert: the verdict is coloured, not grey


# --- client review and reviewer's form ---------------------------------------------------------


def test_client_findings_lead_with_plain_words_and_keep_the_detail_secondary(
    tmp_path: Path,
) -> None:
    out = check(tmp_path, [SAMPLES / "bad-en.yaml"], ["markdown", "html"])
    text = out["markdown"]
    assert "- ⚠️ **Warning** · Creators › `@zoe.dances` › pay › pay model = “per follower”" in text
    assert "(model per follower, 310,000 followers)" in text and "per_follower" not in text
    assert (
        "<sub>Technical details: `follower-based-pricing` · "
        "`influencers[0].compensation.model` · line 53</sub>" in text
    )
    assert '<details class="tech"><summary>Technical details</summary>' in out["html"]
    for word in ("Info", "INFO", "**info**"):
        assert word not in text  # one name for the severity: Note / Notes
    assert "ℹ️ **Note**" in text and "| Errors | Warnings | Notes |" in text


def test_the_reviewers_form_leads_with_rule_field_and_line(tmp_path: Path) -> None:
    out = check(tmp_path, [SAMPLES / "bad-en.yaml"], ["markdown-reviewer", "html-reviewer"])
    text = out["markdown-reviewer"]
    assert "File: `" in text and "bad-en.yaml`" in text
    assert (
        "- ⚠️ **Warning** · `follower-based-pricing` · `influencers[0].compensation.model`"
        " · line 53 = “per follower”" in text
    )
    assert "Technical details" not in text
    assert text.rstrip().endswith("`campaignlint explain RULE`")
    page = out["html-reviewer"]
    assert '<span class="rule">follower-based-pricing</span>' in page
    assert "campaignlint explain RULE" in page and "<details" not in page


def test_handles_are_code_spans_without_invisible_characters(tmp_path: Path) -> None:
    text = check(tmp_path, [SAMPLES / "bad-en.yaml"], ["markdown"])["markdown"]
    assert "\u2060" not in text
    assert "| `@zoe.dances` | 310,000 | mid-size |" in text
    assert re.search(r"(?<![`\w])@\w", text) is None  # every handle is inside a code span


# --- waivers -------------------------------------------------------------------------------

WAIVED = """\
campaign:
  name: Spring
  brand: TODO brand  # campaignlint: disable=placeholder-text until=2027-06-30 -- legal names it
  objective: awareness
"""


def test_waivers_are_listed_with_reason_and_expiry(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(textwrap.dedent(WAIVED), encoding="utf-8")
    formats = ["markdown", "html", "json", "sarif", "markdown-reviewer"]
    out = check(tmp_path, [brief], formats)
    text = out["markdown"]
    section = text[text.index("## Accepted exceptions") :]
    assert "- ❌ **Error** · Campaign › brand\n" in section and "placeholder text" in section
    assert "**Reason:** legal names it · **Until:** June 30, 2027" in section
    assert "Accepted exceptions" in out["html"] and "legal names it" in out["html"]
    assert "`line 3: disable=placeholder-text`" in out["markdown-reviewer"]
    [file] = json.loads(out["json"])["files"]
    assert [f["rule"] for f in file["findings"]].count("placeholder-text") == 0
    [waived] = file["suppressed"]
    assert waived["rule"] == "placeholder-text" and waived["pointer"] == "/campaign/brand"
    assert waived["suppression"] == {
        "reason": "legal names it",
        "until": "2027-06-30",
        "source": "line 3: disable=placeholder-text",
    }
    results = json.loads(out["sarif"])["runs"][0]["results"]
    [suppressed] = [result for result in results if "suppressions" in result]
    assert suppressed["ruleId"] == "placeholder-text"
    assert suppressed["suppressions"] == [
        {
            "kind": "inSource",
            "justification": "legal names it",
            "properties": {"source": "line 3: disable=placeholder-text", "until": "2027-06-30"},
        }
    ]


# --- numbers -------------------------------------------------------------------------------


def test_largest_remainder_rounding_adds_up() -> None:
    shares = [11.24, 6.24, 30.02]  # rounded one by one: 11.2 + 6.2 + 30 = 47.4, not 47.5
    rounded = round_shares(shares)
    assert sum(rounded) == pytest.approx(47.5)
    assert all(abs(new - old) < 0.1 for new, old in zip(rounded, shares, strict=True))
    thirds = round_shares([100 / 3] * 3)
    assert thirds == [33.4, 33.3, 33.3] and sum(thirds) == pytest.approx(100)
    assert round_shares([]) == []


def test_budget_legend_and_table_add_up_to_exactly_100(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    source = (SAMPLES / "bad-en.yaml").read_text(encoding="utf-8")
    brief.write_text(source.replace("amount: 40000", "amount: 41234"), encoding="utf-8")
    page = check(tmp_path, [brief], ["html"])["html"]
    legend = page[page.index('<ul class="legend">') : page.index("</ul>")]
    shares = [float(share) for share in re.findall(r"· ([\d.]+)%</span>", legend)]
    assert len(shares) == 3 and sum(shares) == pytest.approx(100)
    stated = float(re.search(r"budget \(([\d.]+)%\)", page)[1])  # type: ignore[index]
    assert stated == pytest.approx(sum(shares[:2]))


def test_amounts_never_break(tmp_path: Path) -> None:
    english = check(tmp_path, [SAMPLES / "bad-en.yaml"], ["html", "markdown"])
    assert f"GBP{NBSP}15,500" in english["html"] and "GBP 15,500" not in english["html"]
    assert f"GBP{NBSP}40,000" in english["markdown"]
    turkish = check(tmp_path, [SAMPLES / "bad-tr.yaml"], ["html"], "tr")["html"]
    assert f"150.000{NBSP}₺" in turkish and "150.000 ₺" not in turkish


def test_the_audience_chart_shows_the_threshold_and_pass_or_fail(tmp_path: Path) -> None:
    page = check(tmp_path, [SAMPLES / "bad-en.yaml"], ["html"])["html"]
    chart = page[page.index("Audience in the target ages, per creator</figcaption>") :]
    chart = chart[: chart.index("</figure>")]
    assert chart.count('class="bar-fail"') == 1 and chart.count('class="bar-pass"') == 1
    assert 'class="threshold"' in chart and ">needs 50%</text>" in chart
    assert '<line x1="120.0"' in chart  # 50% of the 240-unit track


# --- fully Turkish -------------------------------------------------------------------------


def test_every_enum_value_has_a_turkish_name() -> None:
    missing = [
        key
        for key, name in TERM_NAMES.items()
        if key not in SAME_IN_TURKISH and name.render("tr") == name.render("en")
    ]
    assert missing == []
    assert Term("photo_carousel").render("tr") == "fotoğraf karuseli"
    assert Term("Photo-Carousel").render("tr") == "fotoğraf karuseli"
    assert Term("conversions", typed=True).render("tr") == "dönüşüm (conversions)"
    assert Term("a brief's own word").render("tr") == "a brief's own word"


def untranslated_terms(text: str) -> list[str]:
    """Enum values left raw (``sales``, ``per_follower``, ``end of the caption``) in a Turkish
    ``text``, once code, quoted values, YAML to type (``key: value``), field paths, handles and
    tags, and a name followed by the value to type (``dönüşüm (conversions)``) are taken out."""
    text = re.sub(r"<code>.*?</code>|<(style|script)\b.*?</\1>", " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\\([\\`*_\[\]<>|~&#$])", r"\1", text)  # Markdown escapes
    for name in BRIEF_NAMES:
        text = text.replace(name, " ")
    text = re.sub(r"`[^`]*`|“[^”\n]*”|\"[^\"\n]*\"|(?<!\w)'[^'\n]*'(?!\w)", " ", text)
    text = re.sub(r"[@#][\w.]+|\b\w+(?:\.\w+|\[\d+\])+", " ", text)
    text = re.sub(rf"\b(?:{'|'.join(FIELD_LABELS)}): \w+", " ", text)
    found = []
    for key, name in TERM_NAMES.items():
        turkish = name.render("tr")
        text = text.replace(f"{turkish} ({key})", " ")
        raws = {key, key.replace("_", " "), name.render("en")}
        for raw in raws - {turkish}:
            if raw.casefold() == turkish.casefold():
                continue
            if re.search(rf"(?<![\w'-]){re.escape(raw)}(?![\w-])", text, re.IGNORECASE):
                found.append(raw)
    return sorted(set(found))


def test_the_detector_sees_a_raw_enum_value() -> None:
    assert untranslated_terms("Hedef: sales. Kademe macro, format photo_carousel.") == [
        "macro",
        "photo_carousel",
        "sales",
    ]
    assert (
        untranslated_terms("`sales` “macro” reporting_cadence: weekly dönüşüm (conversions)") == []
    )


# bad-en.yaml with other values of its enums, so that more of them reach the messages.
OTHER_VALUES = (
    ("objective: awareness", "objective: ugc"),
    ("genders: [all]", "genders: [non_binary, female]"),
    ("placement: end_of_caption", "placement: comments"),
    ("reporting_cadence: weekly", "reporting_cadence: end_of_campaign"),
    ("tier: mid", "tier: mega"),
    ("model: flat_fee", "model: product_only"),
    ("format: story", "format: photo_carousel"),
    ("metric: views", "metric: completion_rate"),
)


def test_turkish_reports_and_messages_name_every_enum_value_in_turkish(tmp_path: Path) -> None:
    other = (SAMPLES / "bad-en.yaml").read_text(encoding="utf-8")
    for old, new in OTHER_VALUES:
        assert old in other
        other = other.replace(old, new)
    (tmp_path / "other-values.yaml").write_text(other, encoding="utf-8")
    paths = [SAMPLES / "bad-tr.yaml", SAMPLES / "bad-en.yaml", SAMPLES / "clean-tr.yaml", MISTAKES]
    paths.append(tmp_path / "other-values.yaml")
    out = check(tmp_path, paths, ["markdown", "html", "json"], "tr")
    assert untranslated_terms(out["markdown"]) == []
    assert untranslated_terms(out["html"]) == []
    messages = [
        text
        for file in json.loads(out["json"])["files"]
        for finding in file["findings"]
        for text in (finding["message"], finding["fix"] or "")
    ]
    assert untranslated_terms("\n".join(messages)) == []
    assert "hedef: satış" in out["markdown"] and "makro" in out["markdown"]


def test_turkish_slips_are_fixed(tmp_path: Path) -> None:
    paths = [SAMPLES / "bad-tr.yaml", MISTAKES]
    text = check(tmp_path, paths, ["markdown"], "tr")["markdown"]
    assert (
        "Gelir payı anlaşması yapılan içerik üreticileri (`@deniz.barista`, `@gizem.gunluk`)"
        in text
    )
    assert "oranının üzerinde" not in text and "olağan üst sınırı (%30) aşıyor" in text
    assert "KPI'ı" not in text and "KPI'ın" not in text and "KPI'a " not in text
    assert "İzlenme KPI'sının hedefi yok" in text
    assert "cilt bakımı" not in text and "skincare" not in text


# --- a real browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser_script() -> ModuleType:
    return load_script("render_report_png")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_element_is_wider_than_the_viewport(
    tmp_path: Path, browser_script: ModuleType, lang: str, width: int
) -> None:
    browser = browser_script.find_browser()
    if browser is None:
        pytest.skip("no chromium on PATH (apt-get install chromium) to lay the report out")
    out = check(tmp_path, [SAMPLES], ["html", "html-reviewer"], lang)  # 20 briefs
    assert out["html"].count('<article class="brief"') >= 20
    for form, text in out.items():
        page = tmp_path / f"{form}.html"
        page.write_text(text, encoding="utf-8")
        measured = browser_script.overflow(browser, page, width)
        assert measured["viewport"] == width, form
        assert measured["wide"] == [] and measured["scrollWidth"] == width, form


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_portfolio_calendar_fits_the_viewport(
    tmp_path: Path, browser_script: ModuleType, lang: str, width: int
) -> None:
    browser = browser_script.find_browser()
    if browser is None:
        pytest.skip("no chromium on PATH (apt-get install chromium) to lay the report out")
    out = check(tmp_path, [SAMPLES / "portfolio"], ["html", "html-reviewer"], lang)
    for form, text in out.items():
        assert '<table class="calendar-grid">' in text, form
        page = tmp_path / f"{form}.html"
        page.write_text(text, encoding="utf-8")
        measured = browser_script.overflow(browser, page, width)
        assert measured["viewport"] == width, form
        assert measured["wide"] == [] and measured["scrollWidth"] == width, form


@pytest.mark.slow
def test_printed_a_heading_is_never_left_alone_at_the_bottom_of_a_page(
    tmp_path: Path, browser_script: ModuleType
) -> None:
    browser = browser_script.find_browser()
    if browser is None:
        pytest.skip("no chromium on PATH (apt-get install chromium) to print the report")
    pypdf = pytest.importorskip("pypdf", reason="pypdf (the test extra) reads the printed pages")
    page = tmp_path / "report.html"
    text = check(tmp_path, [MISTAKES, SAMPLES / "bad-en.yaml"], ["html"])["html"]
    page.write_text(text, encoding="utf-8")
    pattern = r"<(h1|h2|h3|figcaption)\b[^>]*>(.*?)</\1>"
    headings = {
        html.unescape(re.sub(r"<[^>]+>", "", match[1])).strip().casefold()
        for match in re.findall(pattern, text, flags=re.S)
    }
    pdf = tmp_path / "report.pdf"
    browser_script.print_pdf(browser, page, pdf)
    pages = pypdf.PdfReader(str(pdf)).pages
    assert len(pages) > 10
    last_lines = [
        lines[-1].strip()
        for lines in (
            [line for line in p.extract_text().splitlines() if line.strip()] for p in pages
        )
        if lines
    ]
    assert [line for line in last_lines if line.casefold() in headings] == []


WRONG_SHAPES = [
    "just a string\n",
    "- a\n- list\n",
    "campaign: [1, 2]\ninfluencers: {a: 1}\ndeliverables: 3\n",
    "influencers: [1, {handle: 7, followers: many, audience: {age: [1]}}]\nkpis: [{metric: 5}]\n",
    "campaign: {budget: {amount: 0, currency: USD}}\ninfluencers: [{compensation: {fee: x}}]\n",
    "campaign: {budget: {amount: 100, currency: USD}}\n"
    "influencers: [{handle: '@a', compensation: {fee: {amount: -50, currency: USD}}}]\n",
]


@pytest.mark.parametrize("text", WRONG_SHAPES)
def test_briefs_of_the_wrong_shape_still_get_a_review(tmp_path: Path, text: str) -> None:
    brief = tmp_path / "odd.yaml"
    brief.write_text(text, encoding="utf-8")
    formats = ["markdown", "html", "markdown-reviewer", "html-reviewer"]
    for lang in ("en", "tr"):
        out = check(tmp_path, [brief, SAMPLES / "clean-en.yaml"], formats, lang)
        assert all(out[name] for name in formats)
        assert re.search(r"odd\.yaml\]\(#brief-\d\)", out["markdown"])
