"""Step three of ``check``: report the results of a run in every format asked for.

Results arrive one at a time and go to each output at once (standard output, or a file
written atomically at the end); the exit code and the summary come from running counts, so no
output keeps the results (the review reports spool each file's part of the review): memory
stays flat over any number of briefs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from campaignlint.errors import ConfigError
from campaignlint.exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from campaignlint.frozen import field, record
from campaignlint.i18n import Plain, _
from campaignlint.model import Severity

if TYPE_CHECKING:
    from campaignlint.engine import FileResult
    from campaignlint.renderers import Report


def publish(
    outputs: Sequence[tuple[str, str | None]],
    report: Report,
    results: Iterable[FileResult],
    stdout: Callable[[str], Any],
    say: Callable[[str], Any],
    empty_dirs: Sequence[str] = (),
    strict: bool = False,
    notes_first: bool = False,
) -> int:
    """Write ``results`` in each of ``outputs`` (format, file or None for ``stdout``) as they
    arrive, then the summaries; returns the exit code. ``say`` prints the notes on folders with
    no briefs (standard error): before the summaries, or with ``notes_first`` before anything
    (the results are all known already)."""
    from campaignlint.renderers import open_stream

    if notes_first:
        _say_empty(empty_dirs, report.lang, say)
    tally = Tally(report.fail_on)
    files: list[_Target] = []
    try:
        streams = []
        for name, target in outputs:
            if target is None:
                streams.append(open_stream(name, report, stdout))
            else:
                files.append(_Target(target))
                streams.append(open_stream(name, _plain(report), files[-1].write))
        for result in results:
            tally.add(result)
            for stream in streams:
                stream.add(result)
        report.summary = tally.summary()
        if empty_dirs and strict and not tally.files:
            report.summary["exit_code"] = EXIT_USAGE  # the JSON and the summary line say it too
        if not notes_first:
            _say_empty(empty_dirs, report.lang, say)
        for stream in streams:
            stream.finish()
        for file in files:
            file.commit()
    finally:
        for file in files:
            file.discard()  # nothing left of a run that stopped; a committed file stays
    return int(report.summary["exit_code"])


def _say_empty(empty_dirs: Sequence[str], lang: str, say: Callable[[str], Any]) -> None:
    for directory in empty_dirs:
        empty = _("no briefs (*.yaml, *.yml) found in {directory}", directory=Plain(directory))
        say(f"campaignlint: {empty.render(lang)}\n")


def _plain(report: Report) -> Report:
    """The report for a file: never coloured."""
    from campaignlint.frozen import replace

    if not report.color:
        return report
    plain = replace(report, color=False)
    plain.summary = report.summary
    return plain


class _Target:
    """An output file, written as the results arrive and replaced atomically at the end; a
    file that cannot be written is a one-line error (exit 2)."""

    def __init__(self, path: str) -> None:
        from campaignlint.fs import AtomicFile

        self.path = path
        self.file = self._guard(lambda: AtomicFile(path))

    def write(self, text: str) -> None:
        self._guard(lambda: self.file.write(text))

    def commit(self) -> None:
        self._guard(self.file.commit)

    def discard(self) -> None:
        self.file.discard()

    def _guard(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except OSError as error:
            reason = Plain(error.strerror or error)
            raise ConfigError(
                _("cannot write {path}: {reason}", path=Plain(self.path), reason=reason)
            ) from error


_SEVERITIES = ("error", "warning", "info")


@record
class Tally:
    """Running counts over file results, so a streamed run need not keep its findings."""

    fail_on: Severity
    files: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_SEVERITIES, 0))
    input_errors: int = 0
    internal_errors: int = 0
    failing: bool = False

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.input_errors += bool(result.error) and not result.internal_error  # crashed: not input
        self.internal_errors += result.internal_error
        counts = self.counts
        for finding in result.findings:
            counts[finding.severity] += 1  # a Severity is its name: "error"
        if not self.failing and result.findings:
            failing = _at_least(self.fail_on)
            self.failing = any(finding.severity in failing for finding in result.findings)

    def summary(self) -> dict[str, Any]:
        """Counts for the summary line and the JSON ``summary``; ``exit_code`` per the CLI
        contract."""
        broken = self.input_errors or self.internal_errors
        return {
            "files_checked": self.files,
            "findings": sum(self.counts.values()),
            "errors": self.counts["error"],
            "warnings": self.counts["warning"],
            "info": self.counts["info"],
            "input_errors": self.input_errors,
            "internal_errors": self.internal_errors,
            "fail_on": self.fail_on.value,
            "exit_code": EXIT_USAGE if broken else (EXIT_FINDINGS if self.failing else EXIT_OK),
        }


@lru_cache(maxsize=4)
def _at_least(severity: Severity) -> frozenset[Severity]:
    """The severities at least as bad as ``severity``."""
    return frozenset(other for other in Severity if other >= severity)


def summarize(results: Sequence[FileResult], fail_on: Severity) -> dict[str, Any]:
    """The summary of finished results (see :class:`Tally`)."""
    tally = Tally(fail_on)
    for result in results:
        tally.add(result)
    return tally.summary()
