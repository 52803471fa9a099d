"""samples/kinds/: a gifted, an affiliate, a non-commercial and a multi-platform brief, in English
and Turkish, each with its exact findings, from the API and end to end from the command line
(domain.md, Contract v2)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from campaignlint.cli import main
from campaignlint.config import Config
from campaignlint.engine import lint_text
from tests.helpers import FIXED_TODAY, SAMPLES, summary

KINDS = SAMPLES / "kinds"

EXPECTED = {
    "gifted-en.yaml": [
        ("missing-kpis", "warning", 1, "/kpis"),
        ("missing-contract-terms", "warning", 89, "/contract"),
    ],
    "gifted-tr.yaml": [
        ("content-guidelines", "info", 76, "/content/approval/required"),
    ],
    "affiliate-en.yaml": [
        ("content-guidelines", "info", 62, "/content/approval/required"),
        ("missing-contract-terms", "info", 70, "/contract/usage_rights"),
    ],
    "affiliate-tr.yaml": [
        ("unfair-revenue-share", "error", 10, "/campaign/commission_percent"),
        ("missing-tracking", "error", 96, "/tracking/methods"),
    ],
    "non-commercial-en.yaml": [
        ("missing-contract-terms", "warning", 82, "/contract"),
    ],
    "non-commercial-tr.yaml": [
        ("missing-disclosure", "error", 75, "/content/disclosure/tags"),
        ("missing-disclosure", "warning", 75, "/content/disclosure/platform_label"),
    ],
    "multi-platform-en.yaml": [
        ("schema", "error", 78, "/deliverables/2/format"),
        ("missing-disclosure", "warning", 92, "/content/disclosure/platform_label"),
    ],
    "multi-platform-tr.yaml": [
        ("schema", "error", 75, "/deliverables/2"),
        ("missing-disclosure", "warning", 90, "/content/disclosure/branded_content_toggle"),
    ],
}


def test_every_kind_and_the_multi_platform_campaign_has_an_english_and_a_turkish_sample() -> None:
    names = sorted(path.name for path in KINDS.glob("*.yaml"))
    assert names == sorted(EXPECTED)
    stems = {name.rsplit("-", 1)[0] for name in names}
    assert stems == {"gifted", "affiliate", "non-commercial", "multi-platform"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("today", [FIXED_TODAY, dt.date.today()], ids=["fixed-today", "today"])
def test_sample_gives_exactly_its_findings(name: str, today: dt.date) -> None:
    text = (KINDS / name).read_text(encoding="utf-8")
    findings = lint_text(text, path=f"samples/kinds/{name}", config=Config(), today=today)
    assert summary(findings) == EXPECTED[name]


def test_the_samples_say_what_they_show() -> None:
    def messages(name: str, lang: str = "en") -> list[str]:
        text = (KINDS / name).read_text(encoding="utf-8")
        return [f.message for f in lint_text(text, config=Config(), today=FIXED_TODAY, lang=lang)]

    assert "@barista.deniz, @mutfak.melis" in messages("affiliate-tr.yaml")[0]
    assert "Did you mean 'carousel'?" in (
        lint_text((KINDS / "multi-platform-en.yaml").read_text(encoding="utf-8"), config=Config())[
            0
        ].fix
        or ""
    )
    settings = messages("multi-platform-tr.yaml")[1]
    assert "Instagram" in settings and "YouTube" in settings and "TikTok" not in settings
    turkish = messages("multi-platform-tr.yaml", "tr")[1]
    assert "Instagram" in turkish and "TikTok" not in turkish
    assert turkish != settings


def test_cli_runs_the_samples_end_to_end() -> None:
    result = CliRunner().invoke(
        main,
        ["check", "--format", "json", str(KINDS)],
        env={"NO_COLOR": "1", "CAMPAIGNLINT_TODAY": "2026-01-15"},
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    total = sum(len(expected) for expected in EXPECTED.values())
    assert report["summary"]["findings"] == total
