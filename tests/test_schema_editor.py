"""The brief schema in a real editor client: ``yaml-language-server`` (the language server behind
VS Code's YAML extension and many editors) reads the modeline of a brief and reports the schema's
diagnostics. Skipped, with the reason, when node/npm is absent or the package cannot be installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from queue import Empty, Queue
from typing import IO, Any

import pytest

from tests.helpers import REPO, SAMPLES

pytestmark = pytest.mark.slow
SCHEMA = REPO / "schemas" / "brief.schema.json"


@pytest.fixture(scope="module")
def server_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed to run yaml-language-server")
    folder = tmp_path_factory.mktemp("yaml-language-server")
    done = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--silent", "yaml-language-server@1"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    script = folder / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    if done.returncode != 0 or not script.exists():
        pytest.skip(f"npm could not install yaml-language-server: {done.stderr[-500:]}")
    return script


class LanguageServer:
    """A minimal LSP client over stdio: enough to open a document and read its diagnostics."""

    def __init__(self, script: Path, root: Path) -> None:
        self.process = subprocess.Popen(
            ["node", str(script), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: Queue[dict[str, Any]] = Queue()
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()
        self.next_id = 0
        self.settings = {"yaml": {"validate": True, "schemaStore": {"enable": False}}}
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {"workspace": {"configuration": True}},
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _sep, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.process.stdin.flush()

    def request(self, method: str, params: dict[str, Any]) -> None:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def diagnostics(self, path: Path, text: str, timeout: float = 30) -> list[dict[str, Any]]:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=max(0.1, deadline - time.monotonic()))
            except Empty:
                break
            if "id" in message and "method" in message:  # a request from the server
                items = message.get("params", {}).get("items", [])
                result: Any = [self.settings.get("yaml", {}) for _ in items] or None
                self._send({"id": message["id"], "result": result})
            elif (
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == uri
            ):
                found: list[dict[str, Any]] = message["params"]["diagnostics"]
                return found
        pytest.fail(f"yaml-language-server sent no diagnostics for {path.name} in {timeout}s")

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


def brief_with_modeline(text: str) -> str:
    body = "\n".join(line for line in text.splitlines() if "yaml-language-server" not in line)
    return f"# yaml-language-server: $schema={SCHEMA.as_uri()}\n{body}\n"


def test_editor_reports_the_schema_diagnostics(server_script: Path, tmp_path: Path) -> None:
    clean = brief_with_modeline((SAMPLES / "clean-en.yaml").read_text(encoding="utf-8"))
    broken = clean.replace("influencers:\n", "infuencers:\n", 1)
    broken = broken.replace("objective: sales", "objective: fame", 1)
    assert broken != clean
    server = LanguageServer(server_script, tmp_path)
    try:
        clean_path, broken_path = tmp_path / "clean.yaml", tmp_path / "broken.yaml"
        clean_path.write_text(clean, encoding="utf-8")
        broken_path.write_text(broken, encoding="utf-8")
        assert server.diagnostics(clean_path, clean) == []
        found = server.diagnostics(broken_path, broken)
    finally:
        server.close()
    messages = [d["message"] for d in found]
    lines = {d["range"]["start"]["line"] + 1 for d in found}
    text_lines = broken.splitlines()
    typo = next(n for n, line in enumerate(text_lines, 1) if line.startswith("infuencers:"))
    objective = next(n for n, line in enumerate(text_lines, 1) if "objective: fame" in line)
    assert typo in lines, messages
    assert objective in lines, messages
    assert any("infuencers" in m or "not allowed" in m for m in messages), messages
    assert any("influencers" in m for m in messages), messages  # the required section is missing


def test_editor_knows_the_campaign_kinds_and_platforms(server_script: Path, tmp_path: Path) -> None:
    """A gifted brief without a budget and an affiliate program without deliverables are valid
    in the editor too; a paid brief without a budget and an unknown platform are not."""
    kinds = SAMPLES / "kinds"
    gifted = brief_with_modeline((kinds / "gifted-en.yaml").read_text(encoding="utf-8"))
    affiliate = brief_with_modeline((kinds / "affiliate-en.yaml").read_text(encoding="utf-8"))
    paid = gifted.replace("  kind: gifted\n", "  kind: paid\n").replace(
        "platforms: [tiktok]", "platforms: [tiktok, facebook]"
    )
    server = LanguageServer(server_script, tmp_path)
    try:
        results = []
        for name, text in (("gifted", gifted), ("affiliate", affiliate), ("paid", paid)):
            path = tmp_path / f"{name}.yaml"
            path.write_text(text, encoding="utf-8")
            results.append(server.diagnostics(path, text))
    finally:
        server.close()
    assert results[0] == [] and results[1] == []
    lines = {d["range"]["start"]["line"] + 1 for d in results[2]}
    text_lines = paid.splitlines()
    platforms = next(n for n, line in enumerate(text_lines, 1) if "facebook" in line)
    assert platforms in lines, results[2]
    assert any("budget" in d["message"] for d in results[2]), results[2]
