"""Rule data lives beside the rules as data files, each with a JSON Schema it is checked
against when it is read; no rule keeps a big keyword table in code."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from campaignlint.data import load_beside, schema_path
from campaignlint.errors import RuleLoadError
from tests.helpers import REPO

RULES = REPO / "rules"
DATA_FILES = sorted(path for path in RULES.glob("*.json") if not path.name.endswith(".schema.json"))
LONGEST_LITERAL = 12  # items in a list, set or dict literal a rule module may hold
KNOWN_COPIES: set[tuple[str, str]] = set()  # (module, name) of tables allowed to stay in code


def test_every_rule_data_file_has_a_schema_it_matches() -> None:
    assert {path.stem for path in DATA_FILES} >= {
        "age_content_fit",
        "audience_mismatch",
        "hashtag_strategy",
        "missing_kpis",
        "over_restrictive_clauses",
    }
    for path in DATA_FILES:
        assert schema_path(path).is_file(), path.name
        load_beside(str(path), path.name)  # raises when the data breaks its schema


def test_data_that_breaks_its_schema_is_one_line_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "words.schema.json").write_text(
        json.dumps({"type": "object", "properties": {"words": {"type": "array"}}})
    )
    (tmp_path / "words.json").write_text('{"words": "fyp"}')
    anchor = str(tmp_path / "rule.py")
    with pytest.raises(RuleLoadError, match=r"words\.json: /words: .*array"):
        load_beside(anchor, "words.json")
    (tmp_path / "words.json").write_text('{"words": ["fyp"]}')
    assert load_beside(anchor, "words.json") == {"words": ["fyp"]}


@pytest.mark.parametrize("module", sorted(RULES.glob("*.py")), ids=lambda path: path.name)
def test_no_rule_module_holds_a_big_literal_table(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    exempt = {
        id(node)
        for statement in tree.body
        if isinstance(statement, ast.Assign)
        and any(
            isinstance(target, ast.Name) and (module.name, target.id) in KNOWN_COPIES
            for target in statement.targets
        )
        for node in ast.walk(statement.value)
    }
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            size = len(node.elts)
        elif isinstance(node, ast.Dict):
            size = len(node.keys)
        else:
            continue
        assert size <= LONGEST_LITERAL, f"{module.name}:{node.lineno}: move the table to data"
