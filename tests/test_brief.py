from campaignlint.brief import Brief
from campaignlint.i18n import _
from campaignlint.loader import load_text

TEXT = """\
campaign:
  name: Launch
content:
  topics: []
  approval:
    rounds: 2
kpis:
  - {metric: views}
"""


def _line(pointer: str) -> int:
    brief = Brief(load_text(TEXT))
    problem = brief.missing(pointer, _("missing"))
    assert problem.pointer == pointer
    assert problem.position is not None
    return problem.position[0]


def test_missing_points_at_the_nearest_present_key() -> None:
    assert _line("/content/topics") == 4  # present but empty: its own key
    assert _line("/content/guidelines") == 3  # absent: the parent's key
    assert _line("/content/approval/required") == 5
    assert _line("/kpis/0/target") == 8  # a list item has no key: the item itself
    assert _line("/tracking/methods") == 1  # nothing present: the top of the file


def test_missing_keeps_the_given_severity() -> None:
    brief = Brief(load_text(TEXT))
    assert brief.missing("/x", _("m"), severity="info").severity == "info"
    assert brief.missing("/x", _("m")).severity is None
