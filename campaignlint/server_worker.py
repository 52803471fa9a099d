"""The language server's checks, run in a process of their own.

``campaignlint server`` (:mod:`campaignlint.server`) never runs a rule itself: it sends each check
here. A rule that loops forever is stopped by ending this process (a thread cannot be stopped),
and a rule that takes its process down takes only this one; :class:`Checker` starts a new one for
the next check. The checks are those of ``campaignlint check``: the same engine, the same
configuration discovery, the same fixes. Nothing here imports pygls.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaignlint.config import Config, config_for, find_config_file, forget_config_files
from campaignlint.errors import CampaignlintError
from campaignlint.i18n import DEFAULT_LANGUAGE, Plain, _, language_from_environment
from campaignlint.model import Edit, Finding

SUPPRESSION_COMMENT = "# campaignlint: disable={rule} -- {reason}"
START_SECONDS = 120.0


@dataclass(frozen=True)
class Settings:
    """The server's command line: what ``check`` would take from its own options."""

    config_file: str | None = None
    rules_dirs: tuple[str, ...] = ()
    lang: str | None = None
    timeout: float = 10.0  # seconds one check may take before it is stopped
    allow_config_code: bool = False  # load the rules_dirs a discovered config names


@dataclass(frozen=True)
class Document:
    """One editor buffer, as the server saw it."""

    text: str
    path: str | None  # None for an unsaved buffer
    folder: str  # where an unsaved buffer's configuration is looked for
    locale: str | None = None  # the editor's language, from ``initialize``


@dataclass
class Checked:
    """The outcome of checking one buffer."""

    findings: list[Finding] = field(default_factory=list)
    lang: str = DEFAULT_LANGUAGE
    error: str | None = None  # why the buffer could not be checked: its one diagnostic
    error_line: int | None = None  # 1-based, like a finding's
    error_column: int | None = None
    internal: bool = False  # the error is campaignlint's (a crash, the time limit), not the brief's
    skipped: bool = False  # not a brief ``check`` would read here (hidden, or excluded)


# --- what runs in the worker process ----------------------------------------------------------

_APPLIED: dict[int, tuple[Config, Config]] = {}  # discovered config -> with the server's options
_STAMPS: dict[Path, tuple[int, int]] = {}  # config file -> (mtime, size) when it was read


def forget_configs() -> None:
    """Configuration files changed: discover and read them again."""
    forget_config_files()
    _APPLIED.clear()
    _STAMPS.clear()


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (0, 0)
    return (status.st_mtime_ns, status.st_size)


def _config(settings: Settings, document: Document) -> Config:
    """The configuration ``check`` would use for the buffer, with the server's options applied;
    the same object while nothing changes, so the engine's per-config caches keep working."""
    target = Path(document.path) if document.path else Path(document.folder) / "brief.yaml"
    explicit = Path(settings.config_file) if settings.config_file else None
    source = explicit.resolve() if explicit else find_config_file(target.resolve().parent)
    if source is not None and _STAMPS.setdefault(source, _stamp(source)) != _stamp(source):
        forget_configs()  # edited outside the editor
        _STAMPS[source] = _stamp(source)
    if explicit is not None and not explicit.is_file():
        from campaignlint.errors import ConfigError

        raise ConfigError(_("config file not found: {path}", path=Plain(explicit)))
    base = config_for(target, explicit, settings.allow_config_code)
    cached = _APPLIED.get(id(base))
    if cached is not None and cached[0] is base:
        return cached[1]
    rules_dirs = tuple(str(Path(d).resolve()) for d in settings.rules_dirs)
    applied = base.with_overrides(rules_dirs=base.rules_dirs + rules_dirs, lang=settings.lang)
    _APPLIED[id(base)] = (base, applied)
    return applied


def _language(settings: Settings, config: Config | None, document: Document) -> str:
    from campaignlint.i18n import normalize_language

    return (
        settings.lang
        or (config.lang if config else None)
        or normalize_language(document.locale)
        or language_from_environment()
        or DEFAULT_LANGUAGE
    )


def _skipped(path: Path, config: Config, folder: Path) -> bool:
    """Hidden files and folders, and the config's ``exclude``, as a folder walk skips them."""
    from campaignlint.engine import is_excluded

    root = Path(config.root) if config.source else folder
    try:
        parts = path.resolve().relative_to(root.resolve()).parts
    except ValueError:
        parts = (path.name,)
    return any(part.startswith(".") for part in parts) or is_excluded(path, config.exclude, root)


def check(settings: Settings, document: Document) -> Checked:
    """Lint the buffer as ``campaignlint check`` lints a file."""
    from campaignlint.engine import lint_file

    try:
        config = _config(settings, document)
    except CampaignlintError as error:
        lang = _language(settings, None, document)
        return Checked(lang=lang, error=error.render(lang))
    lang = _language(settings, config, document)
    if document.path and _skipped(Path(document.path), config, Path(document.folder)):
        return Checked(lang=lang, skipped=True)
    name = document.path or "<unsaved>"
    try:
        result = lint_file(name, config, lang, text=document.text)
    except CampaignlintError as error:  # the configuration names an unknown rule, ...
        return Checked(lang=lang, error=error.render(lang))
    if result.error is None:
        return Checked(findings=result.findings, lang=lang)
    return Checked(
        lang=lang,
        error=result.error.message,  # the editor shows where
        error_line=result.error_line,
        error_column=result.error_column,
    )


def fix_all(settings: Settings, document: Document) -> str | None:
    """The buffer with every safe fix applied, as ``check --fix`` would write it; None when
    there is nothing to fix or it cannot be fixed without reformatting other lines."""
    from campaignlint.fix import FixError, fix_text

    checked = check(settings, document)
    if checked.error or checked.skipped or not any(f.edits for f in checked.findings):
        return None
    config = _config(settings, document)
    try:
        fixed, _applied = fix_text(
            document.text,
            checked.findings,
            path=document.path or "<unsaved>",
            config=config,
            lang=checked.lang,
            today=None,
        )
    except FixError:
        return None
    return fixed if fixed != document.text else None


def fix_one(document: Document, edits: Sequence[Edit]) -> str | None:
    """The buffer with one finding's safe edits applied (the edits ``--fix`` makes for it)."""
    from campaignlint.fix import FixError, apply_edits

    try:
        fixed = apply_edits(document.text, edits)
    except FixError:
        return None
    return fixed if fixed != document.text else None


def suppress(settings: Settings, document: Document, finding: Finding, reason: str) -> str | None:
    """The buffer with a suppression comment that silences ``finding`` and nothing else: above
    its line, else at the end of it. None when neither works (the re-check says so)."""
    lines = document.text.split("\n")
    index = finding.line - 1
    if not 0 <= index < len(lines):
        return None
    line = lines[index].rstrip("\r")
    ending = "\r" if lines[index].endswith("\r") else ""
    comment = SUPPRESSION_COMMENT.format(rule=finding.rule, reason=reason)
    indent = line[: len(line) - len(line.lstrip(" "))]
    candidates = [
        [*lines[:index], f"{indent}{comment}{ending}", *lines[index:]],
        [*lines[:index], f"{line}  {comment}{ending}", *lines[index + 1 :]],
    ]
    unused_before = _unused(check(settings, document))
    for candidate in candidates:
        text = "\n".join(candidate)
        after = check(settings, Document(text, document.path, document.folder, document.locale))
        silenced = not any(_same(f, finding) for f in after.findings)
        if not after.error and silenced and _unused(after) == unused_before:
            return text
    return None


def _same(one: Finding, other: Finding) -> bool:
    return (one.rule, one.pointer, one.message_en) == (other.rule, other.pointer, other.message_en)


def _unused(checked: Checked) -> int:
    return sum(f.rule == "unused-suppression" for f in checked.findings)


def explain(settings: Settings, document: Document, rule_id: str) -> str | None:
    """The rule's documentation in the buffer's language, as ``campaignlint explain`` shows it."""
    from campaignlint.docs import rule_markdown
    from campaignlint.engine import rules_for

    try:
        config = _config(settings, document)
        rule = rules_for(config).get(rule_id)
    except CampaignlintError:
        return None
    if rule is None:
        return None
    return rule_markdown(rule, heading="###", lang=_language(settings, config, document))


def warm_up(settings: Settings, folder: str) -> None:
    """Import the engine and load the rules before the first buffer arrives."""
    check(settings, Document("{}\n", None, folder))


OPERATIONS: dict[str, Callable[..., Any]] = {
    "check": check,
    "fix_all": fix_all,
    "fix_one": fix_one,
    "suppress": suppress,
    "explain": explain,
    "forget_configs": forget_configs,
    "warm_up": warm_up,
}


def serve(connection: Any) -> None:
    """The worker process: answer requests until the server goes away."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the editor's terminal is its own
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(
        devnull, 1
    )  # standard output is the server's channel: a rule's print() must not reach it
    sys.stdout = sys.stderr
    from campaignlint.registry import discover_all

    discover_all(())  # import the engine's modules and the built-in rules before the time limit
    connection.send(("ready", None))
    while True:
        try:
            name, args = connection.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            reply: tuple[str, Any] = ("ok", OPERATIONS[name](*args))
        except Exception as error:  # reported by the server; this process goes on
            reply = ("crash", f"{type(error).__name__}: {error}")
        connection.send(reply)


# --- the server's side ------------------------------------------------------------------------


class CheckFailed(Exception):
    """A check did not finish: it crashed, its process died, or it ran out of time
    (``timed_out``); the server words it for the user."""

    def __init__(self, detail: str, timed_out: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.timed_out = timed_out


class Checker:
    """The worker process, from the server's side: one request at a time, each with a time
    limit. Blocking: call it from a thread, never from the event loop."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._lock = threading.Lock()
        self._process: Any = None
        self._connection: Any = None

    def call(self, name: str, *args: Any) -> Any:
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._start()
            try:
                self._connection.send((name, args))
                if not self._connection.poll(self.timeout):
                    self._stop()
                    raise CheckFailed(f"over the {self.timeout:g} s limit", timed_out=True)
                status, value = self._connection.recv()
            except (EOFError, OSError, BrokenPipeError) as error:
                self._stop()
                raise CheckFailed(f"worker process died: {type(error).__name__}") from error
        if status != "ok":
            raise CheckFailed(str(value))
        return value

    def _start(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # the server has threads: never fork
        parent, child = context.Pipe()
        process = context.Process(target=serve, args=(child,), daemon=True)
        process.start()
        child.close()
        self._process, self._connection = process, parent
        # Starting (a new interpreter, the imports) is not part of any check's time limit.
        try:
            ready = parent.poll(START_SECONDS) and parent.recv()[0] == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self._stop()
            raise CheckFailed("worker process did not start")

    def _stop(self) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if connection is not None:
            connection.close()
        if process is not None:
            process.kill()
            process.join(timeout=5)

    def close(self) -> None:
        """End the worker process; a check in progress fails."""
        process = self._process
        if process is not None:
            process.kill()  # unblocks a call waiting on it
        with self._lock:
            self._stop()
