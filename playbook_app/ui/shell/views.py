"""The workspace's screens as tabs (Rate, Summary, Agenda, ...), each built when first shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QStackedLayout, QTabWidget, QVBoxLayout, QWidget

from playbook_app.ui.widgets.controls import section_heading, text_label

ViewFactory = Callable[[QWidget], QWidget]
Private = Callable[[], bool]

COVER_TITLE = "These results combine everyone's answers"
COVER_TEXT = (
    "While the team is still rating privately, keep this screen closed so that no one "
    "sees the others' answers before giving their own. Open it once everyone has rated, "
    "or when the team looks at the results together. It closes again at each hand-over."
)
COVER_BUTTON = "Show the team's results"


class _Cover(QWidget):
    """What a private screen shows until someone deliberately opens it."""

    opened = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(section_heading(COVER_TITLE, self))
        text = text_label(COVER_TEXT, parent=self)
        text.setMaximumWidth(640)
        layout.addWidget(text)
        self.button = QPushButton(COVER_BUTTON, self)
        self.button.setAccessibleName(COVER_BUTTON)
        self.button.clicked.connect(self.opened)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)


class _Slot(QWidget):
    """A tab's placeholder until its screen is needed: start-up builds only what it shows.

    A private screen (see ViewTabs.add_view) sits behind a cover while its
    predicate says the answers must stay private.
    """

    def __init__(
        self,
        factory: ViewFactory,
        parent: QWidget,
        private: Private | None,
        on_open: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self._factory = factory
        self.private = private
        self._on_open = on_open
        self.view: QWidget | None = None
        self.cover: _Cover | None = None
        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self.view is None:
            self.view = self._factory(self)
            self._stack.addWidget(self.view)
        return self.view

    def set_covered(self, covered: bool) -> None:
        if covered and self.cover is None:
            self.cover = _Cover(self)
            self.cover.opened.connect(self._on_open)
            self._stack.addWidget(self.cover)
        if self.cover is not None:
            self._stack.setCurrentWidget(self.cover if covered else self.build())


class ViewTabs(QTabWidget):
    """Tabs whose screens are made on first use; a View-menu action switches to each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setAccessibleName("Screens")
        self._slots: dict[str, _Slot] = {}
        self._private_open = False
        self.currentChanged.connect(self._build_current)

    def add_built(self, widget: QWidget, title: str, action: QAction | None = None) -> None:
        """A screen that exists already (the rating screen)."""
        self.addTab(widget, title)
        if action is not None:
            action.triggered.connect(lambda: self.setCurrentWidget(widget))

    def add_view(
        self,
        name: str,
        title: str,
        factory: ViewFactory,
        action: QAction | None = None,
        *,
        private: Private | None = None,
    ) -> None:
        """A screen made by `factory(parent)` the first time its tab is shown.

        `private()` True (a team still rating) covers the screen until the user
        opens it; `close_private()` covers every such screen again.
        """
        slot = _Slot(factory, self, private, self.open_private)
        self._slots[name] = slot
        self.addTab(slot, title)
        if action is not None:
            action.triggered.connect(lambda: self.show_view(name))

    def show_view(self, name: str) -> QWidget:
        """Switch to a screen by name, building it if needed; returns the screen."""
        slot = self._slots[name]
        view = slot.build()
        self.setCurrentWidget(slot)
        return view

    def view(self, name: str) -> QWidget | None:
        """A screen if it has been built, else None."""
        slot = self._slots.get(name)
        return None if slot is None else slot.view

    def has_view(self, name: str) -> bool:
        return name in self._slots

    def set_view_visible(self, name: str, visible: bool) -> None:
        """Hide a tab that does not apply (e.g. Team review in solo mode)."""
        slot = self._slots[name]
        self.setTabVisible(self.indexOf(slot), visible)

    def is_covered(self, name: str) -> bool:
        slot = self._slots[name]
        return slot.cover is not None and slot.cover.isVisibleTo(slot)

    def open_private(self) -> None:
        """Show the private screens (the team chose to look at its results)."""
        self._private_open = True
        self._update_covers()

    def close_private(self) -> None:
        """Cover the private screens again (a hand-over, another assessment)."""
        self._private_open = False
        self._update_covers()

    def _update_covers(self) -> None:
        for slot in self._slots.values():
            if slot.private is not None:
                covered = not self._private_open and slot.private()
                slot.set_covered(covered)  # one opening serves every private screen

    def _build_current(self, index: int) -> None:
        widget = self.widget(index)
        if isinstance(widget, _Slot):
            if widget.private is not None:
                self._update_covers()
                if widget.cover is not None and widget.cover.isVisibleTo(widget):
                    return
            widget.build()
