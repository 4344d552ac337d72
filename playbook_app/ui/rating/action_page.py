"""The key-action page: what the playbook asks, and where the district stands on it."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.assessment import AnswerKind, Response, Stage
from playbook_app.domain.limits import NOTE_MAX, REASON_MAX
from playbook_app.domain.playbook import KeyAction
from playbook_app.ui.rating.checklist import StepChecklist
from playbook_app.ui.rating.details_panel import DetailsPanel
from playbook_app.ui.rating.last_time_panel import LastTimePanel
from playbook_app.ui.rating.reference_panel import ReferencePanel
from playbook_app.ui.rating.stage_picker import StagePicker
from playbook_app.ui.session.commands import MergeKind, ResponseCommand, is_change
from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.char_counter import character_counter
from playbook_app.ui.widgets.controls import rule, section_heading, text_label
from playbook_app.ui.widgets.scroll_page import scrolling_column
from playbook_app.ui.widgets.text_commit import TextCommitter
from playbook_app.ui.widgets.wording import NOTES_WHERE

CONTENT_MAX_WIDTH = 920  # long lines are hard to read; wide windows get margins instead
KEYS_HINT = (
    "Keys: 1–4 choose a stage · 5 or U unsure · 6 or N not applicable · "
    "Ctrl+→ next · Ctrl+← previous"
)


class ActionPage(QWidget):
    """Shows one key action at a time; every edit becomes an undoable command."""

    stepRequested = Signal(int)  # -1 previous, +1 next

    def __init__(
        self, session: Session, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._undo = undo_stack
        self._action: KeyAction | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroll_area, content = scrolling_column(self, CONTENT_MAX_WIDTH)
        # The page is taller than most screens. A scroll bar that appears only once the
        # page is laid out narrows it and makes every wrapped label measure itself again:
        # half the cost of showing the window. Kept in place, the width never changes.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(rule(self))
        outer.addWidget(self._build_nav_bar())
        self._build_content(content)

        self._session.responseChanged.connect(self._response_changed)
        # A hand-over in team mode: the page shows the next rater's own answers only.
        self._session.participantChanged.connect(lambda _uid: self._refresh(reload_text=True))
        # A new state in the district profile brings that state's programs.
        self._session.districtChanged.connect(self._show_references)

    # Building -----------------------------------------------------------------------

    def _build_content(self, content: QWidget) -> None:
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self._breadcrumb = text_label("", muted=True, scale=0.92)
        self._rec_title = text_label("", bold=True, scale=1.05)
        self._rec_summary = text_label("", muted=True)
        self._action_title = text_label("", bold=True, scale=1.45, selectable=True, heading=True)
        self._action_title.setContentsMargins(0, 10, 0, 0)
        self._action_text = text_label("", scale=1.05, selectable=True)
        for widget in (self._breadcrumb, self._rec_title, self._rec_summary):
            layout.addWidget(widget)
        layout.addWidget(rule(content))
        layout.addWidget(self._action_title)
        layout.addWidget(self._action_text)

        layout.addWidget(section_heading("How: the playbook's steps"))
        self.checklist = StepChecklist(content)
        self.checklist.stepsChanged.connect(self._steps_changed)
        layout.addWidget(self.checklist)

        self._stage_heading = section_heading("Where does your district stand today?")
        layout.addWidget(self._stage_heading)
        self.picker = StagePicker(content)
        self.picker.answerChosen.connect(self._answer_chosen)
        layout.addWidget(self.picker)
        layout.addWidget(text_label(KEYS_HINT, muted=True, scale=0.85))
        self.last_time = LastTimePanel(content)
        self.last_time.keepRequested.connect(self.keep_last_answer)
        layout.addWidget(self.last_time)
        self.picker.reason.setMaxLength(REASON_MAX)
        self._reason = TextCommitter(self.picker.reason, self, limit=REASON_MAX)
        self._reason.committed.connect(self._reason_committed)
        self._reason.editing.connect(self._session.mark_editing)
        self.picker.reason.stepRequested.connect(self.stepRequested)

        layout.addWidget(section_heading("Priorities for this year"))
        self.details = DetailsPanel(content)
        self.details.fieldChosen.connect(self._field_chosen)
        layout.addWidget(self.details)

        notes_heading = section_heading("Notes")
        layout.addWidget(notes_heading)
        self.notes = QPlainTextEdit(content)
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("What you see, who to ask, what to try.")
        # Tab moves on, so keyboard users are never trapped in the notes.
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(110)
        notes_heading.setBuddy(self.notes)
        layout.addWidget(self.notes)
        self.notes_count = character_counter(self.notes, NOTE_MAX, content)
        layout.addWidget(self.notes_count)
        self.notes_where = text_label(NOTES_WHERE, muted=True, scale=0.92)
        self.notes_where.setAccessibleDescription("Where notes go")
        layout.addWidget(self.notes_where)
        self._notes = TextCommitter(self.notes, self, limit=NOTE_MAX)
        self._notes.committed.connect(self._note_committed)
        self._notes.editing.connect(self._session.mark_editing)

        self.references = ReferencePanel(content)
        layout.addWidget(self.references)
        layout.addStretch(1)

    def _build_nav_bar(self) -> QWidget:
        bar = QWidget(self)
        row = QHBoxLayout(bar)
        row.setContentsMargins(16, 8, 16, 8)
        self.previous_button = QPushButton("← Previous", bar)
        self.previous_button.setAccessibleName("Previous key action")
        self.previous_button.clicked.connect(lambda: self.stepRequested.emit(-1))
        self._position = text_label("", wrap=False, muted=True)
        self.next_button = QPushButton("Next key action →", bar)
        self.next_button.setAccessibleName("Next key action")
        self.next_button.clicked.connect(lambda: self.stepRequested.emit(1))
        self.next_button.setMinimumWidth(180)
        row.addWidget(self.previous_button)
        row.addStretch(1)
        row.addWidget(self._position)
        row.addStretch(1)
        row.addWidget(self.next_button)
        return bar

    # Showing -------------------------------------------------------------------------

    @property
    def current_action_id(self) -> str | None:
        return None if self._action is None else self._action.id

    def show_action(self, action_id: str) -> None:
        """Switch to another key action, handing over any typing on the one being left."""
        self.commit_text_edits()
        playbook = self._session.playbook
        action = playbook.action(action_id)
        rec = playbook.recommendation_of(action_id)
        self._action = action
        position = playbook.position(action_id)
        total = len(playbook.action_ids)
        self._breadcrumb.setText(
            f"Recommendation {rec.number} of {len(playbook.recommendations)} · "
            f"Key action {action.number} ({position + 1} of {total})"
        )
        self._rec_title.setText(f"Recommendation {rec.number}. {rec.title}")
        self._rec_summary.setText(rec.summary)
        self._action_title.setText(f"{action.number}  {action.title}")
        self._action_text.setText(action.text)
        self._position.setText(f"Key action {position + 1} of {total}")
        self.previous_button.setEnabled(position > 0)
        self.next_button.setEnabled(position < total - 1)
        self.checklist.set_action(action)
        self._show_references()
        self._refresh(reload_text=True)
        self._update_tab_order()
        self.scroll_area.verticalScrollBar().setValue(0)

    def _show_references(self) -> None:
        if self._action is None:
            return
        record = self._session.record
        state = record.district.state if record is not None else ""
        programs = self._session.playbook.programs_for(state, self._action.id)
        self.references.set_action(self._action, programs)

    def _refresh(self, reload_text: bool = False) -> None:
        if self._action is None:
            return
        response = self._session.response(self._action.id)
        self.last_time.set_last_time(self._session.last_time(self._action.id))
        self.picker.set_response(response)
        self.checklist.set_done(response.steps_done, response.rated_stage)
        self.details.set_response(response, self._action.default_control)
        for committer, text in ((self._notes, response.note), (self._reason, response.reason)):
            if reload_text or not committer.dirty:
                committer.set_text(text)
        # Once answered, Next is the obvious move; the page itself never jumps ahead.
        font = QFont(self.next_button.font())
        font.setBold(response.answered)
        self.next_button.setFont(font)
        self.setEnabled(self._session.participant_uid is not None)

    def _response_changed(self, action_id: str) -> None:
        if self._action is not None and action_id == self._action.id:
            self._refresh()

    def _update_tab_order(self) -> None:
        chain: list[QWidget] = [box.box for box in self.checklist.checks()]
        chain += self.picker.cards()
        chain.append(self.picker.reason)
        chain += self.details.focus_widgets()
        chain += [self.notes, self.previous_button, self.next_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def focus_rating(self) -> None:
        self.picker.focus_choice()

    def reveal_rating(self) -> None:
        self.scroll_area.ensureWidgetVisible(self._stage_heading, 0, 120)
        self.scroll_area.ensureWidgetVisible(self.picker, 0, 24)

    # Editing ---------------------------------------------------------------------------

    def commit_text_edits(self) -> None:
        """Hand over typing in the notes and reason fields now (navigation, undo, close)."""
        self._notes.end_burst()
        self._reason.end_burst()

    def apply_answer(self, kind: AnswerKind, stage: Stage | None) -> None:
        """Record an answer for the key action on screen (cards and number keys both land here)."""
        if self._action is None or self._session.participant_uid is None:
            return
        number = self._action.number
        if kind is AnswerKind.RATED and stage is not None:
            text = f"Rate {number} {stage.label}"
        else:
            text = f"Mark {number} {kind.label.split(',')[0].lower()}"
        self._push(self._current().with_changes(answer=kind, stage=stage), text)
        if kind is AnswerKind.NOT_APPLICABLE and not self.picker.reason.text().strip():
            # The page asks for a reason, so the cursor goes where it is typed.
            self.picker.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def keep_last_answer(self) -> None:
        """Give the answer of last time again (the `K` key): one undoable change, like any."""
        last = self.last_time.last
        keep = last.keepable if last is not None else None
        if self._action is None or keep is None or self._session.participant_uid is None:
            return
        kind, stage, reason = keep
        words = stage.label if stage is not None else kind.label.split(",")[0].lower()
        new = self._current().with_changes(answer=kind, stage=stage)
        if kind is AnswerKind.NOT_APPLICABLE and not new.reason.strip():
            new = new.with_changes(reason=reason)
        self._push(new, f"Keep {self._action.number} {words} as last time")

    def clear_answer(self) -> None:
        if self._action is not None:
            self._push(
                self._current().with_changes(answer=None, stage=None),
                f"Clear answer on {self._action.number}",
            )

    def _answer_chosen(self, kind: AnswerKind, stage: Stage | None) -> None:
        self.apply_answer(kind, stage)

    def _steps_changed(self, done: frozenset[str]) -> None:
        if self._action is not None:
            self._push(
                self._current().with_changes(steps_done=done),
                f"Tick steps on {self._action.number}",
            )

    def _field_chosen(self, field: str, value: object) -> None:
        if self._action is not None:
            self._push(
                self._current().with_changes(**{field: value}),
                f"Set {field} on {self._action.number}",
            )

    def _note_committed(self, text: str) -> None:
        if self._action is not None:
            self._push(
                self._current().with_changes(note=text),
                f"Edit notes on {self._action.number}",
                MergeKind.NOTE,
                self._notes.burst,
            )

    def _reason_committed(self, text: str) -> None:
        if self._action is not None:
            self._push(
                self._current().with_changes(reason=text),
                f"Edit reason on {self._action.number}",
                MergeKind.REASON,
                self._reason.burst,
            )

    def _current(self) -> Response:
        assert self._action is not None
        return self._session.response(self._action.id)

    def _push(
        self, new: Response, text: str, merge: MergeKind = MergeKind.NONE, burst: int = 0
    ) -> None:
        old = self._current()
        if self._session.participant_uid is None or not is_change(old, new):
            self._session.end_editing()
            self._refresh()  # re-show the stored answer
            return
        self._undo.push(ResponseCommand(self._session, old, new, text, merge, burst))
