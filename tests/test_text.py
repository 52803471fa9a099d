"""Unit tests for Turkish-aware text matching (campaignlint.text)."""

from __future__ import annotations

import pytest

from campaignlint.text import contains_text, fold, normalize_handle, same_text


@pytest.mark.parametrize("spelling", ["İstanbul", "istanbul", "ISTANBUL", "Istanbul", "ıstanbul"])
def test_istanbul_is_one_city(spelling: str) -> None:
    assert same_text(spelling, "İstanbul")
    assert fold(spelling) == "istanbul"


def test_hashtags_match_across_dotless_i_and_accents() -> None:
    assert same_text("#CiltBakımı", "#ciltbakimi")
    assert same_text("#İŞBİRLİĞİ", "#işbirliği")
    assert same_text("#Reklam", "#REKLAM")
    assert same_text("#publicité", "#publicite")


def test_fold_keeps_no_combining_marks() -> None:
    # str.lower() gives "i̇stanbul" (i + combining dot): fold must not.
    assert "İstanbul".lower() != "istanbul"
    assert fold("İstanbul") == "istanbul"
    assert fold("Güzellik Çağı Şöyle") == "guzellik cagi soyle"


def test_different_words_stay_different() -> None:
    assert not same_text("Ankara", "Antalya")
    assert not same_text("#ciltbakimi", "#cilt")


def test_contains_text_and_handles() -> None:
    assert contains_text("Sabah CİLT BAKIMI rutini", "cilt bakımı")
    assert not contains_text("makyaj", "cilt")
    assert normalize_handle("@Ayşe.Glow ") == normalize_handle("ayse.glow")


def test_phrase_filter_keeps_every_phrase_that_may_occur_in_data_order() -> None:
    from campaignlint.text import PhraseFilter

    phrases = ["#reklamdeğil", "reklam değil", "not an ad", "do not disclose", "* *"]
    phrase_filter = PhraseFilter((p, [w for w in fold(p).split() if w != "*"]) for p in phrases)
    assert phrase_filter.candidates("bu bir reklam degil") == [
        "#reklamdeğil",
        "reklam değil",
        "* *",
    ]
    assert phrase_filter.candidates("it is not an ad") == ["not an ad", "* *"]
    assert phrase_filter.candidates("a serum") == ["* *"]
    assert PhraseFilter([("not an ad", ["not", "an", "ad"])]).candidates("a serum") == []
