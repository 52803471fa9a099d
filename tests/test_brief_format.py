"""docs/brief-format.md is generated from the brief schema: it lists every field with its allowed
values, ends with an example that passes every check, and never goes stale."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from campaignlint import lint_text
from campaignlint.brief_format import brief_format_markdown
from campaignlint.cli import main
from campaignlint.validation import load_schema
from tests.helpers import FIXED_TODAY, REPO


def test_the_brief_format_reference_is_up_to_date() -> None:
    current = (REPO / "docs" / "brief-format.md").read_text(encoding="utf-8")
    assert current == brief_format_markdown(), (
        "docs/brief-format.md is stale: run"
        " `campaignlint docs --brief-format --output docs/brief-format.md`"
    )


def test_docs_check_flag_reports_a_stale_brief_format(tmp_path: Path) -> None:
    stale = tmp_path / "brief-format.md"
    stale.write_text("old\n", encoding="utf-8")
    runner = CliRunner()
    args = ["docs", "--brief-format", "--output", str(stale)]
    checked = runner.invoke(main, [*args, "--check"])
    assert checked.exit_code == 1
    assert "campaignlint docs --brief-format --output" in checked.stderr
    assert runner.invoke(main, args).exit_code == 0
    assert runner.invoke(main, [*args, "--check"]).exit_code == 0


def _fields(node: Any, root: dict[str, Any], path: str) -> list[str]:
    """Every field path of the schema, as the reference names them."""
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        node = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
    if not isinstance(node, dict):
        return []
    found: list[str] = []
    if isinstance(node.get("items"), dict):
        found += _fields(node["items"], root, f"{path}[]")
    for key, child in node.get("properties", {}).items():
        child_path = f"{path}.{key}" if path else key
        found += [child_path, *_fields(child, root, child_path)]
    return found


def test_every_field_and_every_allowed_value_is_documented() -> None:
    text = brief_format_markdown()
    root = load_schema("brief.schema.json")
    fields = [field for field in _fields(root, root, "") if "." in field]
    assert len(fields) > 80
    for field in fields:
        assert f"| `{field}` |" in text, field
    for values in re.findall(r'"enum": \[([^\]]*)\]', (REPO / "schemas" / "brief.schema.json")
                             .read_text(encoding="utf-8").replace("\n", "")):  # fmt: skip
        for value in re.findall(r'"([^"]+)"', values):
            assert f"`{value}`" in text, value


def test_the_example_in_the_reference_passes_every_check() -> None:
    example = brief_format_markdown().split("```yaml\n")[-1].split("\n```")[0]
    assert lint_text(example, today=FIXED_TODAY) == []
