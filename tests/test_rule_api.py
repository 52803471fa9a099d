"""The rule author's API: checks with their own codes, helper modules and translations in a
rules folder, a plugin package that installs and runs, and built-ins that plugins never change."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from campaignlint.commands import CheckOptions, generate_docs, run_check
from campaignlint.config import Config
from campaignlint.engine import active_rules, lint_text
from campaignlint.errors import ConfigError
from campaignlint.registry import builtin_rules, discover, discover_all
from tests.helpers import REPO, SAMPLES

PLUGIN = SAMPLES / "plugin-example"
LONG = "campaign:\n  name: The Big Spring Glow Serum Launch With Creators In Three Cities\n"


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    """The example pack's package folder, used as a rules directory."""
    folder = tmp_path / "example_rules"
    shutil.copytree(PLUGIN / "example_rules", folder)
    discover.cache_clear()
    return folder


def codes(config: Config, text: str = LONG) -> list[tuple[str, str, str]]:
    return [(f.rule, f.code, f.severity.value) for f in lint_text(text, config=config)]


# --- checks: codes of their own ------------------------------------------------------------


def test_each_check_has_its_own_code_and_the_rule_id_names_them_all(example_dir: Path) -> None:
    dirs = (str(example_dir),)
    rule = "example-campaign-name"
    assert codes(Config(select=(rule,), rules_dirs=dirs)) == [
        (rule, f"{rule}.too-many-words", "info"),
        (rule, f"{rule}.too-long", "info"),
    ]
    assert codes(Config(select=(f"{rule}.too-long",), rules_dirs=dirs)) == [
        (rule, f"{rule}.too-long", "info")
    ]
    assert codes(Config(select=(rule,), ignore=(f"{rule}.too-long",), rules_dirs=dirs)) == [
        (rule, f"{rule}.too-many-words", "info")
    ]
    overrides = {f"{rule}.too-many-words": {"severity": "error"}, rule: {"severity": "warning"}}
    assert codes(Config(select=(rule,), rules=overrides, rules_dirs=dirs)) == [
        (rule, f"{rule}.too-many-words", "error"),
        (rule, f"{rule}.too-long", "warning"),
    ]


def test_a_check_code_is_validated_like_a_rule_id(example_dir: Path) -> None:
    dirs = (str(example_dir),)
    with pytest.raises(ConfigError, match=r"did you mean .example-campaign-name\.too-long."):
        active_rules(Config(ignore=("example-campaign-name.too-lng",), rules_dirs=dirs))
    with pytest.raises(ConfigError, match="takes only a severity"):
        active_rules(
            Config(rules={"example-campaign-name.too-long": {"max_length": 3}}, rules_dirs=dirs)
        )


def test_a_suppression_comment_can_name_one_check(example_dir: Path) -> None:
    text = (
        "campaign:\n"
        "  # campaignlint: disable=example-campaign-name.too-long -- the client's own name\n"
        "  name: The Big Spring Glow Serum Launch With Creators In Three Cities\n"
    )
    config = Config(select=("example-campaign-name",), rules_dirs=(str(example_dir),))
    assert [f.code for f in lint_text(text, config=config)] == [
        "example-campaign-name.too-many-words"
    ]


def test_json_carries_the_code_and_text_names_the_rule(example_dir: Path, tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(LONG, encoding="utf-8")
    for output in ("json", "text"):
        printed: list[str] = []
        run_check(
            CheckOptions(
                paths=[str(brief)],
                formats=[output],
                select=("example-campaign-name.too-long",),
                rules_dirs=[str(example_dir)],
                stdout=printed.append,
                stderr=lambda text: None,
            )
        )
        out = "".join(printed)
        if output == "json":
            [finding] = json.loads(out)["files"][0]["findings"]
            assert (finding["rule"], finding["code"]) == (
                "example-campaign-name",
                "example-campaign-name.too-long",
            )
        else:
            # the rule id is the stable name people and CI scripts read in text output
            assert " info example-campaign-name The campaign name has 62" in out


# --- a rules folder: helpers, translations, named twice --------------------------------------


def test_a_rules_folder_may_hold_helper_modules_that_its_rules_import(example_dir: Path) -> None:
    rules = discover_all([str(example_dir)])
    assert "example-campaign-name" in rules
    assert not any(rule.module.endswith(".naming") for rule in rules.values())


def test_naming_the_same_folder_twice_is_one_folder(example_dir: Path) -> None:
    rules = discover_all([str(example_dir), str(example_dir / ".." / example_dir.name)])
    assert "example-campaign-name" in rules


def test_a_plugin_ships_the_translations_of_its_messages(example_dir: Path) -> None:
    config = Config(select=("example-campaign-name.too-long",), rules_dirs=(str(example_dir),))
    [finding] = lint_text(LONG, config=config, lang="tr")
    assert finding.message == "Kampanya adı 62 karakter (en fazla 40)"
    assert finding.fix == "Kısaltın."


# --- the built-in rules need nothing but the API ---------------------------------------------


def campaignlint_imports(source: str) -> list[str]:
    """Every campaignlint module a rule's source imports from, at any depth."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            found += [node.module] if node.module != "campaignlint" else names[1:]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return [name for name in found if name.split(".")[0] == "campaignlint"]


def test_built_in_rules_import_only_the_rule_api() -> None:
    sources = sorted((REPO / "rules").glob("*.py"))
    assert len(sources) > 19
    outside = {
        f"{path.name}: {name}"
        for path in sources
        for name in campaignlint_imports(path.read_text(encoding="utf-8"))
        if name != "campaignlint.api"
    }
    assert outside == set()


def test_every_name_of_the_api_resolves_and_is_documented() -> None:
    import campaignlint.api as api

    for name in api.__all__:
        assert getattr(api, name) is not None, name
        assert f"`{name}`" in (api.__doc__ or ""), name
    assert api.find_placeholders("TBD later") == ["TBD"]


def test_the_import_check_sees_every_way_to_import_campaignlint() -> None:
    source = (
        "import campaignlint.brief\n"
        "from campaignlint import campaign\n"
        "from campaignlint.api import Brief\n"
        "def check():\n    from campaignlint.data import load_json\n"
    )
    assert campaignlint_imports(source) == [
        "campaignlint.brief",
        "campaignlint.campaign",
        "campaignlint.api",
        "campaignlint.data",
    ]


# --- built-ins never change with what is installed -------------------------------------------


def test_docs_describe_the_built_in_rules_whatever_is_installed(
    example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    info = site / "campaignlint_example_rules-1.0.0.dist-info"
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text(
        "[campaignlint.rules]\nexample = example_rules\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(example_dir.parent))
    monkeypatch.syspath_prepend(str(site))
    discover.cache_clear()
    try:
        assert "example-campaign-name" in discover_all()
        assert "example-campaign-name" not in builtin_rules()
        output = tmp_path / "rules.md"
        assert generate_docs(output, check_only=False) == 0
        assert output.read_text(encoding="utf-8") == (REPO / "docs" / "rules.md").read_text(
            encoding="utf-8"
        )
    finally:
        discover.cache_clear()


# --- the README's plugin package, built and installed ----------------------------------------


@pytest.mark.slow
def test_the_example_plugin_package_installs_and_runs(tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps",
         "--target", str(target), str(PLUGIN)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    brief = tmp_path / "brief.yaml"
    brief.write_text(LONG, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(target)}
    campaignlint = [sys.executable, "-c", "from campaignlint.cli import run; run()"]
    listing = subprocess.run(
        [*campaignlint, "rules"], capture_output=True, text=True, env=environment, check=False
    )
    assert "example-campaign-name" in listing.stdout
    assert "plugin campaignlint-example-rules" in listing.stdout
    result = subprocess.run(
        [*campaignlint, "check", "--select", "example-campaign-name", "--lang", "tr",
         "--format", "json", str(brief)],
        capture_output=True, text=True, env=environment, check=False, cwd=tmp_path,
    )  # fmt: skip
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["code"], f["message"]) for f in findings] == [
        ("example-campaign-name.too-many-words", "Kampanya adı 11 kelime (en fazla 6)"),
        ("example-campaign-name.too-long", "Kampanya adı 62 karakter (en fazla 40)"),
    ]
    explained = subprocess.run(
        [*campaignlint, "explain", "example-campaign-name"],
        capture_output=True, text=True, env=environment, check=False,
    )  # fmt: skip
    assert "`example-campaign-name.too-many-words`" in explained.stdout


def test_explain_lists_a_rules_checks(example_dir: Path) -> None:
    from campaignlint.docs import rule_markdown

    text = rule_markdown(discover_all([str(example_dir)])["example-campaign-name"])
    assert (
        "| `example-campaign-name.too-long` | The name has more characters than max_length. |"
        in (text)
    )
    _ = textwrap  # keep the import list stable for the plugin snippets above
