"""`make bench`, growth: the build of a guide ten times the size, per chapter.

Makes two private copies of the project: one with today's content, one with a guide of
COPIES times the chapters, generated from it (every chapter again under a new id and title,
its questions as they are; the printed chapters stay). Both are built with `mkdocs build
--strict` RUNS times, alternating, after one warm-up. Reports the time per chapter at
both sizes and what each added chapter costs. Linear growth means no more time per chapter
at the larger size (a build's fixed costs spread over more chapters); the target is just
that, and the bench exits 1 when the time per chapter grows. CPU time is printed beside.
The generated guide lives only in a temporary directory.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from scripts.bench_project import build_env, copy_project

COPIES = 10
RUNS = 3
#: The one check a guide ten times the size cannot pass: the whole guide in one GitHub issue
#: (leitfaden/tickets/render.py). The large copy measures with it lifted, and says so.
GUIDE_LIMIT = "GUIDE_LIMIT: Final = 65_536"


class _Dumper(yaml.SafeDumper):
    """Writes a copied chapter out in full, as an editor would, not as an alias of the first."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def enlarge(content: Path, copies: int) -> int:
    """Rewrite the guide in ``content`` with every chapter ``copies`` times; returns the chapter count."""
    guide: dict[str, Any] = yaml.safe_load(content.read_text(encoding="utf-8"))
    originals = guide["chapters"]
    chapters = list(originals)
    for copy in range(2, copies + 1):
        for chapter in originals:
            chapters.append(
                {**chapter, "id": f"{chapter['id']}-{copy}", "title": f"{chapter['title']} ({copy})"}
            )
    guide["chapters"] = chapters
    content.write_text(
        yaml.dump(guide, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    return len(chapters)


def lift_guide_limit(project: Path) -> None:
    """In the copy only: the whole guide need not fit in one GitHub issue."""
    render = project / "leitfaden" / "tickets" / "render.py"
    code = render.read_text(encoding="utf-8")
    if GUIDE_LIMIT not in code:
        raise SystemExit(f"{render}: „{GUIDE_LIMIT}“ nicht gefunden – bench_scale.py anpassen")
    render.write_text(code.replace(GUIDE_LIMIT, "GUIDE_LIMIT: Final = 100_000_000"), encoding="utf-8")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(project: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one strict build of ``project``."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--quiet",
        "--site-dir",
        str(project / "site"),
    ]
    cpu, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(command, cwd=project, env=build_env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start, _children_cpu() - cpu
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build in {project} schlug fehl:\n{result.stderr}")
    return elapsed


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="leitfaden-bench-scale-") as temp:
        small = copy_project(Path(temp) / "klein")
        large = copy_project(Path(temp) / "gross")
        sizes = {
            small: len(
                yaml.safe_load((small / "content" / "questions.yaml").read_text(encoding="utf-8"))["chapters"]
            ),
            large: enlarge(large / "content" / "questions.yaml", COPIES),
        }
        lift_guide_limit(large)
        print(
            f"Wachstum: {sizes[small]} gegen {sizes[large]} Kapitel, {RUNS} Läufe je Größe "
            f"(Last vorher: {os.getloadavg()[0]:.1f}; bei {sizes[large]} Kapiteln ohne die Grenze "
            "„ganzer Leitfaden in einem GitHub-Issue“) …"
        )
        times: dict[Path, list[tuple[float, float]]] = {project: [] for project in sizes}
        for run in range(RUNS + 1):  # run 0 warms caches and is not counted
            for project in sizes:
                elapsed = timed_build(project)
                if run:
                    times[project].append(elapsed)
    walls = {project: statistics.median(wall for wall, _ in values) for project, values in times.items()}
    cpus = {project: statistics.median(cpu for _, cpu in values) for project, values in times.items()}
    for project, chapters in sizes.items():
        print(
            f"{chapters:4} Kapitel: Median {walls[project]:.2f} s (CPU {cpus[project]:.2f} s), "
            f"je Kapitel {1000 * walls[project] / chapters:.0f} ms "
            f"(CPU {1000 * cpus[project] / chapters:.0f} ms)"
        )
    added = sizes[large] - sizes[small]
    print(
        f"jedes weitere Kapitel: {1000 * (walls[large] - walls[small]) / added:.0f} ms "
        f"(CPU {1000 * (cpus[large] - cpus[small]) / added:.0f} ms)"
    )
    per_small, per_large = walls[small] / sizes[small], walls[large] / sizes[large]
    met = per_large <= per_small
    print(
        f"Ziel: je Kapitel bei {sizes[large]} nicht mehr als bei {sizes[small]} (lineares Wachstum): "
        f"{'ok' if met else 'VERFEHLT'} (Last nachher: {os.getloadavg()[0]:.1f})"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
