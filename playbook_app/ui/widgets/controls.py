"""Reusable building blocks: plain-text labels, choice cards, segmented choices, step checks."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6 import QtGui
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from playbook_app.ui.widgets.accessibility import HeadingLabel
from playbook_app.ui.widgets.theme import Tone, blend, set_tone, tone

if TYPE_CHECKING:
    # Events only annotate handlers: naming them here would build Qt's event types at start-up.
    from PySide6.QtGui import QMouseEvent, QPaintEvent

CHECK = "✓"
T = TypeVar("T")


def mnemonic_safe(text: str) -> str:
    """Text from the playbook or the user for a button, check box, action or buddy label.

    Qt reads "&" there as a keyboard mnemonic: "R&D" would show as "RD" with an
    underlined D, and Alt+D would press it. Doubled, it shows as one "&".
    """
    return text.replace("&", "&&")


def plain_tooltip(text: str) -> str:
    """A tooltip that shows user text exactly: Qt renders a tooltip as HTML when it
    looks like HTML, so the text goes as HTML with its markup characters escaped and
    its spaces and line breaks kept."""
    return QtGui.Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpacePre)


class ChoiceBox(QComboBox, Generic[T]):
    """A combo box whose entries carry Python values, handed back exactly as given.

    Item data goes through QVariant, which turns an enum into a plain string (a
    Locale came back as "rural"), so the values stay here, by index, and Qt
    only ever sees the texts. Every combo box of the app is one of these.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[T] = []

    def add_choice(self, text: str, value: T) -> None:
        self._values.append(value)
        self.addItem(text)

    def add_choices(self, choices: Iterable[tuple[str, T]]) -> None:
        for text, value in choices:
            self.add_choice(text, value)

    def values(self) -> list[T]:
        return list(self._values)

    def value(self) -> T | None:
        """The chosen entry's value; None when nothing is chosen."""
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def index_of(self, value: T) -> int:
        return next((i for i, v in enumerate(self._values) if v == value), -1)

    def set_value(self, value: T) -> bool:
        """Choose the entry with this value; False (and nothing chosen) if there is none."""
        index = self.index_of(value)
        self.setCurrentIndex(index)
        return index >= 0

    def clear(self) -> None:
        self._values.clear()
        super().clear()


def text_label(
    text: str = "",
    *,
    wrap: bool = True,
    muted: bool = False,
    scale: float = 1.0,
    bold: bool = False,
    selectable: bool = False,
    heading: bool = False,
    parent: QWidget | None = None,
) -> QLabel:
    """A label that never interprets its text as HTML: content and user text may hold < and &.

    `heading` makes screen readers announce it as a heading.
    """
    label = HeadingLabel(parent) if heading else QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if scale != 1.0 or bold:
        font = QFont(label.font())
        if scale != 1.0:
            font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        label.setFont(font)
    if muted:
        # Not PlaceholderText: it is too faint on some styles for reading.
        set_tone(label, Tone.MUTED)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def section_heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = text_label(text, scale=1.15, bold=True, heading=True, parent=parent)
    label.setContentsMargins(0, 10, 0, 2)
    return label


def rule(parent: QWidget | None = None) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def list_table(table: QTableView, name: str, stretch: int = 0) -> None:
    """A read-only table to pick one row from: whole rows, no editing, one column stretched."""
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Tab leaves the table (arrow keys move within it), so it is never a keyboard trap.
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    for column in range(header.count()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)


class ChoiceCard(QAbstractButton):
    """A large checkable card with a title, a one-line description and its keyboard key."""

    def __init__(
        self, title: str, description: str, key_hint: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setText(mnemonic_safe(title))
        self._words = (title, description, key_hint)
        self.setAccessibleDescription(description)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(6)
        self._title = text_label(title, bold=True, wrap=True)
        self._mark = text_label("", wrap=False, bold=True)
        self._key = text_label(key_hint, wrap=False, muted=True, scale=0.85)
        top.addWidget(self._title, 1)
        top.addWidget(self._mark, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self._key, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self._description = text_label(description, muted=True, scale=0.92)
        layout.addWidget(self._description)
        layout.addStretch(1)
        self.show_key(True)
        for child in (self._title, self._mark, self._key, self._description):
            # Clicks anywhere on the card belong to the card.
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.toggled.connect(self._show_checked)

    def show_key(self, shown: bool) -> None:
        """Name the card's key, or not, when single-key rating is off."""
        title, description, key_hint = self._words
        self._key.setVisible(shown)
        self.setAccessibleName(f"{title} (key {key_hint})" if shown else title)
        self.setToolTip(f"{description}\nKeyboard: {key_hint}" if shown else description)

    def nextCheckState(self) -> None:
        # A click asks for this choice; the owner checks the card once the
        # answer is stored, so a click never unchecks the current answer.
        pass

    def _show_checked(self, checked: bool) -> None:
        # A check mark and the word, not only a colour, say which card is chosen.
        self._mark.setText(f"{CHECK} Chosen" if checked else "")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        if self.isChecked():
            fill, pen = blend(base, accent, 0.16), QPen(accent, 3)
        elif self.underMouse():
            fill, pen = blend(base, accent, 0.06), QPen(blend(accent, base, 0.3), 1.5)
        else:
            fill, pen = base, QPen(tone(palette, Tone.BORDER), 1)
        inset = pen.widthF() / 2 + 0.5
        rect = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 8, 8)
        if self.hasFocus():
            focus = QPen(palette.color(QPalette.ColorRole.Text), 1, Qt.PenStyle.DashLine)
            painter.setPen(focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(4, 4, -4, -4), 5, 5)
        painter.end()


class SegmentedChoice(QWidget):
    """A row of buttons choosing one of a few values, or none: click the chosen one to clear."""

    chosen = Signal(object)  # the value, or None when cleared

    def __init__(
        self,
        name: str,
        options: Sequence[tuple[Hashable, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._value: Hashable | None = None
        self._buttons: dict[Hashable, QPushButton] = {}
        self._labels: dict[Hashable, str] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for value, label in options:
            button = QPushButton(mnemonic_safe(label), self)
            button.setCheckable(True)
            button.setAccessibleName(f"{name}: {label}")
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, v=value: self._clicked(v))
            self._buttons[value] = button
            self._labels[value] = label
            row.addWidget(button)
        row.addStretch(1)

    @property
    def value(self) -> Hashable | None:
        return self._value

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons.values())

    def set_value(self, value: Hashable | None) -> None:
        self._value = value
        for key, button in self._buttons.items():
            selected = key == value
            button.setChecked(selected)
            label = self._labels[key]
            button.setText(mnemonic_safe(f"{CHECK} {label}" if selected else label))

    def _clicked(self, value: Hashable) -> None:
        new = None if value == self._value else value
        self.set_value(new)
        self.chosen.emit(new)


class _ClickLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class StepCheck(QWidget):
    """A checkbox whose long text wraps; clicking the text toggles it like a checkbox label."""

    toggled = Signal(bool)

    def __init__(self, text: str, accessible_prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)
        row.setSpacing(8)
        self.box = QCheckBox(self)
        # Only the indicator: the text is the label beside it, which wraps.
        self.box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.box.setAccessibleName(f"{accessible_prefix}: {text}")
        self.label = _ClickLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        # A buddy label reads "&" as a mnemonic even in plain text ("R&D" showed as "RD").
        self.label.setText(mnemonic_safe(text))
        self.label.setWordWrap(True)
        self.label.setBuddy(self.box)
        self.label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label.clicked.connect(self.box.click)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.box.toggled.connect(self.toggled)

    def isChecked(self) -> bool:
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(checked)
        self.box.blockSignals(False)
