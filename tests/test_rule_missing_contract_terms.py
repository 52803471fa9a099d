import datetime as dt

from tests.helpers import run_rule, shared_example, summary

RULE = "missing-contract-terms"

COMPLETE = """\
campaign:
  start: 2027-03-01
contract:
  signed: false
  duties: Three 30-second videos.
  term: {start: 2027-02-20, end: 2027-04-30}
  usage_rights: {channels: [tiktok], duration_months: 6}
  payment:
    schedule:
      - {milestone: signing, percent: 50}
      - {milestone: final_delivery, percent: 50}
  termination: Seven days' written notice; delivered work is paid.
"""


def test_complete_contract_is_clean() -> None:
    assert run_rule(RULE, COMPLETE, today=dt.date(2027, 1, 15)) == []


def test_shared_example_is_clean_today() -> None:
    text = shared_example()
    assert run_rule(RULE, text, today=dt.date(2026, 11, 23)) == []


def test_no_contract_is_an_error_after_the_last_section() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          name: Launch
        kpis:
          - {metric: views, target: 1000}
        """,
    )
    assert summary(findings) == [(RULE, "error", 4, "/contract")]
    assert "no contract" in findings[0].message


def test_empty_contract_key_points_at_the_key() -> None:
    findings = run_rule(RULE, "campaign:\n  name: Launch\ncontract:\nkpis: []\n")
    assert summary(findings) == [(RULE, "error", 3, "/contract")]


def test_each_missing_term_points_at_the_contract_key() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          name: Launch
        contract:
          signed: true
          duties: ""
          payment: {}
        """,
    )
    assert summary(findings) == [
        (RULE, "error", 3, "/contract/duties"),
        (RULE, "error", 3, "/contract/payment"),
        (RULE, "warning", 3, "/contract/term"),
        (RULE, "warning", 3, "/contract/termination"),
        (RULE, "warning", 3, "/contract/usage_rights"),
    ]
    assert "The contract has no usage rights section" in [f.message for f in findings]


def test_payment_schedule_not_summing_to_100_says_the_sum() -> None:
    text = COMPLETE.replace("percent: 50}\n  termination", "percent: 30}\n  termination")
    findings = run_rule(RULE, text, today=dt.date(2027, 1, 15))
    assert summary(findings) == [(RULE, "error", 9, "/contract/payment/schedule")]
    assert "80%" in findings[0].message
    assert "20%" in (findings[0].fix or "")


def test_payment_schedule_over_100_and_rounding() -> None:
    over = COMPLETE.replace("percent: 50}\n  termination", "percent: 70}\n  termination")
    findings = run_rule(RULE, over, today=dt.date(2027, 1, 15))
    assert "120%" in findings[0].message
    thirds = COMPLETE.replace(
        "      - {milestone: signing, percent: 50}\n"
        "      - {milestone: final_delivery, percent: 50}",
        "      - {percent: 33.33}\n      - {percent: 33.33}\n      - {percent: 33.34}",
    )
    assert run_rule(RULE, thirds, today=dt.date(2027, 1, 15)) == []


def _unsigned_findings(today: dt.date, sign_by_days: int | None = None) -> list[str]:
    options = {"sign_by_days": sign_by_days} if sign_by_days is not None else None
    findings = run_rule(RULE, COMPLETE, today=today, options=options)
    assert all(finding.pointer == "/contract/signed" for finding in findings)
    return [finding.message for finding in findings]


def test_unsigned_contract_within_seven_days_warns() -> None:
    findings = run_rule(RULE, COMPLETE, today=dt.date(2027, 2, 22))
    assert summary(findings) == [(RULE, "warning", 4, "/contract/signed")]
    assert "in 7 days" in findings[0].message
    assert "March 1, 2027" in findings[0].message


def test_unsigned_contract_edges() -> None:
    assert _unsigned_findings(dt.date(2027, 2, 21)) == []  # 8 days: still time
    assert _unsigned_findings(dt.date(2027, 3, 1)) == [
        "The contract is not signed and the campaign starts today (March 1, 2027)"
    ]
    assert _unsigned_findings(dt.date(2027, 3, 2)) == []  # already started: skipped
    assert _unsigned_findings(dt.date(2027, 2, 21), sign_by_days=8) != []
    assert _unsigned_findings(dt.date(2027, 2, 22), sign_by_days=6) == []


def test_signed_contract_does_not_warn() -> None:
    text = COMPLETE.replace("signed: false", "signed: true")
    assert run_rule(RULE, text, today=dt.date(2027, 2, 28)) == []


def test_wrong_types_do_not_crash() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign:
          start: soon
        contract:
          signed: "no"
          duties: [Three videos]
          term: next month
          usage_rights: 6 months
          payment:
            schedule: [half, {percent: "50%"}]
          termination: 7
        """,
        today=dt.date(2027, 2, 28),
    )
    assert findings == []
    assert run_rule(RULE, "contract: [a, b]\n") == []
    assert run_rule(RULE, "- just\n- a list\n") == []
    schedule_not_list = run_rule(RULE, COMPLETE.replace("schedule:", "schedule: 100\n    x:"))
    assert all(finding.rule == RULE for finding in schedule_not_list)
