"""The projector view: one key action at a time, large and high-contrast, driven by the keyboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from playbook_app.domain.assessment import Stage
from playbook_app.domain.scoring import Standing
from playbook_app.ui.session.commands import agree
from playbook_app.ui.team.consensus_editor import NOBODY_ANSWERED, anyone_answered
from playbook_app.ui.team.spread_grid import SpreadGrid
from playbook_app.ui.team.team_words import answered_text, flag_text, spread_text, team_stage_text
from playbook_app.ui.widgets import theme
from playbook_app.ui.widgets.controls import text_label
from playbook_app.ui.widgets.keys import STAGE_KEYS

if TYPE_CHECKING:
    from playbook_app.ui.team.team_discussion import TeamDiscussion

# White and a light grey on black, a warm yellow for the flag: all above 10:1 (ui/widgets/theme.py).
BACKGROUND = theme.PROJECTOR_BACKGROUND.name()
TEXT = theme.PROJECTOR_TEXT.name()
SECONDARY = theme.PROJECTOR_SECONDARY.name()
FLAG = theme.PROJECTOR_FLAG.name()
KEYS = (
    "→ / Page Down next · ← / Page Up previous · R reveal · 1–4 agreed stage · "
    "Delete clear · Ctrl+Z undo · F11 full screen · Esc close"
)
SMALL_SCREEN = 600  # logical pixels high
MIN_UNIT = 10.0  # a laptop at 200 % has a 683 × 384 screen: the type must come down
_NEXT = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Down, Qt.Key.Key_Space}
_PREVIOUS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Up}
_CLEAR = {Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_0}
_STAGE_BY_KEY = {getattr(Qt.Key, f"Key_{key}"): stage for stage, key in STAGE_KEYS.items()}


class ProjectorWindow(QWidget):
    """A top-level window of its own, to drag onto the projector; it follows the Team review."""

    def __init__(self, team: TeamDiscussion, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._team = team
        self._session = team.session
        self._room = 24.0  # pixels of body text the window's size allows
        self._unit = self._room  # what is used: smaller when a big team needs the space
        self._fonts: list[tuple[QLabel, float, bool]] = []
        self.setWindowTitle("Projector view — Playbook Readiness")
        self.setAccessibleName("Projector view")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        palette = self.palette()
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            palette.setColor(role, QColor(BACKGROUND))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            palette.setColor(role, QColor(TEXT))
        self.setPalette(palette)
        self.setAutoFillBackground(True)

        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 24)
        layout.setSpacing(12)
        self.position = self._label(0.8, color=SECONDARY)
        self.rec_title = self._label(0.9, color=SECONDARY)
        self.title = self._label(1.9, bold=True)
        self.answered = self._label(1.1)
        self.spread_grid = SpreadGrid(parent=self)
        self.spread_grid.setMinimumHeight(1)
        self.spread = self._label(1.1)
        self.flag = self._label(1.1, bold=True, color=FLAG)
        self.team_stage = self._label(1.5, bold=True)
        self.rationale = self._label(1.0, color=SECONDARY)
        self.message = self._label(0.9, color=FLAG)
        self.keys = self._label(0.7, color=SECONDARY)
        self.keys.setText(KEYS)
        for widget in (self.position, self.rec_title, self.title, self.answered):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.spread_grid)
        for widget in (self.spread, self.flag, self.team_stage, self.rationale):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.keys)

        s = self._session
        s.responseChanged.connect(self._changed)
        s.consensusChanged.connect(self._changed)
        s.participantsChanged.connect(self.refresh)
        s.assessmentChanged.connect(self.refresh)
        team.revealChanged.connect(self._changed)
        team.currentChanged.connect(lambda _a: self.refresh())
        self.refresh()

    def _label(self, factor: float, *, bold: bool = False, color: str = TEXT) -> QLabel:
        label = text_label("", parent=self)
        # Not the wrapped text's height at its narrowest: that added up to more than a
        # small screen and pushed the window past it. _fit chooses type that fits instead.
        label.setMinimumHeight(1)
        label.setStyleSheet(f"color: {color};")
        self._fonts.append((label, factor, bold))
        return label

    # Showing --------------------------------------------------------------------------

    def place(self) -> None:
        """Full screen on a second screen (the projector) when there is one, else a large window."""
        parent = self.parentWidget()
        here = parent.screen() if parent is not None else None
        others = [s for s in QGuiApplication.screens() if s is not here]
        if others:
            self.setGeometry(others[0].geometry())
            self.setMaximumSize(others[0].geometry().size())
            self.showFullScreen()
        else:
            screen = here or QGuiApplication.primaryScreen()
            area = screen.availableGeometry()
            # Never larger than the screen, so the key legend at the bottom stays in view.
            self.setMaximumSize(area.size())
            # A small screen (a laptop at 200 %) gives it all its room; a large one, most.
            share = 0.85 if area.height() >= SMALL_SCREEN else 1.0
            self.resize(round(area.width() * share), round(area.height() * share))
            self.move(area.center() - self.rect().center())
            self.show()
        self.raise_()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        if self._session.record is None:
            return
        action_id = self._team.current_action
        playbook = self._session.playbook
        action = playbook.action(action_id)
        rec = playbook.recommendation_of(action_id)
        self.position.setText(
            f"Key action {action.number} · {playbook.position(action_id) + 1} of "
            f"{len(playbook.action_ids)}"
        )
        self.rec_title.setText(f"Recommendation {rec.number}. {rec.title}")
        self.title.setText(action.title)
        standing = self._team.standing(action_id)
        revealed = self._team.is_revealed(action_id)
        if not revealed:
            self.answered.setText(f"{answered_text(standing)}. Press R to reveal the answers.")
            self.spread_grid.set_standing(None)
            for label in (self.spread, self.flag, self.team_stage, self.rationale):
                label.setText("")
                label.setVisible(False)
            self._fit(None)
            return
        self.answered.setText(f"{answered_text(standing)}.")
        self.spread.setText(spread_text(standing))
        self.flag.setText(flag_text(standing))
        self.team_stage.setText(team_stage_text(standing))
        agreed = standing.consensus
        self.rationale.setText(f"Why: {agreed.rationale}" if agreed and agreed.rationale else "")
        for label in (self.spread, self.flag, self.team_stage, self.rationale):
            label.setVisible(bool(label.text()))
        self._fit(standing)

    def _fit(self, standing: Standing | None) -> None:
        """The largest type that shows everything: a long title or a big team shrinks it.

        Judged on the laid-out window, not on size hints: a widget given less height
        than it needs at its width (a grid row of names, the key legend) means smaller.
        """
        layout = self._layout
        unit = self._room
        room = self.height()  # the window's height as placed; the layout must not grow it
        for _ in range(14):
            self._unit = unit
            self._apply_fonts()
            margin = round(unit * 2)
            layout.setContentsMargins(margin, round(unit * 1.4), margin, round(unit))
            layout.setSpacing(max(4, round(unit * 0.6)))
            self.spread_grid.set_scale(unit / 16)
            self.spread_grid.set_standing(standing)
            # The cells' own layouts settle on posted events: settle them, then lay out now.
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            layout.invalidate()
            width = self.width()
            needed = (
                layout.totalHeightForWidth(width)
                if layout.hasHeightForWidth()
                else layout.totalSizeHint().height()
            )
            layout.activate()
            if (needed <= room and not self._squeezed()) or unit <= MIN_UNIT:
                return
            unit = max(MIN_UNIT, unit * 0.9)

    def _squeezed(self) -> bool:
        """Whether anything on the window got less height than it needs at its width."""
        watched: list[QWidget] = [label for label, _, _ in self._fonts if label.isVisible()]
        watched.append(self.spread_grid)  # its cells are laid out later, from its own height
        for widget in watched:
            need = (
                widget.heightForWidth(widget.width())
                if widget.hasHeightForWidth()
                else widget.sizeHint().height()
            )
            if widget.height() + 1 < need:
                return True
        return False

    def _changed(self, action_id: str) -> None:
        if action_id == self._team.current_action:
            self.refresh()

    def _apply_fonts(self) -> None:
        for label, factor, bold in self._fonts:
            font = QFont(label.font())
            font.setPixelSize(max(12, round(self._unit * factor)))
            font.setBold(bold)
            label.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        # Body text about a thirtieth of the height, so the back row reads it; narrow
        # windows scale by width instead so long titles still fit.
        room = max(MIN_UNIT, min(size.height() / 30, size.width() / 48))
        if abs(room - self._room) >= 1:
            self._room = room
            self.refresh()
        super().resizeEvent(event)

    # Keys -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Undo):
            self._team.host.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            self._team.host.redo()
            return
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            super().keyPressEvent(event)
            return
        if key in _NEXT:
            self._step(1)
        elif key in _PREVIOUS:
            self._step(-1)
        elif key == Qt.Key.Key_R:
            self._team.reveal(self._team.current_action)
            self.message.setText("")
        elif key in _STAGE_BY_KEY:
            self._agree(_STAGE_BY_KEY[key])
        elif key in _CLEAR:
            self._agree(None)
        elif key == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.close()
        else:
            super().keyPressEvent(event)

    def _step(self, delta: int) -> None:
        ids = self._session.playbook.action_ids
        target = self._session.playbook.position(self._team.current_action) + delta
        if 0 <= target < len(ids):
            self.message.setText("")
            self._team.set_current(ids[target])
        else:
            self.message.setText("That was the last key action." if delta > 0 else
                                 "This is the first key action.")  # fmt: skip

    def _agree(self, stage: Stage | None) -> None:
        action_id = self._team.current_action
        record = self._session.record
        agreed = record.consensus.get(action_id) if record is not None else None
        if stage is not None and not anyone_answered(self._session, action_id):
            # A stray key must not put a stage nobody gave on the board's agenda.
            self.message.setText(f"Not recorded: {NOBODY_ANSWERED}")
            return
        if not self._team.is_revealed(action_id):
            self.message.setText("Press R to reveal the answers before agreeing a stage.")
            return
        undo = self._team.host.undo_stack
        if stage is None:
            if agreed is not None:
                agree(self._session, undo, action_id, None, follow=self._team.set_current)
                self.message.setText(
                    'Agreed stage cleared: back to "no consensus yet". Ctrl+Z brings it back.'
                )
            return
        # Keys set the stage; a rationale typed on the Team review screen is kept.
        rationale = agreed.rationale if agreed else ""
        agree(self._session, undo, action_id, stage, rationale, follow=self._team.set_current)
        self.message.setText(
            f"Agreed stage recorded: {stage.label}. Add the reason on the Team review screen."
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isFullScreen():
            self.showNormal()
        super().closeEvent(event)
