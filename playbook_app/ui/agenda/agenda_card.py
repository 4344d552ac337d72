"""One agenda item on screen: rank, title, stage and why, its editable line, suggested steps."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.agenda import AgendaItem, Bucket
from playbook_app.domain.assessment import AgendaEntry, Status
from playbook_app.domain.limits import NAME_MAX, NEXT_STEP_MAX
from playbook_app.domain.playbook import KeyAction
from playbook_app.reports.agenda_sections import STEPS_LABEL, ItemContent
from playbook_app.reports.labels import parse_iso
from playbook_app.ui.agenda.agenda_commands import AgendaEntryCommand, AgendaMerge
from playbook_app.ui.session.commands import same_content
from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.accessibility import FieldError, describe_field
from playbook_app.ui.widgets.controls import ChoiceBox, text_label
from playbook_app.ui.widgets.link_button import LinkButton
from playbook_app.ui.widgets.text_commit import TextCommitter
from playbook_app.ui.widgets.theme import Tone, set_tone

DATE_HINT = "YYYY-MM-DD"
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def read_date(text: str) -> str | None:
    """A typed target date as ISO: "" for none, None when it is not a real date.

    Besides 2027-03-15, the US form 3/15/2027 is accepted, as people type it.
    """
    text = text.strip()
    if not text:
        return ""
    day = parse_iso(text)
    if day is not None:
        return day.isoformat()
    match = _US_DATE.match(text)
    if match:
        try:
            return date(int(match[3]), int(match[1]), int(match[2])).isoformat()
        except ValueError:
            return None
    return None


def date_error(text: str) -> str:
    return (
        f"“{text.strip()}” is not a date. Type it as {DATE_HINT} (2027-03-15) or as "
        "3/15/2027. The target date was not changed."
    )


PAST_DATE_NOTE = "This date has already passed. It is kept; change it if that was a slip."


def is_past(iso: str, today: date | None = None) -> bool:
    day = parse_iso(iso) if iso else None
    return day is not None and day < (today or date.today())


def _show(field: TextCommitter, stored: str) -> None:
    # Typing not yet handed over stays; so do spaces being typed (saved text is trimmed).
    if not field.dirty and field.text().strip() != stored.strip():
        field.set_text(stored)


class AgendaCard(QFrame):
    """Shows one AgendaItem; owner, date, next step and status save as they are edited."""

    actionRequested = Signal(str)  # open this key action on the Rate screen
    moveRequested = Signal(str)
    putBackRequested = Signal(str)
    date_error: FieldError  # made below the date field, cleared as soon as it is edited

    def __init__(
        self,
        session: Session,
        undo_stack: QUndoStack,
        action: KeyAction,
        owners: QAbstractItemModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._undo = undo_stack
        self._action = action
        self._item: AgendaItem | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"agenda-{action.id}")
        name = f"{action.number} {action.title}"
        self.setAccessibleName(f"Agenda item {name}")

        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 12, 10)
        row.setSpacing(10)
        self.rank = text_label("", wrap=False, bold=True, scale=1.3)
        self.rank.setMinimumWidth(self.rank.fontMetrics().horizontalAdvance("000"))
        self.rank.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.rank, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(4)
        row.addLayout(column, 1)

        self.title = LinkButton(f"{action.number}  {action.title}", scale=1.1, parent=self)
        self.title.setAccessibleName(f"{name}: open it on the Rate screen")
        self.title.setToolTip("Open this key action on the Rate screen")
        self.title.clicked.connect(lambda: self.actionRequested.emit(action.id))
        column.addWidget(self.title)
        self.stage = text_label("", muted=True)
        column.addWidget(self.stage)
        why_row = QHBoxLayout()
        self.why = text_label("", selectable=True)
        self.why.setAccessibleDescription(f"Why {action.number} is here")
        why_row.addWidget(self.why, 1)
        self.put_back = QPushButton("Put back", self)
        self.put_back.setAccessibleName(f"Put {action.number} back where the rules place it")
        self.put_back.setToolTip("Undo the move: the rules place it again")
        self.put_back.clicked.connect(lambda: self.putBackRequested.emit(action.id))
        why_row.addWidget(self.put_back, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(why_row)

        self.move_button = QPushButton("Move to another bucket…", self)
        self.move_button.setAccessibleName(f"Move {action.number} to another bucket")
        self.move_button.clicked.connect(lambda: self.moveRequested.emit(action.id))
        self.editors = QWidget(self)
        column.addWidget(self.editors)
        self._build_editors(self.editors, action, owners)

        self.steps_heading = text_label(STEPS_LABEL, bold=True, scale=0.9)
        self.steps_heading.setContentsMargins(0, 6, 0, 0)
        column.addWidget(self.steps_heading)
        self.steps = text_label("", selectable=True, scale=0.95)
        self.steps.setAccessibleDescription(f"Suggested next steps for {action.number}")
        column.addWidget(self.steps)

    def _build_editors(self, host: QWidget, action: KeyAction, owners: QAbstractItemModel) -> None:
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        number = action.number

        self.owner = QLineEdit(host)
        self.owner.setAccessibleName(f"Owner of {number}")
        self.owner.setPlaceholderText("Who carries it")
        self.owner.setMaxLength(NAME_MAX)
        completer = QCompleter(owners, self.owner)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.owner.setCompleter(completer)
        self._owner_text = TextCommitter(self.owner, self, limit=NAME_MAX)
        self._owner_text.committed.connect(self._owner_committed)
        self._owner_text.editing.connect(self._session.mark_editing)

        self.target_date = QLineEdit(host)
        self.target_date.setAccessibleName(f"Target date of {number} ({DATE_HINT})")
        self.target_date.setPlaceholderText(DATE_HINT)
        self.target_date.setMaxLength(20)
        self.target_date.setToolTip("A date like 2027-03-15, or 3/15/2027; leave empty for none")
        # Handed over whole (Return, leaving the field, on demand), never mid-typing:
        # "3/1" is not yet the date being typed. Typing hides an old error.
        self._date_text = TextCommitter(self.target_date, self, pause=False)
        self._date_text.committed.connect(self._date_committed)
        self._date_text.editing.connect(lambda: self.date_error.setVisible(False))

        self.status: ChoiceBox[Status] = ChoiceBox(host)
        self.status.setAccessibleName(f"Status of {number}")
        self.status.add_choices((status.label, status) for status in Status)
        self.status.currentIndexChanged.connect(self._status_chosen)

        self.next_step = QLineEdit(host)
        self.next_step.setAccessibleName(f"Next step for {number}")
        self.next_step.setPlaceholderText("The next concrete step, e.g. raise it with the cabinet")
        self.next_step.setMaxLength(NEXT_STEP_MAX)
        self._next_text = TextCommitter(self.next_step, self, limit=NEXT_STEP_MAX)
        self._next_text.committed.connect(self._next_committed)
        self._next_text.editing.connect(self._session.mark_editing)

        for column, (text, field) in enumerate(
            # No mnemonics: twenty cards would share each one.
            (("Owner", self.owner), ("Target date", self.target_date), ("Status", self.status))
        ):
            label = QLabel(text, host)
            label.setBuddy(field)
            grid.addWidget(label, 0, column)
            grid.addWidget(field, 1, column)
            if field is self.target_date:
                self.date_label = label
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.date_error = FieldError(self.target_date, host)
        self.date_error.setAccessibleDescription("Target date problem")
        set_tone(self.date_error, Tone.ERROR)
        self.date_error.setVisible(False)
        grid.addWidget(self.date_error, 2, 0, 1, 3)
        # A past date is allowed (the work may be late), but never taken silently.
        self.date_note = text_label(PAST_DATE_NOTE, scale=0.92, parent=host)
        self.date_note.setAccessibleDescription("Target date note")
        set_tone(self.date_note, Tone.WARNING)
        self.date_note.setVisible(False)
        grid.addWidget(self.date_note, 5, 0, 1, 3)
        next_label = QLabel("Next step", host)
        next_label.setBuddy(self.next_step)
        grid.addWidget(next_label, 3, 0, 1, 2)
        grid.addWidget(self.next_step, 4, 0, 1, 2)
        grid.addWidget(self.move_button, 4, 2)

    # Showing ---------------------------------------------------------------------------

    @property
    def action_id(self) -> str:
        return self._action.id

    @property
    def item(self) -> AgendaItem | None:
        return self._item

    def set_item(self, item: AgendaItem, content: ItemContent) -> None:
        """Show an item, worded as every output words it (reports/agenda_sections.py);
        text being typed (not yet handed over) is left as it is."""
        self._item = item
        entry = item.entry
        self.rank.setText(content.rank)
        self.rank.setAccessibleName(f"Rank {item.rank}" if item.rank is not None else "Not ranked")
        self.stage.setText(f"Stage: {content.stage} · Recommendation {content.recommendation}")
        label, why = content.why
        self.why.setText(f"↪ {why}" if content.moved else " ".join(filter(None, (label, why))))
        # A move stands out in colour as well as by its arrow and words.
        set_tone(self.why, Tone.WARNING if item.moved else None)
        self.put_back.setVisible(item.moved)
        # A find-out item's task is "find out by" its date; its label says so.
        when = "Find out by" if item.bucket is Bucket.FIND_OUT else "Target date"
        self.date_label.setText(when)
        self.target_date.setAccessibleName(f"{when} for {self._action.number} ({DATE_HINT})")

        listed = content.listed
        self.editors.setVisible(listed)
        _show(self._owner_text, entry.owner)
        _show(self._next_text, entry.next_step)
        if not self.date_error.isVisible() and not self._date_text.dirty:
            self._date_text.set_text(entry.target_date)
        self._show_past(entry.target_date)
        self.status.blockSignals(True)
        self.status.set_value(entry.status)
        self.status.blockSignals(False)

        shown = listed and item.bucket is not Bucket.SUSTAIN
        self.steps_heading.setVisible(shown)
        self.steps.setVisible(shown)
        if shown:
            lines = [f"• {step}" for step in content.steps]
            self.steps.setText("\n".join(lines) or "Every how-step is already done.")

    def forget_typing(self) -> None:
        """Another assessment is shown: a half-typed date or its error belongs to the old one."""
        self.date_error.setVisible(False)
        self._date_text.forget()

    def focus_widgets(self) -> list[QWidget]:
        """The card's controls in reading order, for the screen's tab chain."""
        widgets: list[QWidget] = [self.title]
        if self._item is not None and self._item.moved:
            widgets.append(self.put_back)
        if self._item is not None and self._item.bucket is not None:
            widgets += [self.owner, self.target_date, self.status, self.next_step]
            widgets.append(self.move_button)
        return widgets

    # Editing ---------------------------------------------------------------------------

    def commit_text_edits(self) -> None:
        """Hand over whatever is being typed (before closing, exporting or printing)."""
        for field in (self._owner_text, self._date_text, self._next_text):
            field.end_burst()

    def _date_committed(self, typed: str) -> None:
        value = read_date(typed)
        if value is None:
            self.date_error.setText(date_error(typed))
            self.date_error.setVisible(True)
            return
        self.date_error.setVisible(False)
        if value != typed:
            self._date_text.set_text(value)
        self._show_past(value)
        self._edit(f"target date of {self._action.number}", target_date=value)

    def _show_past(self, iso: str) -> None:
        past = is_past(iso)
        self.date_note.setVisible(past)
        describe_field(self.target_date, PAST_DATE_NOTE if past else "")

    def _owner_committed(self, text: str) -> None:
        self._edit(
            f"owner of {self._action.number}",
            AgendaMerge.OWNER,
            self._owner_text.burst,
            owner=text.strip(),
        )

    def _next_committed(self, text: str) -> None:
        self._edit(
            f"next step of {self._action.number}",
            AgendaMerge.NEXT_STEP,
            self._next_text.burst,
            next_step=text.strip(),
        )

    def _status_chosen(self, _index: int) -> None:
        status = self.status.value()
        if status is None:
            return
        self._edit(f"status of {self._action.number}", status=status)

    def _edit(
        self, what: str, merge: AgendaMerge = AgendaMerge.NONE, burst: int = 0, **changes: object
    ) -> None:
        old = self._session.agenda_entry(self._action.id)
        new: AgendaEntry = old._replace(**changes)  # type: ignore[arg-type]
        if same_content(old, new):
            self._session.end_editing()
            return
        self._undo.push(AgendaEntryCommand(self._session, old, new, what, merge, burst))
