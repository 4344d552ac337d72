"""The `content`, `demo` and `list` commands."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from playbook_app.commands import CommandError, load_playbook, open_store
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook, Step
from playbook_app.storage import StorageError


def content(args: argparse.Namespace, out: TextIO) -> int:
    playbook = load_playbook()
    if args.json:
        json.dump(content_json(playbook), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    out.write(f"{playbook.title} ({playbook.id} {playbook.version})\n")
    for rec in playbook.recommendations:
        out.write(f"\n{rec.number}. {rec.title}  [{rec.id}]\n")
        for action in rec.key_actions:
            out.write(f"  {action.number} {action.title}  [{action.id}]\n")
            for step in action.steps:
                out.write(f"    - {step.text}  [{step.id}]\n")
                for sub in step.substeps:
                    out.write(f"        - {sub.text}  [{sub.id}]\n")
    return 0


def content_json(playbook: Playbook) -> dict[str, object]:
    def step_json(step: Step) -> dict[str, object]:
        return {
            "id": step.id,
            "text": step.text,
            "substeps": [{"id": s.id, "text": s.text} for s in step.substeps],
        }

    return {
        "playbook": {"id": playbook.id, "version": playbook.version, "title": playbook.title},
        "recommendations": [
            {
                "id": rec.id,
                "title": rec.title,
                "key_actions": [
                    {
                        "id": action.id,
                        "title": action.title,
                        "steps": [step_json(s) for s in action.steps],
                    }
                    for action in rec.key_actions
                ],
            }
            for rec in playbook.recommendations
        ],
    }


def demo(args: argparse.Namespace, out: TextIO) -> int:
    playbook = load_playbook()
    with open_store(args, writes=True) as store:
        try:
            assessment_id = store.add_record(demo_record(playbook, participants=args.team))
        except StorageError as error:
            raise CommandError(str(error)) from None
    out.write(f"{assessment_id}\n")
    return 0


def listing(args: argparse.Namespace, out: TextIO) -> int:
    playbook = load_playbook()
    with open_store(args) as store:
        rows = store.list_assessments(playbook.action_ids)
    if args.json:
        keys = ("id", "label", "organization", "state", "date", "answered", "total")
        data = [{**{k: getattr(r, k) for k in keys}, "mode": r.mode.value} for r in rows]
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    if not rows:
        out.write("No assessments yet. Open the app, or run `playbook-app demo`.\n")
        return 0
    for r in rows:
        out.write(
            f"{r.id:>4}  {r.date}  {r.label}  ({r.organization}, {r.state}, {r.mode.value})"
            f"  {r.answered} of {r.total} answered\n"
        )
    return 0
