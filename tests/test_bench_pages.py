"""make bench's Lighthouse runs: which runs count when the machine was too slow for Lighthouse."""

from __future__ import annotations

import json
from pathlib import Path

from scripts.bench_pages import MAX_REPEATS, RUNS, SLOW_HOST_INDEX, median_report
from tests.browser.serving import Report

FAST = SLOW_HOST_INDEX + 500
SLOW = SLOW_HOST_INDEX


class FakeLighthouse:
    """Reports whose only content is the machine's measured speed and the run's number."""

    def __init__(self, indexes: list[int]) -> None:
        self.indexes = indexes
        self.runs = 0

    def audit(
        self, url: str, output: Path, categories: tuple[str, ...], audits: tuple[str, ...], settled: bool
    ) -> Report:
        report: Report = {"environment": {"benchmarkIndex": self.indexes[self.runs]}, "run": self.runs}
        self.runs += 1
        output.write_text(json.dumps(report), encoding="utf-8")
        return report

    def median_run(self, reports: list[Path]) -> int:
        return len(reports) // 2


def counted(indexes: list[int], folder: Path) -> tuple[list[int], int, FakeLighthouse]:
    lighthouse = FakeLighthouse(indexes)
    _median, reports, repeated = median_report(lighthouse, "http://leitfaden.localhost/", folder)  # type: ignore[arg-type]
    return sorted(int(report["run"]) for report in reports), repeated, lighthouse


def test_runs_on_a_fast_machine_all_count(tmp_path: Path) -> None:
    runs, repeated, lighthouse = counted([FAST] * (RUNS + MAX_REPEATS), tmp_path)
    assert (runs, repeated, lighthouse.runs) == (list(range(RUNS)), 0, RUNS)


def test_a_run_on_a_machine_too_slow_for_lighthouse_is_repeated(tmp_path: Path) -> None:
    indexes = [SLOW, FAST, SLOW] + [FAST] * (RUNS + MAX_REPEATS)
    runs, repeated, lighthouse = counted(indexes, tmp_path)
    assert repeated == 2
    assert lighthouse.runs == RUNS + 2
    assert runs == [1, *range(3, RUNS + 2)]


def test_a_machine_that_stays_slow_counts_its_latest_runs(tmp_path: Path) -> None:
    indexes = [FAST] + [SLOW] * (RUNS + MAX_REPEATS)
    runs, repeated, lighthouse = counted(indexes, tmp_path)
    assert lighthouse.runs == RUNS + MAX_REPEATS
    assert repeated == MAX_REPEATS
    assert runs == [0, *range(RUNS + MAX_REPEATS - (RUNS - 1), RUNS + MAX_REPEATS)]
