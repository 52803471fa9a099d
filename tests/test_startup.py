"""A one-brief run stays light (issue 19): what it imports and opens, checked without timing.

A pre-commit hook runs campaignlint on one changed brief; its time is mostly imports. Each
check runs campaignlint in a fresh interpreter and reads back the modules it loaded and the
files it opened, so a heavy import added to the common path fails here, not in a benchmark.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import SAMPLES, TEAM_RULE

# Needed by other commands, formats or languages only, never by `check` of one brief in text.
NOT_FOR_ONE_BRIEF = (
    "jinja2",  # review reports
    "markupsafe",
    "jsonschema",  # the pure-Python validator (jsonschema_rs validates)
    "ruamel",  # --fix keeps comments
    "babel",  # Turkish numbers, dates and language names
    "pycountry",  # did-you-mean for a market or language written as a name
    "yaml_rs",  # creator rosters
    "pathspec",  # .gitignore when walking folders
    "pygls",  # the language server
    "importlib.metadata",  # entry points are read from entry_points.txt directly
    "importlib.resources",  # package files are read from the package's folder
    "campaignlint.walk",
    "campaignlint.fix",
    "campaignlint.baseline",
    "campaignlint.suppress",
    "campaignlint.roster",
    "campaignlint.facts",
    "campaignlint.docs",
    "campaignlint.server",
    "campaignlint.renderers.markdown",
    "campaignlint.renderers.calendar",
    "campaignlint.renderers.json",
    "campaignlint.renderers.sarif",
)

# Standard modules the entry point's one-brief `check` does without (click loads some).
STDLIB_NOT_FOR_ONE_BRIEF = (
    "tempfile",  # with shutil, bz2 and lzma: only for a run that writes or spools files
    "shutil",
    "pickle",  # only for results or records spooled to a temporary file
    "threading",  # the time limit asks signal whether this is the main thread
)

# --help and --version read the config (its `lang:`), and nothing that checks briefs.
NOT_FOR_HELP = (
    *NOT_FOR_ONE_BRIEF,
    "jsonschema_rs",
    "campaignlint.engine",
    "campaignlint.loader",
    "campaignlint.registry",
    "campaignlint.rules",
    "campaignlint.portfolio",
    "campaignlint.validation",
)

# The entry point on a plain `check` command line reads it without click (cli.fast_check).
NOT_FOR_THE_ENTRY_POINT = (
    *NOT_FOR_ONE_BRIEF,
    "click",
    "campaignlint.cli_commands",
    "campaignlint.cli_help",
    "dataclasses",  # campaignlint's classes are frozen.record (importing it is ~8 ms)
    "inspect",  # what dataclasses, click and pkgutil would import
)

# `import campaignlint.cli`, what every command pays: English messages only.
NOT_FOR_THE_CLI_MODULE = (
    *NOT_FOR_HELP,
    "yaml",
    "click",
    "campaignlint.cli_commands",
    "campaignlint.commands",
    "campaignlint.config",
)

_REPORT = """
import json, sys
opened, compiled = [], []
def audit(event, args):
    if event == "open":
        opened.append(str(args[0]))
    elif event == "compile" and args[1] == "<string>":  # not a module's source
        compiled.append(args[0].decode() if isinstance(args[0], bytes) else str(args[0]))
sys.addaudithook(audit)
try:
    {body}
finally:
    sys.stdout.flush()
    report = {{"modules": sorted(sys.modules), "opened": opened, "compiled": compiled}}
    sys.stderr.write("\\n" + json.dumps(report))
"""


def _run(body: str, cwd: Path) -> tuple[str, set[str], list[str]]:
    """Run ``body`` in a fresh interpreter: its output, the modules it loaded, the files it
    opened."""
    output, report = _report(body, cwd)
    return output, set(report["modules"]), report["opened"]


def _report(body: str, cwd: Path) -> tuple[str, dict[str, Any]]:
    """Run ``body`` in a fresh interpreter: its output, and what it loaded, opened and
    compiled from strings."""
    done = subprocess.run(
        [sys.executable, "-c", _REPORT.format(body=body)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )
    report: dict[str, Any] = json.loads(done.stderr.strip().splitlines()[-1])
    return done.stdout, report


def _check(tmp_path: Path, *options: str) -> tuple[str, set[str], list[str]]:
    brief = tmp_path / "brief.yaml"
    brief.write_text((SAMPLES / "bad-en.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    args = ["check", "--exit-zero", *options, str(brief)]
    return _run(f"from campaignlint.cli import main; main({args!r})", tmp_path)


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if name in modules]


def test_importing_the_cli_loads_no_engine_and_no_parser(tmp_path: Path) -> None:
    _output, modules, _opened = _run("import campaignlint.cli", tmp_path)
    assert _loaded(modules, NOT_FOR_THE_CLI_MODULE) == []


def test_one_brief_in_english_loads_nothing_it_does_not_use(tmp_path: Path) -> None:
    output, modules, opened = _check(tmp_path, "--quiet")
    assert "missing-disclosure" in output  # it really checked the brief
    assert "campaignlint.rules.missing_disclosure" in modules
    assert _loaded(modules, NOT_FOR_ONE_BRIEF) == []
    assert [path for path in opened if path.endswith(".mo")] == []  # no catalog in English


def test_the_entry_point_checks_one_brief_without_click(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text((SAMPLES / "bad-en.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["campaignlint", "check", "-q", "--exit-zero", str(brief)]
    body = f"import sys; sys.argv = {argv!r}; from campaignlint.cli import run; run()"
    output, modules, _opened = _run(body, tmp_path)
    assert "posting-window" in output  # it really checked the brief, bad time zone included
    assert _loaded(modules, NOT_FOR_THE_ENTRY_POINT) == []
    assert _loaded(modules, STDLIB_NOT_FOR_ONE_BRIEF) == []
    # and any other command line still gets click
    _output, modules, _opened = _run(body.replace("'-q'", "'--help'"), tmp_path)
    assert "click" in modules


def test_the_guard_sees_what_other_outputs_and_languages_load(tmp_path: Path) -> None:
    """The same probe does see a report's Jinja and Turkish's catalog: the checks above can
    fail."""
    _output, modules, _opened = _check(tmp_path, "--format", "markdown")
    assert "jinja2" in modules
    _output, _modules, opened = _check(tmp_path, "--lang", "tr")
    assert any(path.endswith("campaignlint.mo") for path in opened)


def test_one_brief_compiles_no_source_but_its_records_init(tmp_path: Path) -> None:
    """typing compiles each string annotation of a class NamedTuple (``from __future__ import
    annotations``), and a process's first compile() builds the AST types (~9M instructions,
    2% of a one-brief run): the one-brief path compiles only functions (with exec and eval):
    its records' ``__init__`` (campaignlint.frozen) and its named tuples' ``__new__``."""
    brief = tmp_path / "brief.yaml"
    brief.write_text((SAMPLES / "bad-en.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["campaignlint", "check", "-q", "--exit-zero", str(brief)]
    body = f"import sys; sys.argv = {argv!r}; from campaignlint.cli import run; run()"
    output, report = _report(body, tmp_path)
    assert "posting-window" in output
    assert report["compiled"]  # the probe sees them
    functions = ("def __init__(", "lambda _cls, ")
    assert [text for text in report["compiled"] if not text.startswith(functions)] == []


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_version_and_help_load_no_engine(tmp_path: Path, args: list[str]) -> None:
    output, modules, _opened = _run(f"from campaignlint.cli import main; main({args!r})", tmp_path)
    assert output
    assert _loaded(modules, NOT_FOR_HELP) == []


GC_PROBE = TEAM_RULE.replace(
    "def check(brief, options):\n    return []\n",
    "import gc\n\n\ndef check(brief, options):\n"
    "    from campaignlint.api import _\n"
    "    yield brief.problem('/campaign/name', _('{state}', state=str(gc.isenabled())))\n",
)


def test_the_collector_is_off_while_check_starts_and_on_for_the_briefs(tmp_path: Path) -> None:
    """A plain `check` starts with the cycle collector off (what it builds lives as long as
    the process) and turns it on before the first brief: rules run with it on."""
    (tmp_path / "lint-rules").mkdir()
    (tmp_path / "lint-rules" / "gc_probe.py").write_text(GC_PROBE, encoding="utf-8")
    (tmp_path / ".campaignlint.yaml").write_text("rules_dirs: [lint-rules]\n", encoding="utf-8")
    brief = tmp_path / "brief.yaml"
    brief.write_text((SAMPLES / "bad-en.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["campaignlint", "check", "-q", "--exit-zero", "--allow-config-code"]
    argv += ["--select", "short-campaign-name", str(brief)]
    body = (
        "import gc, sys; from campaignlint import cli; sys.argv = " + repr(argv) + "\n"
        "    start = cli._Progress.start\n"
        "    def spy(self, *args): print('off at start:', not gc.isenabled()); start(self, *args)\n"
        "    cli._Progress.start = spy; cli.run()"
    )
    output, _modules, _opened = _run(body, tmp_path)
    assert "off at start: True" in output
    assert "short-campaign-name" in output and output.rstrip().endswith("True")
