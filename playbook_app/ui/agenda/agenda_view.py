"""The Agenda screen: every key action by bucket, editable in place, sized to the district."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.agenda import Agenda, AgendaItem, Bucket
from playbook_app.domain.assessment import CAPACITY_RANGE, AssessmentRecord
from playbook_app.reports.agenda_sections import (
    NOT_APPLICABLE_KEY,
    UNANSWERED_KEY,
    Section,
    agenda_sections,
)
from playbook_app.storage import StorageError
from playbook_app.ui.agenda.agenda_card import AgendaCard
from playbook_app.ui.agenda.agenda_commands import AgendaEntryCommand
from playbook_app.ui.session.commands import CapacityCommand
from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.agenda_screen import AgendaScreen
from playbook_app.ui.widgets.controls import section_heading, text_label
from playbook_app.ui.widgets.scroll_page import relayout, scrolling_column

CONTENT_MAX_WIDTH = 1000
__all__ = ["NOT_APPLICABLE_KEY", "UNANSWERED_KEY", "AgendaView"]


class _Section(QWidget):
    """A bucket's heading, its rule in one sentence, and "none" while it is empty."""

    def __init__(self, title: str, intro: str, empty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 14, 0, 2)
        layout.setSpacing(2)
        self.heading = section_heading(title, self)
        layout.addWidget(self.heading)
        layout.addWidget(text_label(intro, muted=True, scale=0.95, parent=self))
        self.empty = text_label(empty, muted=True, parent=self)
        layout.addWidget(self.empty)

    def set_count(self, count: int) -> None:
        self.heading.setText(f"{self.title} · {count}")
        self.empty.setVisible(count == 0)


class AgendaView(AgendaScreen):
    """Every key action by bucket, as the session's Agenda lists them."""

    actionRequested = Signal(str)  # show this key action on the Rate screen

    def __init__(
        self, session: Session, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, parent)
        self._undo = undo_stack
        self._owners = QStringListModel(self)
        self._cards: dict[str, AgendaCard] = {}
        self._order: list[QWidget] = []
        self._commands: list[QPushButton] = []
        self.move_dialog: QWidget | None = None
        self._assessment_uid = ""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area, self._content = scrolling_column(self, CONTENT_MAX_WIDTH)
        outer.addWidget(self.scroll_area)

        column = QVBoxLayout(self._content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            text_label("Prioritized action agenda", bold=True, scale=1.45, heading=True)
        )
        self.summary = text_label("", muted=True)
        column.addWidget(self.summary)
        # Export, Print and Help first, as they sit above everything they act on.
        self._command_row = QHBoxLayout()
        self._command_row.addStretch(1)
        column.addLayout(self._command_row)
        controls = QHBoxLayout()
        capacity_label = QLabel("Key actions the district can &start at once:", self._content)
        self.capacity = QSpinBox(self._content)
        self.capacity.setRange(*CAPACITY_RANGE)
        self.capacity.setKeyboardTracking(False)  # typing "12" must not save 1 first
        self.capacity.setAccessibleName("Key actions the district can start at once")
        self.capacity.setToolTip("Start now (next 90 days) holds at most this many")
        capacity_label.setBuddy(self.capacity)
        self.capacity.valueChanged.connect(self._capacity_chosen)
        controls.addWidget(capacity_label)
        controls.addWidget(self.capacity)
        controls.addStretch(1)
        self._controls = controls
        column.addLayout(controls)
        self.notice = text_label("", muted=True)
        self.notice.setVisible(False)
        column.addWidget(self.notice)

        # Made as the agenda first lists them (reports/agenda_sections.py decides which).
        self._sections: dict[str, _Section] = {}
        self._list = QVBoxLayout()
        self._list.setSpacing(8)
        column.addLayout(self._list)
        column.addStretch(1)

        # Filled before it is first shown, so the first layout already has every card.
        self.refresh()

    def add_command(self, action: QAction, text: str) -> QPushButton:
        """A button beside the capacity that triggers a menu action (export, print, help)."""
        button = QPushButton(text, self._content)
        button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        button.clicked.connect(action.trigger)
        button.setEnabled(action.isEnabled())
        action.enabledChanged.connect(button.setEnabled)
        self._command_row.insertWidget(len(self._commands), button)
        self._commands.append(button)
        self._chain_tabs()
        return button

    # Showing ---------------------------------------------------------------------------

    def show_agenda(self, record: AssessmentRecord, agenda: Agenda) -> None:
        if record.assessment.uid != self._assessment_uid:
            self._assessment_uid = record.assessment.uid
            for card in self._cards.values():
                card.forget_typing()
        self._owners.setStringList(self._owner_names(agenda))

        self.capacity.blockSignals(True)
        self.capacity.setValue(record.district.capacity)
        self.capacity.blockSignals(False)
        ranked = len(agenda.items)
        counted = (
            f"{ranked} key action{'s' if ranked != 1 else ''} ranked in five groups, highest "
            f"priority first within each. Start now holds at most {agenda.capacity} unless the "
            "district moved more there."
            if ranked
            else "No key action is ranked yet: the agenda fills as key actions are answered."
        )
        self.summary.setText(
            f"{record.district.name} · {record.assessment.label}\n"
            f"{counted} Click a title to open it on the Rate screen."
        )
        ignored = ", ".join(
            self._session.playbook.action(a).number for a in agenda.ignored_overrides
        )
        self.notice.setText(
            f"A stored move for {ignored} names a bucket this app does not know; the rules "
            "place it instead."
            if ignored
            else ""
        )
        self.notice.setVisible(bool(ignored))

        order: list[QWidget] = []
        items = {item.action_id: item for item in agenda.all_items()}
        for listed in agenda_sections(record, self._session.playbook, agenda):
            section = self._section(listed)
            section.set_count(len(listed.items))
            order.append(section)
            for content in listed.items:
                card = self._card(items[content.action_id])
                card.set_item(items[content.action_id], content)
                order.append(card)
        if order != self._order:
            while self._list.count():
                self._list.takeAt(0)
            for widget in order:
                self._list.addWidget(widget)
            self._order = order
            self._chain_tabs()
        relayout(self.scroll_area)

    def _section(self, listed: Section) -> _Section:
        section = self._sections.get(listed.key)
        if section is None:
            section = _Section(listed.title, listed.intro, listed.empty_text, self._content)
            self._sections[listed.key] = section
        return section

    def _owner_names(self, agenda: Agenda) -> list[str]:
        record = self._session.record
        names = [p.name for p in record.participants] if record is not None else []
        names += [i.entry.owner.strip() for i in agenda.all_items() if i.entry.owner.strip()]
        return sorted(dict.fromkeys(n for n in names if n), key=str.casefold)

    def _card(self, item: AgendaItem) -> AgendaCard:
        card = self._cards.get(item.action_id)
        if card is None:
            card = AgendaCard(
                self._session, self._undo, item.key_action, self._owners, self._content
            )
            card.actionRequested.connect(self.actionRequested)
            card.moveRequested.connect(self._move_requested)
            card.putBackRequested.connect(self._put_back)
            self._cards[item.action_id] = card
        return card

    def _chain_tabs(self) -> None:
        # Tab follows the screen's order, not the order the cards happened to be made in.
        chain: list[QWidget] = [*self._commands, self.capacity]
        for widget in self._order:
            if isinstance(widget, AgendaCard):
                chain += widget.focus_widgets()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # What tests and other screens ask --------------------------------------------------

    def listed_action_ids(self) -> list[str]:
        """The key actions in the order the screen lists them."""
        return [w.action_id for w in self._order if isinstance(w, AgendaCard)]

    def card(self, action_id: str) -> AgendaCard:
        return self._cards[action_id]

    def listed_sections(self) -> list[tuple[str, list[str]]]:
        """Each section's title and its action ids, in the order the screen lists them."""
        listed: list[tuple[str, list[str]]] = []
        for widget in self._order:
            if isinstance(widget, _Section):
                listed.append((widget.title, []))
            elif isinstance(widget, AgendaCard):
                listed[-1][1].append(widget.action_id)
        return listed

    def section_items(self, key: str) -> list[str]:
        """The action ids listed under one section (a Bucket value, or the two outside ones)."""
        found: list[str] = []
        current = None
        for widget in self._order:
            if isinstance(widget, _Section):
                current = widget
            elif isinstance(widget, AgendaCard) and current is self._sections.get(key):
                found.append(widget.action_id)
        return found

    def commit_text_edits(self) -> None:
        for card in self._cards.values():
            card.commit_text_edits()

    # Editing ---------------------------------------------------------------------------

    def _capacity_chosen(self, value: int) -> None:
        record = self._session.record
        if record is None or value == record.district.capacity:
            return
        old = record.district.capacity
        try:
            self._session.update_details(record.district._replace(capacity=value))
        except StorageError as error:
            self.capacity.blockSignals(True)
            self.capacity.setValue(record.district.capacity)
            self.capacity.blockSignals(False)
            self._capacity_failed(str(error))
            return
        self._undo.push(CapacityCommand(self._session, old, value, self._capacity_failed))

    def _capacity_failed(self, reason: str) -> None:
        from playbook_app.ui.widgets.errors import show_error

        show_error(self, "The capacity was not changed", reason)

    def _move_requested(self, action_id: str) -> None:
        from playbook_app.ui.agenda.agenda_move import MoveDialog

        self.commit_text_edits()
        dialog = MoveDialog(self._session.agenda().item(action_id), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.moveChosen.connect(self._move)
        self.move_dialog = dialog
        dialog.open()

    def _move(self, action_id: str, bucket: Bucket, reason: str) -> None:
        old = self._session.agenda_entry(action_id)
        new = old._replace(bucket=bucket.value, bucket_reason=reason)
        number = self._session.playbook.action(action_id).number
        self._undo.push(
            AgendaEntryCommand(self._session, old, new, f"move of {number} to {bucket.label}")
        )
        self._reveal(action_id)

    def _put_back(self, action_id: str) -> None:
        old = self._session.agenda_entry(action_id)
        new = old._replace(bucket=None, bucket_reason="")
        number = self._session.playbook.action(action_id).number
        self._undo.push(AgendaEntryCommand(self._session, old, new, f"putting back {number}"))
        card = self._cards[action_id]
        card.move_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._reveal(action_id)

    def _reveal(self, action_id: str) -> None:
        # After the layout has placed the card in its new section.
        card = self._cards[action_id]
        QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(card, 50, 80))
