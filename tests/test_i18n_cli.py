"""Turkish end to end: ``--lang tr``, ``lang: tr`` in the config and a Turkish locale give output
with no English left but rule ids (and the brief's own field names and values)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import campaignlint.i18n as i18n
from campaignlint.cli import main
from campaignlint.config import Config
from campaignlint.engine import lint_text
from campaignlint.registry import builtin_rules
from tests.helpers import FIXED_TODAY, SAMPLES

# A brief that trips most rules; values in Turkish, as a Turkish agency writes them.
BAD_BRIEF = """\
campaign:
  name: TODO Bahar lansmanı
  brand: Işıl Kozmetik
  objective: sales
  start: 2026-01-20
  end: 2026-01-10
  budget: {amount: 30000, currency: TRY}
  bütçe_notu: yok
target_audience:
  age: {min: 18, max: 24}
  genders: [female]
  locations: [İstanbul]
  languages: [tr]
influencers:
  - handle: "@ayse.glow"
    followers: 85000
    engagement_rate: 9
    avg_likes: 1200
    avg_comments: 40
    avg_shares: 20
    audience:
      age: {"18-24": 18, "25-34": 46, "35-44": 36}
      gender: {female: 30, male: 70}
      locations: {İzmir: 80, İstanbul: 20}
      languages: {en: 70, tr: 30}
  - handle: "@mert.fit"
    followers: 42000
deliverables:
  - influencer: "@ayse_glow"
    format: video
    due: 2026-03-01
    caption: "lorem ipsum #ad"
contract:
  signed: false
  duties: Üç video.
  payment:
    schedule:
      - {milestone: signing, percent: 50}
      - {milestone: final_delivery, percent: 30}
"""

# Words that only English output contains: none of them is Turkish or a brief field name.
ENGLISH = {
    "the", "is", "are", "was", "must", "should", "and", "of", "to", "has", "have", "not",
    "found", "finding", "findings", "file", "files", "checked", "passed", "fix", "with", "for",
    "at", "least", "than", "this", "that", "which", "who", "be", "by", "from", "error",
    "warning", "errors", "warnings", "missing", "add", "remove", "did", "you", "mean",
    "replace", "contains", "before", "after", "starts", "ends", "needs", "because",
}  # fmt: skip


def english_words(text: str) -> list[str]:
    """English words left in ``text`` once rule ids and check codes (never translated), paths,
    quoted values, code, handles and field names are taken out."""
    rule_ids = "|".join(re.escape(rule) for rule in builtin_rules())
    text = re.sub(rf"\b({rule_ids})(\.[a-z0-9-]+)?\b", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"(?<!\w)'[^'\n]*'(?!\w)", " ", text)
    text = re.sub(r'"[^"\n]*"', " ", text)
    text = re.sub(r"“[^”\n]*”", " ", text)  # a brief value quoted in a report
    text = re.sub(r"[@#]\S+|\S+\.(?:yaml|yml|md)\S*|\w+[._/]\w[\w./]*", " ", text)
    return [w for w in re.findall(r"[^\W\d]+", text) if w.lower() in ENGLISH]


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    base = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    return CliRunner().invoke(main, list(args), env={**base, **(env or {})})


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief.yaml").write_text(BAD_BRIEF, encoding="utf-8")
    return tmp_path


def test_the_english_detector_sees_english() -> None:
    assert english_words("brief.yaml:2:9: error placeholder-text the brief has no contract")
    assert not english_words("brief.yaml:2:9: hata placeholder-text brief'te sözleşme yok")


@pytest.fixture
def untranslated(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every template rendered in Turkish that the catalog does not know."""
    missed: list[str] = []
    original = i18n.translate

    def recording(template: str, lang: str = "en") -> str:
        if lang == "tr" and i18n._catalog("tr").gettext(template) is template:
            known = template in getattr(i18n._catalog("tr"), "_catalog", {})
            if not known:
                missed.append(template)
        return original(template, lang)

    monkeypatch.setattr(i18n, "translate", recording)
    yield missed


def test_every_message_of_every_rule_is_in_the_catalog(untranslated: list[str]) -> None:
    findings = lint_text(BAD_BRIEF, config=Config(), lang="tr", today=FIXED_TODAY)
    assert len({finding.rule for finding in findings}) >= 5
    assert untranslated == []
    for finding in findings:
        assert finding.message != finding.message_en or not english_words(finding.message)
        assert not english_words(finding.message), finding.message
        assert not english_words(finding.fix or ""), finding.fix


def test_check_lang_tr_shows_no_english_but_rule_ids(workdir: Path) -> None:
    result = run("check", "--lang", "tr", "brief.yaml")
    assert result.exit_code == 1, result.output
    assert "hata" in result.output and "düzeltme:" in result.output
    assert re.search(r"1 dosyada \d+ bulgu var: \d+ hata, \d+ uyarı, \d+ bilgi\.", result.output)
    assert english_words(result.output) == []


def test_a_turkish_locale_picks_turkish(workdir: Path) -> None:
    result = run("check", "brief.yaml", env={"LANG": "tr_TR.UTF-8"})
    assert "düzeltme:" in result.output and english_words(result.output) == []
    english = run("check", "brief.yaml", env={"LANG": "en_US.UTF-8"})
    assert "fix:" in english.output and "Found" in english.output


def test_lang_en_overrides_a_turkish_locale(workdir: Path) -> None:
    result = run("check", "--lang", "en", "brief.yaml", env={"LANG": "tr_TR.UTF-8"})
    assert "fix:" in result.output


def test_config_lang_tr_picks_turkish(workdir: Path) -> None:
    (workdir / ".campaignlint.yaml").write_text("lang: tr\n", encoding="utf-8")
    result = run("check", "brief.yaml", env={"LANG": "en_US.UTF-8"})
    assert "düzeltme:" in result.output and english_words(result.output) == []
    assert "fix:" in run("check", "--lang", "en", "brief.yaml").output


def test_json_keeps_keys_and_rule_ids_but_carries_turkish_messages(workdir: Path) -> None:
    import json

    result = run("check", "--lang", "tr", "--format", "json", "brief.yaml")
    document = json.loads(result.output)
    finding = document["files"][0]["findings"][0]
    assert set(finding) >= {"rule", "severity", "message", "pointer"}
    assert finding["severity"] in ("error", "warning", "info")  # an identifier, not a label
    assert not english_words(finding["message"])


def test_clean_summary_in_turkish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    clean = SAMPLES / "clean-en.yaml"
    (tmp_path / "brief.yaml").write_text(clean.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", "--lang", "tr", "--select", "placeholder-text", "brief.yaml")
    assert result.output.strip() == "Tüm denetimlerden geçti (1 dosya denetlendi)."


def test_help_in_turkish(workdir: Path) -> None:
    result = run("check", "--lang", "tr", "--help")
    assert result.output.startswith("Kullanım: ")
    assert "check [SEÇENEKLER] [YOLLAR]..." in result.output.splitlines()[0]
    assert "Seçenekler:" in result.output and "Mesajların ve raporların dili." in result.output
    top = run("--help", env={"LANG": "tr_TR.UTF-8"})
    assert "Komutlar:" in top.output and "Kullanılabilir tüm kuralları listeler." in top.output
    assert english_words(top.output) == []
    assert run("--help").output.startswith("Usage: main [OPTIONS] COMMAND [ARGS]...")


def test_explain_in_turkish(workdir: Path) -> None:
    result = run("explain", "placeholder-text", "--lang", "tr")
    assert result.exit_code == 0
    assert "## Ne yapar" in result.output and "## Nasıl düzeltilir" in result.output
    assert "Varsayılan önem derecesi: `error` (hata)" in result.output
    assert english_words(result.output) == []


@pytest.mark.parametrize("rule_id", sorted(builtin_rules()))
def test_every_rule_explains_itself_in_turkish(rule_id: str) -> None:
    from campaignlint.docs import rule_markdown

    text = rule_markdown(builtin_rules()[rule_id], lang="tr")
    assert english_words(text) == [], rule_id


def test_input_errors_in_turkish(workdir: Path) -> None:
    (workdir / "bad.yaml").write_text("campaign:\n  name: x\n  brand: [a\n", encoding="utf-8")
    (workdir / "empty.yaml").write_text("", encoding="utf-8")
    (workdir / "tab.yaml").write_text("campaign: {name: x}\n  bad: : :\n", encoding="utf-8")
    result = run("check", "--lang", "tr", "bad.yaml", "empty.yaml", "tab.yaml", "nope.yaml")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0] == (
        "bad.yaml:4:1: hata: geçersiz YAML: beklenen ',' or ']' bulunamadı"
        " (köşeli parantezli bir liste okunurken)"
    )
    assert "empty.yaml: hata: dosya boş" in lines
    assert "tab.yaml:2:3: hata: geçersiz YAML: beklenen anahtar bulunamadı" in result.output
    assert "nope.yaml: hata: böyle bir dosya ya da klasör yok" in lines
    assert lines[-1] == "Okunabilen dosyalarda bulgu yok; 4 dosyadan 4 tanesi okunamadı."


def test_usage_errors_in_turkish(workdir: Path) -> None:
    result = run("check", "--lang", "tr", "--select", "plceholder-text", "brief.yaml")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "campaignlint: hata: yapılandırma: select: bilinmeyen kural: 'plceholder-text';"
        " 'placeholder-text' mı demek istediniz?"
    )
    team = workdir / "team"  # a folder of its own: config lookups are cached per folder
    team.mkdir()
    (team / "brief.yaml").write_text(BAD_BRIEF, encoding="utf-8")
    (team / ".campaignlint.yaml").write_text(
        "rules:\n  placeholder-text: {colour: red}\n", encoding="utf-8"
    )
    result = run("check", "--lang", "tr", "team/brief.yaml")
    assert result.exit_code == 2 and "seçeneği yok" in result.output
    assert not english_words(result.output)
    explained = run("explain", "plceholder-text", "--lang", "tr")
    assert explained.exit_code == 2 and "bilinmeyen kural" in explained.output


def test_rules_listing_in_turkish(workdir: Path) -> None:
    result = run("rules", "--lang", "tr")
    line = next(x for x in result.output.splitlines() if x.startswith("placeholder-text"))
    assert "hata" in line and "yer tutucu metin" in line and line.endswith("[yerleşik]")


def test_click_usage_errors_in_turkish(workdir: Path) -> None:
    result = run("check", "--lang", "tr", "--frmat", "x", "brief.yaml")
    assert result.exit_code == 2
    assert "Hata: Böyle bir seçenek yok: '--frmat'. '--format' mı demek istediniz?" in (
        result.output
    )
    assert "Yardım için: 'main check --help'" in result.output
    choice = run("check", "--fail-on", "bad", "brief.yaml", env={"LANG": "tr_TR.UTF-8"})
    assert "Hata: '--fail-on' için geçersiz değer: 'bad' geçerli değil" in choice.output
    english = run("check", "--frmat", "x", "brief.yaml")
    assert "Error: No such option '--frmat'. Did you mean '--format'?" in english.output


def test_turkish_click_messages_do_not_leak_into_the_next_run(workdir: Path) -> None:
    import gettext
    import os

    run("check", "--lang", "tr", "--frmat", "x")
    assert gettext.textdomain() == "messages" and "LANGUAGE" not in os.environ
    assert "No such option" in run("check", "--frmat", "x").output
