"""Rule discovery. The engine knows no rule by name: the built-in pack is found through the same
``campaignlint.rules`` entry-point group a third-party plugin uses, and a team's local rules
through rules directories (``--rules-dir`` / ``rules_dirs``).

An entry point names a module (one rule) or a package (every public module in it that defines
an ``ID`` is a rule; the others are helpers the rules may import). A rules directory works the
same way: its modules are imported as one package, so ``from . import helpers`` works there too.
A ``locale/`` folder beside a plugin's rules (``locale/<lang>/LC_MESSAGES/<domain>.mo``) adds its
message translations.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from campaignlint.errors import RuleLoadError
from campaignlint.frozen import FrozenValue
from campaignlint.rule import Rule, rule_from_module

ENTRY_POINT_GROUP = "campaignlint.rules"
BUILTIN_PACKAGE = "campaignlint.rules"


def _rules_in(module: ModuleType, origin: str) -> list[Rule]:
    if not hasattr(module, "__path__"):
        _register_translations(Path(module.__file__ or ".").parent)
        return [rule_from_module(module, origin)]
    rules = []
    for folder in module.__path__:
        _register_translations(Path(folder))
    for name in _submodule_names(list(module.__path__)):
        if name.startswith("_"):
            continue
        submodule = importlib.import_module(f"{module.__name__}.{name}")
        if hasattr(submodule, "ID"):  # modules without an ID are the rules' helpers
            rules.append(rule_from_module(submodule, origin))
    return rules


def _submodule_names(folders: list[str]) -> list[str]:
    """The modules and packages in a package's folders, sorted: ``pkgutil.iter_modules``'s
    names, read here because it imports inspect (~5 ms) to strip the file suffixes."""
    if not all(os.path.isdir(folder) for folder in folders):  # a zip, say: pkgutil knows
        import pkgutil

        return sorted({info.name for info in pkgutil.iter_modules(folders)})
    names: set[str] = set()
    for folder in folders:
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            name = _module_name(entry)
            if name is None and "." not in entry and _is_package(os.path.join(folder, entry)):
                name = entry
            if name and name != "__init__" and "." not in name:
                names.add(name)
    return sorted(names)


def _module_name(file_name: str) -> str | None:
    """``inspect.getmodulename``: the name a file imports as, None when it is no module."""
    from importlib.machinery import all_suffixes

    for suffix in sorted(all_suffixes(), key=len, reverse=True):
        if file_name.endswith(suffix):
            return file_name[: -len(suffix)]
    return None


def _is_package(path: str) -> bool:
    try:
        return any(_module_name(entry) == "__init__" for entry in os.listdir(path))
    except OSError:  # not a folder, or unreadable
        return False


def _register_translations(folder: Path) -> None:
    """Plugin translations: every ``locale/<lang>/LC_MESSAGES/<domain>.mo`` beside the rules."""
    locale = folder / "locale"
    if not locale.is_dir():
        return
    from campaignlint.i18n import add_translations

    for mo_file in sorted(locale.glob("*/LC_MESSAGES/*.mo")):
        add_translations(str(locale), mo_file.stem)


class EntryPoint(FrozenValue):
    _fields = ("name", "value", "dist_name")
    name: str
    value: str
    dist_name: str

    def __init__(self, name: str, value: str, dist_name: str) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "dist_name", dist_name)

    def load(self) -> ModuleType:
        module_name, _, attribute = self.value.partition(":")
        module = importlib.import_module(module_name.strip())
        loaded = getattr(module, attribute.strip()) if attribute else module
        if not isinstance(loaded, ModuleType):
            raise RuleLoadError(f"entry point {self.value} must name a module or package")
        return loaded


def _section(text: str, group: str) -> Iterator[tuple[str, str]]:
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            inside = line == f"[{group}]"
        elif inside and "=" in line and not line.startswith(("#", ";")):
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


def entry_points(group: str) -> list[EntryPoint]:
    """The installed entry points of ``group``, first distribution of a name wins.

    This reads ``*.dist-info/entry_points.txt`` on ``sys.path`` directly: it is what
    ``importlib.metadata.entry_points`` does, without the ~11 ms its imports add to every
    pre-commit run.
    """
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for directory in sys.path:
        try:
            names = sorted(os.listdir(directory or "."))
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            dist_name = name.split("-", 1)[0].lower().replace("_", "-")
            if dist_name in seen:
                continue
            try:
                path = os.path.join(directory or ".", name, "entry_points.txt")
                with open(path, encoding="utf-8") as stream:
                    text = stream.read()
            except OSError:
                continue
            seen.add(dist_name)
            if f"[{group}]" in text:
                found.extend(EntryPoint(n, v, dist_name) for n, v in _section(text, group))
    return found


def _entry_point_rules() -> list[Rule]:
    rules: list[Rule] = []
    found_builtin = False
    for entry_point in entry_points(ENTRY_POINT_GROUP):
        dist_name = entry_point.dist_name
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


def _folder_package(directory: Path) -> str:
    """A package whose modules are ``directory``'s files, so rules there can import each other
    (``from . import helpers``, ``from .helpers import x``) without touching ``sys.path``."""
    import hashlib

    digest = hashlib.sha1(str(directory).encode()).hexdigest()[:10]
    name = f"campaignlint_local_rules_{digest}"
    if name not in sys.modules:
        package = ModuleType(name)
        package.__path__ = [str(directory)]
        package.__package__ = name
        sys.modules[name] = package
    return name


def _load_file(path: Path, package: str) -> ModuleType:
    try:
        return importlib.import_module(f"{package}.{path.stem}")
    except Exception as error:
        raise RuleLoadError(f"{path}: cannot import rule module: {error}") from error


def _directory_rules(directory: Path) -> list[Rule]:
    if not directory.is_dir():
        raise RuleLoadError(f"rules directory not found: {directory}")
    directory = directory.resolve()
    package = _folder_package(directory)
    _register_translations(directory)
    rules = []
    for path in sorted(directory.glob("*.py")):
        if path.name.startswith("_"):
            continue
        module = _load_file(path, package)
        if hasattr(module, "ID"):  # modules without an ID are the rules' helpers
            rules.append(rule_from_module(module, f"local {directory}"))
    return rules


@lru_cache(maxsize=16)
def discover(rules_dirs: tuple[str, ...] = ()) -> dict[str, Rule]:
    """Every rule available, by id. Two rules with one id are an error."""
    rules: dict[str, Rule] = {}
    found = _entry_point_rules()
    seen: set[Path] = set()
    for directory in rules_dirs:
        resolved = Path(directory).resolve()
        if resolved not in seen:  # the same folder named twice is one folder
            seen.add(resolved)
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


@lru_cache(maxsize=1)
def builtin_rules() -> dict[str, Rule]:
    """campaignlint's own rules only, whatever plugins are installed: what ``campaignlint docs``,
    the translation catalog and campaignlint's own tests describe."""
    module = importlib.import_module(BUILTIN_PACKAGE)
    return {rule.id: rule for rule in _rules_in(module, "built-in")}
