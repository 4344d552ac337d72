"""Journey: the welcome form and File > New assessment, every entry of every input set through
the real widgets (keys and clicks), read back from the SQLite file, the screen, the PDF and the
`agenda` command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers_journey import (
    cli_agenda,
    click,
    combo_by_click,
    combo_by_keys,
    db_rows,
    open_dialog,
    pdf_text,
    press,
    retype,
    set_date,
    stored_record,
    toggle,
)
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from playbook_app.domain.assessment import STATES, Locale
from playbook_app.domain.playbook import Playbook
from playbook_app.reports.labels import state_name
from playbook_app.storage import Store
from playbook_app.ui.assessments.new_assessment_dialog import NewAssessmentDialog
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]
RETURN = Qt.Key.Key_Return

# The locale combo's entries, in order, as the form lists them.
LOCALES: list[tuple[str, Locale | None]] = [
    ("Not specified", None),
    ("Rural", Locale.RURAL),
    ("Town", Locale.TOWN),
    ("Suburban", Locale.SUBURBAN),
    ("City", Locale.CITY),
]


def _district_row(data_dir: Path, assessment_id: int) -> tuple[str, str, str | None, str]:
    rows = db_rows(
        data_dir,
        "SELECT d.name, d.state, d.locale, d.size FROM assessment a "
        "JOIN district d ON d.id = a.district_id WHERE a.id = ?",
        (assessment_id,),
    )
    assert len(rows) == 1
    name, state, locale, size = rows[0]
    return name, state, locale, size


def test_welcome_form_every_locale_by_keys_and_clicks_reaches_the_file_and_every_output(
    qtbot: QtBot, data_dir: Path, playbook: Playbook, open_window: OpenWindow
) -> None:
    store = Store.open(data_dir)
    window = open_window(store)
    welcome = window.welcome
    assert welcome is not None
    form = welcome.form
    assert [form.district_locale.itemText(i) for i in range(form.district_locale.count())] == [
        text for text, _ in LOCALES
    ]

    # First run, by keyboard only: every field typed, Rural chosen with the arrow keys,
    # the date typed, "Just me" pressed with Space, and Return in the Size field submits.
    retype(qtbot, form.district_name, "Lindsay & <b>Unified</b> SD")
    combo_by_keys(qtbot, form.state, list(STATES).index("KY"))
    combo_by_keys(qtbot, form.district_locale, 1)
    set_date(qtbot, form.date, QDate(2026, 12, 5))
    retype(qtbot, form.label, "Winter 2026 review")
    retype(qtbot, form.your_name, "Dr. Ana Ruiz")
    retype(qtbot, form.role, "Superintendent")
    toggle(qtbot, form.solo, by_key=True)
    retype(qtbot, form.district_size, "1,850 students")
    press(qtbot, form.district_size, RETURN)

    record = window.session.record
    assert record is not None, welcome.error.text()
    first = record.assessment.id
    assert first is not None
    assert _district_row(data_dir, first) == (
        "Lindsay & <b>Unified</b> SD",
        "KY",
        "rural",
        "1,850 students",
    )
    assert db_rows(data_dir, "SELECT label, date, mode FROM assessment WHERE id = ?", (first,)) == [
        ("Winter 2026 review", "2026-12-05", "solo")
    ]
    assert db_rows(data_dir, "SELECT name, role FROM participant") == [
        ("Dr. Ana Ruiz", "Superintendent")
    ]
    # The screen, the board copy and the command line all say it as typed.
    assert window.windowTitle().startswith("Winter 2026 review — Lindsay & <b>Unified</b> SD")
    cover = pdf_text(stored_record(data_dir, first), playbook, pages=1)
    assert "Lindsay & <b>Unified</b> SD" in cover
    assert "Kentucky · rural · 1,850 students" in cover
    out = cli_agenda(data_dir, "--assessment", str(first))
    assert out.startswith("Prioritized action agenda: Lindsay & <b>Unified</b> SD (Kentucky)\n")
    assert "Winter 2026 review, December 5, 2026" in out

    # Every other locale, by mouse, through File > New assessment: each one is stored as the
    # enum's value and printed. Each gets a state of its own, also chosen by clicking.
    states = ["TX", "AK", "PR", "WY"]
    for (text, locale), state in zip(LOCALES[2:] + LOCALES[:1], states, strict=True):
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        dialog = open_dialog(qtbot, window, NewAssessmentDialog)
        dform = dialog.form
        combo_by_click(qtbot, dform.state, list(STATES).index(state))
        combo_by_click(qtbot, dform.district_locale, [t for t, _ in LOCALES].index(text))
        retype(qtbot, dform.label, f"{text} review")
        retype(qtbot, dform.district_size, f"{text} size")
        click(qtbot, dialog.create_button)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
        record = window.session.record
        assert record is not None and record.assessment.label == f"{text} review"
        assert record.assessment.id is not None
        stored = _district_row(data_dir, record.assessment.id)
        assert stored == (
            "Lindsay & <b>Unified</b> SD",
            state,
            None if locale is None else locale.value,
            f"{text} size",
        )
        profile = " · ".join(
            [state_name(state), *([locale.value] if locale else []), f"{text} size"]
        )
        assert profile in pdf_text(stored_record(data_dir, record.assessment.id), playbook, 1)
    assert db_rows(data_dir, "SELECT COUNT(*) FROM assessment") == [(5,)]


def test_every_state_and_territory_in_the_form_is_the_one_stored(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow, data_dir: Path
) -> None:
    window = open_window(store)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(qtbot, window, NewAssessmentDialog)
    form = dialog.form
    codes = list(STATES)
    # Every entry, walked with the Down key: the form hands back that state's code.
    combo_by_keys(qtbot, form.state, 0)
    for index, code in enumerate(codes):
        assert form.state.currentText() == STATES[code]
        assert form.value().district.state == code
        if index < len(codes) - 1:
            qtbot.keyClick(form.state, Qt.Key.Key_Down)
    # And the last one, clicked, is what the file holds after Return creates it.
    combo_by_click(qtbot, form.state, 0)
    combo_by_click(qtbot, form.state, len(codes) - 1)
    retype(qtbot, form.label, "Territory review")
    press(qtbot, form.label, RETURN)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    record = window.session.record
    assert record is not None and record.assessment.id is not None
    assert _district_row(data_dir, record.assessment.id)[1] == codes[-1]


def test_team_mode_by_keys_and_return_from_any_field(
    qtbot: QtBot, data_dir: Path, open_window: OpenWindow
) -> None:
    store = Store.open(data_dir)
    window = open_window(store)
    welcome = window.welcome
    assert welcome is not None
    form = welcome.form
    # Return on an incomplete form says what is missing and goes there; nothing is created.
    press(qtbot, form.role, RETURN)
    assert window.session.record is None
    assert form.district_name.hasFocus()
    shown = [error.text() for error in form._errors.values() if error.isVisible()]
    assert "Enter the district's name." in shown
    retype(qtbot, form.district_name, "Cedar Valley USD")
    combo_by_keys(qtbot, form.state, list(STATES).index("OR"))
    retype(qtbot, form.your_name, "Alex Rivera")
    toggle(qtbot, form.team, by_key=False)
    assert form.is_team
    name, role, _remove = form.team_rows.rows[0]
    retype(qtbot, name, "Jordan Lee")
    retype(qtbot, role, "Principal")
    toggle(qtbot, form.solo, by_key=False)
    assert not form.is_team
    toggle(qtbot, form.team, by_key=True)
    assert form.is_team
    # Return in a team member's role field creates the team assessment.
    press(qtbot, role, RETURN)
    record = window.session.record
    assert record is not None and record.assessment.id is not None
    assert db_rows(data_dir, "SELECT mode FROM assessment") == [("team",)]
    assert db_rows(data_dir, "SELECT name, role FROM participant ORDER BY position") == [
        ("Alex Rivera", ""),
        ("Jordan Lee", "Principal"),
    ]
    assert _district_row(data_dir, record.assessment.id)[:3] == ("Cedar Valley USD", "OR", None)
