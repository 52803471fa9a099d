"""``campaignlint server``: findings in the editor as you type, over the Language Server Protocol.

Built on pygls. The server keeps the buffers and talks to the editor; every check runs in a
worker process (:mod:`campaignlint.server_worker`) with a time limit, off the event loop, so a
rule that crashes or hangs costs one check, never the server. Diagnostics come on open, on save
and, debounced, on change: a check whose buffer changed meanwhile is thrown away (the last edit
wins). Hover on a finding shows its rule's documentation; code actions apply the safe fixes of
``check --fix`` and insert a suppression comment with a reason to fill in.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from campaignlint import __version__
from campaignlint.i18n import DEFAULT_LANGUAGE, Plain, _, language_from_environment
from campaignlint.model import Finding, Severity
from campaignlint.server_worker import Checked, Checker, CheckFailed, Document, Settings

DEBOUNCE_SECONDS = 0.15
SOURCE = "campaignlint"
CONFIG_NAMES = (".campaignlint.yaml", ".campaignlint.yml", "pyproject.toml")
DOCS_URI = "https://github.com/campaignlint/campaignlint/blob/main/docs/rules.md"
NOT_SUPPRESSIBLE = ("internal-error", "unused-suppression")
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """A buffer as it was checked, and what the check found."""

    version: int | None
    document: Document
    checked: Checked


class CampaignlintServer(LanguageServer):
    def __init__(self, settings: Settings) -> None:
        super().__init__(
            "campaignlint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        )
        self.settings = settings
        self.checker = Checker(settings.timeout)
        self.locale: str | None = None
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.snapshots: dict[str, Snapshot] = {}

    # --- what a buffer is ---------------------------------------------------------------------

    def folder(self) -> str:
        """Where an unsaved buffer's configuration is looked for: the workspace, else here."""
        try:
            root = self.workspace.root_path
        except RuntimeError:  # before initialize
            root = None
        return root or str(Path.cwd())

    def document_for(self, buffer: TextDocument) -> Document:
        path = to_fs_path(buffer.uri) if buffer.uri.startswith("file:") else None
        return Document(buffer.source, path, self.folder(), self.locale)

    def language(self) -> str:
        """For the server's own messages, when no brief's configuration says otherwise."""
        from campaignlint.i18n import normalize_language

        return (
            self.settings.lang
            or normalize_language(self.locale)
            or language_from_environment()
            or DEFAULT_LANGUAGE
        )

    # --- checking -----------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Check the buffer after ``delay``; a newer call for the same buffer replaces it."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        task = asyncio.get_running_loop().create_task(self._check_later(uri, delay))
        self.pending[uri] = task
        task.add_done_callback(lambda done: self._forget_task(uri, done))

    def _forget_task(self, uri: str, task: asyncio.Task[None]) -> None:
        if self.pending.get(uri) is task:
            del self.pending[uri]
        if not task.cancelled() and task.exception() is not None:
            logger.error("checking %s failed", uri, exc_info=task.exception())

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        buffer = self.workspace.text_documents.get(uri)
        if buffer is None or not is_yaml(buffer):
            return
        snapshot = await self.check(buffer)
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != snapshot.version:
            return  # edited (or closed) while it was checked: a newer check is on its way
        self.snapshots[uri] = snapshot
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=snapshot.version,
                diagnostics=diagnostics(snapshot, current),
            )
        )

    async def check(self, buffer: TextDocument) -> Snapshot:
        document = self.document_for(buffer)
        version = buffer.version
        try:
            checked = await asyncio.to_thread(self.checker.call, "check", self.settings, document)
        except CheckFailed as failure:
            checked = Checked(lang=self.language(), error=self.failure(failure), internal=True)
        return Snapshot(version, document, checked)

    def failure(self, failure: CheckFailed) -> str:
        if failure.timed_out:
            message = _(
                "campaignlint stopped checking this brief after {seconds} s: a rule seems stuck;"
                " please report it",
                seconds=Plain(f"{self.settings.timeout:g}"),
            )
        else:
            message = _(
                "checking this file crashed ({detail}); please report it",
                detail=Plain(failure.detail),
            )
        return message.render(self.language())

    async def current(self, uri: str) -> tuple[TextDocument, Snapshot] | None:
        """The buffer and its findings as it is now, checking it again if it changed."""
        buffer = self.workspace.text_documents.get(uri)
        if buffer is None or not is_yaml(buffer):
            return None
        snapshot = self.snapshots.get(uri)
        if snapshot is None or snapshot.version != buffer.version:
            snapshot = await self.check(buffer)
        return buffer, snapshot

    async def ask(self, operation: str, *args: Any) -> Any:
        """Run a worker operation for a code action or hover; None when it fails."""
        try:
            return await asyncio.to_thread(self.checker.call, operation, *args)
        except CheckFailed as failure:
            logger.warning("%s failed: %s", operation, failure.detail)
            return None

    def recheck_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri)


def is_yaml(buffer: TextDocument) -> bool:
    """A buffer the editor calls YAML or, when it names no language, whose name says so."""
    if buffer.language_id:
        return buffer.language_id == "yaml"
    return buffer.uri.endswith((".yaml", ".yml"))


# --- findings as diagnostics ------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _position(lines: Sequence[str], line: int, column: int, buffer: TextDocument) -> types.Position:
    """A finding's 1-based line and column (in characters) as an LSP position, in the code
    units the client and server agreed on (UTF-16 unless the client asked otherwise)."""
    index = max(0, line - 1)
    if index >= len(lines):
        index = len(lines) - 1
        column = len(lines[index]) + 1
    text = lines[index].rstrip("\r")
    character = min(max(0, column - 1), len(text))
    return types.Position(index, buffer.position_codec.client_num_units(text[:character]))


def _range(lines: Sequence[str], finding: Finding, buffer: TextDocument) -> types.Range:
    return types.Range(
        start=_position(lines, finding.line, finding.column, buffer),
        end=_position(lines, finding.end_line, finding.end_column, buffer),
    )


def diagnostics(snapshot: Snapshot, buffer: TextDocument) -> list[types.Diagnostic]:
    checked = snapshot.checked
    lines = _lines(snapshot.document.text)
    if checked.error is not None:
        line, column = checked.error_line or 1, checked.error_column or 1
        start = _position(lines, line, column, buffer)
        end = _position(lines, line, len(lines[min(line, len(lines)) - 1]) + 1, buffer)
        return [
            types.Diagnostic(
                range=types.Range(start=start, end=max(start, end, key=_key)),
                message=checked.error,
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
                code="internal-error" if checked.internal else None,
            )
        ]
    fix_label = _("fix").render(checked.lang)
    return [
        types.Diagnostic(
            range=_range(lines, finding, buffer),
            message=finding.message + (f"\n{fix_label}: {finding.fix}" if finding.fix else ""),
            severity=SEVERITIES[finding.severity],
            code=finding.rule,
            code_description=types.CodeDescription(href=f"{DOCS_URI}#{finding.rule}"),
            source=SOURCE,
            tags=[types.DiagnosticTag.Unnecessary]
            if finding.rule == "unused-suppression"
            else None,
        )
        for finding in checked.findings
    ]


def _key(position: types.Position) -> tuple[int, int]:
    return (position.line, position.character)


def _covering(
    snapshot: Snapshot, buffer: TextDocument, start: types.Position, end: types.Position
) -> list[Finding]:
    """The findings whose range meets ``start``..``end`` (a zero-width finding: its line)."""
    lines = _lines(snapshot.document.text)
    found = []
    for finding in snapshot.checked.findings:
        where = _range(lines, finding, buffer)
        if _key(where.start) == _key(where.end):
            meets = where.start.line in range(start.line, end.line + 1)
        else:
            meets = _key(where.start) <= _key(end) and _key(start) <= _key(where.end)
        if meets:
            found.append(finding)
    return found


def replacement(old: str, new: str, buffer: TextDocument) -> types.TextEdit:
    """One edit turning ``old`` into ``new``, spanning only the lines that differ, so the
    editor keeps the cursor, folds and marks elsewhere."""
    before, after = old.split("\n"), new.split("\n")
    prefix = 0  # at most up to the last line: text added at the end replaces it, with its newline
    while prefix < min(len(before), len(after)) - 1 and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(before), len(after)) - prefix and before[-1 - suffix] == after[-1 - suffix]
    ):
        suffix += 1
    start = types.Position(prefix, 0)
    if suffix == 0:
        last = before[-1]
        end = types.Position(len(before) - 1, buffer.position_codec.client_num_units(last))
        return types.TextEdit(types.Range(start, end), "\n".join(after[prefix:]))
    changed = after[prefix : len(after) - suffix]
    end = types.Position(len(before) - suffix, 0)
    return types.TextEdit(types.Range(start, end), "".join(line + "\n" for line in changed))


# --- the server -------------------------------------------------------------------------------


def create_server(settings: Settings) -> CampaignlintServer:
    server = CampaignlintServer(settings)

    @server.feature(types.INITIALIZE)
    def initialize(ls: CampaignlintServer, params: types.InitializeParams) -> None:
        ls.locale = params.locale

    @server.feature(types.INITIALIZED)
    async def initialized(ls: CampaignlintServer, params: types.InitializedParams) -> None:
        watch = ls.client_capabilities.workspace
        watched_files = watch.did_change_watched_files if watch else None
        if watched_files and watched_files.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
            options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
            registration = types.Registration(
                id="campaignlint-config",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=options,
            )
            try:
                await ls.client_register_capability_async(
                    types.RegistrationParams(registrations=[registration])
                )
            except Exception as error:  # the client refused: saves in the editor still count
                logger.warning("could not watch configuration files: %s", error)
        await ls.ask("warm_up", ls.settings, ls.folder())

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: CampaignlintServer, params: None) -> None:
        for task in ls.pending.values():
            task.cancel()
        ls.checker.close()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CampaignlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CampaignlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: CampaignlintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri.rsplit("/", 1)[-1] in CONFIG_NAMES:
            await ls.ask("forget_configs")
            ls.recheck_all()
        else:
            ls.schedule(uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def config_changed(
        ls: CampaignlintServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        await ls.ask("forget_configs")
        ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CampaignlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.snapshots.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: CampaignlintServer, params: types.HoverParams) -> types.Hover | None:
        found = await ls.current(params.text_document.uri)
        if found is None:
            return None
        buffer, snapshot = found
        findings = _covering(snapshot, buffer, params.position, params.position)
        if not findings:
            return None
        parts = []
        for rule in dict.fromkeys(finding.rule for finding in findings):
            explained = await ls.ask("explain", ls.settings, snapshot.document, rule)
            messages = [f"**{rule}**: {f.message}" for f in findings if f.rule == rule]
            parts.append("\n\n".join([*messages, *([explained] if explained else [])]))
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
            )
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
        ),
    )
    async def code_action(
        ls: CampaignlintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        found = await ls.current(params.text_document.uri)
        if found is None or found[1].checked.error is not None:
            return None
        return await code_actions(ls, params, *found)

    return server


def _wanted(only: Sequence[str] | None, kind: str) -> bool:
    return only is None or any(kind == want or kind.startswith(want + ".") for want in only)


async def code_actions(
    ls: CampaignlintServer,
    params: types.CodeActionParams,
    buffer: TextDocument,
    snapshot: Snapshot,
) -> list[types.CodeAction]:
    uri, document, lang = buffer.uri, snapshot.document, snapshot.checked.lang
    lines = _lines(document.text)
    only = params.context.only
    actions: list[types.CodeAction] = []

    def action(
        title: str, kind: str, fixed: str, findings: Sequence[Finding], preferred: bool = False
    ) -> None:
        edit = replacement(document.text, fixed, buffer)
        actions.append(
            types.CodeAction(
                title=title,
                kind=kind,
                diagnostics=[
                    types.Diagnostic(range=_range(lines, f, buffer), message=f.message, code=f.rule)
                    for f in findings
                ],
                edit=types.WorkspaceEdit(changes={uri: [edit]}),
                is_preferred=preferred,
            )
        )

    here = _covering(snapshot, buffer, params.range.start, params.range.end)
    if _wanted(only, types.CodeActionKind.QuickFix):
        reason = _("<reason>").render(lang)
        for finding in here:
            if finding.edits:
                fixed = await ls.ask("fix_one", document, finding.edits)
                if fixed is not None:
                    title = _("Apply the safe fix for {rule}", rule=Plain(finding.rule))
                    quick_fix = types.CodeActionKind.QuickFix
                    action(title.render(lang), quick_fix, fixed, [finding], preferred=True)
            if finding.rule not in NOT_SUPPRESSIBLE:
                fixed = await ls.ask("suppress", ls.settings, document, finding, reason)
                if fixed is not None:
                    title = _("Suppress {rule} here with a comment", rule=Plain(finding.rule))
                    action(title.render(lang), types.CodeActionKind.QuickFix, fixed, [finding])
    fixable = [f for f in snapshot.checked.findings if f.edits]
    if fixable and _wanted(only, types.CodeActionKind.SourceFixAll):
        fixed = await ls.ask("fix_all", ls.settings, document)
        if fixed is not None:
            title_all = _("Apply every safe fix (campaignlint)").render(lang)
            action(title_all, types.CodeActionKind.SourceFixAll, fixed, fixable)
    return actions


def serve(settings: Settings) -> int:
    """Run the server over standard input and output until the editor ends it."""
    server = create_server(settings)
    try:
        server.start_io()
    finally:
        server.checker.close()
    return 0
