"""Assessments over time: a second assessment, switching between them, the first-run form, Help."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from playbook_app import __version__
from playbook_app.domain.assessment import Stage
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.assessments.new_assessment_dialog import NewAssessmentDialog
from playbook_app.ui.assessments.open_dialog import OpenAssessmentDialog
from playbook_app.ui.shell.help import AboutDialog, RatingHelpDialog
from playbook_app.ui.shell.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


def _unnamed(widget: QWidget) -> list[str]:
    return [
        type(child).__name__
        for child in widget.findChildren(QWidget)
        if isinstance(child, QAbstractButton | QComboBox | QLineEdit)
        and not isinstance(child.parent(), QComboBox)
        and child.parent() is not None
        and type(child.parent()).__name__ != "QDateEdit"
        and not child.accessibleName().strip()
    ]


def test_a_second_assessment_and_switching_back(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow, playbook: Playbook
) -> None:
    window = open_window(store)
    qtbot.keyClick(window, Qt.Key.Key_3)  # one answer on the first assessment
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(NewAssessmentDialog)
    assert dialog is not None and dialog.isVisible()
    assert _unnamed(dialog) == []
    # The same district and person carry over; the label is new.
    assert dialog.form.district_name.text() == "Cedar Valley USD"
    assert dialog.form.state.value() == "KY"
    assert dialog.form.your_name.text() == "Dr. Ana Ruiz"
    dialog.form.label.clear()
    assert not dialog.create_button.isEnabled()
    qtbot.keyClicks(dialog.form.label, "Spring 2027 follow-up")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    record = window.session.record
    assert record is not None and record.assessment.label == "Spring 2027 follow-up"
    assert record.district.id is not None
    assert record.district.id == store.load(assessment_id).district.id  # same district
    assert window.progress.label.text() == "0 of 20 key actions answered"
    assert window.current_action_id == playbook.action_ids[0]
    assert "Spring 2027 follow-up" in window.windowTitle()
    assert not window.undo_stack.canUndo()  # undo never reaches into another assessment

    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    chooser = window.findChild(OpenAssessmentDialog)
    assert chooser is not None and chooser.isVisible()
    rows = {
        chooser.model.item(row, 0).text(): chooser.model.item(row, 4).text()
        for row in range(chooser.model.rowCount())
    }
    assert rows == {
        "Spring 2027 follow-up  (open now)": "0 of 20 answered",
        "Fall 2026 readiness review": "1 of 20 answered",
    }
    older = next(
        row
        for row in range(chooser.model.rowCount())
        if chooser.model.item(row, 0).text() == "Fall 2026 readiness review"
    )
    chooser.table.selectRow(older)
    qtbot.mouseClick(chooser.open_button, Qt.MouseButton.LeftButton)

    record = window.session.record
    assert record is not None and record.assessment.id == assessment_id
    assert window.progress.label.text() == "1 of 20 key actions answered"
    assert window.current_action_id == playbook.action_ids[1]  # where we left it


def test_the_first_run_form_validates_gently(
    qtbot: QtBot, store: Store, open_window: OpenWindow
) -> None:
    window = open_window(store)
    welcome = window.welcome
    assert welcome is not None
    assert _unnamed(welcome) == []
    form = welcome.form
    # Nothing shouts before the user has touched a field.
    assert not any(error.isVisible() for error in form._errors.values())
    assert form.missing.isVisible()
    assert form.label.text() == f"{_season(date.today())} {date.today().year} readiness review"

    qtbot.keyClicks(form.district_name, "X")
    form.district_name.clear()
    qtbot.keyClick(form.district_name, Qt.Key.Key_Backspace)
    assert form._errors["district"].isVisible()
    assert form._errors["district"].text() == "Enter the district's name."

    # The suggested label follows the date until the user writes their own.
    form.date.setDate(QDate(2027, 4, 2))
    assert form.label.text() == "Spring 2027 readiness review"
    qtbot.keyClicks(form.label, " (board)")
    form.date.setDate(QDate(2027, 10, 2))
    assert form.label.text() == "Spring 2027 readiness review (board)"
    assert not welcome.create_button.isEnabled()


def _season(day: date) -> str:
    return {12: "Winter", 1: "Winter", 2: "Winter", 3: "Spring", 4: "Spring", 5: "Spring"}.get(
        day.month, "Summer" if day.month in (6, 7, 8) else "Fall"
    )


def test_help_explains_the_scale_and_about_names_the_data_and_credit(
    qtbot: QtBot, store: Store, assessment_id: int, open_window: OpenWindow, playbook: Playbook
) -> None:
    window = open_window(store)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    help_dialog = window.findChild(RatingHelpDialog)
    assert help_dialog is not None and help_dialog.isVisible()  # non-modal: rating goes on
    browser = help_dialog.findChild(QTextBrowser)
    assert browser is not None
    text = browser.toPlainText()
    for stage in Stage:
        assert stage.label in text and stage.descriptor in text
    assert "Neither unsure nor not applicable lowers or raises any score" in text
    assert "Ctrl+Right" in text and "5 or U" in text

    window.menu_actions.about.trigger()
    about = window.findChild(AboutDialog)
    assert about is not None and about.isVisible()
    about_text = about.findChild(QLabel).text()
    assert __version__ in about_text
    assert str(store.path.parent) in about_text
    assert "Alliance for Learning Innovation" in about_text
    assert "offline" in about_text


def test_open_on_an_empty_folder_says_there_is_nothing_to_open(
    qtbot: QtBot, store: Store, open_window: OpenWindow
) -> None:
    from playbook_app.ui.assessments.assessment_flows import NO_ASSESSMENTS

    window = open_window(store)
    assert window.welcome is not None
    window.menu_actions.open_assessment.trigger()
    assert window.findChild(OpenAssessmentDialog) is None  # no empty list to puzzle over
    assert window.statusBar().currentMessage() == NO_ASSESSMENTS
