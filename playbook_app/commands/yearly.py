"""The yearly cycle: `follow-up` starts next year's review; `compare` and `history` look back."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TextIO

from playbook_app.commands import (
    CommandError,
    choose_assessment,
    load_playbook,
    open_store,
    output_file,
)
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.followup import compare as compare_records
from playbook_app.reports.history_csv import build_history_csv
from playbook_app.reports.since import comparison_text
from playbook_app.safe_write import WriteError, write_atomic
from playbook_app.storage import StorageError, Store
from playbook_app.storage.follow_up import predecessor_id, start_follow_up


def follow_up(args: argparse.Namespace, out: TextIO) -> int:
    playbook = load_playbook()
    with open_store(args, writes=True) as store:
        assessment_id = choose_assessment(store, args.assessment)
        try:
            new_id = start_follow_up(
                store,
                assessment_id,
                date=date.today().isoformat(),
                playbook=(playbook.id, playbook.version),
                label=args.label or "",
            )
        except StorageError as error:
            raise CommandError(str(error)) from None
    out.write(f"{new_id}\n")
    return 0


def _load(store: Store, assessment_id: int) -> AssessmentRecord:
    try:
        return store.load(assessment_id)
    except StorageError as error:
        raise CommandError(str(error)) from None


def _earlier(store: Store, record: AssessmentRecord, requested: int | None) -> AssessmentRecord:
    """`--with ID`, or the assessment this one follows."""
    a = record.assessment
    if requested is not None:
        if requested == a.id:
            raise CommandError("--with names the same assessment; give another one")
        return _load(store, choose_assessment(store, requested))
    if a.follows is None:
        raise CommandError(
            f"assessment {a.id} ({a.label}) does not follow another one; give --with ID to "
            "compare it with another (`playbook-app list` shows them)"
        )
    previous = predecessor_id(store, record)
    if previous is None:
        raise CommandError(
            f"assessment {a.id} ({a.label}) follows an assessment that is not on this "
            "computer; import its packet, or give --with ID"
        )
    return _load(store, previous)


def compare(args: argparse.Namespace, out: TextIO) -> int:
    playbook = load_playbook()
    with open_store(args) as store:
        record = _load(store, choose_assessment(store, args.assessment))
        earlier = _earlier(store, record, args.with_id)
    result = compare_records(earlier, record, playbook)
    if args.json:
        json.dump(result.to_json(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(comparison_text(result, playbook))
    return 0


def history(args: argparse.Namespace, out: TextIO) -> int:
    playbook = load_playbook()
    path = output_file(args.csv, args)
    with open_store(args) as store:
        summaries = store.list_assessments(())
        if not summaries:
            raise CommandError("there are no assessments yet; nothing was written")
        records = [_load(store, s.id) for s in summaries]
    records.sort(key=lambda r: (r.district.name.casefold(), r.assessment.date, r.assessment.id))
    data = build_history_csv(records, playbook, {r.assessment.uid: r for r in records})
    try:
        write_atomic(path, data)
    except WriteError as error:
        raise CommandError(f"{error} Nothing was written.") from None
    out.write(f"wrote {path} ({len(records)} assessments)\n")
    return 0
