"""Two writers on one folder, as real processes at random moments: one waits its turn or is
refused, and nothing that was said to be saved or imported is lost (issue 10, items 2 and 3)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from faultlib.writers import import_while_window_open, restore_during_import

pytestmark = pytest.mark.slow


def _seed() -> int:
    return int(os.environ.get("PLAYBOOK_KILL_SEED", str(random.randrange(1 << 30))))


def test_a_restore_during_an_import_never_loses_what_the_import_said_it_did(
    tmp_path: Path,
) -> None:
    trials = int(os.environ.get("PLAYBOOK_RACE_TRIALS", "6"))
    seed = _seed()
    totals = restore_during_import(tmp_path, trials, packet_count=60, seed=seed)
    print(f"\nrestore during import (seed {seed}): {totals}")
    assert totals.failures == [] and totals.lost == 0 and totals.partial == 0
    assert totals.trials == trials


def test_an_import_while_the_window_writes_is_refused_and_loses_nothing(tmp_path: Path) -> None:
    trials = int(os.environ.get("PLAYBOOK_WINDOW_TRIALS", "3"))
    seed = _seed()
    totals = import_while_window_open(tmp_path, trials, seed)
    print(f"\nimport while the window is open (seed {seed}): {totals}")
    assert totals.failures == [] and totals.lost == 0
    assert totals.trials == trials == totals.import_refused
