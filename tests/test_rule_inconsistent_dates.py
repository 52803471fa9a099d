from tests.helpers import run_rule, summary

RULE = "inconsistent-dates"

CLEAN = """\
campaign:
  start: 2027-03-01
  end: 2027-03-31
deliverables:
  - influencer: "@ayse.glow"
    due: 2027-03-01
  - influencer: "@mert.fit"
    due: "2027-03-31"
contract:
  term: {start: 2027-03-01, end: "2027-03-31"}
"""


def test_clean_dates_on_the_edges_stay_silent() -> None:
    assert run_rule(RULE, CLEAN) == []


def test_campaign_end_before_start_is_an_error_at_end() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          start: 2027-03-31
          end: 2027-03-01
        deliverables:
          - {influencer: "@ayse.glow", due: 2027-05-01}
        """,
    )
    # The inverted campaign is the only finding: nothing else can be measured against it.
    assert summary(findings) == [("inconsistent-dates", "error", 3, "/campaign/end")]
    assert "March 1, 2027" in findings[0].message
    assert "March 31, 2027" in findings[0].message
    assert findings[0].column == 8


def test_same_day_campaign_is_consistent() -> None:
    text = "campaign:\n  start: 2027-03-01\n  end: 2027-03-01\n"
    assert run_rule(RULE, text) == []


def test_due_before_start_and_after_end_are_errors_at_due() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          start: "2027-03-01"
          end: 2027-03-31
        deliverables:
          - influencer: "@ayse.glow"
            due: 2027-02-28
          - influencer: "@mert.fit"
            due: "2027-04-01"
          - influencer: "@zeynep"
            due: 2027-03-15
        """,
    )
    assert summary(findings) == [
        ("inconsistent-dates", "error", 6, "/deliverables/0/due"),
        ("inconsistent-dates", "error", 8, "/deliverables/1/due"),
    ]
    assert "@ayse.glow" in findings[0].message
    assert "February 28, 2027" in findings[0].message
    assert "before the campaign starts" in findings[0].message
    assert "@mert.fit" in findings[1].message
    assert "after the campaign ends on March 31, 2027" in findings[1].message
    assert findings[1].fix is not None and "April 1, 2027" in findings[1].fix


def test_due_without_start_checks_the_end_only() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          end: 2027-03-31
        deliverables:
          - {due: 2027-01-01}
          - {due: 2027-04-02}
        """,
    )
    assert summary(findings) == [("inconsistent-dates", "error", 5, "/deliverables/1/due")]
    assert "an unnamed creator" in findings[0].message


def test_contract_term_not_covering_the_campaign_is_a_warning_per_side() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          start: 2027-03-01
          end: 2027-03-31
        contract:
          term:
            start: 2027-03-02
            end: 2027-03-30
        """,
    )
    assert summary(findings) == [
        ("inconsistent-dates", "warning", 6, "/contract/term/start"),
        ("inconsistent-dates", "warning", 7, "/contract/term/end"),
    ]
    assert "March 2, 2027" in findings[0].message
    assert "March 30, 2027" in findings[1].message


def test_contract_term_ending_before_it_starts_is_a_warning() -> None:
    # domain.md, Brief integrity: a contract.term that does not cover the campaign is a warning.
    findings = run_rule(
        RULE,
        """\
        campaign: {start: 2027-03-01, end: 2027-03-31}
        contract:
          term: {start: 2027-04-30, end: 2027-02-20}
        """,
    )
    assert summary(findings) == [("inconsistent-dates", "warning", 3, "/contract/term/end")]


def test_open_ended_term_side_is_not_judged() -> None:
    text = (
        "campaign: {start: 2027-03-01, end: 2027-03-31}\ncontract:\n  term: {start: 2027-02-01}\n"
    )
    assert run_rule(RULE, text) == []


def test_due_grace_days_option_allows_late_posts() -> None:
    text = """\
    campaign: {start: 2027-03-01, end: 2027-03-31}
    deliverables:
      - {influencer: "@ayse.glow", due: 2027-04-03}
    """
    assert summary(run_rule(RULE, text)) == [
        ("inconsistent-dates", "error", 3, "/deliverables/0/due")
    ]
    assert run_rule(RULE, text, options={"due_grace_days": 3}) == []
    assert len(run_rule(RULE, text, options={"due_grace_days": 2})) == 1


def test_check_contract_term_option_turns_the_warning_off() -> None:
    text = "campaign: {start: 2027-03-01, end: 2027-03-31}\ncontract:\n  term: {end: 2027-03-15}\n"
    assert len(run_rule(RULE, text)) == 1
    assert run_rule(RULE, text, options={"check_contract_term": False}) == []


def test_wrong_types_do_not_crash() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          start: next spring
          end: [2027, 3, 31]
        deliverables:
          - just a string
          - {influencer: [a, b], due: 42}
          - {due: {day: 1}}
        contract:
          term: three months
        """,
    )
    assert [f for f in findings if f.rule == "internal-error"] == []
    assert findings == []


def test_deliverables_and_contract_of_wrong_shape_do_not_crash() -> None:
    text = "campaign: {start: 2027-03-01, end: 2027-03-31}\ndeliverables: {a: 1}\ncontract: [1]\n"
    assert run_rule(RULE, text) == []


def test_turkish_messages_render() -> None:
    text = "campaign: {start: 2027-03-31, end: 2027-03-01}\n"
    findings = run_rule(RULE, text, lang="tr")
    assert summary(findings) == [("inconsistent-dates", "error", 1, "/campaign/end")]
    assert "2027" in findings[0].message


def test_deliverables_due_on_the_same_wrong_date_are_one_finding() -> None:
    findings = run_rule(
        "inconsistent-dates",
        """\
        campaign: {start: 2027-03-01, end: 2027-03-31}
        deliverables:
          - {influencer: "@a", due: 2027-04-10}
          - {influencer: "@b", due: 2027-04-10}
          - {influencer: "@c", due: 2027-04-11}
          - {influencer: "@d", due: 2027-03-15}
        """,
    )
    assert [(f.line, f.pointer) for f in findings] == [
        (3, "/deliverables/0/due"),
        (5, "/deliverables/2/due"),
    ]
    assert findings[0].message == (
        "2 deliverables (@a, @b) are due on April 10, 2027, after the campaign ends on"
        " March 31, 2027."
    )
    assert [r.line for r in findings[0].related] == [4]
    assert findings[1].message.startswith("The deliverable of @c is due on April 11, 2027")
