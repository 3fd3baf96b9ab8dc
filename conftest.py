"""Pytest hooks shared by every test of the project (run with pytest-odoo).

Odoo skips a browser test (HttpCase tour) when Chrome or the ``websocket-client``
package is missing, and pytest-odoo skips every HttpCase without ``--odoo-http``.
A skipped tour would let a broken screen pass unnoticed, so such skips are
reported as failures here.
"""

import pytest

BROWSER_SKIP_MARKERS = (
    "chrome",  # Odoo: "Chrome executable not found", "… chrome devtools port …"
    "chromium",
    "websocket",  # Odoo: "websocket-client module is not installed"
    "browser",
    "dev tools",  # Odoo: "Cannot connect to chrome dev tools"
    "--odoo-http",  # pytest-odoo: "… it is an HttpCase and --odoo-http is not set"
)


def _skip_reason(report):
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = _skip_reason(report)
        if any(marker in reason.lower() for marker in BROWSER_SKIP_MARKERS):
            report.outcome = "failed"
            report.longrepr = (
                f"{item.nodeid}: a browser test was skipped, which counts as a "
                f"failure here (install Chromium and websocket-client, and run "
                f"pytest with --odoo-http): {reason}"
            )
    return report
