"""Benchmark: peak memory of the GUI with an assessment open, vs the floor window.

    python bench/memory.py [--runs 5]

Last line: RESULT memory ratio=<x> budget=1.5 app_mib=... floor_mib=...
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, demo_data_dir, floors_dir, offscreen_env, run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    floor = [sys.executable, str(floors_dir() / "qt_window.py")]
    with tempfile.TemporaryDirectory() as tmp:
        data = demo_data_dir(Path(tmp))
        app = [sys.executable, "-m", "playbook_app", "--data-dir", str(data), "--quit-when-ready"]
        env = offscreen_env(PYTHONPATH=str(REPO))
        apps = [run(app, env).max_rss_kib for _ in range(args.runs)]
        floors = [run(floor, env).max_rss_kib for _ in range(args.runs)]
    app_mib = statistics.median(apps) / 1024
    floor_mib = statistics.median(floors) / 1024
    print(
        f"RESULT memory ratio={app_mib / floor_mib:.2f} budget=1.5 "
        f"app_mib={app_mib:.1f} floor_mib={floor_mib:.1f}"
    )


if __name__ == "__main__":
    main()
