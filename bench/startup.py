"""Benchmark: start to an interactive window with the last assessment loaded, vs the floor window.

Runs the app (`python -m playbook_app --quit-when-ready` on a data folder holding
the demo assessment) and ../shared/floors/qt_window.py in alternation, and
reports the ratio of the medians. Both are timed from spawn to the first turn
of their event loop (see _ready_probe.py), which is the budgeted moment; the
time to exit, teardown included, and peak memory are printed as well.

    python bench/startup.py [--runs 15]

Last line: RESULT startup ratio=<x> budget=1.75 app_ms=... floor_ms=...
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, demo_data_dir, floors_dir, offscreen_env, start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    floor = [sys.executable, str(floors_dir() / "qt_window.py")]
    # Measure the app as installed: pip (and scripts/setup-env) leave bytecode
    # beside the modules; without it every start would compile them from source.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "playbook_app")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with tempfile.TemporaryDirectory() as tmp:
        data = demo_data_dir(Path(tmp))
        app = [sys.executable, "-m", "playbook_app", "--data-dir", str(data), "--quit-when-ready"]
        env = offscreen_env(PYTHONPATH=str(REPO))
        start(app, env), start(floor, env)  # warm the file cache for both
        apps, floors = [], []
        for _ in range(args.runs):
            apps.append(start(app, env))
            floors.append(start(floor, env))
    app_ms = statistics.median(r.ready_seconds for r in apps) * 1000
    floor_ms = statistics.median(r.ready_seconds for r in floors) * 1000
    app_exit = statistics.median(r.exit_seconds for r in apps) * 1000
    floor_exit = statistics.median(r.exit_seconds for r in floors) * 1000
    app_rss = statistics.median(r.max_rss_kib for r in apps) / 1024
    floor_rss = statistics.median(r.max_rss_kib for r in floors) / 1024
    print(f"runs={args.runs} to interactive: app_ms={app_ms:.0f} floor_ms={floor_ms:.0f}")
    print(
        f"to exit (teardown included): app_ms={app_exit:.0f} floor_ms={floor_exit:.0f} "
        f"ratio={app_exit / floor_exit:.2f}"
    )
    print(
        f"peak memory: app_mib={app_rss:.1f} floor_mib={floor_rss:.1f} "
        f"ratio={app_rss / floor_rss:.2f} budget=1.5"
    )
    print(
        f"RESULT startup ratio={app_ms / floor_ms:.2f} budget=1.75 "
        f"app_ms={app_ms:.0f} floor_ms={floor_ms:.0f}"
    )


if __name__ == "__main__":
    main()
