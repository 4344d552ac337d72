"""The Participants window: add, rename or change the role of, and remove the people of a team."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.assessment import Mode, Participant
from playbook_app.domain.limits import NAME_MAX as MAX_TEXT
from playbook_app.storage import StorageError, new_uid
from playbook_app.ui.session.session import Session
from playbook_app.ui.team.rater_bar import UID_ROLE
from playbook_app.ui.widgets.controls import section_heading, text_label
from playbook_app.ui.widgets.errors import message_box
from playbook_app.ui.widgets.participant_rows import name_key
from playbook_app.ui.widgets.theme import Tone, set_tone
from playbook_app.ui.widgets.wording import person_text


class ParticipantsDialog(QDialog):
    """Non-blocking; every change is written at once through the session.

    Adding a second person to a solo assessment makes it a team assessment.
    ``aboutToRemove`` lets the window hand over any typing (and drop undo steps that
    would reach into the answers) before someone's answers go.
    """

    aboutToRemove = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.confirm: QMessageBox | None = None
        self.setWindowTitle("Participants")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        self.intro = text_label("", muted=True)
        layout.addWidget(self.intro)
        self.people = QListWidget(self)
        self.people.setAccessibleName("Participants")
        self.people.currentItemChanged.connect(lambda *_a: self._selection_changed())
        layout.addWidget(self.people, 1)

        layout.addWidget(section_heading("Selected participant"))
        edit_form = QFormLayout()
        self.name = self._line_edit("Name", "Name of the selected participant")
        self.role = self._line_edit(
            "e.g. Chief Academic Officer", "Role of the selected participant"
        )
        edit_form.addRow("&Name", self.name)
        edit_form.addRow("R&ole", self.role)
        layout.addLayout(edit_form)
        row = QHBoxLayout()
        self.save_button = QPushButton("&Save changes", self)
        self.save_button.setAccessibleName("Save changes to the selected participant")
        self.save_button.clicked.connect(self._save)
        self.remove_button = QPushButton("&Remove…", self)
        self.remove_button.setAccessibleName("Remove the selected participant")
        self.remove_button.clicked.connect(self._ask_remove)
        row.addWidget(self.save_button)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        for edit in (self.name, self.role):
            edit.textChanged.connect(self._update_buttons)
            edit.returnPressed.connect(self._save)

        layout.addWidget(section_heading("Add a participant"))
        add_form = QFormLayout()
        self.new_name = self._line_edit("Name", "Name of the new participant")
        self.new_role = self._line_edit("optional, e.g. Principal", "Role of the new participant")
        add_form.addRow("Na&me", self.new_name)
        add_form.addRow("Ro&le", self.new_role)
        layout.addLayout(add_form)
        self.add_button = QPushButton("&Add participant", self)
        self.add_button.setAccessibleName("Add participant")
        self.add_button.clicked.connect(self._add)
        self.new_name.textChanged.connect(self._update_buttons)
        self.new_name.returnPressed.connect(self._add)
        self.new_role.returnPressed.connect(self._add)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)

        self.error = text_label("")
        set_tone(self.error, Tone.ERROR)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        session.participantsChanged.connect(self.refresh)
        session.assessmentChanged.connect(self.refresh)
        session.districtChanged.connect(self.refresh)
        self.refresh()
        self.resize(520, 620)

    def _line_edit(self, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.setMaxLength(MAX_TEXT)
        return edit

    # Showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        record = self._session.record
        selected = self._selected()
        self.people.clear()
        if record is None:
            return
        team = record.assessment.mode is Mode.TEAM
        self.intro.setText(
            "Each participant rates privately on this computer, one after another (use "
            "Hand over), or on their own laptop and sends a packet. Removing someone "
            "removes their answers too."
            if team
            else "This is a solo assessment. Adding a second person makes it a team "
            "assessment: each person rates privately, then the team agrees a stage."
        )
        ids = self._session.playbook.action_ids
        for person in record.participants:
            answered = record.answered_count(person.uid, ids)
            item = QListWidgetItem(f"{person_text(person)} · {answered} answered", self.people)
            item.setData(UID_ROLE, person.uid)
            if selected is not None and person.uid == selected.uid:
                self.people.setCurrentItem(item)
        if self.people.currentItem() is None and self.people.count():
            self.people.setCurrentRow(0)
        self._selection_changed()

    def _selected(self) -> Participant | None:
        item = self.people.currentItem()
        record = self._session.record
        if item is None or record is None:
            return None
        uid = item.data(UID_ROLE)
        return next((p for p in record.participants if p.uid == uid), None)

    def _selection_changed(self) -> None:
        person = self._selected()
        self.name.setText(person.name if person else "")
        self.role.setText(person.role if person else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        person = self._selected()
        record = self._session.record
        changed = person is not None and (
            self.name.text().strip() != person.name or self.role.text().strip() != person.role
        )
        self.save_button.setEnabled(changed and bool(self.name.text().strip()))
        self.remove_button.setEnabled(
            person is not None and record is not None and len(record.participants) > 1
        )
        self.add_button.setEnabled(bool(self.new_name.text().strip()))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    # Changing ------------------------------------------------------------------------

    def _save(self) -> None:
        person = self._selected()
        name, role = self.name.text().strip(), self.role.text().strip()
        if person is None or not name:
            self._show_error("A participant needs a name." if person is not None else "")
            return
        if (name, role) == (person.name, person.role):
            return
        if self._refuse_repeat(name, person.uid):
            return
        self._change(
            lambda: self._session.update_participant(person._replace(name=name, role=role))
        )

    def _add(self) -> None:
        record = self._session.record
        name, role = self.new_name.text().strip(), self.new_role.text().strip()
        if record is None or not name or self._refuse_repeat(name):
            return
        person = Participant(uid=new_uid(), name=name, role=role)

        def add() -> None:
            self._session.add_participant(person)
            if record.assessment.mode is not Mode.TEAM:
                self._session.update_details(
                    record.district, record.assessment._replace(mode=Mode.TEAM)
                )

        if self._change(add):
            self.new_name.clear()
            self.new_role.clear()
            self.new_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refuse_repeat(self, name: str, uid: str | None = None) -> bool:
        """True (and says why) when someone else on the team already has this name."""
        record = self._session.record
        others = [p.name for p in record.participants if p.uid != uid] if record else []
        same = next((n for n in others if name_key(n) == name_key(name)), None)
        if same is None:
            return False
        self._show_error(
            f"Not changed: “{same}” is already on this team. Give each person a different "
            "name (for example, add an initial), so everyone's answers stay their own."
        )
        return True

    def _ask_remove(self) -> None:
        person = self._selected()
        record = self._session.record
        if person is None or record is None or len(record.participants) < 2:
            return
        answered = record.answered_count(person.uid, self._session.playbook.action_ids)
        answers = (
            f"their {answered} answer{'s' if answered != 1 else ''}"
            if answered
            else ("any answers they give")
        )
        box = message_box(
            self,
            "Remove participant",
            f"Remove {person.name} from this assessment?",
            f"{answers[0].upper()}{answers[1:]} will be removed with them. This cannot be undone.",
            QMessageBox.Icon.Question,
        )
        remove = box.addButton(
            "Remove participant and answers", QMessageBox.ButtonRole.DestructiveRole
        )
        remove.setAccessibleName("Remove participant and answers")
        keep = box.addButton(QMessageBox.StandardButton.Cancel)
        keep.setAccessibleName("Cancel")
        box.setDefaultButton(keep)
        remove.clicked.connect(lambda: self._change(lambda: self._remove(person.uid)))
        self.confirm = box
        box.open()

    def _remove(self, uid: str) -> None:
        self.aboutToRemove.emit()
        self._session.remove_participant(uid)

    def _change(self, change: Callable[[], None]) -> bool:
        try:
            change()
        except (StorageError, ValueError) as error:
            self._show_error(f"Not changed: {error}")
            return False
        self._show_error("")
        return True
