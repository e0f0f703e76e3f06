"""`make bench`: how much this site's `mkdocs build` costs over plain Material for the same pages.

Both builds run in the same session, alternating, RUNS times each after one warm-up, as
fresh processes (interpreter start and imports count on both sides); which of the two goes
first changes every run, so neither always follows the other's disk writes. RUNS is odd and
large enough for the median to hold still on a 2-core machine whose speed drifts. The plain build is
MkDocs + Material + search only (no hooks, no theme override, no extra CSS/JS)
over the very pages this site renders: the Markdown the core generates, the hand-written
pages from docs/, the same navigation, theme features and Markdown extensions. It is
given the generated files too, except the downloads named *.md, which plain MkDocs would
render as extra pages. Prints both medians and the ratio; exits 1 above the target.

Wall-clock time is what the target is about; the CPU time (user + system) of each build is
printed beside it, since it varies far less on a machine others are using. The load
average is printed too: the target holds on a quiet machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from leitfaden.loader import load_guide
from leitfaden.site import SiteUrl
from leitfaden.website import generated_files, nav

ROOT = Path(__file__).resolve().parent.parent
RUNS = 9
TARGET = 1.2
SITE_URL = "http://127.0.0.1:8000/"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; its ``!ENV`` values are irrelevant here."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def plain_project(folder: Path) -> Path:
    """A plain Material project with this site's pages; returns its mkdocs.yml."""
    ours: dict[str, Any] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _ConfigLoader)
    guide = load_guide()
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("assets"))
    for path, content in generated_files(guide, SiteUrl(SITE_URL, False)).items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        elif not path.endswith(".md"):
            target.write_bytes(content)
    theme = ours["theme"]
    config = {
        "site_name": ours["site_name"],
        "site_url": SITE_URL,
        "docs_dir": "docs",
        "theme": {key: theme[key] for key in ("name", "language", "font", "features", "palette")},
        "plugins": [{"search": {"lang": "de"}}],
        "markdown_extensions": ours["markdown_extensions"],
        # The hook hands MkDocs escaped titles (Markup); in a YAML file they are plain strings.
        "nav": [{str(title): path for title, path in item.items()} for item in nav(guide)],
    }
    config_file = folder / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file


@dataclass(frozen=True)
class Timing:
    """One build: seconds of wall-clock time and of CPU time (user + system)."""

    wall: float
    cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(config_file: Path, site_dir: Path, strict: bool) -> Timing:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config_file)]
    command += ["--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    cpu_before, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(command, cwd=config_file.parent, env=env, capture_output=True, text=True)
    elapsed = Timing(time.perf_counter() - start, _children_cpu() - cpu_before)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build mit {config_file} schlug fehl:\n{result.stderr}")
    shutil.rmtree(site_dir)
    return elapsed


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="leitfaden-bench-") as temp:
        folder = Path(temp)
        builds = {
            "dieser Leitfaden": (ROOT / "mkdocs.yml", True),
            "Material pur": (plain_project(folder / "plain"), False),
        }
        print(
            f"Build-Zeit gegen Material pur, {RUNS} Läufe je Seite (Last vorher: {os.getloadavg()[0]:.1f}) …"
        )
        times: dict[str, list[Timing]] = {name: [] for name in builds}
        order = list(builds.items())
        for run in range(RUNS + 1):  # run 0 warms caches and is not counted
            for name, (config_file, strict) in order if run % 2 else reversed(order):
                elapsed = timed_build(config_file, folder / "site", strict)
                if run:
                    times[name].append(elapsed)
    walls = {name: statistics.median(t.wall for t in values) for name, values in times.items()}
    cpus = {name: statistics.median(t.cpu for t in values) for name, values in times.items()}
    for name, values in times.items():
        runs = " ".join(f"{t.wall:.2f}" for t in values)
        print(f"{name:17} Median {walls[name]:.2f} s, CPU {cpus[name]:.2f} s  (Läufe: {runs})")
    ratio = walls["dieser Leitfaden"] / walls["Material pur"]
    cpu_ratio = cpus["dieser Leitfaden"] / cpus["Material pur"]
    met = ratio <= TARGET
    print(
        f"Verhältnis {ratio:.2f} (CPU-Zeit {cpu_ratio:.2f}), Ziel ≤ {TARGET}: {'ok' if met else 'VERFEHLT'} "
        f"(Last nachher: {os.getloadavg()[0]:.1f}; das Ziel gilt auf ruhiger Maschine)"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
