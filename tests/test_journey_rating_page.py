"""Journey: the Rate page, every choice set by click and by key (each stage, unsure, not
applicable with its reason, every how-step, each importance, effort, control and confidence,
the notes), read back from the SQLite file, the screen, the CSV and the PDF."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from helpers_journey import click, csv_rows, db_rows, pdf_text, press, stored_record, toggle
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import (
    EFFORT_LABELS,
    IMPORTANCE_LABELS,
    Confidence,
    Stage,
)
from playbook_app.domain.playbook import Control, Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]
CTRL = Qt.KeyboardModifier.ControlModifier
STAGE_KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]
REASON = "We are a single-school district & have no central office"
ONE_AMPERSAND_STEP = "capacity-advisory"  # exactly one how-step says "R&D"


def _answer(data_dir: Path, action_id: str) -> dict[str, object]:
    rows = db_rows(
        data_dir,
        "SELECT answer, stage, reason, steps_done, importance, effort, control, confidence, "
        "note FROM response WHERE action_id = ?",
        (action_id,),
    )
    if not rows:
        return {}
    keys = [
        "answer",
        "stage",
        "reason",
        "steps",
        "importance",
        "effort",
        "control",
        "confidence",
        "note",
    ]
    answer = dict(zip(keys, rows[0], strict=True))
    answer["steps"] = sorted(json.loads(str(answer["steps"])))
    return answer


def test_every_choice_on_the_rate_page_by_click_and_by_key_reaches_the_file_and_outputs(
    qtbot: QtBot,
    store: Store,
    assessment_id: int,
    open_window: OpenWindow,
    playbook: Playbook,
    data_dir: Path,
) -> None:
    window = open_window(store)
    page = window.page
    assert page is not None
    action_id = playbook.action_ids[0]
    assert window.current_action_id == action_id

    # Each stage: by clicking its card, then by its number key.
    for stage, key in zip(Stage, STAGE_KEYS, strict=True):
        card = page.picker.card_for(*_rated(stage))
        assert card is not None
        click(qtbot, card)
        assert _answer(data_dir, action_id)["stage"] == int(stage)
        assert card.isChecked()
        press(qtbot, window, Qt.Key.Key_1 if key != Qt.Key.Key_1 else Qt.Key.Key_2)
        press(qtbot, window, key)
        assert _answer(data_dir, action_id)["stage"] == int(stage)
    # Unsure: card, U and 5.
    for how in ("click", Qt.Key.Key_U, Qt.Key.Key_5):
        press(qtbot, window, Qt.Key.Key_1)
        if how == "click":
            click(qtbot, page.picker.unsure)
        else:
            press(qtbot, window, how)
        assert _answer(data_dir, action_id)["answer"] == "unsure"
        assert _answer(data_dir, action_id)["stage"] is None
    # Not applicable: N, 6 and the card; the cursor goes to the reason.
    for how in (Qt.Key.Key_N, Qt.Key.Key_6, "click"):
        press(qtbot, window, Qt.Key.Key_1)
        if how == "click":
            click(qtbot, page.picker.not_applicable)
        else:
            press(qtbot, window, how)
        assert _answer(data_dir, action_id)["answer"] == "not_applicable"
    reason = page.picker.reason
    assert reason.isVisible() and reason.hasFocus()
    qtbot.keyClicks(reason, REASON)
    # Return hands the reason over at once (no waiting for a pause in the typing).
    qtbot.keyClick(reason, Qt.Key.Key_Return)
    assert _answer(data_dir, action_id)["reason"] == REASON

    # Every how-step: ticked with the space bar, then cleared and ticked again by clicking
    # its text, which is what a mouse user aims at.
    checks = page.checklist.checks()
    step_ids = [s.id for s in playbook.action(action_id).steps] + [
        sub.id for s in playbook.action(action_id).steps for sub in s.substeps
    ]
    for check in checks:
        toggle(qtbot, check.box, by_key=True)
    assert _answer(data_dir, action_id)["steps"] == sorted(step_ids)
    for check in checks:
        click(qtbot, check.label)
    assert _answer(data_dir, action_id)["steps"] == []
    for check in checks[::2]:
        click(qtbot, check.label)
    ticked = sorted(page.checklist.done())
    assert len(ticked) == (len(checks) + 1) // 2
    assert _answer(data_dir, action_id)["steps"] == ticked

    # Importance, effort, control and confidence: each button by click and by Space;
    # the chosen one clicked again clears it.
    stored_values = {
        "importance": list(IMPORTANCE_LABELS),
        "effort": list(EFFORT_LABELS),
        "control": [c.value for c in Control],
        "confidence": [c.value for c in Confidence],
    }
    for field, values in stored_values.items():
        buttons = page.details.choices[field].buttons()
        assert len(buttons) == len(values)
        for button, value in zip(buttons, values, strict=True):
            toggle(qtbot, button, by_key=False)
            assert _answer(data_dir, action_id)[field] == value
            toggle(qtbot, button, by_key=True)  # the chosen one again: cleared
            assert _answer(data_dir, action_id)[field] is None
            toggle(qtbot, button, by_key=True)
            assert _answer(data_dir, action_id)[field] == value
    # "Use the hint" stores the playbook's suggestion for who controls it.
    toggle(qtbot, page.details.choices["control"].buttons()[-1], by_key=False)  # clear
    assert page.details.use_hint.isVisible()
    click(qtbot, page.details.use_hint)
    assert _answer(data_dir, action_id)["control"] == playbook.action(action_id).default_control

    # The notes, typed, handed over when the keyboard moves on.
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "Ask the board first.")
    press(qtbot, page.next_button, Qt.Key.Key_Shift)  # focus leaves the notes
    assert _answer(data_dir, action_id)["note"] == "Ask the board first."

    # A rated answer (the loops above left High and Heavy chosen), then what the screen,
    # the CSV and the PDF say.
    press(qtbot, window, Qt.Key.Key_3)
    assert window.progress.label.text() == "1 of 20 key actions answered"
    record = stored_record(data_dir, assessment_id)
    row = next(r for r in csv_rows(record, playbook) if r["key action id"] == action_id)
    assert (row["stage"], row["importance"], row["effort"]) == ("Developing", "High", "Heavy")
    assert row["control"] == playbook.action(action_id).default_control.label
    # The next key action not applicable, its reason typed and committed with Return.
    press(qtbot, window, Qt.Key.Key_Right, CTRL)
    press(qtbot, window, Qt.Key.Key_N)
    qtbot.keyClicks(page.picker.reason, REASON)
    qtbot.keyClick(page.picker.reason, Qt.Key.Key_Return)
    record = stored_record(data_dir, assessment_id)
    text = pdf_text(record, playbook)
    action = playbook.action(action_id)
    assert f"{action.number}  {action.title}\nStage: Developing" in text
    assert f"Reason: {REASON}" in text
    other = next(
        r for r in csv_rows(record, playbook) if r["key action id"] == playbook.action_ids[1]
    )
    assert other["stage"] == "Not applicable"


def _rated(stage: Stage) -> tuple[object, Stage]:
    from playbook_app.domain.assessment import AnswerKind

    return AnswerKind.RATED, stage


def test_the_reason_box_keeps_ctrl_arrows_for_moving_between_key_actions(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow, playbook: Playbook
) -> None:
    window = open_window(store)
    page = window.page
    assert page is not None
    ids = playbook.action_ids
    press(qtbot, window, Qt.Key.Key_2)  # a rated first action, to come back to
    press(qtbot, window, Qt.Key.Key_Right, CTRL)
    press(qtbot, window, Qt.Key.Key_N)
    reason = page.picker.reason
    assert reason.hasFocus()
    qtbot.keyClicks(reason, "Not for us")
    qtbot.keyClick(reason, Qt.Key.Key_Right, CTRL)
    assert window.current_action_id == ids[2]
    assert db_rows(
        store.path.parent, "SELECT reason FROM response WHERE action_id = ?", (ids[1],)
    ) == [("Not for us",)]
    press(qtbot, window, Qt.Key.Key_Left, CTRL)
    assert window.current_action_id == ids[1] and page.picker.reason.isVisible()
    page.picker.reason.setFocus()
    qtbot.keyClick(page.picker.reason, Qt.Key.Key_Left, CTRL)
    assert window.current_action_id == ids[0]


def test_r_and_d_in_a_how_step_is_shown_as_written_and_alt_d_does_not_tick_it(
    qtbot: QtBot,
    store: Store,
    assessment_id: int,
    open_window: OpenWindow,
    playbook: Playbook,
    data_dir: Path,
) -> None:
    window = open_window(store)
    window.show_action(ONE_AMPERSAND_STEP)
    page = window.page
    assert page is not None
    steps = [s.text for s in playbook.action(ONE_AMPERSAND_STEP).steps]
    with_ampersand = [
        check for check, text in zip(page.checklist.checks(), steps, strict=False) if "&" in text
    ]
    assert len(with_ampersand) == 1
    check = with_ampersand[0]
    # No mnemonic: the label shows "R&D" (Qt draws "&&" as "&") and binds no Alt key.
    assert QKeySequence.mnemonic(check.label.text()).isEmpty()
    assert "R&D" in check.label.text().replace("&&", "&")
    assert "R&D" in check.box.accessibleName()
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert not check.box.isDown() and not check.isChecked()
    assert _answer(data_dir, ONE_AMPERSAND_STEP) == {}
