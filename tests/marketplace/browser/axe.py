"""axe-core in the browser tests: every page state a test visits is audited at a phone's width (412 px) and
a laptop's (1280 px), and any serious or critical violation fails the test with the rule, its help text and
the nodes it found.

axe-core comes bundled in axe-playwright-python (requirements-dev.txt): no CDN, nothing fetched at run time.
Use the `audit` fixture (conftest.py): `audit(page, "catalogue")` after each page the test reaches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe

WIDTHS = (412, 1280)
FAILING_IMPACTS = ("serious", "critical")
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (only serious and critical fail).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


@dataclass
class Finding:
    state: str
    url: str
    width: int
    violations: list[dict] = field(default_factory=list)

    def describe(self) -> str:
        lines = [f"{self.state} at {self.width} px ({self.url}):"]
        for violation in self.violations:
            lines.append(
                f"  {violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]"
            )
            for node in violation["nodes"][:5]:
                target = " ".join(str(part) for part in node["target"])
                summary = " ".join((node.get("failureSummary") or "").split())
                lines.append(f"    - {target}: {summary[:300]}")
            if len(violation["nodes"]) > 5:
                lines.append(f"    - ... and {len(violation['nodes']) - 5} more")
        return "\n".join(lines)


def axe_serious(page) -> list[dict]:
    """The serious and critical violations axe finds on the page as it is now."""
    results = _axe.run(page, options=OPTIONS)
    return [v for v in results.response["violations"] if v.get("impact") in FAILING_IMPACTS]


def axe_findings(page, state: str) -> list[Finding]:
    """Audit the page at each width in WIDTHS (the viewport is put back afterwards); return the widths with
    serious or critical violations."""
    original = page.viewport_size
    findings = []
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": (original or {}).get("height", 900)})
            violations = axe_serious(page)
            if violations:
                findings.append(Finding(state=state, url=page.url, width=width, violations=violations))
    finally:
        if original:
            page.set_viewport_size(original)
    return findings


def axe_check(page, state: str) -> None:
    """Fail (AssertionError) with a readable message if the page has serious or critical violations."""
    findings = axe_findings(page, state)
    if findings:
        raise AssertionError(
            "axe-core found serious or critical accessibility violations:\n"
            + "\n".join(finding.describe() for finding in findings)
        )
