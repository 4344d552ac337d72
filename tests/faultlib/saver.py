"""Child process for kill -9 trials: saves changes in a loop, acknowledging each one.

    python saver.py DATA_DIR TOKEN

Prints "ready" before it opens the store, then one line "<kind> <n>" after each
save has returned (flushed at once), so everything printed is a promise.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    Assessment,
    District,
    Mode,
    Participant,
    Response,
    Stage,
)
from playbook_app.storage import Store, new_uid
from playbook_app.storage.backups import backup_database


def note(token: str, n: int) -> str:
    """The note saved with change n; every 25th is large, so the WAL grows and checkpoints."""
    base = f"trial {token} change {n}"
    return base + " lorem ipsum" * (4000 if n % 25 == 0 else 3)


def kind_of(n: int) -> str:
    """Which kind of change number n is: answers mostly, some settings and agenda entries."""
    return "setting" if n % 3 == 0 else "agenda" if n % 7 == 0 else "response"


def main(folder: Path, token: str) -> None:
    print("ready", flush=True)
    store = Store.open(folder)
    assessment_id = store.latest_assessment_id()
    if assessment_id is None:
        record = store.create_assessment(
            District("Kill Trials USD", "KY"),
            Assessment(new_uid(), "Kill trials", "2026-11-22", "ali", "1", Mode.SOLO),
            [Participant(new_uid(), "Tester")],
        )
        assessment_id = record.assessment.id
        assert assessment_id is not None
    me = store.load(assessment_id).participants[0].uid
    n = 0
    while True:
        n += 1
        action = f"kill-{token}-{n}"
        kind = kind_of(n)
        if kind == "setting":
            store.set_setting(action, note(token, n))
        elif kind == "agenda":
            entry = AgendaEntry(action, owner="Dr. Ng", next_step=note(token, n))
            store.save_agenda_entry(assessment_id, entry)
        else:
            response = Response(me, action, AnswerKind.RATED, Stage(n % 4), note=note(token, n))
            store.save_response(response)
        print(f"{kind} {n}", flush=True)
        if n % 150 == 0:
            backup_database(store.conn, store.path.parent, "manual")
            print(f"backup {n}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
