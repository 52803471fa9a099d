"""The ``campaignlint`` command line: its entry point, :func:`run`.

The commands are click commands (:mod:`campaignlint.cli_commands`, reached here as ``main``).
A plain ``campaignlint check`` command line, the one a pre-commit hook runs on every commit, is
parsed here without click: importing click and building the command tree was ~5% of the
instructions of a one-brief run. :func:`fast_check` takes only what it reads exactly as click
would (a test checks it against the command tree); anything else (help, a path option, a usage
error) goes to click.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from campaignlint.exit_codes import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    exit_for_signal,
)
from campaignlint.i18n import _

# The click commands, imported on first use: ``from campaignlint.cli import main`` still works.
_COMMANDS = ("main", "check", "list_rules", "explain", "docs", "schema", "server", "init")


def __getattr__(name: str) -> Any:
    if name in _COMMANDS:
        from campaignlint import cli_commands

        return getattr(cli_commands, name)
    raise AttributeError(f"module 'campaignlint.cli' has no attribute {name!r}")


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _show_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


class _Progress:
    """``checking 120/2000 briefs`` on a terminal's stderr once a run has taken more than a
    moment (``DELAY`` seconds) over several files; nothing when piped or in CI."""

    DELAY = 0.3

    def __init__(self, allowed: bool) -> None:
        self.allowed, self.enabled, self.shown = allowed, False, False
        self.total, self.done, self.lang = 0, 0, "en"
        self.started = time.monotonic()

    def start(self, total: int, lang: str) -> None:
        _collect_from_now()  # the briefs' checks start: their garbage is collected
        self.total, self.done, self.lang = total, 0, lang
        self.enabled = self.allowed and total > 1

    def __call__(self, count: int) -> None:
        self.done += count
        if self.enabled and time.monotonic() - self.started >= self.DELAY:
            from campaignlint.i18n import Plain, _

            line = _(
                "checking {done}/{total} briefs", done=Plain(self.done), total=Plain(self.total)
            )
            sys.stderr.write("\r" + line.render(self.lang) + "\x1b[K")
            sys.stderr.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False


def language_in(args: Sequence[str]) -> str | None:
    """The ``--lang`` given anywhere on a command line."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def check_command(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_file: Path | None,
    rules_dir: tuple[str, ...],
    allow_config_code: bool,
    color: bool | None,
    quiet: bool,
    stdin_filename: str | None,
    jobs: str,
    lang: str | None,
    exclude: tuple[str, ...],
    force_exclude: bool,
    strict: bool,
    exit_zero: bool,
    fix: bool,
    diff: bool,
    baseline: Path | None,
    write_baseline: Path | None,
    creators: tuple[str, ...],
) -> NoReturn:
    """``campaignlint check`` with its options read (by click, or by :func:`fast_check`)."""
    from campaignlint.commands import CheckOptions, run_check
    from campaignlint.errors import UsageError
    from campaignlint.loader import keep_large_briefs_out_of_collector

    keep_large_briefs_out_of_collector()  # this process ends with the run

    if stdin_filename is not None and paths and "-" not in paths:
        raise UsageError(
            _(
                "--stdin-filename names the brief read from standard input: add '-' to the"
                " paths (or give no paths)"
            )
        )
    if select and not _split(select):
        raise UsageError(_("--select needs at least one rule id (ALL selects every rule)"))
    if stdin_filename is not None and not paths:
        paths = ("-",)
    options = CheckOptions(
        paths=paths or (".",),
        formats=formats or ("text",),
        select=_split(select),
        ignore=_split(ignore),
        fail_on=fail_on,
        config_file=config_file,
        rules_dirs=rules_dir,
        allow_config_code=allow_config_code,
        color=_use_color(color),
        quiet=quiet,
        stdin_filename=stdin_filename,
        jobs=jobs,
        lang=lang,
        exclude=exclude,
        force_exclude=force_exclude,
        strict=strict,
        fix=fix,
        diff=diff,
        baseline=baseline,
        write_baseline=write_baseline,
        creators=creators,
        progress=_Progress(_show_progress()),
    )
    code = run_check(options)
    sys.exit(EXIT_OK if exit_zero and code == EXIT_FINDINGS else code)


def require_pygls() -> None:
    """``campaignlint server`` needs the ``server`` extra."""
    import importlib.util

    if importlib.util.find_spec("pygls") is None:
        from campaignlint.errors import UsageError

        raise UsageError(_("campaignlint server needs pygls: pip install 'campaignlint[server]'"))


# --- `check` without click -------------------------------------------------------------------
# What fast_check reads, exactly as the click command declares it (tests/test_cli_fast.py
# compares the two). Options that click converts or checks (paths, --config, --rules-dir,
# --baseline, --write-baseline, --creators) are not here: a command line with one goes to click.
CHECK_DEFAULTS: dict[str, Any] = {
    "paths": (),
    "formats": (),
    "select": (),
    "ignore": (),
    "fail_on": None,
    "config_file": None,
    "rules_dir": (),
    "allow_config_code": False,
    "color": None,
    "quiet": False,
    "stdin_filename": None,
    "jobs": "1",
    "lang": None,
    "exclude": (),
    "force_exclude": False,
    "strict": False,
    "exit_zero": False,
    "fix": False,
    "diff": False,
    "baseline": None,
    "write_baseline": None,
    "creators": (),
}
# option -> (parameter, value it sets)
CHECK_FLAGS: dict[str, tuple[str, bool]] = {
    "-q": ("quiet", True),
    "--quiet": ("quiet", True),
    "--color": ("color", True),
    "--no-color": ("color", False),
    "--allow-config-code": ("allow_config_code", True),
    "--force-exclude": ("force_exclude", True),
    "--strict": ("strict", True),
    "--exit-zero": ("exit_zero", True),
    "--fix": ("fix", True),
    "--diff": ("diff", True),
}
# option -> (parameter, repeatable, the values it accepts or None for any)
CHECK_VALUES: dict[str, tuple[str, bool, tuple[str, ...] | None]] = {
    "--format": ("formats", True, None),
    "--select": ("select", True, None),
    "--ignore": ("ignore", True, None),
    "--exclude": ("exclude", True, None),
    "--fail-on": ("fail_on", False, ("error", "warning", "info")),
    "--lang": ("lang", False, ("en", "tr")),
    "--jobs": ("jobs", False, None),
    "-j": ("jobs", False, None),
    "--stdin-filename": ("stdin_filename", False, None),
}


def fast_check(args: Sequence[str]) -> dict[str, Any] | None:
    """The values click would hand the ``check`` command for ``args`` (the command line after
    the program's name), or None when click must read it: another command, help, an option
    not in the tables above, combined short options, ``--``, or a value click would refuse."""
    if not args or args[0] != "check":
        return None
    values = dict(CHECK_DEFAULTS)
    repeated: dict[str, list[str]] = {}
    paths: list[str] = []
    rest = list(args[1:])
    while rest:
        arg = rest.pop(0)
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in CHECK_FLAGS and not equals:
            parameter, flag = CHECK_FLAGS[name]
            values[parameter] = flag
            continue
        if name not in CHECK_VALUES:
            return None  # help, a path option, an unknown option, "-qj2", "--"
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        parameter, repeatable, choices = CHECK_VALUES[name]
        if choices is not None and value not in choices:
            return None
        if repeatable:
            repeated.setdefault(parameter, []).append(value)
        else:
            values[parameter] = value
    values.update({parameter: tuple(found) for parameter, found in repeated.items()})
    values["paths"] = tuple(paths)
    return values


def _check_without_click(values: dict[str, Any]) -> NoReturn:
    """:func:`check_command` as the click command runs it: a campaignlint error leaves as its
    message and exit 2 (``cli_commands._Main``), a closed output pipe as exit 1 (click's
    ``main``)."""
    import errno

    from campaignlint.errors import CampaignlintError

    try:
        check_command(**values)
    except CampaignlintError as error:
        from campaignlint.commands import resolve_language
        from campaignlint.errors import error_lines

        sys.stderr.write(error_lines(error, resolve_language(language_in(sys.argv[1:]))))
        sys.stderr.flush()
        sys.exit(EXIT_USAGE)
    except OSError as error:
        if error.errno != errno.EPIPE:
            raise
        _quiet_closed_outputs()
        sys.exit(1)


def _quiet_closed_outputs() -> None:
    """Send what is left in standard output and error to the null device, so that the flush at
    exit does not fail again on the closed pipe (click's ``main`` wraps them for that)."""
    import contextlib

    null = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(null, stream.fileno())


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM, raised past click (which would turn KeyboardInterrupt into "Aborted!",
    exit 1); like KeyboardInterrupt it runs the clean-ups on its way (temporary files, worker
    processes)."""

    def __init__(self, signum: int = 2) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, _frame: Any) -> None:
    raise Interrupted(signum)


def _exit_now(signum: int, _frame: Any) -> None:
    """A second signal while campaignlint is already stopping: leave at once, quietly (raising
    again would print 'Exception ignored in threading' while the interpreter shuts down)."""
    os._exit(exit_for_signal(signum))


def _on_signals(handler: Any) -> None:
    import contextlib
    import signal

    with contextlib.suppress(ValueError):  # not the main thread
        signal.signal(signal.SIGINT, handler)
        signal.signal(signal.SIGTERM, handler)


def _collect_less() -> None:
    """What is loaded by now (click, the command tree) lives as long as the process: freeze it
    so the cycle collector stops re-scanning it, and collect the young generation every 10,000
    allocations, not 700. A one-brief run spent about 4% of its instructions in the collector;
    cycles are still collected, so memory stays flat over many briefs."""
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _collect_later() -> None:
    """For ``check``: no collection while it starts. What it builds before checking a brief
    (modules, rules, their tables) lives as long as the process; the collector only re-scanned
    it (~3% of a one-brief run). :func:`_collect_from_now` turns it back on, before the first
    brief."""
    import gc

    _collect_less()
    if gc.isenabled():
        gc.disable()
        _HELD_OFF.append(True)


_HELD_OFF: list[bool] = []  # not empty while _collect_later holds the collector off


def _collect_from_now() -> None:
    """The start is over: freeze what it built, collect from now on (memory stays flat)."""
    if _HELD_OFF:
        import gc

        _HELD_OFF.clear()
        gc.freeze()
        gc.enable()


def run() -> Any:
    """Entry point that turns Ctrl-C into exit 130 and SIGTERM into exit 143, with no
    traceback, no worker left running and no temporary file left behind."""
    import contextlib
    import signal

    _on_signals(_interrupt)
    try:
        values = fast_check(sys.argv[1:])
        if values is not None:
            _collect_later()
            _check_without_click(values)
        _collect_less()
        from campaignlint.cli_commands import main

        return main()
    except (KeyboardInterrupt, Interrupted) as stop:
        _on_signals(_exit_now)
        from campaignlint.cli_help import interrupted

        sys.stderr.write(f"campaignlint: {interrupted()}\n")
        terminated = getattr(stop, "signum", signal.SIGINT) == signal.SIGTERM
        # The clean-ups ran while the signal unwound the stack (workers stopped, temporary files
        # removed). Leave without the interpreter's shutdown: joining the process pool's
        # management thread there prints "Exception ignored in: <module 'threading'>".
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
    finally:
        _on_signals(_exit_now)  # the interpreter is shutting down: a late signal ends it
