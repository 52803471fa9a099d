"""Property tests: mutated sample briefs never crash campaignlint."""

from __future__ import annotations

import json
import math
import time
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaignlint.config import Config
from campaignlint.engine import lint_file
from tests.helpers import FIXED_TODAY, SAMPLES

BASE = yaml.safe_load((SAMPLES / "clean-en.yaml").read_text(encoding="utf-8"))
BASE = json.loads(json.dumps(BASE, default=str))
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["", "19:00", "2026-02-30", "-1", "1e309", "#", "@", "NaN", ".inf"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


PATHS = _paths(BASE)


def _mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    copy = json.loads(json.dumps(data))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "drop":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(parent[last])
    else:
        parent[last] = value
    return copy


def _dump(data: Any) -> str:
    def clean(node: Any) -> Any:  # YAML spells NaN/inf its own way
        if isinstance(node, float) and (math.isnan(node) or math.isinf(node)):
            return node
        return node

    return yaml.safe_dump(clean(data), allow_unicode=True)


def _lint(tmp_path: Any, text: str) -> Any:
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    result = lint_file(str(path), Config(), today=FIXED_TODAY)
    assert time.monotonic() - started < 10
    assert not result.internal_error, [f.message for f in result.findings]
    assert all(f.rule != "internal-error" for f in result.findings)
    return result


@SETTINGS
@given(
    mutations=st.lists(
        st.tuples(st.sampled_from(PATHS), st.sampled_from(["drop", "duplicate", "retype"]), values),
        min_size=1,
        max_size=5,
    )
)
def test_mutated_briefs_never_crash(tmp_path_factory: Any, mutations: list[Any]) -> None:
    data = BASE
    for path, action, value in mutations:
        try:
            data = _mutate(data, path, action, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or retyped the parent
    _lint(tmp_path_factory.mktemp("p"), _dump(data))


@SETTINGS
@given(text=st.text(max_size=300))
def test_random_unicode_text_is_a_finding_or_a_clear_error(
    tmp_path_factory: Any, text: str
) -> None:
    path = tmp_path_factory.mktemp("u") / "brief.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = lint_file(str(path), Config(), today=FIXED_TODAY)
    assert not result.internal_error
    assert result.error is None or result.error.startswith(str(path))


@settings(max_examples=15, deadline=None)
@given(
    number=st.sampled_from(
        [10**400, -(10**400), -1, 0, float("nan"), float("inf"), -float("inf"), 1e308]
    )
)
def test_extreme_numbers_everywhere(tmp_path_factory: Any, number: Any) -> None:
    text = _dump(BASE)
    for field in ("followers", "amount", "percent", "engagement_rate", "count", "avg_views"):
        text = text.replace(f"{field}: ", f"{field}: {_number(number)} #", 1)
    _lint(tmp_path_factory.mktemp("n"), text)


def _number(number: Any) -> str:
    if isinstance(number, float) and math.isnan(number):
        return ".nan"
    if isinstance(number, float) and math.isinf(number):
        return ".inf" if number > 0 else "-.inf"
    return str(number)


@pytest.mark.slow
def test_ten_thousand_influencers_in_bounded_time(tmp_path: Any) -> None:
    data = json.loads(json.dumps(BASE))
    template = data["influencers"][0]
    data["influencers"] = [
        {**template, "handle": f"@creator{index}", "followers": 1000 + index}
        for index in range(10_000)
    ]
    text = yaml.safe_dump(data, allow_unicode=True)
    started = time.monotonic()
    _lint(tmp_path, text)
    assert time.monotonic() - started < 30


def test_deeply_nested_values_are_a_clear_error_or_fine(tmp_path: Any) -> None:
    for depth in (50, 150, 199, 250, 5000):
        text = "campaign:\n  name: " + "[" * depth + "]" * depth + "\n"
        path = tmp_path / f"deep{depth}.yaml"
        path.write_text(text)
        result = lint_file(str(path), Config(), today=FIXED_TODAY)
        assert not result.internal_error
        if depth > 190:
            assert result.error and "nesting deeper than" in result.error
