from tests.helpers import run_rule, summary

RULE = "content-guidelines"

CLEAN = """\
content:
  topics: [morning skincare routine, serum texture test]
  guidelines: Show the serum in natural light; mention the vitamin C content.
  approval: {required: true, rounds: 2, turnaround_days: 2}
"""


def test_clean_content_section() -> None:
    assert run_rule(RULE, CLEAN) == []


def test_missing_topics() -> None:
    findings = run_rule(
        RULE, CLEAN.replace("  topics: [morning skincare routine, serum texture test]\n", "")
    )
    assert summary(findings) == [(RULE, "warning", 1, "/content/topics")]
    assert "no content topics" in findings[0].message


def test_empty_topics_and_blank_guidelines_count_as_missing() -> None:
    text = CLEAN.replace("[morning skincare routine, serum texture test]", "[]").replace(
        "Show the serum in natural light; mention the vitamin C content.", '"  "'
    )
    findings = run_rule(RULE, text)
    assert summary(findings) == [
        (RULE, "warning", 2, "/content/topics"),
        (RULE, "warning", 3, "/content/guidelines"),
    ]
    assert "no content guidelines" in findings[1].message


def test_approval_not_required() -> None:
    findings = run_rule(RULE, CLEAN.replace("required: true", "required: false"))
    assert summary(findings) == [(RULE, "warning", 4, "/content/approval/required")]
    assert "does not approve" in findings[0].message
    # Contract v2: "yes" in quotes is text the schema rejects: the schema's finding only.
    assert run_rule(RULE, CLEAN.replace("required: true", 'required: "yes"')) == []


def test_approval_missing_points_at_its_parent() -> None:
    findings = run_rule(
        RULE, CLEAN.replace("  approval: {required: true, rounds: 2, turnaround_days: 2}\n", "")
    )
    assert summary(findings) == [(RULE, "warning", 1, "/content/approval/required")]
    findings = run_rule(RULE, CLEAN.replace("required: true, ", ""))
    assert summary(findings) == [(RULE, "warning", 4, "/content/approval/required")]


def test_no_content_section_gives_three_warnings() -> None:
    findings = run_rule(RULE, "campaign:\n  name: Launch\n")
    assert sorted(summary(findings)) == [
        (RULE, "warning", 1, "/content/approval/required"),
        (RULE, "warning", 1, "/content/guidelines"),
        (RULE, "warning", 1, "/content/topics"),
    ]


def test_slow_turnaround_is_info_and_five_days_is_fine() -> None:
    assert run_rule(RULE, CLEAN.replace("turnaround_days: 2", "turnaround_days: 5")) == []
    findings = run_rule(RULE, CLEAN.replace("turnaround_days: 2", "turnaround_days: 6"))
    assert summary(findings) == [(RULE, "info", 4, "/content/approval/turnaround_days")]
    assert "6 days, more than 5" in findings[0].message


def test_turnaround_option() -> None:
    text = CLEAN.replace("turnaround_days: 2", "turnaround_days: 3")
    findings = run_rule(RULE, text, options={"max_turnaround_days": 2})
    assert summary(findings) == [(RULE, "info", 4, "/content/approval/turnaround_days")]
    text = CLEAN.replace("turnaround_days: 2", "turnaround_days: 9")
    assert run_rule(RULE, text, options={"max_turnaround_days": 10}) == []


def test_wrong_types_do_not_crash() -> None:
    assert run_rule(RULE, "content: [a, b]\n") == []
    text = CLEAN.replace("turnaround_days: 2", 'turnaround_days: "two"')
    assert run_rule(RULE, text) == []
    text = CLEAN.replace("{required: true, rounds: 2, turnaround_days: 2}", "[required]")
    assert run_rule(RULE, text) == []
    text = CLEAN.replace("[morning skincare routine, serum texture test]", "{a: 1}")
    assert run_rule(RULE, text) == []
