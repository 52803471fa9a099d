"""Configuration: ``.campaignlint.yaml`` or ``[tool.campaignlint]`` in ``pyproject.toml``,
discovered upward from each checked file, or named with ``--config``; the command line overrides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from campaignlint.errors import ConfigError
from campaignlint.frozen import field, record, replace
from campaignlint.i18n import Message, Plain, _
from campaignlint.model import Severity

CONFIG_FILENAMES = (".campaignlint.yaml", ".campaignlint.yml")
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
DEFAULT_MAX_FINDINGS = 1000  # per file; a closing finding says how many more there were
DEFAULT_TIME_LIMIT = 60.0  # seconds of rule work per file
ALL = "ALL"


@record(frozen=True)
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
    portfolio: tuple[str, ...] = ()  # globs, relative to ``root``, of the briefs to compare
    source: str | None = None  # the file it was read from
    root: str = "."  # paths in the config are relative to this directory
    creators: tuple[str, ...] = ()  # creator-roster files and folders, absolute
    # rules_dirs of a discovered config that were not loaded: running their code was not allowed
    skipped_rules_dirs: tuple[str, ...] = ()

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with the non-None ``changes`` applied (command-line options)."""
        return replace(self, **{key: value for key, value in changes.items() if value is not None})


# Patterns compiled on first use (re caches them): a run whose config sets neither pays nothing.
_SIZE = r"(?i)^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmg]?)(i?)b?\s*$"


def parse_size(value: int | str) -> int:
    if isinstance(value, int):
        return value
    match = re.match(_SIZE, value)
    if not match:
        raise ConfigError(
            _("max_file_size: cannot read {value} as a size (e.g. 5MB)", value=Plain(repr(value)))
        )
    number, unit, _binary = match.groups()
    factor = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]
    return int(float(number) * factor)


def from_mapping(data: Any, source: str | None, root: Path, document: Any = None) -> Config:
    """Validate raw config data and turn it into a :class:`Config`; the loaded ``document``, when
    given, puts the line and column of a mistake in its message."""
    from campaignlint.validation import config_errors

    where = source or "config"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(_("{where}: the configuration must be a mapping", where=Plain(where)))
    errors = config_errors(data)
    if errors:
        pointer, error, at_key = errors[0]
        position = None
        if document is not None:
            found = document.key_positions if at_key else document.positions
            position = found.get(pointer) or document.key_positions.get(pointer)
        if position is not None:
            where = f"{where}:{position[0]}:{position[1]}"
        raise ConfigError(_("{where}: {error}", where=Plain(where), error=error))
    select = data.get("select")
    creators = data.get("creators", ())
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
        portfolio=tuple(data.get("portfolio", ())),
        source=source,
        root=str(root),
        creators=tuple(
            str((root / path).resolve())
            for path in ([creators] if isinstance(creators, str) else creators)
        ),
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
    if path.suffix.lower() == ".toml":
        return from_mapping(_toml_table(path, text), str(path), root)
    from campaignlint.errors import InputError
    from campaignlint.loader import load_text

    try:
        document = load_text(text) if text.strip() else None
    except InputError as error:
        where = error.describe(str(path)).removesuffix(f": {error}")
        raise ConfigError(_("{where}: {error}", where=Plain(where), error=error)) from error
    if document is None:
        return from_mapping({}, str(path), root)
    return from_mapping(document.data, str(path), root, document)


def _toml_table(path: Path, text: str) -> Any:
    """The settings in a TOML file: ``[tool.campaignlint]`` of a pyproject.toml (which must
    have it), that table or the whole document in any other TOML file (``campaignlint.toml``)."""
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            _("{path}: invalid TOML: {reason}", path=Plain(path), reason=Plain(error))
        ) from error
    tool = document.get("tool")
    if isinstance(tool, dict) and "campaignlint" in tool:
        return tool["campaignlint"]
    if path.name == "pyproject.toml":
        raise ConfigError(
            _(
                "{path} has no [tool.campaignlint] table; add one, or name a"
                " .campaignlint.yaml with --config",
                path=Plain(path),
            )
        )
    return document


def _pyproject_has_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.campaignlint" in text and bool(re.search(_TABLE_HEADER, text))


_TABLE_HEADER = r"(?m)^[ \t]*\[tool\.campaignlint[\].]"


REPOSITORY_MARKERS = (".git", ".hg", ".svn")
ALLOW_CODE_VARIABLE = "CAMPAIGNLINT_ALLOW_CONFIG_CODE"


def is_repository_root(directory: Path) -> bool:
    return any((directory / marker).exists() for marker in REPOSITORY_MARKERS)


@lru_cache(maxsize=256)
def find_config_file(directory: Path) -> Path | None:
    """The nearest config file at or above ``directory``, up to the repository root (the
    nearest folder with .git, .hg or .svn): a config in a folder above a repository, such as
    /tmp/.campaignlint.yaml on a shared host, does not apply inside it."""
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_FILENAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                return candidate
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file() and _pyproject_has_table(pyproject):
            return pyproject
        if is_repository_root(candidate_dir):
            break
    return None


@lru_cache(maxsize=64)
def load_config(path: Path | None) -> Config:
    return read_config_file(path) if path is not None else Config()


def forget_config_files() -> None:
    """Read configuration files again from now on (an editor saved one)."""
    find_config_file.cache_clear()
    load_config.cache_clear()
    _resolved.cache_clear()
    _discovered.cache_clear()


def code_allowed_by_environment() -> bool:
    import os

    return os.environ.get(ALLOW_CODE_VARIABLE, "").strip().lower() in ("1", "true", "yes")


@lru_cache(maxsize=64)
def _discovered(path: Path | None, allow_code: bool) -> Config:
    """A discovered config, its rules_dirs dropped (and kept aside) unless code may run."""
    config = load_config(path)
    if allow_code or not config.rules_dirs:
        return config
    return replace(config, rules_dirs=(), skipped_rules_dirs=config.rules_dirs)


def config_for(
    file_path: Path | str, explicit: Path | None = None, allow_code: bool = False
) -> Config:
    """The configuration that governs ``file_path``. A config named with ``explicit`` is the
    caller's choice and used whole; a discovered one comes from the repository being checked,
    so its ``rules_dirs`` (Python that would be imported) load only with ``allow_code`` or
    ``CAMPAIGNLINT_ALLOW_CONFIG_CODE=1``."""
    if explicit is not None:
        return load_config(explicit.resolve())
    allowed = allow_code or code_allowed_by_environment()
    return _discovered(find_config_file(_resolved_folder(file_path)), allowed)


def _resolved_folder(file_path: Path | str) -> Path:
    """``Path(file_path).resolve().parent``: a file that is not a symbolic link is in its
    folder, resolved once for all its files (resolving lists every part of the path: ~25 us a
    file), and read as text, not as a Path (a run of many briefs makes none)."""
    import os

    path = os.fspath(file_path)
    if os.path.islink(path):
        return Path(path).resolve().parent
    folder = os.path.dirname(path) or "."
    return _resolved(folder if os.path.isabs(folder) else os.path.join(os.getcwd(), folder))


@lru_cache(maxsize=256)
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()


def validate_rule_ids(names: Sequence[str], known: Sequence[str], where: str | Message) -> None:
    for name in names:
        if name == ALL or name in known:
            continue
        import difflib  # only for a name to correct (~1 ms a run)

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
