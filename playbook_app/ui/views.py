"""The workspace's screens as tabs (Rate, Summary, Agenda, ...), each built when first shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

ViewFactory = Callable[[QWidget], QWidget]


class _Slot(QWidget):
    """A tab's placeholder until its screen is needed: start-up builds only what it shows."""

    def __init__(self, factory: ViewFactory, parent: QWidget) -> None:
        super().__init__(parent)
        self._factory = factory
        self.view: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self.view is None:
            self.view = self._factory(self)
            self.layout().addWidget(self.view)
        return self.view


class ViewTabs(QTabWidget):
    """Tabs whose screens are made on first use; a View-menu action switches to each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setAccessibleName("Screens")
        self._slots: dict[str, _Slot] = {}
        self.currentChanged.connect(self._build_current)

    def add_built(self, widget: QWidget, title: str, action: QAction | None = None) -> None:
        """A screen that exists already (the rating screen)."""
        self.addTab(widget, title)
        if action is not None:
            action.triggered.connect(lambda: self.setCurrentWidget(widget))

    def add_view(
        self, name: str, title: str, factory: ViewFactory, action: QAction | None = None
    ) -> None:
        """A screen made by `factory(parent)` the first time its tab is shown."""
        slot = _Slot(factory, self)
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

    def _build_current(self, index: int) -> None:
        widget = self.widget(index)
        if isinstance(widget, _Slot):
            widget.build()
