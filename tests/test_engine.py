"""The engine: discovery through entry points and rules dirs, crash isolation, selection."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from campaignlint.config import Config
from campaignlint.engine import INTERNAL_ERROR, active_rules, lint_file, lint_text
from campaignlint.errors import ConfigError, RuleLoadError
from campaignlint.registry import discover, discover_all

BRIEF = "campaign:\n  name: TODO\n"


def _write_rule(directory: Path, name: str, body: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.py").write_text(textwrap.dedent(body), encoding="utf-8")


LOCAL_RULE = '''\
    """Campaign names must be short.

    ## What it does
    Flags long campaign names.
    ## Why it matters
    Long names are truncated.
    ## Example
    ```yaml
    campaign: {name: A very long name}
    ```
    ## How to fix
    Shorten it.
    """
    from campaignlint.i18n import _
    from campaignlint.rule import Option

    ID = "short-name"
    SEVERITY = "info"
    OPTIONS = {"max_length": Option.integer(3, "Longest name allowed.")}

    def check(brief, options):
        name = brief.text("/campaign/name")
        if name and len(name) > options["max_length"]:
            yield brief.problem("/campaign/name", _("name too long: {n}", n=len(name)))
    '''


def test_builtin_rules_are_discovered_through_the_entry_point() -> None:
    rules = discover_all()
    assert rules["placeholder-text"].origin == "built-in"
    assert rules["schema"].module == "campaignlint.rules.schema"


def test_rules_dir_adds_local_rules_with_their_options(tmp_path: Path) -> None:
    _write_rule(tmp_path / "rules", "short_name", LOCAL_RULE)
    rules_dir = str(tmp_path / "rules")
    config = Config(select=("short-name",), rules_dirs=(rules_dir,))
    [finding] = lint_text(BRIEF, config=config)
    assert (finding.rule, finding.severity.value, finding.line) == ("short-name", "info", 2)
    relaxed = Config(
        select=("short-name",), rules_dirs=(rules_dir,), rules={"short-name": {"max_length": 10}}
    )
    assert lint_text(BRIEF, config=relaxed) == []


def test_two_rules_with_one_id_are_an_error(tmp_path: Path) -> None:
    _write_rule(
        tmp_path / "dup", "placeholder", LOCAL_RULE.replace("short-name", "placeholder-text")
    )
    discover.cache_clear()
    with pytest.raises(RuleLoadError, match="defined twice"):
        discover_all([str(tmp_path / "dup")])


def test_a_crashing_rule_is_an_internal_error_and_others_still_run(tmp_path: Path) -> None:
    _write_rule(
        tmp_path / "boom",
        "boom",
        LOCAL_RULE.replace("short-name", "boom").replace(
            'name = brief.text("/campaign/name")', "raise ZeroDivisionError('oops')"
        ),
    )
    config = Config(select=("boom", "placeholder-text"), rules_dirs=(str(tmp_path / "boom"),))
    brief = tmp_path / "brief.yaml"
    brief.write_text(BRIEF, encoding="utf-8")
    result = lint_file(str(brief), config)
    rules = [finding.rule for finding in result.findings]
    assert INTERNAL_ERROR in rules and "placeholder-text" in rules
    crash = next(f for f in result.findings if f.rule == INTERNAL_ERROR)
    assert "rule 'boom' crashed: ZeroDivisionError: oops" in crash.message
    assert result.internal_error


def test_select_ignore_and_severity_override() -> None:
    both = ("placeholder-text", "schema")
    assert lint_text(BRIEF, config=Config(select=both, ignore=both)) == []
    [finding] = lint_text(
        BRIEF,
        config=Config(
            select=("placeholder-text",), rules={"placeholder-text": {"severity": "info"}}
        ),
    )
    assert finding.severity.value == "info"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (Config(select=("placeholder-txt",)), "did you mean 'placeholder-text'"),
        (Config(rules={"placeholder-text": {"colour": 1}}), "has no option 'colour'"),
        (Config(rules={"placeholder-text": {"markers": "TODO"}}), "must be array"),
    ],
)
def test_bad_rule_configuration_is_a_clear_error(config: Config, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        active_rules(config)


def test_no_rule_finding_on_a_value_the_schema_rejected() -> None:
    """Contract v2: a schema type error on a field is not followed by rule findings on it."""
    from campaignlint.config import Config
    from campaignlint.engine import lint_text

    text = (
        "campaign: {objective: sales}\n"
        "tracking:\n"
        "  methods: [tiktok analytics]\n"
        '  pre_campaign_analysis: "yes"\n'
        "  reporting_cadence: weekly\n"
    )
    config = Config(select=("schema", "missing-tracking"))
    findings = [f for f in lint_text(text, config=config) if f.pointer.startswith("/tracking")]
    assert [(f.rule, f.pointer) for f in findings] == [
        ("schema", "/tracking/methods/0"),
        ("schema", "/tracking/pre_campaign_analysis"),
    ]
    assert findings[0].fix == "Did you mean 'tiktok_analytics'?"


ORDERED_RULE = LOCAL_RULE.replace("short-name", "many-names").replace(
    """        name = brief.text("/campaign/name")
        if name and len(name) > options["max_length"]:
            yield brief.problem("/campaign/name", _("name too long: {n}", n=len(name)))""",
    """        for word in ("bravo", "alpha", "charlie", "delta"):
            yield brief.problem("/campaign/name", _("name is {word}", word=word))
        for index in range(40):
            yield brief.problem("/campaign", _("campaign {index}", index=index))""",
)


def test_only_the_findings_shown_are_rendered_and_in_the_usual_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from campaignlint import engine

    rendered: list[str] = []
    render = engine.render_problem

    def counting_render(*args: Any, **kwargs: Any) -> Any:
        finding = render(*args, **kwargs)
        rendered.append(finding.message)
        return finding

    monkeypatch.setattr(engine, "render_problem", counting_render)
    _write_rule(tmp_path / "rules", "many_names", ORDERED_RULE)
    _write_rule(tmp_path / "rules", "more_names", ORDERED_RULE.replace("many-", "more-"))
    config = Config(
        select=("many-names", "more-names"),
        rules_dirs=(str(tmp_path / "rules"),),
        max_findings_per_file=3,
    )
    findings = lint_text(BRIEF, config=config)
    # of each rule's first three, the first three in order of place, rule and message
    assert [(finding.rule, finding.message) for finding in findings] == [
        ("many-names", "Name is alpha"),
        ("many-names", "Name is bravo"),
        ("many-names", "Name is charlie"),
        (
            "too-many-findings",
            "85 more findings in this file are not shown: at most 3 are reported per file"
            " (max_findings_per_file)",
        ),
    ]
    assert sorted(rendered) == sorted(finding.message for finding in findings)


def test_a_message_that_cannot_be_rendered_is_an_internal_error(tmp_path: Path) -> None:
    body = LOCAL_RULE.replace("short-name", "bad-message").replace(
        """        name = brief.text("/campaign/name")
        if name and len(name) > options["max_length"]:
            yield brief.problem("/campaign/name", _("name too long: {n}", n=len(name)))""",
        """        class Unprintable:
            def __str__(self):
                raise ValueError("no text")

        yield brief.problem("/campaign/name", _("name is {value}", value=Unprintable()))""",
    )
    _write_rule(tmp_path / "rules", "bad_message", body)
    config = Config(select=("bad-message",), rules_dirs=(str(tmp_path / "rules"),))
    [finding] = lint_text(BRIEF, config=config)
    assert finding.rule == INTERNAL_ERROR
    assert "rule 'bad-message' crashed: ValueError: no text" in finding.message


def test_an_equal_config_shares_the_rules_resolved_and_is_not_kept_beside_them() -> None:
    """A --jobs worker unpickles a copy of the run's config with each chunk of briefs: the
    copies share one resolution, and the cache holds one of them, not one per chunk."""
    import pickle

    from campaignlint import engine

    config = Config(select=("placeholder-text", "budget-fit"), lang="tr")
    resolved = active_rules(config)
    size = len(engine._RESOLVED)
    for _chunk in range(5):
        copy = pickle.loads(pickle.dumps(config))
        assert copy is not config and active_rules(copy) is resolved
    assert len(engine._RESOLVED) == size
    other = active_rules(Config(select=("budget-fit",)))
    assert [active.rule.id for active in other] == ["budget-fit"]
