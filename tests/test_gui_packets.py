"""File > Export packet… and File > Import packets… on real data folders, through the dialogs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers_team import make_team, message_boxes, rate, unnamed_controls
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from test_packets import dump

from playbook_app.domain.agenda import build_agenda
from playbook_app.domain.assessment import Consensus, Stage
from playbook_app.domain.limits import NOTE_MAX
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange import FORMAT_VERSION, compute_checksum, read_packet
from playbook_app.paths import database_path
from playbook_app.storage import Store
from playbook_app.ui.packets.packet_export import ExportScopeDialog
from playbook_app.ui.packets.packet_import import ImportDialog, preview_import
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def _pick(qtbot: QtBot, window: MainWindow, *paths: Path) -> None:
    """Answer the file dialog the window opened, as a user would."""
    dialog = window.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible() and dialog.isModal()
    dialog.setDirectory(str(paths[0].parent))
    names = " ".join(f'"{p.name}"' for p in paths) if len(paths) > 1 else paths[0].name
    dialog.selectFile(names)
    dialog.accept()
    qtbot.waitUntil(lambda: window.findChild(QFileDialog) is None or not dialog.isVisible())


def _agenda_rows(store: Store, assessment_id: int, playbook: Playbook) -> list[tuple[str, str]]:
    agenda = build_agenda(store.load(assessment_id), playbook)
    return [(i.action_id, i.section) for i in agenda.all_items()]


def _close_boxes() -> list[str]:
    texts = []
    for box in message_boxes():
        texts.append(f"{box.text()} {box.informativeText()}")
        box.close()
    return texts


@pytest.fixture
def open_store() -> Iterator[Callable[[Path], Store]]:
    """Stores that stay open until the test's windows are closed, as in the app."""
    opened: list[Store] = []

    def factory(folder: Path) -> Store:
        opened.append(Store.open(folder))
        return opened[-1]

    yield factory
    for store in opened:
        store.close()


@pytest.fixture
def team_folder(tmp_path: Path, playbook: Playbook) -> tuple[Path, int]:
    """Folder "a": a team of three, two key actions rated, one agreed stage."""
    folder = tmp_path / "a"
    with Store.open(folder) as store:
        assessment_id = make_team(store, playbook)
        people = [p.uid for p in store.load(assessment_id).participants]
        first, second = playbook.action_ids[:2]
        for uid, stage in zip(people, (Stage.EMERGING, Stage.DEVELOPING, None), strict=True):
            rate(store, uid, first, stage)
            rate(store, uid, second, Stage.ADVANCING)
        store.save_consensus(assessment_id, Consensus(first, Stage.EMERGING, "Pilot only."))
    return folder, assessment_id


def test_export_in_the_gui_then_import_into_another_folder(
    qtbot: QtBot,
    tmp_path: Path,
    team_folder: tuple[Path, int],
    playbook: Playbook,
    open_window: OpenWindow,
    open_store: Callable[[Path], Store],
) -> None:
    folder, assessment_id = team_folder
    packet = tmp_path / "stick" / "retreat"  # no suffix: the app adds .playbook.json
    packet.parent.mkdir()
    store = open_store(folder)
    window = open_window(store)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    scope = window.findChild(ExportScopeDialog)
    assert scope is not None and scope.isVisible() and scope.whole.isChecked()
    assert unnamed_controls(scope) == []
    qtbot.mouseClick(scope.next_button, Qt.MouseButton.LeftButton)
    _pick(qtbot, window, packet)
    written = packet.with_name("retreat.playbook.json")
    assert written.is_file() and written.stat().st_mode & 0o077 == 0
    assert any("Packet exported" in t or "Exported the whole" in t for t in _close_boxes())
    expected = _agenda_rows(store, assessment_id, playbook)
    uid = store.load(assessment_id).assessment.uid
    window.close()
    data = json.loads(written.read_bytes())
    assert data["checksum"] == compute_checksum(data)
    assert len(data["participants"]) == 3 and len(data["consensus"]) == 1

    # The other laptop: an empty data folder, the first-run screen showing.
    other = open_store(tmp_path / "b")
    window = open_window(other)
    assert window.session.record is None
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    _pick(qtbot, window, written)
    preview = window.findChild(ImportDialog)
    assert preview is not None and preview.isVisible() and unnamed_controls(preview) == []
    assert "new assessment" in preview.details.toPlainText()
    assert other.latest_assessment_id() is None  # a preview writes nothing
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert preview.summary.text().startswith("Imported 1 packet.")
    record = window.session.record
    assert record is not None and record.assessment.uid == uid  # shown at once
    assert record.assessment.id is not None
    assert _agenda_rows(other, record.assessment.id, playbook) == expected
    assert record.consensus[playbook.action_ids[0]].rationale == "Pilot only."
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)  # Close
    assert not preview.isVisible()

    # The same packet again changes nothing.
    before = dump(tmp_path / "b")
    again = preview_import(window, [written])
    assert again is not None and not again.plan.has_changes
    assert again.summary.text().startswith("Nothing to import")
    assert not again.import_button.isVisible()
    assert dump(tmp_path / "b") == before
    again.close()


def test_one_persons_packet_carries_only_their_answers(
    qtbot: QtBot,
    tmp_path: Path,
    team_folder: tuple[Path, int],
    playbook: Playbook,
    open_window: OpenWindow,
    open_store: Callable[[Path], Store],
) -> None:
    folder, assessment_id = team_folder
    store = open_store(folder)
    ben = store.load(assessment_id).participants[1]
    window = open_window(store)
    window.features.packets.export_action.trigger()
    scope = window.findChild(ExportScopeDialog)
    assert scope is not None
    scope.one.setChecked(True)
    scope.person.set_value(ben.uid)
    qtbot.mouseClick(scope.next_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QFileDialog)
    assert dialog is not None and "Ben Okafor" in dialog.selectedFiles()[0]
    _pick(qtbot, window, tmp_path / "ben.playbook.json")
    _close_boxes()
    packet = read_packet(tmp_path / "ben.playbook.json", playbook)
    assert [p.name for p in packet.participants] == [ben.name]
    assert {r.participant for r in packet.responses} == {ben.uid} and len(packet.responses) == 2
    assert packet.consensus == () and packet.agenda == ()


def _good_packet(tmp_path: Path, folder: Path, assessment_id: int, playbook: Playbook) -> Path:
    from playbook_app.exchange import write_packet

    path = tmp_path / "good.playbook.json"
    with Store.open(folder) as store:
        write_packet(store.load(assessment_id), playbook, path)
    return path


def _resigned(data: dict[str, object]) -> bytes:
    data["checksum"] = compute_checksum(data)
    return json.dumps(data, ensure_ascii=False).encode()


def _first_answer(raw: bytes, **changes: object) -> bytes:
    data = json.loads(raw)
    data["responses"][0].update(changes)
    return _resigned(data)


BAD_PACKETS: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated": (lambda b: b[: len(b) // 2], "incomplete"),
    "bad checksum": (lambda b: b.replace(b"Pilot only.", b"Pilot ONLY."), "checksum"),
    "newer version": (
        lambda b: _resigned({**json.loads(b), "format_version": FORMAT_VERSION + 1}),
        f"this app reads format {FORMAT_VERSION}",
    ),
    "not UTF-8": (lambda b: b.replace(b"Pilot only.", b"Pilot \xff."), "UTF-8"),
    "NaN": (lambda b: b.replace(b'"importance": null', b'"importance": NaN', 1), "NaN"),
    "unknown key": (lambda b: _resigned({**json.loads(b), "extra": 1}), "extra"),
    "unknown action": (
        lambda b: _resigned(
            json.loads(b.replace(b'"action": "', b'"action": "no-such-', 1).decode())
        ),
        "no-such-",
    ),
    "too large": (lambda b: b + b" " * (5 * 1024 * 1024), "large"),
    "duplicate key": (
        lambda b: b.replace(b'"format_version"', b'"format": "x", "format_version"', 1),
        "appears twice",
    ),
    "wrong type": (lambda b: _first_answer(b, importance="3"), "not text"),
    "over-long text": (
        lambda b: _first_answer(b, note="x" * (NOTE_MAX + 1)),
        f"the limit is {NOTE_MAX:,}",
    ),
}


@pytest.mark.parametrize("problem", list(BAD_PACKETS))
def test_a_bad_packet_gives_one_message_and_changes_nothing(
    problem: str,
    qtbot: QtBot,
    tmp_path: Path,
    team_folder: tuple[Path, int],
    playbook: Playbook,
    open_window: OpenWindow,
    open_store: Callable[[Path], Store],
) -> None:
    folder, assessment_id = team_folder
    good = _good_packet(tmp_path, folder, assessment_id, playbook)
    damage, expected = BAD_PACKETS[problem]
    bad = tmp_path / "bad.playbook.json"
    bad.write_bytes(damage(good.read_bytes()))
    target = tmp_path / "c"
    store = open_store(target)
    make_team(store, playbook)
    window = open_window(store)
    before_rows, before_bytes = dump(target), database_path(target).read_bytes()
    window.features.packets.import_action.trigger()
    _pick(qtbot, window, good, bad)  # one good file does not carry a bad one in
    assert window.findChild(ImportDialog) is None
    (message,) = _close_boxes()
    assert "bad.playbook.json" in message and expected.lower() in message.lower()
    assert "Nothing was imported" in message and "Traceback" not in message
    assert dump(target) == before_rows
    assert database_path(target).read_bytes() == before_bytes


def test_import_preview_shows_conflicts_and_the_open_assessment_reloads(
    qtbot: QtBot,
    tmp_path: Path,
    team_folder: tuple[Path, int],
    playbook: Playbook,
    open_window: OpenWindow,
    open_store: Callable[[Path], Store],
) -> None:
    from playbook_app.commands.packets import import_into
    from playbook_app.domain.assessment import AnswerKind, Response
    from playbook_app.exchange import read_packets, write_packet
    from playbook_app.storage.backups import list_backups
    from playbook_app.storage.importing import load_by_uid

    hub, assessment_id = team_folder
    first = playbook.action_ids[0]
    whole = tmp_path / "whole.playbook.json"
    with Store.open(hub) as store:
        record = store.load(assessment_id)
        write_packet(record, playbook, whole)
    ben = record.participants[1]
    # Ben's own laptop: the whole assessment imported, then he changes his mind.
    with Store.open(tmp_path / "ben") as laptop:
        import_into(laptop, read_packets([whole], playbook), playbook)
        laptop.save_response(
            Response(ben.uid, first, answer=AnswerKind.RATED, stage=Stage.ADVANCING)
        )
        mine = load_by_uid(laptop, record.assessment.uid)
        assert mine is not None
        write_packet(mine, playbook, tmp_path / "ben.playbook.json", participant=ben)

    store = open_store(hub)
    window = open_window(store)
    window.session.set_active_participant(record.participants[2].uid)
    window.features.packets.import_action.trigger()
    _pick(qtbot, window, tmp_path / "ben.playbook.json")
    preview = window.findChild(ImportDialog)
    assert preview is not None
    details = preview.details.toPlainText()
    assert "1 conflict, where the newer answer wins" in preview.summary.text()
    assert f"{ben.name}, {playbook.action(first).number}" in details
    assert "kept Advancing from ben.playbook.json" in details
    assert "over Developing from this computer" in details
    assert store.load(assessment_id).response(ben.uid, first).stage is Stage.DEVELOPING
    assert not [b for b in list_backups(hub) if b.reason == "import"]
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert [b.reason for b in list_backups(hub)].count("import") == 1  # made first
    assert "over Developing from this computer" in preview.details.toPlainText()
    assert store.load(assessment_id).response(ben.uid, first).stage is Stage.ADVANCING
    # The open assessment shows the import at once, for the same rater.
    reloaded = window.session.record
    assert reloaded is not None
    assert reloaded.response(ben.uid, first).stage is Stage.ADVANCING
    assert window.session.participant_uid == record.participants[2].uid
    assert window.session.agenda().item(first).standing.stage is Stage.EMERGING  # agreed


def test_a_packet_is_never_written_into_the_data_folder(
    qtbot: QtBot,
    team_folder: tuple[Path, int],
    open_window: OpenWindow,
    open_store: Callable[[Path], Store],
) -> None:
    from playbook_app.ui.packets.packet_export import export_to

    folder, _ = team_folder
    store = open_store(folder)
    window = open_window(store)
    before = sorted(p.name for p in folder.iterdir())
    assert export_to(window, folder / "cabinet.playbook.json", None) is None
    boxes = message_boxes()
    assert any("keeps your answers" in b.informativeText() + b.text() for b in boxes)
    for box in boxes:
        box.close()
    assert sorted(p.name for p in folder.iterdir()) == before
