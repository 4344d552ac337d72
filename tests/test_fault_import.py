"""kill -9 of a process in the middle of an import: all of the packets are there, or none."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from faultlib.import_kill import run_import_trials

pytestmark = pytest.mark.slow


def test_kill_9_during_an_import_leaves_all_of_it_or_none(tmp_path: Path) -> None:
    trials = int(os.environ.get("PLAYBOOK_IMPORT_KILL_TRIALS", "12"))
    seed = int(os.environ.get("PLAYBOOK_KILL_SEED", str(random.randrange(1 << 30))))
    totals = run_import_trials(tmp_path, trials, seed)
    print(
        f"\nkill -9 during import: {totals.trials} trials (seed {seed}): "
        f"{totals.all_of_it} with all of the packets, {totals.none_of_it} with none, "
        f"{len(totals.failures)} partial or damaged"
    )
    assert totals.failures == []
    assert totals.trials == trials == totals.all_of_it + totals.none_of_it
