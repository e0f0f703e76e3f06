"""`make bench`, part two: Lighthouse on every reader's page, served by nginx as a host serves it.

Reports each page's four Lighthouse scores (mobile preset, simulated slow 4G) and the bytes
of its first load against the targets: 100 in every category, at most 100 KiB. The
performance score depends on how busy the machine is (the tests therefore leave it out), so
the pages run one after another and the load average is printed alongside; the targets hold
on a quiet machine. Exits 1 when a target is missed. Not measured: the 404 page and the
forwarding page for old brochures (devopsguide-de.html), which is kept out of search
engines on purpose (noindex) and so can never score 100 on SEO.

Run from the project root: `python -m scripts.bench_pages` (it shares the tests' server code).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from leitfaden.legacy import LEGACY_PAGE
from tests.browser.conftest import PAGES
from tests.browser.serving import (
    Lighthouse,
    Report,
    ServingError,
    lighthouse_runner,
    nginx_server,
)
from tests.conftest import TEST_SITE_URL, build_site

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
AUDITS = ("total-byte-weight",)
TARGET_SCORE = 100
TARGET_KIB = 100.0
#: Runtime errors for which Lighthouse itself says "Please run Lighthouse again": a trace
#: that missed the navigation (seen about once in 50 runs on a busy 2-core machine).
RETRYABLE = ("NO_NAVSTART", "NO_TRACING_STARTED")


def audited_page(lighthouse: Lighthouse, url: str, folder: Path) -> Report:
    """One page's report; a run that Lighthouse itself calls worth repeating is repeated once."""
    for _attempt in range(2):
        report = lighthouse.audit(url, folder / "report.json", CATEGORIES, AUDITS, settled=False)
        error = report.get("runtimeError") or {}
        if error.get("code") not in RETRYABLE:
            break
    if report.get("runtimeError"):
        raise ServingError(f"lighthouse {url}: {report['runtimeError']}")
    return report


def page_line(path: str, report: Report) -> tuple[str, bool]:
    """The report line of one page, and whether it meets every target."""
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    kib = report["audits"]["total-byte-weight"]["numericValue"] / 1024
    met = all(score >= TARGET_SCORE for score in scores.values()) and kib <= TARGET_KIB
    cells = "  ".join(f"{scores[name]:>5}" for name in CATEGORIES)
    return f"{'/' + path:<22}{cells}  {kib:>7.1f}  {'ok' if met else 'VERFEHLT'}", met


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="leitfaden-bench-pages-") as temp:
        folder = Path(temp)
        print("Baue die Seite für die Messung …", flush=True)
        site = build_site(folder / "site")
        paths = [path for path in PAGES if path not in (LEGACY_PAGE, "404.html")]
        (folder / "nginx").mkdir()
        load = os.getloadavg()[0]
        print(f"Lighthouse auf {len(paths)} Seiten nacheinander (Last vorher: {load:.1f}) …", flush=True)
        print(f"{'Seite':<22}{'Perf.':>5}  {'Zug.':>5}  {'Prax.':>5}  {'SEO':>5}  {'KiB':>7}")
        all_met = True
        with nginx_server(site, folder / "nginx") as port, lighthouse_runner(port) as lighthouse:
            for path in paths:
                line, met = page_line(path, audited_page(lighthouse, TEST_SITE_URL + path, folder))
                print(line, flush=True)
                all_met = all_met and met
        print(
            f"Ziel: {TARGET_SCORE} in allen vier Kategorien, höchstens {TARGET_KIB:.0f} KiB beim ersten "
            f"Laden (Last nachher: {os.getloadavg()[0]:.1f}; die Leistung gilt auf ruhiger Maschine)"
        )
        return 0 if all_met else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ServingError as error:
        sys.exit(str(error))
