"""Contract v2, "Codes people write as names": markets and languages are ISO codes in any case,
a language tag with a region counts as its language, and a name gets a did-you-mean."""

from __future__ import annotations

import itertools
import json
import string
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

from campaignlint.codes import country_code, language_code, suggest_country, suggest_language
from campaignlint.config import Config
from campaignlint.engine import lint_text
from campaignlint.validation import load_schema
from tests.helpers import FIXED_TODAY, REPO, run_rule, summary

BRIEF = """\
campaign:
  name: Glow
  brand: Lumina
  objective: awareness
  start: 2027-03-01
  end: 2027-03-31
  budget: {amount: 250000, currency: TRY}
  markets: MARKETS
target_audience:
  age: {min: 18, max: 24}
  languages: LANGUAGES
influencers:
  - {handle: "@ayse", followers: 85000}
deliverables:
  - influencer: "@ayse"
    posting_windows: [{from: "19:00", to: "22:00", timezone: Europe/Istanbul}]
content:
  hashtags: ["#Lumina", "#werbung", "#reklam", "#ad"]
  disclosure: {placement: start_of_caption, branded_content_toggle: true}
"""


def _brief(markets: str = "[TR]", languages: str = "[tr]") -> str:
    return BRIEF.replace("MARKETS", markets).replace("LANGUAGES", languages)


def _schema_findings(text: str) -> list[tuple[str, str | None]]:
    return [(f.pointer, f.fix) for f in run_rule("schema", text)]


@pytest.mark.parametrize("markets", ["[TR]", "[tr]", "[Tr, de]", "[GB, US, DE, FR]"])
@pytest.mark.parametrize("languages", ["[tr]", "[EN]", "[en-GB, tr_TR]", "[pt-BR, zh-Hant-TW]"])
def test_codes_in_any_case_and_language_tags_with_a_region_are_valid(
    markets: str, languages: str
) -> None:
    assert _schema_findings(_brief(markets, languages)) == []


@pytest.mark.parametrize(
    ("market", "guess"),
    [
        ("GERMANY", "DE"),
        ("Germany", "DE"),
        ("Almanya", "DE"),
        ("Deutschland", "DE"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("TÜRKİYE", "TR"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Birleşik Krallık", "GB"),
        ("DEU", "DE"),
        ("Frankreich", "FR"),
        ("İngiltere", "GB"),
        ("ABD", "US"),
        ("Amerika Birleşik Devletleri", "US"),
        ("España", "ES"),
    ],
)
def test_a_country_name_or_reserved_code_gets_a_did_you_mean(market: str, guess: str) -> None:
    findings = run_rule("schema", _brief(f"[TR, '{market}']"))
    assert summary(findings) == [("schema", "error", 8, "/campaign/markets/1")]
    assert findings[0].message == (
        "campaign.markets[1] must be an ISO 3166-1 alpha-2 country code such as TR, DE or GB;"
        f" got '{market}'"
    )
    assert findings[0].fix == f"Did you mean '{guess}'?"


@pytest.mark.parametrize(
    ("language", "guess"),
    [
        ("English", "en"),
        ("İngilizce", "en"),
        ("Turkish", "tr"),
        ("Türkçe", "tr"),
        ("Deutsch", "de"),
        ("Almanca", "de"),
        ("tur", "tr"),
    ],
)
def test_a_language_name_gets_a_did_you_mean(language: str, guess: str) -> None:
    findings = run_rule("schema", _brief(languages=f"['{language}']"))
    assert summary(findings) == [("schema", "error", 11, "/target_audience/languages/0")]
    assert findings[0].fix == f"Did you mean '{guess}'?"


@pytest.mark.parametrize(("pointer", "text"), [("markets", "[XX]"), ("languages", "[xx]")])
def test_an_unknown_code_is_rejected_without_a_guess(pointer: str, text: str) -> None:
    brief = _brief(text) if pointer == "markets" else _brief(languages=text)
    (found,) = run_rule("schema", brief)
    assert found.pointer.endswith(f"{pointer}/0")
    assert found.fix is not None and "Did you mean" not in found.fix


def test_a_rejected_market_gives_the_schema_finding_only() -> None:
    # "markets: [GERMANY]": no disclosure error built on a market that is not one.
    config = Config(select=("schema", "missing-disclosure", "placeholder-text", "posting-window"))
    for markets in ("[GERMANY]", "[XX]", "[GERMANY, XX]"):
        text = _brief(markets).replace('["#Lumina", "#werbung", "#reklam", "#ad"]', '["#Lumina"]')
        findings = lint_text(text, config=config, today=FIXED_TODAY)
        assert {f.rule for f in findings} == {"schema"}, markets


def test_the_readable_markets_of_a_list_are_still_checked() -> None:
    text = _brief("[GERMANY, tr]").replace('"#werbung", "#reklam", "#ad"', '"#werbung"')
    findings = run_rule("missing-disclosure", text)
    assert len(findings) == 1 and "market TR" in findings[0].message


def test_lower_case_and_region_forms_are_read_by_the_rules() -> None:
    # missing-disclosure reads `de` as DE (#werbung counts); posting-window maps `gb` to its zone.
    text = _brief("[de]").replace('"#reklam", "#ad"', '"#x"')
    assert run_rule("missing-disclosure", text) == []
    text = _brief("[gb]").replace("Europe/Istanbul", "Europe/London")
    assert run_rule("posting-window", text) == []
    assert len(run_rule("posting-window", text.replace("[gb]", "[tr]"))) == 1
    audience = (
        '  - {handle: "@ayse", followers: 85000,'
        " audience: {languages: {en: 90, tr: 10}, age: {18-24: 100}}}\n"
    )
    text = _brief(languages="[en-GB]").replace(
        '  - {handle: "@ayse", followers: 85000}\n', audience
    )
    assert run_rule("audience-mismatch", text) == []


def test_readers_normalise_as_the_schema_accepts() -> None:
    assert country_code(" tr ") == "TR" and country_code("GERMANY") is None
    assert language_code("en-GB") == "en" and language_code("PT_br") == "pt"
    assert language_code("English") is None and country_code(7) is None


def test_suggestions_are_none_when_unsure() -> None:
    assert suggest_country("Atlantis") is None
    assert suggest_language("Klingon") is None
    assert suggest_country("XX") is None


def test_every_code_the_schema_accepts_is_an_iso_code() -> None:
    import re

    definitions = load_schema("brief.schema.json")["$defs"]
    country = re.compile(definitions["country_code"]["pattern"])
    language = re.compile(definitions["language_code"]["pattern"])
    pairs = ["".join(p) for p in itertools.product(string.ascii_uppercase, repeat=2)]
    countries = {code for code in pairs if country.match(code)}
    languages = {code.lower() for code in pairs if language.match(code.lower())}
    assert countries <= {c.alpha_2 for c in pycountry.countries}
    assert languages <= {getattr(lang, "alpha_2", None) for lang in pycountry.languages}
    assert {"TR", "DE", "GB", "US", "FR"} <= countries and "UK" not in countries
    assert {"tr", "en", "de"} <= languages and len(countries) > 240 and len(languages) > 180


def test_a_valid_brief_does_not_import_pycountry() -> None:
    script = (
        "import sys, datetime\n"
        "from campaignlint.engine import lint_text\n"
        f"lint_text(open({json.dumps(str(REPO / 'samples' / 'clean-tr.yaml'))}).read())\n"
        "print('pycountry' in sys.modules)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "False"


def test_mistake_sample_gives_the_schema_findings_only() -> None:
    from tests.helpers import SAMPLES

    text = (SAMPLES / "mistakes" / "schema.yaml").read_text(encoding="utf-8")
    findings = lint_text(text, config=Config(), today=FIXED_TODAY)
    assert [(f.rule, f.pointer, f.fix) for f in findings] == [
        ("schema", "/campaign/markets/0", "Did you mean 'TR'?"),
        ("schema", "/campaign/markets/2", "Did you mean 'GB'?"),
        ("schema", "/target_audience/languages/1", "Did you mean 'en'?"),
        ("schema", "/tracking/methods/1", "Did you mean 'utm_links'?"),
        ("schema", "/tracking/methods/2", "Did you mean 'tiktok_analytics'?"),
    ]


def test_a_rejected_target_language_is_not_a_language_mismatch() -> None:
    audience = (
        '  - {handle: "@ayse", followers: 85000,'
        " audience: {languages: {en: 90, tr: 10}, age: {18-24: 100}}}\n"
    )
    text = _brief(languages="[tr, İngilizce]").replace(
        '  - {handle: "@ayse", followers: 85000}\n', audience
    )
    assert run_rule("audience-mismatch", text) == []
    assert len(run_rule("audience-mismatch", text.replace("İngilizce", "de"))) == 1


def test_a_valid_code_with_spaces_around_it_suggests_itself() -> None:
    assert suggest_country(" tr ") == "TR"
    assert suggest_language(" EN ") == "en"


def test_every_reader_of_a_market_resolves_its_aliases_alike() -> None:
    """One alias table: ``EL`` is Greece for the time zones and for the disclosure labels."""
    from campaignlint.codes import MARKET_ALIASES, market_code, suggest_country
    from campaignlint.timezones import zone_in_markets, zones_for_market
    from tests.helpers import run_rule

    for alias, code in MARKET_ALIASES.items():
        assert market_code(f" {alias.lower()} ") == code
        assert suggest_country(alias) == code
        assert zones_for_market(alias) == zones_for_market(code) != frozenset()
    assert zone_in_markets("Europe/Athens", ["EL"]) is True
    greek = (
        "campaign: {markets: [GR]}\n"
        "content:\n  disclosure: {tags: ['#διαφήμιση'], placement: start_of_caption,"
        " platform_label: true}\n"
    )
    labels = {"markets": {"EL": ["#διαφήμιση"]}}
    assert run_rule("missing-disclosure", greek, options=labels) == []
    assert len(run_rule("missing-disclosure", greek)) == 1  # not a label elsewhere


@pytest.mark.parametrize("domain", ["iso639-3", "iso3166-1"])
def test_names_found_through_a_catalogs_hash_table_are_the_ones_gettext_reads(
    domain: str,
) -> None:
    from campaignlint import codes

    english = codes._english_names(domain)
    locales = codes._locales(domain)
    assert "tr" in locales and len(locales) > 50
    for locale in locales:
        path = Path(pycountry.LOCALES_DIR) / locale / "LC_MESSAGES" / f"{domain}.mo"
        found = codes._catalog_lookup(path.read_bytes(), codes._hashed_names(domain))
        assert found is not None, locale
        read = codes._gettext_lookup(path, english)
        translated = {name: text for name, text in found.items() if text != name}
        assert translated == {name: text for name, text in read.items() if text != name}, locale


def test_a_catalog_without_a_hash_table_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from campaignlint import codes

    catalog = Catalog(locale="de", charset="utf-8")
    catalog.add("Germany", "Deutschland-Test")
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "iso3166-1.mo").open("wb") as handle:
        write_mo(handle, catalog)
    data = (folder / "iso3166-1.mo").read_bytes()
    assert codes._catalog_lookup(data, codes._hashed_names("iso3166-1")) in (None, {})
    monkeypatch.setattr(pycountry, "LOCALES_DIR", str(tmp_path))
    codes._translated_names.cache_clear()
    try:
        assert codes._translated_names("iso3166-1", "de") == {"deutschland-test": "DE"}
    finally:
        codes._translated_names.cache_clear()


def test_a_damaged_catalog_gives_no_names_and_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from campaignlint import codes

    source = Path(pycountry.LOCALES_DIR) / "de" / "LC_MESSAGES" / "iso3166-1.mo"
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "iso3166-1.mo").write_bytes(source.read_bytes()[:4000])
    monkeypatch.setattr(pycountry, "LOCALES_DIR", str(tmp_path))
    codes._translated_names.cache_clear()
    try:
        assert codes._translated_names("iso3166-1", "de") == {}
    finally:
        codes._translated_names.cache_clear()
