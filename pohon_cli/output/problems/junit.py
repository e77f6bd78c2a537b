"""Problems as JUnit XML, for CI test reports: a test suite per file, a test case per
problem. A problem at or above the run's ``--fail-on`` level is a failure; one below it is
a passing case that carries its line, so the report and the exit code agree. A file
without problems is one passing case."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from pohon_cli.output.terminal import Screen
from pohon_cli.rules.lint import CheckedFile, at_least

# What XML 1.0 cannot hold even as a character reference; ElementTree writes it as is and
# the document would not parse. A file name may hold any of it.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """The text with what XML cannot hold written as its escape (``\\x01``, ``\\udcff``)."""
    return _NOT_XML.sub(lambda m: ascii(m.group())[1:-1], text)


def write(reports: Sequence[CheckedFile], out: TextIO, screen: Screen | None = None) -> None:
    root = ET.Element("testsuites", name="pohon validate")
    total = failed = 0
    for report in reports:
        path = _xml(report.path)
        suite = ET.SubElement(root, "testsuite", name=path)
        suite_failures = 0
        for p in report.problems:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=path,
                name=f"{p.code} at {p.line}:{p.column}",
            )
            if at_least(p.severity, report.fail_on):
                failure = ET.SubElement(case, "failure", type=p.code, message=_xml(p.message))
                failure.text = _xml(p.text())
                suite_failures += 1
            else:
                ET.SubElement(case, "system-out").text = _xml(p.text())
        cases = len(report.problems)
        if not report.problems:
            ET.SubElement(suite, "testcase", classname=path, name="valid")
            cases = 1
        suite.set("tests", str(cases))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += cases
        failed += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode") + "\n")
