"""Typing is saved one way only: no module of the window wires its own timer, editingFinished,
Return or focus-out hand-over for a text field; text_commit.py's TextCommitter does it for all.

Text signals may still drive what a form shows (validation, counters, buttons of a dialog that
saves on a button): each such connection is listed here with what it does, so a new one is a
decision, not an accident.
"""

from __future__ import annotations

import ast
from pathlib import Path

import playbook_app.ui

UI = Path(playbook_app.ui.__file__).parent
THE_ONE_WAY = UI / "widgets" / "text_commit.py"
TEXT_SIGNALS = {"textChanged", "textEdited", "editingFinished", "returnPressed", "focusChanged"}
FOCUS_HOOKS = {"focusOutEvent", "focusInEvent", "eventFilter"}

# (module under ui/, signal, slot as written): what it does instead of saving.
SHOWS_ONLY = {
    ("agenda/agenda_move.py", "textChanged", "self._update"): "Move button of the dialog",
    ("assessments/assessment_form.py", "textChanged", "self._validate"): "form errors",
    ("assessments/assessment_form.py", "textEdited", "lambda _text, f=field: self._edited(f)"): (
        "marks a field visited, so its error may show"
    ),
    ("assessments/assessment_form.py", "editingFinished", "lambda f=field: self._edited(f)"): (
        "marks a field visited, so its error may show"
    ),
    ("assessments/assessment_form.py", "textEdited", "self._label_typed"): (
        "the label stops following the date once typed"
    ),
    ("assessments/profile_dialogs.py", "textChanged", "self._validate"): "dialog's Save button",
    ("rating/stage_picker.py", "textChanged", "self._update_prompt"): "asks for a reason",
    ("team/consensus_editor.py", "textChanged", "self._update_buttons"): "Record button",
    ("team/participants_dialog.py", "textChanged", "self._update_buttons"): "dialog buttons",
    ("team/participants_dialog.py", "returnPressed", "self._add"): "Return presses Add",
    ("team/participants_dialog.py", "returnPressed", "self._save"): "Return presses Save",
    ("widgets/char_counter.py", "textChanged", "update"): "the character count",
    ("widgets/focus_ring.py", "focusChanged", "_focus_moved"): (
        "puts the focus ring's style on at the first Tab"
    ),
    ("widgets/participant_rows.py", "textChanged", "self.changed"): "the form re-validates",
}


def _modules() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if p != THE_ONE_WAY)


def _text_connections(tree: ast.AST) -> list[tuple[str, str]]:
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "connect"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr in TEXT_SIGNALS
            and node.args
        ):
            found.append((node.func.value.attr, ast.unparse(node.args[0])))
    return found


def _makes_a_timer(tree: ast.AST) -> bool:
    return any(
        isinstance(node, ast.Name | ast.Attribute)
        and (node.id if isinstance(node, ast.Name) else node.attr) == "QTimer"
        for node in ast.walk(tree)
    )


def test_no_window_module_wires_its_own_save_of_typing() -> None:
    wired = []
    for path in _modules():
        name = path.relative_to(UI).as_posix()
        for signal, slot in _text_connections(ast.parse(path.read_text(encoding="utf-8"))):
            if (name, signal, slot) not in SHOWS_ONLY:
                wired.append(f"{name}: {signal}.connect({slot})")
    assert wired == [], (
        "save typed text through ui/widgets/text_commit.py's TextCommitter (its `committed` "
        "signal), or list here what this connection shows instead of saving"
    )


def test_no_window_module_times_typing_or_watches_focus_itself() -> None:
    wrong = []
    for path in _modules():
        name = path.relative_to(UI).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if _makes_a_timer(tree) and _text_connections(tree):
            wrong.append(f"{name}: a QTimer next to a text signal")
        wrong += [
            f"{name}: {node.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name in FOCUS_HOOKS
        ]
    assert wrong == []


def test_the_list_of_display_only_connections_is_not_stale() -> None:
    present = {
        (path.relative_to(UI).as_posix(), signal, slot)
        for path in _modules()
        for signal, slot in _text_connections(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert set(SHOWS_ONLY) - present == set()


def test_the_guard_sees_the_one_way_itself() -> None:
    """The scan is not blind: it finds text_commit.py's own timer, Return and focus hooks."""
    tree = ast.parse(THE_ONE_WAY.read_text(encoding="utf-8"))
    assert _makes_a_timer(tree)
    assert {signal for signal, _ in _text_connections(tree)} >= {
        "textChanged",
        "returnPressed",
        "focusChanged",
    }
