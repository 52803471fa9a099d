"""Configuration: ``.campaignlint.yaml`` or ``[tool.campaignlint]`` in ``pyproject.toml``,
discovered upward from each checked file, or named with ``--config``; the command line overrides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from campaignlint.errors import ConfigError
from campaignlint.i18n import Message, Plain, _
from campaignlint.model import Severity

CONFIG_FILENAMES = (".campaignlint.yaml", ".campaignlint.yml")
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
DEFAULT_MAX_FINDINGS = 1000  # per file; a closing finding says how many more there were
DEFAULT_TIME_LIMIT = 60.0  # seconds of rule work per file
ALL = "ALL"


@dataclass(frozen=True)
class Config:
    """Resolved settings for one group of files."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    max_findings_per_file: int = DEFAULT_MAX_FINDINGS
    time_limit: float = DEFAULT_TIME_LIMIT
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    rules_dirs: tuple[str, ...] = ()
    lang: str | None = None
    per_file: tuple[Mapping[str, Any], ...] = ()
    source: str | None = None  # the file it was read from
    root: str = "."  # paths in the config are relative to this directory

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with the non-None ``changes`` applied (command-line options)."""
        return replace(self, **{key: value for key, value in changes.items() if value is not None})


_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmg]?)(i?)b?\s*$", re.IGNORECASE)


def parse_size(value: int | str) -> int:
    if isinstance(value, int):
        return value
    match = _SIZE.match(value)
    if not match:
        raise ConfigError(
            _("max_file_size: cannot read {value} as a size (e.g. 5MB)", value=Plain(repr(value)))
        )
    number, unit, _binary = match.groups()
    factor = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]
    return int(float(number) * factor)


def from_mapping(data: Any, source: str | None, root: Path) -> Config:
    """Validate raw config data and turn it into a :class:`Config`."""
    from campaignlint.validation import config_errors

    where = source or "config"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(_("{where}: the configuration must be a mapping", where=Plain(where)))
    errors = config_errors(data)
    if errors:
        raise ConfigError(_("{where}: {error}", where=Plain(where), error=Plain(errors[0])))
    select = data.get("select")
    return Config(
        select=tuple(select) if select is not None else None,
        ignore=tuple(data.get("ignore", ())),
        fail_on=Severity(data.get("fail_on", "warning")),
        exclude=tuple(data.get("exclude", ())),
        max_file_size=parse_size(data.get("max_file_size", DEFAULT_MAX_FILE_SIZE)),
        max_findings_per_file=data.get("max_findings_per_file", DEFAULT_MAX_FINDINGS),
        time_limit=float(data.get("time_limit", DEFAULT_TIME_LIMIT)),
        rules={key: dict(value) for key, value in data.get("rules", {}).items()},
        rules_dirs=tuple(str((root / d).resolve()) for d in data.get("rules_dirs", ())),
        lang=data.get("lang"),
        per_file=tuple(data.get("per_file", ())),
        source=source,
        root=str(root),
    )


def read_config_file(path: Path) -> Config:
    """Read ``.campaignlint.yaml`` or the ``[tool.campaignlint]`` table of a pyproject.toml."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            _(
                "{path}: cannot read the configuration: {reason}",
                path=Plain(path),
                reason=Plain(error),
            )
        ) from error
    root = path.parent.resolve()
    if path.name == "pyproject.toml":
        import tomllib

        try:
            table = tomllib.loads(text).get("tool", {}).get("campaignlint", {})
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(
                _("{path}: invalid TOML: {reason}", path=Plain(path), reason=Plain(error))
            ) from error
        return from_mapping(table, str(path), root)
    from campaignlint.errors import InputError
    from campaignlint.loader import load_text

    try:
        data = load_text(text).data if text.strip() else {}
    except InputError as error:
        where = error.describe(str(path)).removesuffix(f": {error}")
        raise ConfigError(_("{where}: {error}", where=Plain(where), error=error)) from error
    return from_mapping(data, str(path), root)


def _pyproject_has_table(path: Path) -> bool:
    try:
        return "[tool.campaignlint" in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


@lru_cache(maxsize=256)
def find_config_file(directory: Path) -> Path | None:
    """The nearest config file at or above ``directory``."""
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_FILENAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                return candidate
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file() and _pyproject_has_table(pyproject):
            return pyproject
    return None


@lru_cache(maxsize=64)
def load_config(path: Path | None) -> Config:
    return read_config_file(path) if path is not None else Config()


def config_for(file_path: Path, explicit: Path | None = None) -> Config:
    """The configuration that governs ``file_path``."""
    if explicit is not None:
        return load_config(explicit.resolve())
    return load_config(find_config_file(file_path.resolve().parent))


def validate_rule_ids(names: Sequence[str], known: Sequence[str], where: str | Message) -> None:
    import difflib

    for name in names:
        if name == ALL or name in known:
            continue
        guess = difflib.get_close_matches(name, list(known), n=1)
        if guess:
            raise ConfigError(
                _(
                    "{where}: unknown rule '{name}'; did you mean '{guess}'?",
                    where=where,
                    name=Plain(name),
                    guess=Plain(guess[0]),
                )
            )
        raise ConfigError(_("{where}: unknown rule '{name}'", where=where, name=Plain(name)))
