"""Run the kill -9 trials outside pytest and print the figures to quote.

    .venv/bin/python tests/faultlib/figures.py [--trials N] [--imports N] [--seed S]

The last line reads `FAULTS kill_trials=... acknowledged_checked=... lost=...
import_kills=... import_partial=...`; every figure but the counts of trials must be 0
where it says lost, partial or failures.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200, help="kills of a saving process")
    parser.add_argument("--imports", type=int, default=50, help="kills during an import")
    parser.add_argument("--seed", type=int, default=random.randrange(1 << 30))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="playbook-kills-") as root:
        saves = run_trials(Path(root) / "saves", args.trials, args.seed)
        imports = run_import_trials(Path(root) / "imports", args.imports, args.seed)
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
    for failure in [*saves.failures, *imports.failures]:
        print(f"FAILURE {failure}")
    failures = len(saves.failures) + len(imports.failures)
    print(
        f"FAULTS kill_trials={saves.trials} acknowledged_checked={saves.acknowledged} "
        f"lost={saves.lost} import_kills={imports.trials} "
        f"import_partial={len(imports.failures)} failures={failures}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
