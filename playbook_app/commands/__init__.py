"""Headless commands behind `playbook-app`: each module runs one family of commands."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playbook_app.content import ContentError, load_default
from playbook_app.domain.assessment import AssessmentRecord
from playbook_app.domain.playbook import Playbook
from playbook_app.domain.years import Years, years
from playbook_app.paths import data_dir
from playbook_app.safe_write import data_folder_refusal
from playbook_app.storage import StorageError, Store
from playbook_app.storage.folder_lock import FolderLock, FolderLockedError


class CommandError(Exception):
    """A failure to report as one `error: ...` line with exit status 1."""


def load_playbook() -> Playbook:
    try:
        return load_default()
    except ContentError as error:
        raise CommandError(str(error)) from None


@contextmanager
def open_store(args: argparse.Namespace, *, writes: bool = False) -> Iterator[Store]:
    """The data folder's store, closed afterwards; `writes`: held under the folder's lock.

    A writing command is refused at once while anyone else writes (the window, another
    command). A reading command takes the lock only if it is free, so that it may bring
    the database up to date; while another program writes, it reads without changing
    anything.
    """
    folder = data_dir(args.data_dir)
    lock = FolderLock(folder, str(getattr(args, "command", None) or "command"))
    someone_writing = False
    try:
        lock.acquire()
    except StorageError as error:  # held elsewhere, or a folder that cannot be written
        if writes:
            raise CommandError(str(error)) from None
        someone_writing = isinstance(error, FolderLockedError)
    try:
        try:
            store = Store.open_reader(folder) if someone_writing else Store.open(folder)
        except StorageError as error:
            raise CommandError(str(error)) from None
        with store:
            yield store
    finally:
        lock.release()


def choose_assessment(store: Store, requested: int | None) -> int:
    """`--assessment ID`, or the most recent assessment."""
    if requested is not None:
        if not any(s.id == requested for s in store.list_assessments(())):
            raise CommandError(
                f"there is no assessment {requested}; `playbook-app list` shows them"
            )
        return requested
    latest = store.latest_assessment_id()
    if latest is None:
        raise CommandError("there are no assessments yet; open the app or run `playbook-app demo`")
    return latest


def load_chosen_record(args: argparse.Namespace) -> AssessmentRecord:
    """The assessment `--assessment` names (or the most recent), read and the store closed."""
    with open_store(args) as store:
        assessment_id = choose_assessment(store, args.assessment)
        try:
            return store.load(assessment_id)
        except StorageError as error:
            raise CommandError(str(error)) from None


def load_chosen_years(
    args: argparse.Namespace, playbook: Playbook
) -> tuple[AssessmentRecord, Years]:
    """The chosen assessment (see load_chosen_record) and what its reports say of the years
    before it: the comparison with the one it follows, carried-over items, the history."""
    from playbook_app.storage.follow_up import line_of_years

    with open_store(args) as store:
        assessment_id = choose_assessment(store, args.assessment)
        try:
            record = store.load(assessment_id)
            return record, years(line_of_years(store, record), playbook)
        except StorageError as error:
            raise CommandError(str(error)) from None


def output_file(value: str, args: argparse.Namespace) -> Path:
    """A file a command is asked to write: a file name in a folder that exists, outside the
    data folder. Raises CommandError, before anything is written, saying what is wrong."""
    path = Path(value).expanduser()
    try:
        if path.is_dir():
            raise CommandError(f"{path} is a folder; give a file name")
        if not path.parent.is_dir():
            raise CommandError(f"the folder {path.parent} does not exist; nothing was written")
    except OSError as error:
        raise CommandError(f"cannot use {path}: {error.strerror or error}") from None
    refusal = data_folder_refusal(path, data_dir(getattr(args, "data_dir", None)))
    if refusal:
        raise CommandError(f"{refusal} Nothing was written.")
    return path
