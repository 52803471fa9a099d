"""Unit tests for Turkish-aware text matching (campaignlint.text)."""

from __future__ import annotations

import random
import re

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
    assert phrase_filter.candidates("bu bir reklam degil") == ["reklam değil", "* *"]
    assert phrase_filter.candidates("#reklamdegil") == ["#reklamdeğil", "reklam değil", "* *"]
    # the anchor alone is not enough: every word of the phrase must occur
    assert phrase_filter.candidates("#reklam #ad") == ["* *"]
    assert phrase_filter.candidates("it is not an ad") == ["not an ad", "* *"]
    assert phrase_filter.candidates("a serum") == ["* *"]
    assert PhraseFilter([("not an ad", ["not", "an", "ad"])]).candidates("a serum") == []


@pytest.mark.parametrize("letters", ["ab", "abc\n"])
def test_phrase_filter_files_each_word_under_the_first_shorter_word_inside_it(
    letters: str,
) -> None:
    """A word's anchor is the first word kept (shortest first) that is inside it; a word with
    none is kept; found in one joined text, or word by word when a word holds a line break."""
    from campaignlint.text import _anchors

    rng = random.Random(19)
    for _ in range(300):
        words = sorted(
            {"".join(rng.choice(letters) for _ in range(rng.randint(0, 5))) for _ in range(12)},
            key=len,
        )
        kept: list[str] = []
        for word in words:
            if not any(shorter in word for shorter in kept):
                kept.append(word)
        assert _anchors(words) == {word: next(k for k in kept if k in word) for word in words}
    assert _anchors(["ad", "bad", "adds", "badge"]) == {
        "ad": "ad",
        "bad": "ad",
        "adds": "ad",
        "badge": "ad",
    }
    assert _anchors(["ski", "skin", "care", "skincare"])["skincare"] == "ski"


def _regex_of(words: list[str], separator: str, head: str, tail: str) -> re.Pattern[str]:
    parts = [r"\w+" if word == "*" else re.escape(word) for word in words]
    joiner = r"\s+" if separator == "space" else r"[\s_\-]*"
    ends = {"end": r"(?!\w)", "suffix": r"\w*", "": ""}[tail]
    return re.compile((r"(?<![\w#])" if head else r"(?<!\w)") + joiner.join(parts) + ends)


def test_word_sequence_matches_exactly_what_its_regular_expression_matches() -> None:
    from campaignlint.text import WordSequence

    chance = random.Random(7)
    for _ in range(3000):
        words = ["".join(chance.choice("ab#'ş1.") for _ in range(chance.randint(1, 3)))]
        words += [chance.choice(["a", "b#", "*", "ş'"]) for _ in range(chance.randint(0, 2))]
        separator = chance.choice(["space", "joiner"])
        if separator == "joiner":
            words = [word for word in words if word != "*"]
        head, tail = chance.choice(["", "#"]), chance.choice(["end", "suffix", ""])
        sequence = WordSequence(words, separator, head, tail)
        pattern = _regex_of(words, separator, head, tail)
        for _ in range(5):
            text = "".join(chance.choice("ab_- \n#'ş1\u0301." + "".join(words)) for _ in range(14))
            assert sequence.find_all(text) == [m.span() for m in pattern.finditer(text)]
            match = pattern.search(text)
            assert sequence.search(text) == (match.span() if match else None)


def test_word_sequence_needs_a_literal_first_word() -> None:
    from campaignlint.text import WordSequence

    with pytest.raises(ValueError):
        WordSequence(["*", "verbatim"], "space", "#", "end")
    with pytest.raises(ValueError):
        WordSequence([], "space", "#", "end")


def _quotes(text: str, written: str, **options: bool) -> list[str]:
    from campaignlint.text import fold_with_offsets, phrase_matcher

    folded, offsets = fold_with_offsets(text)
    spans = phrase_matcher(written, **options).find_all(folded)
    return [text[offsets[start] : offsets[end]] for start, end in spans]


def test_phrase_matching_folds_turkish_case_and_diacritics_in_text_and_phrase() -> None:
    assert _quotes("İŞBİRLİĞİ ile, ışbırlıgı da", "işbirliği") == ["İŞBİRLİĞİ", "ışbırlıgı"]
    assert _quotes("Don’t MENTION it", "don't mention") == ["Don’t MENTION"]
    assert _quotes("Café  CREME", "cafe creme") == ["Café  CREME"]  # any run of spaces


def test_phrase_matching_takes_whole_words_unless_a_stem() -> None:
    assert _quotes("must say, must sayings, mustsay", "must say") == ["must say"]
    assert _quotes("they must says it", "must say", stem=True) == ["must says"]
    assert _quotes("komisyonlu ve komisyon", "komisyon*") == ["komisyonlu", "komisyon"]
    assert _quotes("xmust say", "must say", stem=True) == []  # never inside a word


def test_phrase_matching_wildcard_compounds_and_hashtags() -> None:
    assert _quotes("read the script verbatim", "read the * verbatim") == [
        "read the script verbatim"
    ]
    assert _quotes("read the verbatim", "read the * verbatim") == []  # one word, not none
    compounds = "skin care, skin-care, skin_care, #skincare"
    assert _quotes(compounds, "skin care", compound=True) == [
        "skin care",
        "skin-care",
        "skin_care",
        "skincare",
    ]
    assert _quotes(compounds, "skin care") == ["skin care"]
    # inside a hashtag only when asked; a phrase starting with # never right after another #
    assert _quotes("#not an ad", "not an ad") == ["not an ad"]
    assert _quotes("#not an ad", "not an ad", in_hashtags=False) == []
    assert _quotes("#ad ##ad", "#ad") == ["#ad"]


def test_a_phrase_set_gives_the_first_phrase_in_its_order() -> None:
    from campaignlint.text import PhraseSet, fold

    phrases = PhraseSet(["do not disclose", "not"])
    folded = fold("Please do NOT disclose")
    assert [text for text, _found in phrases.candidates(folded)] == ["do not disclose", "not"]
    assert phrases.first(folded) == ("do not disclose", (7, 22))
    assert phrases.first(fold("a serum")) is None


def test_candidates_among_the_anchors_found_in_a_whole_text_are_those_of_its_parts() -> None:
    from campaignlint.text import PhraseSet, fold

    phrases = PhraseSet(["do not disclose", "not", "read verbatim", "#reklamdeğil"])
    parts = [fold("Please do NOT disclose"), fold("Read it verbatim"), "a serum"]
    among = phrases.anchors_in("\n".join(parts))
    assert "verbatim" in among or "read" in among
    for part in parts:
        assert phrases.candidates(part, among) == phrases.candidates(part)
    assert phrases.anchors_in("a serum") == []
