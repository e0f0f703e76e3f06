"""`make bench`, part two: Lighthouse on every reader's page, served by nginx as a host serves it.

Reports each page's four Lighthouse scores (mobile preset, simulated slow 4G) and the bytes
of its first load against the targets: 100 in every category, at most 100 KiB; then, per
page, what those bytes are made of (Lighthouse's requests in the groups of
tests/browser/weight.py: HTML, Material, search, fonts, own CSS/JS, images). The search
loads only when a reader opens it, so its group holds only the worker stub. The
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

from tests.browser.conftest import READER_PAGES
from tests.browser.serving import (
    Lighthouse,
    Report,
    ServingError,
    lighthouse_runner,
    nginx_server,
)
from tests.browser.weight import GROUP_NAMES, by_group, kib
from tests.conftest import TEST_SITE_URL, build_site

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
AUDITS = ("total-byte-weight", "network-requests")
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
    lost = ", ".join(lost_points(report))
    return f"{'/' + path:<22}{cells}  {kib:>7.1f}  {'ok' if met else 'VERFEHLT'}  {lost}".rstrip(), met


def lost_points(report: Report) -> list[str]:
    """The weighted audits below full marks, with their values (say 'total-blocking-time 660 ms'):
    whether a lower score comes from the machine (blocking time) or from the page (layout shift)."""
    lost = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{ref['id']} {audit.get('displayValue', '')}".strip())
    return lost


def composition_line(path: str, report: Report) -> str:
    """The page's bytes per group, as Lighthouse counted each request (body and headers)."""
    requests = report["audits"]["network-requests"]["details"]["items"]
    sizes = [(item["url"].removeprefix(TEST_SITE_URL), item["transferSize"]) for item in requests]
    groups = by_group(((url, size) for url, size in sizes if not url.startswith("data:")), path)
    return f"{'/' + path:<22}" + "".join(f"{kib(groups[name]):>15}" for name in GROUP_NAMES)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="leitfaden-bench-pages-") as temp:
        folder = Path(temp)
        print("Baue die Seite für die Messung …", flush=True)
        site = build_site(folder / "site")
        paths = READER_PAGES
        (folder / "nginx").mkdir()
        load = os.getloadavg()[0]
        print(f"Lighthouse auf {len(paths)} Seiten nacheinander (Last vorher: {load:.1f}) …", flush=True)
        print(f"{'Seite':<22}{'Perf.':>5}  {'Zug.':>5}  {'Prax.':>5}  {'SEO':>5}  {'KiB':>7}")
        all_met = True
        compositions = []
        with nginx_server(site, folder / "nginx") as port, lighthouse_runner(port) as lighthouse:
            for path in paths:
                report = audited_page(lighthouse, TEST_SITE_URL + path, folder)
                line, met = page_line(path, report)
                print(line, flush=True)
                all_met = all_met and met
                compositions.append(composition_line(path, report))
        print("\nWoraus die KiB bestehen (je Gruppe):")
        print(f"{'Seite':<22}" + "".join(f"{name:>15}" for name in GROUP_NAMES))
        print("\n".join(compositions))
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
