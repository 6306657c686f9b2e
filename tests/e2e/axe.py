"""axe-core in the page under test: every WCAG 2.0/2.1 A and AA rule, violations written out for a person."""

from __future__ import annotations

from pathlib import Path

# axe-core 4.14.1 from the npm registry, vendored for the tests only (MPL-2.0, tests/e2e/vendor/axe-LICENSE).
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """async (tags) => {
  const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
  const results = await axe.run(document, options);
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


def axe_violations(page) -> list[dict]:
    """Run axe on the page as it is now. Playwright's evaluate is not bound by the page's CSP."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    return page.evaluate(RUN_AXE, WCAG_21_AA)


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['summary']}".replace("\n", " "))
    return "\n".join(lines)
