"""``--format junit``: JUnit XML for CI test reports.

One ``testsuite`` per file and one ``testcase`` per rule; a rule with findings fails, its
``failure`` listing them. A file that could not be read has one ``testcase`` in ``error``.
Every string is stripped of the characters XML 1.0 cannot hold, then escaped by ElementTree,
so the document stays well-formed whatever a brief contains.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from campaignlint.i18n import _, severity_name
from campaignlint.model import Finding

if TYPE_CHECKING:
    from campaignlint.engine import FileResult
    from campaignlint.renderers import Report

# Characters outside XML 1.0's Char production (control characters, surrogates, U+FFFE/F).
_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _ILLEGAL_XML.sub("\ufffd", text)


def _element(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})


def _failure_text(path: str, findings: list[Finding], lang: str) -> str:
    fix = _("fix").render(lang)
    lines = []
    for finding in findings:
        severity = severity_name(finding.severity.value, lang)
        lines.append(f"{path}:{finding.line}:{finding.column}: {severity}: {finding.message}")
        if finding.fix:
            lines.append(f"  {fix}: {finding.fix}")
    return "\n".join(lines)


def _suite(root: ET.Element, result: FileResult, rule_ids: list[str], lang: str) -> None:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_rule[finding.rule].append(finding)
    ids = rule_ids + sorted(set(by_rule) - set(rule_ids))
    failing = sum(1 for rule_id in ids if by_rule.get(rule_id))
    suite = _element(
        root,
        "testsuite",
        name=result.path,
        tests=str(1 if result.error else len(ids)),
        failures=str(failing),
        errors=str(1 if result.error else 0),
        skipped="0",
    )
    if result.error:
        case = _element(suite, "testcase", name="read", classname=result.path)
        error = _element(case, "error", message=result.error, type="input-error")
        error.text = xml_text(result.error)
        return
    for rule_id in ids:
        case = _element(suite, "testcase", name=rule_id, classname=result.path)
        findings = by_rule.get(rule_id)
        if findings:
            first = findings[0]
            summary = first.message if len(findings) == 1 else f"{len(findings)} x {first.message}"
            failure = _element(
                case, "failure", message=summary, type=max(f.severity for f in findings).value
            )
            failure.text = xml_text(_failure_text(result.path, findings, lang))


class Stream:
    """JUnit XML written as the files come. The totals are attributes of the root, before the
    suites, so each suite waits in a temporary file, not in memory, and the document is written
    at the end: byte for byte what ``ET.indent`` and ``ET.tostring`` of the whole tree write."""

    def __init__(self, report: Report, write: Callable[[str], Any]) -> None:
        self.report, self.write = report, write
        self.rule_ids = sorted(report.rules)
        self.tests = self.failures = self.suites = 0
        self.spool: Any = None

    def add(self, result: FileResult) -> None:
        import tempfile

        holder = ET.Element("testsuites")
        _suite(holder, result, self.rule_ids, self.report.lang)
        suite = holder[0]
        self.tests += int(suite.get("tests", "0"))
        self.failures += int(suite.get("failures", "0"))
        ET.indent(suite, level=1)
        if self.spool is None:
            # on disk, not in memory; closed once copied out (POSIX unlinks it at once)
            self.spool = tempfile.TemporaryFile(  # noqa: SIM115
                "w+", encoding="utf-8", errors="surrogatepass"
            )
        self.spool.write("\n  " + ET.tostring(suite, encoding="unicode"))
        self.suites += 1

    def finish(self) -> None:
        root = ET.Element(
            "testsuites",
            {
                "name": "campaignlint",
                "tests": str(self.tests),
                "failures": str(self.failures),
                "errors": str(self.report.summary["input_errors"]),
            },
        )
        empty = ET.tostring(root, encoding="unicode")
        self.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        if not self.suites:
            self.write(empty + "\n")
            return
        self.write(empty.removesuffix(" />") + ">")
        self.spool.seek(0)
        while chunk := self.spool.read(1 << 16):
            self.write(chunk)
        self.spool.close()
        self.write("\n</testsuites>\n")
