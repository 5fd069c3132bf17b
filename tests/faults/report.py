"""End-of-run report of a dependency audit that could not run (test_supply_chain.py).

Registered by tests/conftest.py: with pytest-xdist only the controller prints the summary, and
it loads the top conftest of the test paths, not the conftest of this directory."""

from __future__ import annotations

from typing import Any

NOT_AUDITED = "not_audited"  # the user property the audit test records its reasons under


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """A dependency audit that could not run is said at the end of the run, where it is seen:
    passing quietly would read as "audited, nothing found"."""
    reasons: list[str] = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", []) or []:
                if name == NOT_AUDITED and value not in reasons:
                    reasons.append(str(value))
    if not reasons:
        return
    terminalreporter.write_sep(
        "!", "NOT AUDITED: the dependency audit could not run", red=True, bold=True
    )
    for reason in reasons:
        for line in reason.splitlines():
            terminalreporter.write_line(line, red=True)
    terminalreporter.write_line(
        "No vulnerability service answered (the ones pip-audit and npm audit are configured "
        "for): known vulnerabilities were NOT checked. Run scripts/audit-deps.sh where they are "
        "reachable; AUDIT_STRICT=1 makes this an error.",
        red=True,
    )
