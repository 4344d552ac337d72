"""Benchmark: the installed app (the PyInstaller bundle) vs the floor window bundled the same way.

Builds two bundles from packaging/playbook.spec with the environment scripts/package made
(.venv-package): the app, and ../shared/floors/qt_window.py in its place, both with
_bundle_ready_hook.py, which marks the first turn of the event loop exactly as
_ready_probe.py does for the source benchmarks. Then starts them in alternation on a
data folder holding the demo assessment and reports the ratio of the medians of
spawn-to-ready, and of peak memory; with the .deb's size and its installed size from
dist/ (run ./scripts/package first).

    python bench/bundle.py [--runs 15]

Last line: RESULT bundle ratio=<x> budget=1.6 deb_mib=... (goal 35) installed_mib=... (goal 110)
           memory_ratio=... memory_budget=1.5 ...
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, Start, floors_dir, offscreen_env, run

BENCH = Path(__file__).resolve().parent
VENV = Path(os.environ.get("PLAYBOOK_PACKAGE_VENV", REPO / ".venv-package"))
DIST = REPO / "dist"


def build(name: str, work: Path, entry: Path | None) -> Path:
    """One bundle from the shipping recipe, with the ready mark; returns its program."""
    env = dict(os.environ, PLAYBOOK_SPEC_NAME=name)
    env["PLAYBOOK_SPEC_RTHOOK"] = str(BENCH / "_bundle_ready_hook.py")
    if entry is not None:
        env["PLAYBOOK_SPEC_ENTRY"] = str(entry)
    subprocess.run(
        [
            str(VENV / "bin" / "pyinstaller"),
            "--noconfirm",
            "--log-level=ERROR",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / name),
            str(REPO / "packaging" / "playbook.spec"),
        ],
        check=True,
        env=env,
        cwd=work,
        stdout=subprocess.DEVNULL,
    )
    return work / "dist" / name / "playbook-app"


def start_bundle(argv: list[str], env: dict[str, str]) -> Start:
    """Spawn to the ready mark, spawn to exit, and peak memory, of a bundled program."""
    read_end, write_end = os.pipe()
    try:
        begun = time.monotonic()
        result = run(argv, {**env, "READY_FD": str(write_end)}, pass_fds=(write_end,))
    finally:
        os.close(write_end)
    try:
        mark = os.read(read_end, 64)
    finally:
        os.close(read_end)
    if not mark:
        sys.exit(f"error: {argv[0]} never reached its event loop")
    return Start(float(mark) - begun, result.seconds, result.max_rss_kib)


def deb_sizes() -> tuple[float, float]:
    """The .deb's size and its Installed-Size, in MiB."""
    debs = sorted(DIST.glob("playbook-readiness_*.deb"))
    if not debs:
        sys.exit("error: no .deb in dist/: run ./scripts/package first")
    installed = subprocess.run(
        ["dpkg-deb", "-f", str(debs[-1]), "Installed-Size"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return debs[-1].stat().st_size / 2**20, int(installed) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if not (VENV / "bin" / "pyinstaller").exists():
        sys.exit(f"error: no PyInstaller in {VENV}: run ./scripts/package first")
    deb_mib, installed_mib = deb_sizes()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        app = build("BenchApp", work, None)
        floor = build("BenchFloor", work, floors_dir() / "qt_window.py")
        data = work / "data"
        # The shipped bundle makes the data (the timed builds expect a READY_FD).
        subprocess.run(
            [str(DIST / "PlaybookReadiness" / "playbook-app"), "demo", "--data-dir", str(data)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        env = offscreen_env()
        app_argv = [str(app), "--data-dir", str(data), "--quit-when-ready"]
        start_bundle(app_argv, env), start_bundle([str(floor)], env)  # warm the file cache
        apps, floors = [], []
        for _ in range(args.runs):
            apps.append(start_bundle(app_argv, env))
            floors.append(start_bundle([str(floor)], env))
    app_ms = statistics.median(r.ready_seconds for r in apps) * 1000
    floor_ms = statistics.median(r.ready_seconds for r in floors) * 1000
    app_rss = statistics.median(r.max_rss_kib for r in apps) / 1024
    floor_rss = statistics.median(r.max_rss_kib for r in floors) / 1024
    app_exit = statistics.median(r.exit_seconds for r in apps) * 1000
    floor_exit = statistics.median(r.exit_seconds for r in floors) * 1000
    print(f"runs={args.runs} to interactive: app_ms={app_ms:.0f} floor_ms={floor_ms:.0f}")
    print(f"to exit (teardown included): app_ms={app_exit:.0f} floor_ms={floor_exit:.0f}")
    print(
        f"peak memory: app_mib={app_rss:.1f} floor_mib={floor_rss:.1f} "
        f"ratio={app_rss / floor_rss:.2f} budget=1.5"
    )
    print(
        f"RESULT bundle ratio={app_ms / floor_ms:.2f} budget=1.6 "
        f"app_ms={app_ms:.0f} floor_ms={floor_ms:.0f} "
        f"deb_mib={deb_mib:.1f} deb_goal_mib=35 installed_mib={installed_mib:.1f} "
        f"installed_goal_mib=110 memory_ratio={app_rss / floor_rss:.2f} memory_budget=1.5"
    )


if __name__ == "__main__":
    main()
