from campaignlint.config import Config
from campaignlint.engine import lint_text
from tests.helpers import FIXED_TODAY, run_rule, summary

RULE = "posting-window"

HEAD = """\
campaign:
  markets: [TR]
deliverables:
  - influencer: "@ayse.glow"
    posting_windows:
"""


def windows(*lines: str) -> str:
    return HEAD + "".join(f"      - {line}\n" for line in lines)


def test_window_outside_active_hours() -> None:
    findings = run_rule(
        RULE, windows('{days: [mon], from: "02:00", to: "05:00", timezone: Europe/Istanbul}')
    )
    assert summary(findings) == [(RULE, "warning", 6, "/deliverables/0/posting_windows/0")]
    assert "02:00-05:00" in findings[0].message
    assert "07:00-09:00, 12:00-14:00, 18:00-23:00" in findings[0].message


def test_edges_of_active_hours_stay_silent_or_fire() -> None:
    findings = run_rule(
        RULE,
        windows(
            "{from: 09:00, to: 12:00, timezone: Europe/Istanbul}",  # touches both, overlaps none
            "{from: 08:59, to: 09:30, timezone: Europe/Istanbul}",  # one minute inside
            "{from: 23:00, to: 24:00, timezone: Europe/Istanbul}",  # 24:00 = end of day
            "{from: 22:59, to: 23:00, timezone: Europe/Istanbul}",  # last active minute
        ),
    )
    assert summary(findings) == [
        (RULE, "warning", 6, "/deliverables/0/posting_windows/0"),
        (RULE, "warning", 8, "/deliverables/0/posting_windows/2"),
    ]


def test_windows_crossing_midnight() -> None:
    findings = run_rule(
        RULE,
        windows(
            '{from: "22:00", to: "01:00", timezone: Europe/Istanbul}',  # 22:00-23:00 active
            '{from: "23:30", to: "06:30", timezone: Europe/Istanbul}',  # night only
            '{from: "23:30", to: "07:30", timezone: Europe/Istanbul}',  # reaches the morning
        ),
    )
    assert summary(findings) == [(RULE, "warning", 7, "/deliverables/0/posting_windows/1")]
    assert "23:30-06:30" in findings[0].message


def test_active_hours_option_changes_the_outcome() -> None:
    text = windows('{from: "02:00", to: "05:00", timezone: Europe/Istanbul}')
    assert run_rule(RULE, text, options={"active_hours": ["23:00-03:00"]}) == []
    findings = run_rule(
        RULE,
        windows('{from: "19:00", to: "22:00", timezone: Europe/Istanbul}'),
        options={"active_hours": ["06:00-08:00"]},
    )
    assert summary(findings) == [(RULE, "warning", 6, "/deliverables/0/posting_windows/0")]
    assert "06:00-08:00" in findings[0].message


def test_missing_and_invalid_time_zones() -> None:
    findings = run_rule(
        RULE,
        windows(
            '{from: "19:00", to: "22:00"}',
            '{from: "19:00", to: "22:00", timezone: Istanbul}',
            '{from: "19:00", to: "22:00", timezone: "GMT+3"}',
            '{from: "19:00", to: "22:00", timezone: ""}',
        ),
    )
    # Contract v2: the two windows without a zone are one finding, the second related.
    assert summary(findings) == [
        (RULE, "warning", 6, "/deliverables/0/posting_windows/0/timezone"),
        (RULE, "error", 7, "/deliverables/0/posting_windows/1/timezone"),
        (RULE, "error", 8, "/deliverables/0/posting_windows/2/timezone"),
    ]
    assert findings[0].message.startswith("2 posting windows have no time zone")
    assert [place.pointer for place in findings[0].related] == [
        "/deliverables/0/posting_windows/3/timezone"
    ]
    assert findings[0].related[0].line == 9
    assert "Europe/Istanbul" in (findings[0].fix or "")
    assert "'Istanbul' is not an IANA time zone" in findings[1].message
    assert 'Write the IANA zone "Europe/Istanbul"' in (findings[1].fix or "")


def test_zone_outside_every_market() -> None:
    findings = run_rule(
        RULE,
        windows(
            '{from: "19:00", to: "22:00", timezone: America/New_York}',
            '{from: "19:00", to: "22:00", timezone: Asia/Istanbul}',  # a link to Europe/Istanbul
        ),
    )
    assert summary(findings) == [(RULE, "warning", 6, "/deliverables/0/posting_windows/0/timezone")]
    assert "America/New_York" in findings[0].message and "(TR)" in findings[0].message
    assert "Europe/Istanbul" in (findings[0].fix or "")


def test_zone_checked_against_all_markets_and_skipped_without_markets() -> None:
    text = """\
    campaign: {markets: [DE, US]}
    deliverables:
      - posting_windows: [{from: "19:00", to: "22:00", timezone: America/Chicago}]
      - posting_windows: [{from: "19:00", to: "22:00", timezone: Europe/Istanbul}]
    """
    findings = run_rule(RULE, text)
    assert summary(findings) == [(RULE, "warning", 4, "/deliverables/1/posting_windows/0/timezone")]
    assert run_rule(RULE, text.replace("markets: [DE, US]", "name: x")) == []
    assert run_rule(RULE, text.replace("[DE, US]", "[XX]")) == []


def test_deliverable_without_windows_is_info() -> None:
    findings = run_rule(
        RULE,
        """\
        deliverables:
          - influencer: "@ayse.glow"
            format: video
          - influencer: "@mert.fit"
            posting_windows: []
        """,
    )
    # Contract v2: one finding for the brief, at the first deliverable, the other related.
    assert summary(findings) == [(RULE, "info", 2, "/deliverables/0/posting_windows")]
    assert findings[0].message == "2 deliverables have no posting windows: @ayse.glow, @mert.fit"
    assert [(place.pointer, place.line) for place in findings[0].related] == [
        ("/deliverables/1/posting_windows", 5)
    ]
    one = run_rule(RULE, 'deliverables:\n  - {influencer: "@a", format: video}\n')
    assert one[0].message == "The deliverable of @a has no posting windows"
    assert one[0].related == ()


def test_the_same_window_off_hours_in_three_deliverables_is_one_finding() -> None:
    window = '[{from: "02:00", to: "05:00", timezone: Europe/Istanbul}]'
    other = '[{from: "03:00", to: "04:00", timezone: Europe/Istanbul}]'
    text = f"""\
    campaign: {{markets: [tr]}}
    deliverables:
      - {{influencer: "@a", posting_windows: {window}}}
      - {{influencer: "@b", posting_windows: {window}}}
      - {{influencer: "@c", posting_windows: {window}}}
      - {{influencer: "@d", posting_windows: {other}}}
    """
    findings = run_rule(RULE, text)
    # Different windows are different findings; the same window is one, naming the creators.
    assert summary(findings) == [
        (RULE, "warning", 3, "/deliverables/0/posting_windows/0"),
        (RULE, "warning", 6, "/deliverables/3/posting_windows/0"),
    ]
    assert findings[0].message.startswith("3 posting windows at 02:00-05:00 miss")
    assert findings[0].message.endswith(": @a, @b, @c")
    assert [place.line for place in findings[0].related] == [4, 5]
    assert findings[1].message.startswith("The posting window 03:00-04:00 misses")


def test_days_take_daily_weekdays_and_weekends() -> None:
    text = "deliverables:\n  - posting_windows:\n"
    for days in ("[daily]", "[weekdays]", "[weekends]", "[mon, sat]"):
        text += f'      - {{days: {days}, from: "19:00", to: "22:00", timezone: Europe/Istanbul}}\n'
    assert run_rule(RULE, text) == []
    config = Config(select=(RULE, "schema"))
    schema_pointers = [f.pointer for f in lint_text(text, config=config, today=FIXED_TODAY)]
    assert not [pointer for pointer in schema_pointers if "/days" in pointer]
    bad = lint_text(text.replace("[daily]", "[everyday]"), config=config, today=FIXED_TODAY)
    assert "/deliverables/0/posting_windows/0/days/0" in [f.pointer for f in bad]


def test_clean_windows() -> None:
    findings = run_rule(
        RULE,
        windows(
            "{days: [fri, sat], from: 19:00, to: 22:00, timezone: Europe/Istanbul}",
            '{days: [mon], from: "7:30", to: "8:00", timezone: Turkey}',
        ),
    )
    assert findings == []


def test_wrong_types_do_not_crash() -> None:
    findings = run_rule(
        RULE,
        """\
        campaign: {markets: TR}
        deliverables:
          - posting_windows: {from: 19:00}
          - posting_windows: ["19:00-22:00", 5]
          - posting_windows:
              - {from: 1900, to: [22], timezone: 3}
              - {from: "7pm", to: "25:00", timezone: {zone: x}}
          - "a string"
        """,
    )
    assert findings == []
    assert run_rule(RULE, "deliverables: 5\n") == []
    assert run_rule(RULE, "- a list\n") == []


def test_zones_of_the_market_pass_wherever_they_are_in_it() -> None:
    text = """\
    campaign: {markets: [US]}
    deliverables:
      - posting_windows: [{from: "19:00", to: "22:00", timezone: America/Los_Angeles}]
      - posting_windows: [{from: "19:00", to: "22:00", timezone: US/Pacific}]
    """
    assert run_rule(RULE, text) == []
    findings = run_rule(RULE, text.replace("[US]", "[TR]"))
    assert summary(findings) == [
        (RULE, "warning", 3, "/deliverables/0/posting_windows/0/timezone"),
        (RULE, "warning", 4, "/deliverables/1/posting_windows/0/timezone"),
    ]
    assert run_rule(RULE, text.replace("[US]", "[TR, US]")) == []
