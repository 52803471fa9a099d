"""``campaignlint server`` on the command line: pygls is optional and never slows ``check``."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from campaignlint.cli import main
from tests.helpers import REPO, SAMPLES


def test_without_pygls_server_says_how_to_install_it_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        return None if name == "pygls" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    result = CliRunner().invoke(main, ["server", "--lang", "en"])
    assert result.exit_code == 2
    assert result.output == (
        "campaignlint: error: campaignlint server needs pygls: pip install 'campaignlint[server]'\n"
    )
    turkish = CliRunner().invoke(main, ["server", "--lang", "tr"])
    assert turkish.exit_code == 2 and "pip install 'campaignlint[server]'" in turkish.output
    assert turkish.output != result.output


def test_check_does_not_import_the_language_server(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from campaignlint.cli import main\n"
        f"CliRunner().invoke(main, ['check', {str(SAMPLES / 'clean-en.yaml')!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')"
        " or m.startswith('campaignlint.server')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert done.stdout.strip() == "[]"


def _readme_section(title: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    return text[start : text.index("\n## ", start + 1)]


def _fenced(section: str, language: str) -> str:
    start = section.index(f"```{language}\n") + len(language) + 4
    return section[start : section.index("```", start)]


def test_the_readme_editor_setups_start_the_server_with_its_real_defaults() -> None:
    import json
    import tomllib

    from campaignlint.server import DEBOUNCE_SECONDS

    section = _readme_section("Editors: `campaignlint server`")
    assert f"after a {DEBOUNCE_SECONDS * 1000:.0f} ms pause" in section
    timeout = next(p for p in main.commands["server"].params if p.name == "timeout")
    assert f"(default {timeout.default:g})" in section
    help_text = CliRunner().invoke(main, ["server", "--help"]).output
    for option in ("--lang", "--config", "--rules-dir", "--timeout"):
        assert option in section and option in help_text
    vscode = json.loads(_fenced(section, "json"))
    assert [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]] == [
        "campaignlint",
        "server",
    ]
    helix = tomllib.loads(_fenced(section, "toml"))
    server = helix["language-server"]["campaignlint"]
    assert [server["command"], *server["args"]] == ["campaignlint", "server"]
    assert "campaignlint" in helix["language"][0]["language-servers"]
    assert 'cmd = { "campaignlint", "server" }' in _fenced(section, "lua")
