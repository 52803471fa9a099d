"""The generated Turkish outputs (docs/rules.tr.md, samples/report-tr.md) are up to date,
reproducible and in Turkish; the wheel ships the compiled catalog."""

from __future__ import annotations

import gettext
import io
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from campaignlint.commands import generate_docs
from tests.helpers import REPO, load_script
from tests.test_i18n_cli import english_words

AGAIN = "python scripts/update_turkish_outputs.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script("update_turkish_outputs")


def test_turkish_rules_reference_is_up_to_date(script: ModuleType) -> None:
    expected = script.rules_reference()
    current = script.DOCS_TR.read_text(encoding="utf-8")
    assert current == expected, f"docs/rules.tr.md is stale: run {AGAIN}"
    assert generate_docs(script.DOCS_TR, check_only=True, lang="tr") == 0


def test_turkish_rules_reference_is_turkish(script: ModuleType) -> None:
    text = script.DOCS_TR.read_text(encoding="utf-8")
    assert text.startswith("# campaignlint kuralları\n")
    assert "### Nasıl düzeltilir" in text and "### Seçenekler" in text
    assert english_words(text) == []


def test_docs_check_mode_reports_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "rules.tr.md"
    stale.write_text("# eski\n", encoding="utf-8")
    assert generate_docs(stale, check_only=True, lang="tr") == 1


def _report_or_skip(script: ModuleType) -> str:
    if not script.has_markdown_format():
        pytest.skip("the markdown format is not registered yet")
    return str(script.sample_report())


def test_sample_report_is_up_to_date(script: ModuleType) -> None:
    expected = _report_or_skip(script)
    assert script.REPORT_TR.exists(), f"samples/report-tr.md is missing: run {AGAIN}"
    current = script.REPORT_TR.read_text(encoding="utf-8")
    assert current == expected, f"samples/report-tr.md is stale: run {AGAIN}"


def test_sample_report_is_reproducible_and_turkish(script: ModuleType) -> None:
    report = _report_or_skip(script)
    assert report == script.sample_report()
    assert str(REPO) not in report and "/tmp" not in report
    assert english_words(report) == []


def test_the_wheel_ships_a_working_turkish_catalog(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("campaignlint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        data = archive.read("campaignlint/locale/tr/LC_MESSAGES/campaignlint.mo")
    catalog = gettext.GNUTranslations(io.BytesIO(data))
    assert catalog.gettext("fix") == "düzeltme"
    assert catalog.gettext("Usage:") == "Kullanım:"


test_the_wheel_ships_a_working_turkish_catalog = pytest.mark.slow(
    test_the_wheel_ships_a_working_turkish_catalog
)


def _visible_html(text: str) -> str:
    import html
    import re

    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


@pytest.mark.parametrize("sample", ["bad-tr.yaml", "clean-tr.yaml", "bad-en.yaml"])
def test_reports_render_fully_in_turkish(
    script: ModuleType, sample: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from campaignlint.cli import main

    if not script.has_markdown_format():
        pytest.skip("the report formats are not registered yet")
    monkeypatch.chdir(script.SAMPLES)
    env = {"CAMPAIGNLINT_TODAY": script.TODAY, "LANG": "C.UTF-8", "LC_ALL": ""}
    for name in ("markdown", "html"):
        result = CliRunner().invoke(
            main, ["check", "--lang", "tr", "--format", name, sample], env=env
        )
        assert result.exit_code in (0, 1), result.output
        text = _visible_html(result.output) if name == "html" else result.output
        assert "Kampanya değerlendirmesi" in text
        assert english_words(text) == [], (name, english_words(text))
    assert 'lang="tr"' in result.output
