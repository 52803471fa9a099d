import pytest

from tests.helpers import run_rule, shared_example, summary

RULE = "over-restrictive-clauses"


def test_shared_example_is_clean() -> None:
    text = shared_example()
    assert run_rule(RULE, text) == []


def test_forcing_wording_is_quoted_in_english_and_turkish() -> None:
    findings = run_rule(
        RULE,
        """\
        content:
          creative_freedom: The creator must say "best serum ever" and may not express criticism.
          guidelines:
            - Show the serum in daylight.
            - Only positive comments about the texture.
        contract:
          duties: Senaryo BİREBİR OKUNACAK; olumsuz yorum yapamaz.
          clauses:
            - The creator keeps ownership of the videos.
            - İçerik üreticisi kendi görüşünü belirtemez.
            - Ürünü övmesi zorunludur.
        """,
    )
    assert summary(findings) == [
        (RULE, "warning", 2, "/content/creative_freedom"),
        (RULE, "warning", 5, "/content/guidelines/1"),
        (RULE, "warning", 7, "/contract/duties"),
        (RULE, "warning", 10, "/contract/clauses/1"),
        (RULE, "warning", 11, "/contract/clauses/2"),
    ]
    messages = [finding.message for finding in findings]
    assert messages[0] == (
        "content.creative_freedom forces wording or an opinion on the creator:"
        ' "must say", "may not express"'
    )
    assert '"Only positive"' in messages[1]
    assert '"BİREBİR OKUNACAK", "olumsuz yorum yapamaz"' in messages[2]
    assert '"kendi görüşünü belirtemez"' in messages[3]
    assert '"zorunludur"' in messages[4]


@pytest.mark.parametrize(
    "clause",
    [
        "The creator may express their own opinion, positive or negative.",
        "The creator does not have to read the script verbatim.",
        "You don't need to stick to the script.",
        "The creator must say it is an ad (#ad) at the start of the caption.",
        "Read the legal disclaimer verbatim.",
        "İçerik üreticisi kendi görüşünü belirtebilir.",
        "İçerik üreticisi olumsuz yorum yapabilir.",
        "Metni birebir okumak zorunda değildir.",
        "#reklam etiketinin kullanılması zorunludur.",
        "Ödemenin 30 gün içinde yapılması zorunludur.",
        "Creator chooses format, tone and script; brand checks facts only.",
        "The creator is not required to say anything specific.",
        "The creator doesn't have to say the slogan.",
    ],
)
def test_clauses_granting_freedom_or_stating_the_law_stay_silent(clause: str) -> None:
    assert run_rule(RULE, f"contract:\n  clauses:\n    - {clause}\n") == []


def test_turkish_suffixes_and_variants_match() -> None:
    findings = run_rule(
        RULE,
        "contract:\n  clauses:\n    - Kendi yorumunu katamazlar ve metnin dışına çıkamazlar.\n",
    )
    assert '"Kendi yorumunu katamazlar", "metnin dışına çıkamazlar"' in findings[0].message
    # domain.md: "kendi görüşünü belirtemez", "olumsuz yorum yapamaz" also in plural and future
    for clause, quote in [
        ("Kendi görüşlerini belirtemez.", "Kendi görüşlerini belirtemez"),
        ("Kendi fikirlerini belirtemezler.", "Kendi fikirlerini belirtemezler"),
        ("Influencer olumsuz yorum yapamayacak.", "olumsuz yorum yapamayacak"),
    ]:
        found = run_rule(RULE, f"contract:\n  clauses:\n    - {clause}\n")
        assert summary(found) == [(RULE, "warning", 3, "/contract/clauses/0")]
        assert f'"{quote}"' in found[0].message


def test_patterns_option_replaces_a_language_and_extra_patterns_extend() -> None:
    text = """\
    contract:
      clauses:
        - The creator must say the slogan.
        - Slogan birebir okunacak.
        - Always smile at the camera.
    """
    replaced = run_rule(RULE, text, options={"patterns": {"en": ["always smile"]}})
    assert [finding.pointer for finding in replaced] == [
        "/contract/clauses/1",  # Turkish keeps its built-in list
        "/contract/clauses/2",
    ]
    extended = run_rule(RULE, text, options={"extra_patterns": {"en": ["always * at"]}})
    assert len(extended) == 3
    assert '"Always smile at"' in extended[2].message
    silenced = run_rule(RULE, text, options={"patterns": {"en": [], "tr": []}})
    assert silenced == []


def test_contract_terms_beyond_market_practice() -> None:
    findings = run_rule(
        RULE,
        """\
        content:
          approval: {required: true, rounds: 4}
        contract:
          exclusivity: {category: All, duration_days: 91}
          usage_rights: {duration_months: 25}
          revision_rounds: unlimited
        """,
    )
    assert summary(findings) == [
        (RULE, "warning", 2, "/content/approval/rounds"),
        (RULE, "warning", 4, "/contract/exclusivity/category"),
        (RULE, "warning", 4, "/contract/exclusivity/duration_days"),
        (RULE, "warning", 5, "/contract/usage_rights/duration_months"),
        (RULE, "warning", 6, "/contract/revision_rounds"),
    ]
    messages = [finding.message for finding in findings]
    assert messages[0] == "content.approval.rounds allows 4 rounds, more than 3"
    assert "every brand" in messages[1]
    assert messages[2] == "Exclusivity lasts 91 days, more than 90"
    assert messages[3] == "Usage rights run 25 months, more than 24"
    assert messages[4] == "contract.revision_rounds allows unlimited rounds"


def test_perpetual_usage_and_exclusivity_without_category() -> None:
    findings = run_rule(
        RULE,
        """\
        contract:
          exclusivity:
            duration_days: 30
          usage_rights: {duration_months: perpetual}
        """,
    )
    assert summary(findings) == [
        (RULE, "warning", 2, "/contract/exclusivity"),
        (RULE, "warning", 4, "/contract/usage_rights/duration_months"),
    ]
    assert findings[1].message == "Usage rights are perpetual"
    for category in ("all categories", "Tüm kategoriler", "any brand"):
        text = f"contract:\n  exclusivity: {{category: {category}, duration_days: 30}}\n"
        assert summary(run_rule(RULE, text)) == [
            (RULE, "warning", 2, "/contract/exclusivity/category")
        ]
    flag = run_rule(RULE, "contract:\n  usage_rights: {channels: [tiktok], perpetual: true}\n")
    assert summary(flag) == [(RULE, "warning", 2, "/contract/usage_rights/perpetual")]


def test_limits_are_inclusive_and_overridable() -> None:
    text = """\
    content:
      approval: {rounds: 3}
    contract:
      exclusivity: {category: skincare, duration_days: 90}
      usage_rights: {duration_months: 24}
      revision_rounds: 3
    """
    assert run_rule(RULE, text) == []
    stricter = run_rule(
        RULE,
        text,
        options={"max_exclusivity_days": 60, "max_usage_months": 12, "max_rounds": 2},
    )
    assert len(stricter) == 4


def test_wrong_types_do_not_crash() -> None:
    findings = run_rule(
        RULE,
        """\
        content:
          creative_freedom: {text: must say}
          guidelines: 42
          approval: [rounds, 9]
        contract:
          clauses: must say this
          duties: [1, 2]
          exclusivity: [skincare]
          usage_rights: {duration_months: "twelve"}
          revision_rounds: {max: 9}
        """,
    )
    # Contract v2: nothing is readable, not even the lone string in clauses (a list belongs
    # there): values the schema rejects are its findings only.
    assert summary(findings) == []
    assert run_rule(RULE, "contract: yes\ncontent: [a]\n") == []


def test_asking_to_mention_a_fact_is_not_forcing_wording() -> None:
    """Facts that must be right (a promo code, an ingredient) are the brand's to give; only
    forced words or opinions are over-restrictive."""
    findings = run_rule(
        RULE,
        """\
        contract:
          clauses:
            - The creator must mention the promo code GLOW20 in the caption.
            - The creator must mention that the serum is vegan.
            - The creator must say the product changed their life.
        """,
    )
    assert [(f.line, f.pointer) for f in findings] == [(5, "/contract/clauses/2")]
    assert '"must say"' in findings[0].message


def test_clauses_forcing_the_same_words_are_one_finding() -> None:
    findings = run_rule(
        RULE,
        """\
        contract:
          clauses:
            - Read the script verbatim
            - Read the script verbatim
            - You must say it is the best serum
        """,
    )
    assert [(f.line, f.pointer) for f in findings] == [
        (3, "/contract/clauses/0"),
        (5, "/contract/clauses/2"),
    ]
    assert findings[0].message.startswith(
        "contract.clauses[0], contract.clauses[1] force wording or an opinion on the creator"
    )
    assert [r.line for r in findings[0].related] == [4]
