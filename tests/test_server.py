"""``campaignlint server`` end to end, driven by a real LSP client (pytest-lsp) over stdio:
the findings, ranges, fixes and languages must be those of ``campaignlint check``."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import textwrap
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from campaignlint.config import config_for
from campaignlint.docs import rule_markdown
from campaignlint.engine import lint_file
from campaignlint.fix import fix_text
from campaignlint.model import Finding
from campaignlint.registry import discover_all
from tests.helpers import SAMPLES

pytest.importorskip("pytest_lsp", reason="pytest-lsp is in the test extra: pip install '.[test]'")

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

pytestmark = pytest.mark.slow

TODAY = "2026-01-15"
HASHTAGS = SAMPLES / "mistakes" / "hashtag-strategy.yaml"
SEVERITIES = {"error": 1, "warning": 2, "info": 3}


def _server_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("campaignlint")
    if script.exists():
        return [str(script), "server", *args]
    return [sys.executable, "-c", "from campaignlint.cli import run; run()", "server", *args]


def _recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every published diagnostics notification in order."""
    client = LanguageClient()
    published: list[types.PublishDiagnosticsParams] = []

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        published.append(params)

    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish}
    register_lsp_features(client, features)
    client.published = published  # type: ignore[attr-defined]
    return client


@asynccontextmanager
async def running(*args: str, locale: str | None = None) -> AsyncIterator[LanguageClient]:
    env = {**os.environ, "CAMPAIGNLINT_TODAY": TODAY, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    config = ClientServerConfig(
        server_command=_server_command(*args),
        client_factory=_recording_client,
        server_env=env,
    )
    client: Any = await config.start()
    try:
        await client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities("visual-studio-code"), locale=locale
            )
        )
        yield client
        await client.shutdown_session()
        assert client._server.returncode == 0, "the server exits cleanly after shutdown"
    finally:
        if client._server.returncode is None:  # a failed test: do not wait for a clean exit
            client._server.kill()
        await client.stop()


async def published(
    client: Any, uri: str, version: int | None = None, timeout: float = 60
) -> list[types.Diagnostic]:
    """The first diagnostics published for ``uri`` (at ``version``) not yet consumed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for index, params in enumerate(client.published):
            if params.uri == uri and (version is None or params.version == version):
                del client.published[: index + 1]
                return list(params.diagnostics)
        await asyncio.sleep(0.02)
    raise AssertionError(f"no diagnostics for {uri} (version {version})")


def _open(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    content = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="yaml", version=version, text=content
            )
        )
    )
    return uri


def _expected(path: Path, text: str, lang: str = "en") -> list[Finding]:
    os.environ["CAMPAIGNLINT_TODAY"] = TODAY
    try:
        result = lint_file(str(path), config_for(path), lang, text=text)
    finally:
        del os.environ["CAMPAIGNLINT_TODAY"]
    return result.findings


def _shape(diagnostics: list[types.Diagnostic]) -> list[tuple[Any, ...]]:
    return [
        (
            d.code,
            d.severity,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
            d.message.split("\n")[0],
        )
        for d in diagnostics
    ]


def _expected_shape(findings: list[Finding]) -> list[tuple[Any, ...]]:
    return [
        (
            f.rule,
            SEVERITIES[f.severity.value],
            f.line - 1,
            f.column - 1,
            f.end_line - 1,
            f.end_column - 1,
            f.message,
        )
        for f in findings
    ]


def _apply(text: str, edit: types.TextEdit) -> str:
    lines = text.split("\n")
    start, end = edit.range.start, edit.range.end
    offset = sum(len(line) + 1 for line in lines[: start.line]) + start.character
    stop = sum(len(line) + 1 for line in lines[: end.line]) + end.character
    return text[:offset] + edit.new_text + text[stop:]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository with a config (an error severity for one rule) and a brief with mistakes."""
    (tmp_path / ".campaignlint.yaml").write_text(
        "rules:\n  hashtag-strategy:\n    severity: error\n", encoding="utf-8"
    )
    (tmp_path / "briefs").mkdir()
    shutil.copy(HASHTAGS, tmp_path / "briefs" / "spring.yaml")
    return tmp_path


@pytest.mark.asyncio
async def test_open_edit_code_action_and_hover_match_check(project: Path) -> None:
    brief = project / "briefs" / "spring.yaml"
    text = brief.read_text(encoding="utf-8")
    async with running() as client:
        uri = _open(client, brief)
        opened = await published(client, uri, 1)
        expected = _expected(brief, text)
        assert [f.rule for f in expected] == ["hashtag-strategy"] * 5
        assert {f.severity.value for f in expected} == {"error"}, "the config was discovered"
        assert _shape(opened) == _expected_shape(expected)
        assert all(d.source == "campaignlint" for d in opened)

        # Edit: the two tags with a fix are corrected, as a user would type it.
        rows = text.split("\n")
        line = next(i for i, row in enumerate(rows) if row.strip().startswith("hashtags:"))
        old_row = text.split("\n")[line]
        new_row = old_row.replace(', "#VIRAL", "foryou"', ', "#foryou"')
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(
                            start=types.Position(line, 0),
                            end=types.Position(line, len(old_row)),
                        ),
                        text=new_row,
                    )
                ],
            )
        )
        edited_text = text.replace(old_row, new_row)
        edited = await published(client, uri, 2)
        assert _shape(edited) == _expected_shape(_expected(brief, edited_text))
        assert _shape(edited) != _shape(opened)
        assert not any("'foryou'" in d.message or "'#VIRAL'" in d.message for d in edited)

        # Back to the original text; then the code actions on the 'foryou' item.
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        await published(client, uri, 3)
        foryou = next(d for d in opened if "'foryou'" in d.message)
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=foryou.range,
                context=types.CodeActionContext(diagnostics=[foryou]),
            )
        )
        assert actions is not None
        by_title = {a.title: a for a in actions if isinstance(a, types.CodeAction)}
        fix = by_title["Apply the safe fix for hashtag-strategy"]
        suppress = by_title["Suppress hashtag-strategy here with a comment"]
        fix_all = by_title["Apply every safe fix (campaignlint)"]
        assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred

        def applied(action: types.CodeAction) -> str:
            assert action.edit is not None and action.edit.changes is not None
            [edit] = action.edit.changes[uri]
            return _apply(text, edit)

        assert '"#foryou"]' in applied(fix) and '"#VIRAL"' in applied(fix)
        config = config_for(brief)
        os.environ["CAMPAIGNLINT_TODAY"] = TODAY
        try:
            as_check_fix, _count = fix_text(
                text, expected, path=str(brief), config=config, lang="en", today=None
            )
        finally:
            del os.environ["CAMPAIGNLINT_TODAY"]
        assert applied(fix_all) == as_check_fix, "the same edits as check --fix"

        suppressed = applied(suppress)
        comment = "  # campaignlint: disable=hashtag-strategy -- <reason>"
        assert suppressed.split("\n")[line] == comment, "above the line, with a reason to fill"
        # The rule is silenced on that line (all five findings stand there), nothing is unused.
        assert _expected(brief, suppressed) == []

        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=foryou.range.start
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        rule = discover_all()["hashtag-strategy"]
        assert rule_markdown(rule, heading="###") in hover.contents.value


@pytest.mark.asyncio
async def test_saving_the_config_rechecks_open_briefs_with_it(project: Path) -> None:
    brief = project / "briefs" / "spring.yaml"
    async with running() as client:
        uri = _open(client, brief)
        before = await published(client, uri, 1)
        assert {d.severity for d in before} == {types.DiagnosticSeverity.Error}
        config = project / ".campaignlint.yaml"
        config.write_text("ignore: [hashtag-strategy]\n", encoding="utf-8")
        client.text_document_did_save(
            types.DidSaveTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=config.as_uri())
            )
        )
        assert await published(client, uri, 1) == []
        assert _expected(brief, brief.read_text(encoding="utf-8")) == []


@pytest.mark.asyncio
async def test_a_malformed_brief_gives_its_one_parse_diagnostic(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    shutil.copy(SAMPLES / "broken.yaml", broken)
    text = broken.read_text(encoding="utf-8")
    result = lint_file(str(broken), config_for(broken), text=text)
    assert result.error and result.error_line
    async with running() as client:
        uri = _open(client, broken)
        [diagnostic] = await published(client, uri, 1)
        assert diagnostic.severity == types.DiagnosticSeverity.Error
        assert diagnostic.range.start.line == result.error_line - 1
        assert result.error.endswith(diagnostic.message)
        # The server is still there: a good brief opened next is checked.
        clean = tmp_path / "clean.yaml"
        shutil.copy(SAMPLES / "clean-en.yaml", clean)
        assert await published(client, _open(client, clean), 1) == []


@pytest.mark.asyncio
async def test_the_last_edit_wins(tmp_path: Path) -> None:
    brief = tmp_path / "spring.yaml"
    shutil.copy(HASHTAGS, brief)
    text = brief.read_text(encoding="utf-8")
    async with running() as client:
        uri = _open(client, brief)
        await published(client, uri, 1)
        for version in range(2, 12):  # typing fast: one check, for the last text
            tags = ", ".join(f'"#tag{n}"' for n in range(version))
            typed = text.replace('"#reklam", "#fyp"', f'"#reklam", {tags}')
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=typed)],
                )
            )
        final = await published(client, uri, 11)
        assert _shape(final) == _expected_shape(_expected(brief, typed))
        assert any("carries 16 hashtags" in d.message for d in final)
        await asyncio.sleep(0.5)
        assert all(params.version == 11 for params in client.published), "no stale result"


@pytest.mark.asyncio
async def test_turkish_from_the_config_and_from_the_command_line(tmp_path: Path) -> None:
    turkish = tmp_path / "tr"
    turkish.mkdir()
    (turkish / ".campaignlint.yaml").write_text("lang: tr\n", encoding="utf-8")
    shutil.copy(HASHTAGS, turkish / "spring.yaml")
    english = tmp_path / "en" / "spring.yaml"
    english.parent.mkdir()
    shutil.copy(HASHTAGS, english)
    text = english.read_text(encoding="utf-8")
    expected_tr = _expected_shape(_expected(turkish / "spring.yaml", text, "tr"))
    assert expected_tr != _expected_shape(_expected(english, text, "en"))
    async with running() as client:
        from_config = await published(client, _open(client, turkish / "spring.yaml"), 1)
        assert _shape(from_config) == expected_tr
        assert "düzeltme" in from_config[-1].message, "the fix hint's label too"
        uri = (turkish / "spring.yaml").as_uri()
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=from_config[-1].range,
                context=types.CodeActionContext(diagnostics=[from_config[-1]]),
            )
        )
        titles = [a.title for a in actions or [] if isinstance(a, types.CodeAction)]
        assert "hashtag-strategy kuralını burada bir yorumla sustur" in titles
        suppress = next(a for a in actions or [] if "sustur" in a.title)
        assert isinstance(suppress, types.CodeAction) and suppress.edit and suppress.edit.changes
        assert "-- <gerekçe>" in suppress.edit.changes[uri][0].new_text
    async with running("--lang", "tr") as client:
        from_option = await published(client, _open(client, english), 1)
        assert _shape(from_option) == expected_tr
    async with running(locale="tr-TR") as client:  # the editor's language, when nothing says
        from_editor = await published(client, _open(client, english), 1)
        assert _shape(from_editor) == expected_tr


STUCK_RULE = '''\
    """Loops forever, or ends its process, when the campaign is named so.

    ## What it does
    Misbehaves on purpose.
    ## Why it matters
    The server must survive it.
    ## Example
    ```yaml
    campaign: {name: hang}
    ```
    ## How to fix
    Do not.
    """
    import os

    ID = "misbehaving"
    SEVERITY = "info"

    def check(brief, options):
        name = brief.text("/campaign/name")
        if name == "hang":
            while True:
                pass
        if name == "die":
            os._exit(3)
        return []
    '''


@pytest.mark.asyncio
async def test_a_rule_that_hangs_or_kills_its_process_does_not_take_the_server_down(
    tmp_path: Path,
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "misbehaving.py").write_text(textwrap.dedent(STUCK_RULE), encoding="utf-8")
    clean = (SAMPLES / "clean-en.yaml").read_text(encoding="utf-8")
    name_line = next(row for row in clean.split("\n") if row.startswith("  name:"))
    async with running("--rules-dir", str(rules), "--timeout", "2") as client:
        hang = tmp_path / "hang.yaml"
        hang.write_text(clean.replace(name_line, "  name: hang"), encoding="utf-8")
        [stopped] = await published(client, _open(client, hang), 1)
        assert stopped.code == "internal-error" and "2 s" in stopped.message

        die = tmp_path / "die.yaml"
        die.write_text(clean.replace(name_line, "  name: die"), encoding="utf-8")
        [crashed] = await published(client, _open(client, die), 1)
        assert crashed.code == "internal-error" and "crashed" in crashed.message

        fine = tmp_path / "fine.yaml"
        fine.write_text(clean, encoding="utf-8")
        assert await published(client, _open(client, fine), 1) == []


@pytest.mark.asyncio
async def test_hidden_and_excluded_files_are_not_checked(tmp_path: Path) -> None:
    (tmp_path / ".campaignlint.yaml").write_text("exclude: [archive]\n", encoding="utf-8")
    (tmp_path / "archive").mkdir()
    shutil.copy(HASHTAGS, tmp_path / "archive" / "old.yaml")
    async with running() as client:
        assert await published(client, _open(client, tmp_path / "archive" / "old.yaml"), 1) == []
        assert await published(client, _open(client, tmp_path / ".campaignlint.yaml"), 1) == []
        notes = tmp_path / "notes.md"
        notes.write_text("# Notes\n", encoding="utf-8")
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=notes.as_uri(), language_id="markdown", version=1, text="# Notes\n"
                )
            )
        )
        shutil.copy(HASHTAGS, tmp_path / "spring.yaml")
        assert await published(client, _open(client, tmp_path / "spring.yaml"), 1) != []
        assert notes.as_uri() not in client.diagnostics, "only YAML buffers are checked"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a: 1\nb: 2\nc: 3\n", "a: 1\nb: 5\nc: 3\n"),  # a middle line
        ("a: 1\nb: 2", "a: 1\nb: 2\nc: [x]"),  # the last line, no final newline
        ("a: 1\n", "# campaignlint: disable=x -- <reason>\na: 1\n"),  # a line put first
        ("a: '😀'\nb: 1", "a: '😀'\nb: 2"),  # a character outside the BMP before the edit
    ],
)
def test_a_fix_is_one_edit_spanning_only_the_changed_lines(old: str, new: str) -> None:
    from pygls.workspace import TextDocument

    from campaignlint.server import replacement

    edit = replacement(old, new, TextDocument("file:///brief.yaml", old))
    assert _apply(old, edit) == new
    before, after = old.split("\n"), new.split("\n")
    pairs = enumerate(zip(before, after, strict=False))
    last = min(len(before), len(after)) - 1  # text added at the end replaces the last line
    unchanged_head = next((i for i, (a, b) in pairs if a != b), last)
    assert edit.range.start == types.Position(unchanged_head, 0)


def test_an_edit_ending_on_the_last_line_counts_utf16_code_units() -> None:
    from pygls.workspace import TextDocument

    from campaignlint.server import replacement

    old = "a: 1\nb: '😀'"
    edit = replacement(old, "a: 1\nb: '😀x'", TextDocument("file:///brief.yaml", old))
    assert edit.range.end == types.Position(1, 7), "the emoji is two UTF-16 code units"
