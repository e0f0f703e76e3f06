"""Lighthouse 12 (mobile preset) on the home page and every chapter page, served by nginx as a
host serves it: accessibility, best practices and SEO 100, at most 100 KiB transferred, no
console errors (a CSP violation would be one), no request to a third party.

Only what does not depend on the machine's speed is checked here; the performance score,
which does, is measured by `make bench` (scripts/bench_pages.py). One test per page, so
pytest-xdist spreads them over its workers and `pytest -v` shows each as it finishes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import GUIDE_PAGES, page_id
from tests.browser.serving import Lighthouse, Report, ServingError, chromium_for_lighthouse, free_port
from tests.conftest import processes_naming

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CATEGORIES = ("accessibility", "best-practices", "seo")
#: Not in those categories, but read here: the bytes and the requests of the page.
AUDITS = ("total-byte-weight", "network-requests")
MAX_BYTES = 100 * 1024  # issue 14; test_weight.py counts every reader's page, workers included


def failed_categories(report: Report) -> list[str]:
    """Each category below 100, with the audits that cost it points."""
    problems = []
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        if score != 1:
            failed = [
                audit_ref["id"]
                for audit_ref in report["categories"][category]["auditRefs"]
                if audit_ref["weight"] and (report["audits"][audit_ref["id"]]["score"] or 0) < 1
            ]
            problems.append(f"{category} {score} (verfehlt: {', '.join(failed)})")
    return problems


def console_and_third_parties(report: Report, site_server: str) -> list[str]:
    audits = report["audits"]
    problems = [f"Konsole: {item['description']}" for item in audits["errors-in-console"]["details"]["items"]]
    problems += [
        f"DevTools-Problem: {item['issueType']}" for item in audits["inspector-issues"]["details"]["items"]
    ]
    requests = [request["url"] for request in audits["network-requests"]["details"]["items"]]
    network = [url for url in requests if not url.startswith("data:")]  # CSS icons, no network
    assert len(network) > 3, "Lighthouse hat keine echte Seite geladen"
    return problems + [f"Anfrage an Dritte: {url}" for url in network if not url.startswith(site_server)]


@pytest.mark.parametrize("path", GUIDE_PAGES, ids=page_id)
def test_page(path: str, lighthouse: Lighthouse, site_server: str, tmp_path: Path) -> None:
    url = site_server + path
    try:
        report = lighthouse.audit(url, tmp_path / "report.json", CATEGORIES, AUDITS, settled=True)
    except ServingError as error:
        pytest.fail(str(error))
    assert report["lighthouseVersion"] == "12.2.3", report["lighthouseVersion"]
    assert report["configSettings"]["formFactor"] == "mobile"
    assert not report.get("runtimeError"), report.get("runtimeError")
    assert report["finalDisplayedUrl"] == url
    weight = report["audits"]["total-byte-weight"]["numericValue"]
    assert weight > 20 * 1024, "Lighthouse hat keine echte Seite gemessen"
    problems = failed_categories(report) + console_and_third_parties(report, site_server)
    if weight > MAX_BYTES:
        problems.append(f"{weight / 1024:.1f} KiB übertragen (höchstens {MAX_BYTES // 1024} KiB)")
    assert problems == [], "\n".join(problems)


def test_the_browser_for_lighthouse_ends_with_it() -> None:
    """Debian starts Chromium through a script; stopping the script alone left a browser
    behind after every Lighthouse session, busy enough to slow down later measurements."""
    port = free_port()  # only this browser maps the site's name to it
    mapping = f"127.0.0.1:{port}"
    with chromium_for_lighthouse(port):
        assert processes_naming(mapping) != []
    assert processes_naming(mapping) == []
