"""Run the kill -9 trials outside pytest and print the figures to quote.

    .venv/bin/python tests/faultlib/figures.py [--trials N] [--imports N] [--races N]
        [--race-packets N] [--window-trials N] [--seed S]

The last line reads `FAULTS kill_trials=... acknowledged_checked=... lost=...
import_kills=... import_partial=... races=... race_lost=... window_trials=...
window_lost=...`; every figure but the counts of trials must be 0 where it says lost,
partial or failures.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faultlib.import_kill import run_import_trials
from faultlib.kill import run_trials
from faultlib.writers import import_while_window_open, restore_during_import


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200, help="kills of a saving process")
    parser.add_argument("--imports", type=int, default=50, help="kills during an import")
    parser.add_argument("--races", type=int, default=200, help="restores during an import")
    parser.add_argument("--race-packets", type=int, default=200, help="packets in that import")
    parser.add_argument("--window-trials", type=int, default=100, help="imports under a window")
    parser.add_argument("--seed", type=int, default=random.randrange(1 << 30))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="playbook-kills-") as root:
        saves = run_trials(Path(root) / "saves", args.trials, args.seed)
        imports = run_import_trials(Path(root) / "imports", args.imports, args.seed)
        (Path(root) / "races").mkdir()
        races = restore_during_import(
            Path(root) / "races", args.races, args.race_packets, args.seed
        )
        (Path(root) / "windows").mkdir()
        windows = import_while_window_open(Path(root) / "windows", args.window_trials, args.seed)
    print(
        f"kill -9 while saving: {saves.trials} trials (seed {args.seed}, {saves.fresh_folders} "
        f"from an empty folder); {saves.acknowledged} acknowledged changes checked, "
        f"{saves.lost} lost; {saves.unacknowledged_present} saved just before the kill; "
        f"{saves.backups_checked} backups checked"
    )
    print(
        f"kill -9 during import: {imports.trials} trials; {imports.all_of_it} with all of the "
        f"packets, {imports.none_of_it} with none, {len(imports.failures)} partial or damaged"
    )
    print(
        f"check --restore during a {args.race_packets}-packet import: {races.trials} trials; "
        f"{races.imported_then_restored} ran one after the other, {races.restore_refused} "
        f"restores and {races.import_refused} imports refused; {races.lost} lost, "
        f"{races.partial} partial"
    )
    print(
        f"import while a window writes: {windows.trials} trials; {windows.import_refused} "
        f"refused; {windows.lost} saved answers lost, {windows.partial} partial"
    )
    every = [*saves.failures, *imports.failures, *races.failures, *windows.failures]
    for failure in every:
        print(f"FAILURE {failure}")
    failures = len(every)
    print(
        f"FAULTS kill_trials={saves.trials} acknowledged_checked={saves.acknowledged} "
        f"lost={saves.lost} import_kills={imports.trials} "
        f"import_partial={len(imports.failures)} races={races.trials} race_lost={races.lost} "
        f"race_partial={races.partial} window_trials={windows.trials} "
        f"window_lost={windows.lost} failures={failures}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
