"""Rule discovery. The engine knows no rule by name: the built-in pack is found through the same
``campaignlint.rules`` entry-point group a third-party plugin uses, and a team's local rules
through rules directories (``--rules-dir`` / ``rules_dirs``).

An entry point names a module (one rule) or a package (every public module in it is a rule).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import pkgutil
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from campaignlint.errors import RuleLoadError
from campaignlint.rule import Rule, rule_from_module

ENTRY_POINT_GROUP = "campaignlint.rules"
BUILTIN_PACKAGE = "campaignlint.rules"


def _rules_in(module: ModuleType, origin: str) -> list[Rule]:
    if not hasattr(module, "__path__"):
        return [rule_from_module(module, origin)]
    rules = []
    for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda item: item.name):
        if info.name.startswith("_"):
            continue
        submodule = importlib.import_module(f"{module.__name__}.{info.name}")
        rules.append(rule_from_module(submodule, origin))
    return rules


def _entry_point_rules() -> list[Rule]:
    from importlib.metadata import entry_points

    rules: list[Rule] = []
    found_builtin = False
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        distribution = getattr(entry_point, "dist", None)
        dist_name = distribution.name if distribution is not None else "?"
        is_builtin = entry_point.value == BUILTIN_PACKAGE
        if is_builtin:
            if found_builtin:  # the same package seen twice (e.g. two install metadata dirs)
                continue
            found_builtin = True
        origin = "built-in" if is_builtin else f"plugin {dist_name}"
        try:
            module = entry_point.load()
        except Exception as error:
            raise RuleLoadError(
                f"cannot load rule plugin '{entry_point.name}' ({entry_point.value}): {error}"
            ) from error
        rules.extend(_rules_in(module, origin))
    if not found_builtin:
        # Running from a checkout that was never installed: same package, same discovery.
        rules.extend(_rules_in(importlib.import_module(BUILTIN_PACKAGE), "built-in"))
    return rules


def _load_file(path: Path) -> ModuleType:
    digest = hashlib.sha1(str(path.parent.resolve()).encode()).hexdigest()[:10]
    name = f"campaignlint_local_rules_{digest}.{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise RuleLoadError(f"{path}: cannot be imported as a rule module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        raise RuleLoadError(f"{path}: cannot import rule module: {error}") from error
    return module


def _directory_rules(directory: Path) -> list[Rule]:
    if not directory.is_dir():
        raise RuleLoadError(f"rules directory not found: {directory}")
    return [
        rule_from_module(_load_file(path), f"local {directory}")
        for path in sorted(directory.glob("*.py"))
        if not path.name.startswith("_")
    ]


@lru_cache(maxsize=16)
def discover(rules_dirs: tuple[str, ...] = ()) -> dict[str, Rule]:
    """Every rule available, by id. Two rules with one id are an error."""
    rules: dict[str, Rule] = {}
    found = _entry_point_rules()
    for directory in rules_dirs:
        found.extend(_directory_rules(Path(directory)))
    for rule in found:
        if rule.id in rules:
            other = rules[rule.id]
            raise RuleLoadError(
                f"rule id '{rule.id}' is defined twice: {other.module} ({other.origin}) and"
                f" {rule.module} ({rule.origin})"
            )
        rules[rule.id] = rule
    return rules


def discover_all(rules_dirs: Iterable[str] = ()) -> dict[str, Rule]:
    return discover(tuple(str(Path(d)) for d in rules_dirs))
