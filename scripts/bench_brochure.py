"""How long `python -m leitfaden brochure` takes to write both PDF editions (target ≤ 3 s).

Runs the command as `make build` does, RUNS times after one warm-up, each a fresh process
(interpreter start and imports count). Prints the median wall time against the target and,
since the machine may be shared, the median CPU time of the process too; exits 1 when the
median wall time is above the target.
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

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
TARGET_SECONDS = 3.0
SITE_URL = "http://127.0.0.1:8000/"
SOURCE_DATE_EPOCH = "1767225600"


def timed_run(out: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one brochure build into ``out``."""
    command = [sys.executable, "-m", "leitfaden", "brochure", str(out)]
    env = {**os.environ, "SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"python -m leitfaden brochure schlug fehl:\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "projektleitfaden.pdf"
        timed_run(out)  # warm-up: file system cache, bytecode
        samples = [timed_run(out) for _ in range(RUNS)]
    wall = statistics.median(sample[0] for sample in samples)
    cpu = statistics.median(sample[1] for sample in samples)
    runs = ", ".join(f"{sample[0]:.2f}" for sample in samples)
    print(f"Broschüre, beide Ausgaben: Median {wall:.2f} s Wandzeit ({runs}), {cpu:.2f} s CPU")
    verdict = "erreicht" if wall <= TARGET_SECONDS else "verfehlt"
    print(f"Ziel ≤ {TARGET_SECONDS:.1f} s: {verdict}")
    return 0 if wall <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
