"""``campaignlint init``: a starter config and a starter brief that passes every rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from campaignlint.cli import main
from campaignlint.config import read_config_file
from campaignlint.engine import active_rules, lint_file


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def init(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["init", *args])
    return result.exit_code, result.output


def test_init_writes_a_valid_starter_config(workdir: Path) -> None:
    code, output = init()
    assert code == 0 and "wrote .campaignlint.yaml" in output
    config = read_config_file(workdir / ".campaignlint.yaml")
    assert config.fail_on == "warning"
    rules = {active.rule.id: active for active in active_rules(config)}
    assert rules["hashtag-strategy"].options["max_hashtags"] == 5


def test_starter_brief_passes_every_rule(workdir: Path) -> None:
    code, output = init("--brief", "briefs/spring.yaml")
    assert code == 0 and "wrote briefs/spring.yaml" in output
    text = (workdir / "briefs" / "spring.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert text.count("\n#") >= 10  # commented for the person filling it in
    result = lint_file("briefs/spring.yaml", read_config_file(workdir / ".campaignlint.yaml"))
    assert result.error is None and result.findings == []


def test_init_refuses_to_overwrite_without_force(workdir: Path) -> None:
    (workdir / ".campaignlint.yaml").write_text("fail_on: error\n", encoding="utf-8")
    code, output = init()
    assert code == 2 and "already exists; use --force" in output
    assert (workdir / ".campaignlint.yaml").read_text(encoding="utf-8") == "fail_on: error\n"

    (workdir / "brief.yaml").write_text("mine\n", encoding="utf-8")
    (workdir / ".campaignlint.yaml").unlink()
    code, output = init("--brief", "brief.yaml")
    assert code == 2 and "brief.yaml already exists" in output
    assert not (workdir / ".campaignlint.yaml").exists()  # nothing written when one is in the way

    code, _output = init("--brief", "brief.yaml", "--force")
    assert code == 0
    assert (workdir / "brief.yaml").read_text(encoding="utf-8") != "mine\n"


@pytest.mark.parametrize("force", [(), ("--force",)])
def test_writing_a_brief_never_touches_an_existing_config(
    workdir: Path, force: tuple[str, ...]
) -> None:
    (workdir / ".campaignlint.yaml").write_text("fail_on: error\n", encoding="utf-8")
    code, output = init("--brief", "briefs/spring.yaml", *force)
    assert code == 0, output
    assert "wrote briefs/spring.yaml" in output
    assert "kept .campaignlint.yaml: it exists already" in output
    assert (workdir / ".campaignlint.yaml").read_text(encoding="utf-8") == "fail_on: error\n"


def _schema_enums(node: object) -> list[list[str]]:
    """Every enum (of text values) in the brief schema."""
    found: list[list[str]] = []
    if isinstance(node, dict):
        if "enum" in node and all(isinstance(value, str) for value in node["enum"]):
            found.append(node["enum"])
        for child in node.values():
            found += _schema_enums(child)
    elif isinstance(node, list):
        for child in node:
            found += _schema_enums(child)
    return found


def test_the_starter_brief_lists_the_allowed_values_of_every_closed_field(workdir: Path) -> None:
    from campaignlint.registry import discover_all
    from campaignlint.validation import load_schema

    init("--brief", "brief.yaml")
    text = (workdir / "brief.yaml").read_text(encoding="utf-8")
    comments = " ".join(line.partition("#")[2] for line in text.splitlines() if "#" in line)
    rules = discover_all()
    closed_lists = [
        *_schema_enums(load_schema("brief.schema.json")),
        list(rules["missing-kpis"].options["measurable_metrics"].default),
        list(rules["unfair-revenue-share"].options["attributable_methods"].default),
    ]
    for values in closed_lists:
        listed = [value for value in values if value not in ("tiktok",)]  # the only platform
        missing = [value for value in listed if value not in comments]
        assert not missing, (values, missing)
