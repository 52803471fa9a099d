"""Benchmark ``campaignlint server``: how long an editor waits for a brief's diagnostics.

    pip install -e '.[server]'
    python bench/server.py                 # a 500-line brief, opened 20 times after the first
    python bench/server.py --lines 2000 --opens 10

Starts the server as an editor does (over stdio, through pygls's client), opens one brief to
warm it up, then opens the same brief under new names and times each didOpen until its
publishDiagnostics arrives, and each edit (didChange, which waits the debounce first) likewise.
Exits 1 when the median open is over the budget (200 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parent.parent
BUDGET_MS = 200.0


def brief_of(lines: int) -> str:
    """The bad English sample, with more creators until it has ``lines`` lines."""
    text = (REPO / "samples" / "bad-en.yaml").read_text(encoding="utf-8")
    rows = text.split("\n")
    start = rows.index("influencers:") + 1
    end = next(i for i in range(start + 1, len(rows)) if rows[i].startswith("  - handle:"))
    creator = rows[start:end]
    extra: list[str] = []
    number = 0
    while len(rows) + len(extra) < lines:
        number += 1
        extra += [row.replace("@zoe.dances", f"@creator{number}") for row in creator]
    return "\n".join(rows[:end] + extra + rows[end:])


async def run(lines: int, opens: int) -> list[float]:
    text = brief_of(lines)
    folder = Path(tempfile.mkdtemp(prefix="campaignlint-bench-"))
    arrived: dict[str, asyncio.Event] = {}
    client = LanguageClient("campaignlint-bench", "1")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(_client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        arrived.setdefault(f"{params.uri}@{params.version}", asyncio.Event()).set()

    script = Path(sys.executable).with_name("campaignlint")
    await client.start_io(str(script), "server")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())

    async def timed_open(name: str) -> float:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        event = arrived.setdefault(f"{uri}@1", asyncio.Event())
        start = time.perf_counter()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri, "yaml", 1, text)
            )
        )
        await asyncio.wait_for(event.wait(), 60)
        return (time.perf_counter() - start) * 1000

    first = await timed_open("first.yaml")
    times = [await timed_open(f"brief{n}.yaml") for n in range(opens)]
    edits = []
    uri = (folder / "first.yaml").as_uri()
    for version in range(2, 7):
        event = arrived.setdefault(f"{uri}@{version}", asyncio.Event())
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(version=version, uri=uri),
                content_changes=[
                    types.TextDocumentContentChangeWholeDocument(
                        text.replace("Family Table Spring", f"Family Table {version}")
                    )
                ],
            )
        )
        await asyncio.wait_for(event.wait(), 60)
        edits.append((time.perf_counter() - start) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    print(f"{text.count(chr(10)) + 1}-line brief, {opens} opens after the first")
    print(f"first open (starts the worker, loads the rules): {first:.0f} ms")
    print(
        f"open:   median {statistics.median(times):.0f} ms, min {min(times):.0f} ms,"
        f" max {max(times):.0f} ms (budget {BUDGET_MS:.0f} ms)"
    )
    print(f"edit:   median {statistics.median(edits):.0f} ms (includes the debounce)")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--opens", type=int, default=20)
    args = parser.parse_args()
    times = asyncio.run(run(args.lines, args.opens))
    return 0 if statistics.median(times) <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
