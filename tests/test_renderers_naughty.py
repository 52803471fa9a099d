"""Every format stays well-formed whatever a brief's strings contain.

Every string of the Big List of Naughty Strings (../shared/corpora/naughty-strings/blns.json)
goes into brief fields that reach the outputs (campaign name, handles, deliverable names, time
zones and days, hashtags, clauses, locations), batched into a few briefs checked in one run that
writes every format.
"""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

import pytest
import yaml

from campaignlint.commands import CheckOptions, run_check
from campaignlint.renderers import FORMATS
from tests.helpers import SAMPLES, SHARED

BLNS = SHARED / "corpora" / "naughty-strings" / "blns.json"
BATCHES = 5
# Every test shares the outputs fixture, which renders the whole corpus in each format (~15 s).
pytestmark = pytest.mark.slow


def naughty_strings() -> list[str]:
    if not BLNS.is_file():
        pytest.skip(f"the naughty-strings corpus is not at {BLNS}")
    strings = [s for s in json.loads(BLNS.read_text(encoding="utf-8")) if isinstance(s, str)]
    return [s for s in strings if s.strip()]


def _round_trips(text: str) -> bool:
    try:
        return bool(yaml.safe_load(yaml.safe_dump([text], allow_unicode=True)) == [text])
    except yaml.YAMLError:
        return False


def naughty_brief(base: dict[str, Any], strings: list[str]) -> dict[str, Any]:
    brief = copy.deepcopy(base)
    brief["campaign"]["name"] = strings[0]
    template = brief["influencers"][0]
    brief["influencers"] = []
    brief["deliverables"] = []
    for index, text in enumerate(strings):
        influencer = copy.deepcopy(template)
        influencer["handle"] = text
        influencer["followers"] = 20000 + index
        brief["influencers"].append(influencer)
        window = {"days": [text], "from": "18:00", "to": "21:00", "timezone": text}
        brief["deliverables"].append(
            {"influencer": text + "x", "format": text, "count": 1, "posting_windows": [window]}
        )
    brief["content"]["hashtags"] = list(strings)
    brief["contract"]["clauses"] = list(strings)
    brief["target_audience"]["locations"] = list(strings)
    return brief


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], list[str]]:
    strings = naughty_strings()
    usable = [s for s in strings if _round_trips(s)]
    assert len(usable) >= 0.95 * len(strings)  # the test covers (nearly) the whole list
    base = yaml.safe_load((SAMPLES / "clean-en.yaml").read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("naughty")
    paths = []
    size = -(-len(usable) // BATCHES)
    for batch in range(BATCHES):
        path = folder / f"naughty-{batch}.yaml"
        brief = naughty_brief(base, usable[batch * size : (batch + 1) * size])
        path.write_text(yaml.safe_dump(brief, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(str(path))
    targets = {name: folder / f"out.{name}" for name in FORMATS}
    run_check(
        CheckOptions(
            paths=paths,
            formats=[f"{name}:{target}" for name, target in targets.items()],
            stdout=lambda text: None,
            stderr=lambda text: None,
        )
    )
    texts = {name: target.read_text(encoding="utf-8") for name, target in targets.items()}
    report = json.loads(texts["json"])
    assert not any(file["error"] for file in report["files"]), report["files"][0]["error"]
    return texts, usable


def test_the_strings_reach_the_outputs(outputs: tuple[dict[str, str], list[str]]) -> None:
    texts, strings = outputs
    report = json.loads(texts["json"])
    messages = "\n".join(f["message"] for file in report["files"] for f in file["findings"])
    assert sum(1 for text in strings if text in messages) > len(strings) / 2


@pytest.mark.parametrize("name", ["json", "sarif", "gitlab"])
def test_json_formats_parse(outputs: tuple[dict[str, str], list[str]], name: str) -> None:
    assert json.loads(outputs[0][name])


def test_sarif_stays_valid(outputs: tuple[dict[str, str], list[str]]) -> None:
    from tests.test_renderers import sarif_validator

    validator = sarif_validator()
    assert not list(validator.iter_errors(json.loads(outputs[0]["sarif"])))


def test_junit_parses_as_xml(outputs: tuple[dict[str, str], list[str]]) -> None:
    root = ET.fromstring(outputs[0]["junit"].encode("utf-8"))
    assert len(root.findall("testsuite")) == BATCHES


def test_github_one_line_per_finding(outputs: tuple[dict[str, str], list[str]]) -> None:
    texts = outputs[0]
    report = json.loads(texts["json"])
    count = sum(len(file["findings"]) for file in report["files"])
    lines = texts["github"].split("\n")
    assert lines[-1] == "" and len(lines) - 1 == count
    pattern = re.compile(r"^::(error|warning|notice) file=[^,:]*,line=\d+,col=\d+,[^:]*::")
    assert all(pattern.match(line) for line in lines[:-1])
    assert "\r" not in texts["github"]


class _Structure(HTMLParser):
    VOID = frozenset({"meta", "br", "rect", "line", "i"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _value in attrs)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()


def test_html_stays_well_formed(outputs: tuple[dict[str, str], list[str]]) -> None:
    parser = _Structure()
    parser.feed(outputs[0]["html"])
    parser.close()
    assert parser.problems == [] and parser.stack == []
    expected = {"html", "head", "meta", "title", "style", "body", "main", "article", "header"}
    allowed = expected | {"p", "h1", "h2", "h3", "span", "strong", "code", "div", "section", "b"}
    allowed |= {"br", "table", "thead", "tbody", "tr", "th", "td", "small", "svg", "text", "rect"}
    allowed |= {"line", "figure", "figcaption", "ul", "li", "i", "footer", "a", "details"}
    allowed |= {"summary", "ol"}  # ol: the portfolio calendar's key to the briefs
    assert expected <= parser.tags <= allowed
    assert not any(name.startswith("on") for name in parser.attributes)


def _cells(line: str) -> int:
    """Columns of a Markdown table row: pipes not escaped by a backslash."""
    unescaped = re.sub(r"\\.", "", line)
    return unescaped.count("|") - 1


def test_markdown_tables_keep_their_columns(outputs: tuple[dict[str, str], list[str]]) -> None:
    lines = outputs[0]["markdown"].splitlines()
    tables: list[list[str]] = []
    previous = ""
    for line in lines:
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append(line)
        previous = line
    assert len(tables) >= 3 * BATCHES  # counts, creators and schedule per brief
    for table in tables:
        width = _cells(table[0])
        assert all(_cells(row) == width for row in table), table[0]
    for line in lines:
        assert not line.startswith(("<", "    <")), line  # no raw HTML block
