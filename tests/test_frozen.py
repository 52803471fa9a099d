"""campaignlint.frozen.record builds the classes @dataclass would, without importing dataclasses."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
from typing import Any

import pytest

from campaignlint.frozen import field, record, replace


def _pair(frozen: bool, slots: bool = False) -> tuple[type[Any], type[Any]]:
    """The same class, built by record and by dataclass."""

    def define(decorate: Any, make_field: Any) -> type[Any]:
        @decorate(frozen=frozen, slots=slots)
        class Item:
            """An item."""

            name: str
            count: int = 0
            tags: list[str] = make_field(default_factory=list)
            note: str = make_field(default="", repr=False)
            cached: Any = make_field(default=None, repr=False, compare=False)
            size: int = make_field(init=False, repr=False)

            def __post_init__(self) -> None:
                object.__setattr__(self, "size", len(self.name) + self.count)

        return Item

    return define(record, field), define(dataclasses.dataclass, dataclasses.field)


@pytest.mark.parametrize("slots", [False, True])
@pytest.mark.parametrize("frozen", [False, True])
def test_a_record_behaves_as_the_dataclass(frozen: bool, slots: bool) -> None:
    fast, slow = _pair(frozen, slots)
    assert hasattr(fast("a"), "__dict__") == hasattr(slow("a"), "__dict__") == (not slots)
    for cls in (fast, slow):
        cls.__qualname__ = "Item"
    made = [
        (cls("a", 2, note="n", cached=1), cls("a", 2, note="n", cached=2)) for cls in (fast, slow)
    ]
    (first, twin), (slow_first, slow_twin) = made
    assert repr(first) == repr(slow_first) == "Item(name='a', count=2, tags=[])"
    assert (first == twin) == (slow_first == slow_twin) is True  # cached is not compared
    assert (first.size, first.tags, first.note) == (slow_first.size, slow_first.tags, "n")
    assert first.tags is not fast("b").tags  # a fresh default per instance
    assert first != fast("a", 3) and first != slow_first  # another class is never equal
    assert fast.__match_args__ == slow.__match_args__
    if frozen:
        assert hash(fast("a", 2, ())) == hash(fast("a", 2, ())) == hash(slow("a", 2, ()))
        for item in (first, slow_first):
            with pytest.raises(dataclasses.FrozenInstanceError):
                item.name = "b"
            with pytest.raises(dataclasses.FrozenInstanceError):
                del item.name
    else:
        assert fast.__hash__ is None and slow.__hash__ is None  # mutable and equal by value
        first.count = 5
        assert first.count == 5
    with pytest.raises(TypeError):
        fast()  # name has no default


def test_dataclasses_functions_work_on_records() -> None:
    fast, _slow = _pair(frozen=True)
    item = fast("abc", 1, ["x"])
    assert dataclasses.is_dataclass(item)
    assert [f.name for f in dataclasses.fields(item)] == [
        "name",
        "count",
        "tags",
        "note",
        "cached",
        "size",
    ]
    assert dataclasses.asdict(item)["tags"] == ["x"]
    changed = dataclasses.replace(item, count=5)
    assert (changed.name, changed.count, changed.size) == ("abc", 5, 8)


def test_replace_copies_with_changes_and_runs_post_init_again() -> None:
    fast, slow = _pair(frozen=True)
    for cls in (fast, slow):
        item = replace(cls("abc", 1, ["x"]), count=5)
        assert (item.name, item.count, item.tags, item.size) == ("abc", 5, ["x"], 8)
        with pytest.raises(ValueError):
            replace(item, size=3)


def test_records_pickle_as_dataclasses_do() -> None:
    from campaignlint.i18n import _
    from campaignlint.model import Problem

    problem = Problem("/campaign/name", _("a message"), position=(1, 2, 3, 4))
    assert pickle.loads(pickle.dumps(problem)) == problem


def test_a_slotted_frozen_record_pickles_and_copies() -> None:
    from campaignlint.plan import Job

    job = Job("brief.yaml", None, "en", None)  # type: ignore[arg-type]
    assert not hasattr(job, "__dict__")  # a run keeps one per file
    copy = replace(job, record_portfolio=True)
    assert pickle.loads(pickle.dumps(copy)) == copy != job
    with pytest.raises(dataclasses.FrozenInstanceError):
        copy.path = "other.yaml"  # type: ignore[misc]


def test_campaignlints_records_import_no_dataclasses() -> None:
    code = (
        "import sys, campaignlint.plan, campaignlint.portfolio, campaignlint.report,"
        " campaignlint.renderers, campaignlint.brief; print('dataclasses' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False"
