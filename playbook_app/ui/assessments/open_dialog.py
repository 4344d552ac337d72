"""The Open assessment dialog: every stored assessment with its district, date and progress."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.assessment import STATES, AssessmentSummary
from playbook_app.ui.widgets.controls import list_table, text_label
from playbook_app.ui.widgets.wording import answered_of

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Assessment", "District", "State", "Date", "Progress")


class OpenAssessmentDialog(QDialog):
    """Opened with open(); emits ``assessmentChosen(id)`` and closes."""

    assessmentChosen = Signal(int)

    def __init__(
        self,
        summaries: list[AssessmentSummary],
        current_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open assessment")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(text_label("Choose the assessment to work on. The newest is first."))
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        current_row = 0
        for row, summary in enumerate(summaries):
            label = summary.label + ("  (open now)" if summary.id == current_id else "")
            cells = [
                label,
                summary.organization,
                STATES.get(summary.state, summary.state),
                summary.date,
                answered_of(summary.answered, summary.total),
            ]
            items = [QStandardItem(text) for text in cells]
            for item in items:
                item.setEditable(False)
                item.setData(summary.id, ID_ROLE)
            self.model.appendRow(items)
            if summary.id == current_id:
                current_row = row
        self.table = QTableView(self)
        self.table.setModel(self.model)
        list_table(self.table, "Assessments", stretch=0)
        self.table.doubleClicked.connect(self._choose)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton("Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setAccessibleName("Open the selected assessment")
        self.open_button.setDefault(True)
        self.open_button.setEnabled(bool(summaries))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        buttons.accepted.connect(lambda: self._choose(self.table.currentIndex()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if summaries:
            self.table.selectRow(current_row)
        self.resize(760, 380)

    def _choose(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.assessmentChosen.emit(int(index.data(ID_ROLE)))
        self.accept()
