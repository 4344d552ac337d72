"""Assessment > District profile… and Rename assessment…: small forms that write at once."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.assessment import CAPACITY_RANGE, District
from playbook_app.domain.limits import NAME_MAX
from playbook_app.storage import StorageError
from playbook_app.ui.assessments.district_fields import DistrictFields, form_row
from playbook_app.ui.session.session import Session
from playbook_app.ui.widgets.controls import text_label
from playbook_app.ui.widgets.theme import Tone, set_tone


class _EditDialog(QDialog):
    """Save and Cancel, an error line, and Save enabled only while the form is complete."""

    def __init__(self, title: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(20, 16, 20, 16)
        self._layout.addWidget(text_label(intro, muted=True))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._layout.addLayout(self.form)
        self.error = text_label("")
        set_tone(self.error, Tone.ERROR)
        self.error.setVisible(False)
        self._layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.save_button: QPushButton = buttons.addButton(
            "Save", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setAccessibleName("Save")
        self.save_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self._layout.addWidget(buttons)
        self._errors: dict[str, QLabel] = {}

    def _row(self, title: str, field: QWidget, key: str = "", message: str = "") -> None:
        error = form_row(self.form, self, title, field, message)
        if key and error is not None:
            self._errors[key] = error

    def _problems(self) -> dict[str, bool]:
        raise NotImplementedError

    def _validate(self) -> None:
        problems = self._problems()
        for key, error in self._errors.items():
            error.setVisible(problems[key])
        self.save_button.setEnabled(not any(problems.values()))

    def _save(self) -> None:
        if any(self._problems().values()):
            return
        try:
            self._write()
        except StorageError as error:
            # The dialog stays open with everything typed, to try again.
            self.error.setText(f"Nothing was changed. {error}")
            self.error.setVisible(True)
            return
        self.accept()

    def _write(self) -> None:
        raise NotImplementedError


class ProfileDialog(_EditDialog):
    """The district's name, state, locale, size and capacity; shared by its assessments."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(
            "District profile",
            "The district's profile is shared by all its assessments. Changes are saved when "
            "you press Save. Fields marked * are needed.",
            parent,
        )
        self._session = session
        record = session.record
        assert record is not None
        self._district = record.district
        self.fields = DistrictFields(self)
        self.capacity = QSpinBox(self)
        self.capacity.setRange(*CAPACITY_RANGE)
        self._row("District name", self.fields.name, "district", "Enter the district's name.")
        self._row(
            "State or territory", self.fields.state, "state", "Choose the state or territory."
        )
        self._row("Locale", self.fields.locale)
        self._row("Size", self.fields.size)
        self._row("Key actions it can start at once", self.capacity)
        self.fields.load(self._district)
        self.capacity.setValue(self._district.capacity)
        self.fields.name.textChanged.connect(self._validate)
        self.fields.state.currentIndexChanged.connect(self._validate)
        self._validate()
        self.resize(520, self.sizeHint().height())
        self.fields.name.setFocus()

    def _problems(self) -> dict[str, bool]:
        return self.fields.missing()

    def district(self) -> District:
        return self.fields.district(self.capacity.value(), self._district.id)

    def _write(self) -> None:
        district = self.district()
        if district != self._district:
            self._session.update_details(district)


class RenameDialog(_EditDialog):
    """The open assessment's label and date."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(
            "Rename assessment",
            "The label and date name this assessment in the window, the Open list and "
            "everything it prints.",
            parent,
        )
        self._session = session
        record = session.record
        assert record is not None
        self._assessment = record.assessment
        self.label = QLineEdit(record.assessment.label, self)
        self.label.setMaxLength(NAME_MAX)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("MMMM d, yyyy")
        stored = QDate.fromString(record.assessment.date, "yyyy-MM-dd")
        self.date.setDate(stored if stored.isValid() else QDate.currentDate())
        self._row("Assessment label", self.label, "label", "Give the assessment a label.")
        self._row("Date", self.date)
        self.label.textChanged.connect(self._validate)
        self._validate()
        self.resize(460, self.sizeHint().height())
        self.label.setFocus()
        self.label.selectAll()

    def _problems(self) -> dict[str, bool]:
        return {"label": not self.label.text().strip()}

    def _write(self) -> None:
        label = self.label.text().strip()
        when = self.date.date().toString("yyyy-MM-dd")
        if (label, when) != (self._assessment.label, self._assessment.date):
            self._session.rename_assessment(label, when)
