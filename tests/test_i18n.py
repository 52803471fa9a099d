"""Translations: the catalog is complete and consistent, and values are formatted per language."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import string
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po

from campaignlint.i18n import (
    Message,
    Money,
    Percent,
    Plain,
    _,
    doc_blocks,
    format_date,
    format_money,
    format_number,
    format_percent,
    language_from_environment,
    normalize_language,
    translate,
    translate_doc,
)
from tests.helpers import REPO, load_script

UPDATE = "python scripts/update_catalog.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script("update_catalog")


@pytest.fixture(scope="module")
def extracted(script: ModuleType) -> list[str]:
    return [script.msgid(message) for message in script.extract() if message.id]


def _po(lang: str = "tr") -> dict[str, tuple[str, bool]]:
    """msgid -> (translation, fuzzy); a plural pair by its singular and its one Turkish form."""
    script = load_script("update_catalog")
    path = REPO / "campaignlint" / "locale" / lang / "LC_MESSAGES" / "campaignlint.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {script.msgid(m): (script.msgstr(m), m.fuzzy) for m in catalog if m.id}


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


# --- the catalog ---------------------------------------------------------------------------


def test_every_message_has_a_turkish_translation(extracted: list[str]) -> None:
    po = _po()
    missing = [msgid for msgid in extracted if not po.get(msgid, ("", False))[0]]
    fuzzy = [msgid for msgid in extracted if po.get(msgid, ("", False))[1]]
    assert not missing, f"{len(missing)} message(s) without Turkish ({UPDATE}): {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy translation(s) to confirm: {fuzzy[:5]}"


def _descriptions(node: object) -> list[str]:
    """Every text ``description`` of a JSON Schema, walked here, apart from the script's walk."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_descriptions(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_descriptions(item))
    return found


@pytest.mark.parametrize("schema", ["brief.schema.json", "creators.schema.json"])
def test_every_schema_description_is_catalogued_with_a_turkish_translation(
    schema: str, extracted: list[str]
) -> None:
    """Schema findings show descriptions in their hints: a new one must be translated too."""
    import json

    descriptions = _descriptions(json.loads((REPO / "schemas" / schema).read_text("utf-8")))
    assert len(descriptions) > 10
    po = _po()
    not_extracted = [text for text in descriptions if text not in extracted]
    missing = [text for text in descriptions if not po.get(text, ("", False))[0]]
    fuzzy = [text for text in descriptions if po.get(text, ("", False))[1]]
    assert not not_extracted, f"descriptions {UPDATE} does not extract: {not_extracted[:3]}"
    assert not missing, f"{len(missing)} description(s) without Turkish ({UPDATE}): {missing[:3]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy description translation(s): {fuzzy[:3]}"


@pytest.fixture(scope="module")
def templates(script: ModuleType) -> set[str]:
    """The msgids used as ``str.format`` templates: ``_()`` and ``t()`` calls. Rule docs and
    help texts are translated as they are, so their braces are text, not placeholders."""
    from campaignlint.cli_help import CLICK_MESSAGES

    click = {m if isinstance(m, str) else m[0] for m in CLICK_MESSAGES}
    return {msgid for msgid, _where, _note in script._source_messages()} | click


def test_translations_use_exactly_the_placeholders_of_their_source(templates: set[str]) -> None:
    wrong = {
        msgid: text
        for msgid, (text, fuzzy) in _po().items()
        if text and not fuzzy and msgid in templates and _fields(msgid) != _fields(text)
    }
    assert not wrong, f"placeholders differ: {wrong}"


def test_translations_are_valid_format_strings(templates: set[str]) -> None:
    for msgid, (text, fuzzy) in _po().items():
        if text and not fuzzy and msgid in templates:
            names = {name: "x" for name in _fields(msgid)}
            text.format(**names)  # raises on a stray brace


def test_catalogs_are_up_to_date(script: ModuleType) -> None:
    assert script.main(["--check"]) == 0, f"run {UPDATE}"


def test_compiled_catalog_matches_its_source() -> None:
    mo = REPO / "campaignlint" / "locale" / "tr" / "LC_MESSAGES" / "campaignlint.mo"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    expected = {msgid: text for msgid, (text, fuzzy) in _po().items() if text and not fuzzy}
    for msgid, text in expected.items():
        assert compiled.gettext(msgid) == text, f"stale .mo for {msgid!r}: run {UPDATE}"


def test_the_catalog_is_found_where_the_package_is_installed() -> None:
    assert translate("error", "tr") == "hata"
    assert translate("a message nobody wrote", "tr") == "a message nobody wrote"


def test_the_placeholder_checker_catches_a_renamed_placeholder() -> None:
    assert _fields("{handle} has {count}") != _fields("{hesap} {count} içeriyor")


def test_a_broken_translation_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    import campaignlint.i18n as i18n

    monkeypatch.setattr(i18n, "translate", lambda template, lang="en": "{yok} bozuk")
    assert _("{count} files", count=3).render("tr") == "3 files"


def test_script_writes_nothing_when_nothing_changed(script: ModuleType, tmp_path: Path) -> None:
    template = script.extract()
    assert script.po_bytes(template) == script.po_bytes(script.extract())
    catalog = script.updated(template, "tr")
    again = read_po(io.BytesIO(script.po_bytes(catalog)), locale="tr")
    assert script.po_bytes(script.updated(template, "tr")) == script.po_bytes(again)


# --- formatting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "en", "tr"),
    [
        (85000, "85,000", "85.000"),
        (3.456, "3.46", "3,46"),
        (12.0, "12", "12"),
        (-1200.5, "-1,200.5", "-1.200,5"),
    ],
)
def test_numbers(value: float, en: str, tr: str) -> None:
    assert (format_number(value, "en"), format_number(value, "tr")) == (en, tr)


@pytest.mark.parametrize(
    ("value", "en", "tr"), [(18, "18%", "%18"), (4.5, "4.5%", "%4,5"), (100, "100%", "%100")]
)
def test_percentages(value: float, en: str, tr: str) -> None:
    assert (format_percent(value, "en"), format_percent(value, "tr")) == (en, tr)


@pytest.mark.parametrize(
    ("amount", "currency", "en", "tr"),
    [
        (30000, "TRY", "TRY 30,000", "30.000 ₺"),
        (1500.5, "USD", "USD 1,500.50", "1.500,50 $"),
        (2000, "eur", "EUR 2,000", "2.000 €"),
        (10, "XYZ", "XYZ 10", "10 XYZ"),
    ],
)
def test_money(amount: float, currency: str, en: str, tr: str) -> None:
    assert (format_money(amount, currency, "en"), format_money(amount, currency, "tr")) == (en, tr)


def test_dates() -> None:
    day = dt.date(2026, 3, 20)
    assert (format_date(day, "en"), format_date(day, "tr")) == ("March 20, 2026", "20 Mart 2026")


def test_a_message_renders_typed_values_per_language() -> None:
    message = _(
        "{handle}: {share} of {followers} followers, fee {fee}, due {due}, line {line}",
        handle="@ayşe.glow",
        share=Percent(18),
        followers=85000,
        fee=Money(30000, "TRY"),
        due=dt.date(2026, 3, 20),
        line=Plain(1234),
    )
    assert isinstance(message, Message)
    assert message.render("tr") == (
        "@ayşe.glow: %18 of 85.000 followers, fee 30.000 ₺, due 20 Mart 2026, line 1234"
    )
    assert str(message) == (
        "@ayşe.glow: 18% of 85,000 followers, fee TRY 30,000, due March 20, 2026, line 1234"
    )


def test_translated_message_with_turkish_values() -> None:
    message = _("{count} files could not be read.", count=1200)
    assert message.render("tr") == "1.200 dosya okunamadı."


# --- language choice -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("tr_TR.UTF-8", "tr"), ("tr", "tr"), ("en_US.UTF-8", "en"), ("de_DE", None), ("", None)],
)
def test_normalize_language(value: str, expected: str | None) -> None:
    assert normalize_language(value) == expected


def test_language_from_environment_prefers_lc_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LC_ALL", "tr_TR.UTF-8")
    assert language_from_environment() == "tr"
    monkeypatch.delenv("LC_ALL")
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert language_from_environment() == "en"


# --- documentation -------------------------------------------------------------------------


def test_doc_blocks_keep_code_blocks_whole() -> None:
    text = "First line\nsecond line.\n\n```yaml\na: 1\n\nb: 2\n```\n\n- one\n- two\n"
    assert doc_blocks(text) == [
        "First line\nsecond line.",
        "```yaml\na: 1\n\nb: 2\n```",
        "- one\n- two",
    ]


def test_translate_doc_translates_each_block() -> None:
    assert translate_doc("Example\n\nOptions", "tr") == "Örnek\n\nSeçenekler"
    assert translate_doc("Example\n\nOptions", "en") == "Example\n\nOptions"


def test_translate_takes_a_whole_doc_section_paragraph_by_paragraph() -> None:
    from campaignlint.registry import builtin_rules

    rule = builtin_rules()["inconsistent-dates"]
    section = rule.doc_sections()["What it does"]
    assert "\n\n" in section
    assert translate(section, "tr") == translate_doc(section, "tr") != section


def test_an_unknown_code_block_with_blank_lines_is_left_as_it_is() -> None:
    block = "```yaml\na: 1\n\nb: 2\n```"
    assert translate(block, "tr") == block
    assert translate_doc("Example\n\n" + block, "tr") == "Örnek\n\n" + block


def test_the_catalog_check_compares_messages_not_the_generator_header(
    script: ModuleType, tmp_path: Path
) -> None:
    written = script.po_bytes(script.updated(script.extract(), "tr"))
    copy = tmp_path / "campaignlint.po"
    copy.write_bytes(written.replace(b"Generated-By: Babel", b"Generated-By: Babel 0.0 was"))
    assert not script._is_stale(copy, written)
    copy.write_bytes(written.replace(b'msgstr "hata"', b'msgstr "yanlis"', 1))
    assert script._is_stale(copy, written)


@pytest.mark.parametrize(
    ("text", "lang", "upper"),
    [
        ("içerik", "tr", "İçerik"),
        ("ılık", "tr", "Ilık"),
        ("içerik", "en", "Içerik"),
        ("ölçüm", "tr", "Ölçüm"),
        ("", "tr", ""),
    ],
)
def test_upper_first_capitalises_the_turkish_way_in_turkish(
    text: str, lang: str, upper: str
) -> None:
    from campaignlint.i18n import lower_first, upper_first

    assert upper_first(text, lang) == upper
    if lang == "tr":
        assert lower_first(upper, lang) == text


def test_messages_are_capitalised_by_the_one_turkish_capitaliser() -> None:
    from campaignlint.i18n import upper_first
    from campaignlint.model import sentence_case

    for text in ("içerik yönergesi yok", "ılık bir ton", "bütçe"):
        assert sentence_case(text, "tr") == upper_first(text, "tr")


def test_a_turkish_suffix_after_an_apostrophe_is_not_a_quote() -> None:
    from campaignlint.model import sentence_case

    assert sentence_case("brief'te takip bölümü yok", "tr") == "Brief'te takip bölümü yok"
    assert sentence_case("'kpis' boş", "tr") == "'kpis' boş"
    assert sentence_case("campaign içinde", "tr", (("where", "campaign"),)) == "campaign içinde"


def test_a_deferred_message_is_built_once_and_only_when_needed() -> None:
    import pickle

    from campaignlint.i18n import Deferred

    built: list[Message] = []

    def hint() -> Message:
        built.append(
            Message(
                "{share} of this audience is aged {window}",
                (("share", Percent(57)), ("window", "25-44")),
            )
        )
        return built[-1]

    deferred = Deferred(hint)
    assert built == []
    assert deferred.render("en") == "57% of this audience is aged 25-44"
    assert deferred.render("tr") == "%57 of this audience is aged 25-44"
    assert (deferred.template, deferred.args) == (built[0].template, built[0].args)
    assert len(built) == 1
    assert deferred == hint() and hash(deferred) == hash(built[-1])
    assert pickle.loads(pickle.dumps(deferred)) == built[0]
