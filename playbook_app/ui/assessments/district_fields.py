"""The district profile's fields (name, state, locale, size), shared by the New assessment form
and the District profile dialog, and the labelled form row both lay them out in."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from playbook_app.domain.assessment import DEFAULT_CAPACITY, STATES, District, Locale
from playbook_app.domain.limits import NAME_MAX
from playbook_app.ui.widgets.accessibility import FieldError, describe_field
from playbook_app.ui.widgets.controls import ChoiceBox
from playbook_app.ui.widgets.theme import Tone, set_tone

NOT_SPECIFIED = "Not specified"
LOCALE_TEXTS = {
    Locale.RURAL: "Rural",
    Locale.TOWN: "Town",
    Locale.SUBURBAN: "Suburban",
    Locale.CITY: "City",
}


def form_row(
    form: QFormLayout, owner: QWidget, title: str, field: QWidget, message: str = ""
) -> QLabel | None:
    """A labelled row; with a message the field is required and the row gets its (hidden) error."""
    label = QLabel(f"{title}{' *' if message else ''}", owner)
    label.setBuddy(field)
    field.setAccessibleName(title)
    host = QWidget(owner)
    column = QVBoxLayout(host)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    error = None
    if message:
        error = FieldError(field)
        error.setText(message)
        font = error.font()
        font.setPointSizeF(font.pointSizeF() * 0.92)
        error.setFont(font)
        set_tone(error, Tone.ERROR)
        error.setVisible(False)
        column.addWidget(error)
        describe_field(field, f"Required. {message}")
    form.addRow(label, host)
    return error


class DistrictFields:
    """The four profile fields; the owner lays them out and validates them."""

    def __init__(self, parent: QWidget) -> None:
        self.name = QLineEdit(parent)
        self.name.setPlaceholderText("e.g. Lindsay Unified School District")
        self.name.setMaxLength(NAME_MAX)
        self.state: ChoiceBox[str] = ChoiceBox(parent)
        self.state.setPlaceholderText("Choose a state or territory")
        self.state.add_choices((name, code) for code, name in STATES.items())
        self.state.setCurrentIndex(-1)
        self.locale: ChoiceBox[Locale | None] = ChoiceBox(parent)
        self.locale.add_choice(NOT_SPECIFIED, None)
        self.locale.add_choices((LOCALE_TEXTS[locale], locale) for locale in Locale)
        self.size = QLineEdit(parent)
        self.size.setPlaceholderText("optional, e.g. 1,200 students")
        self.size.setMaxLength(100)

    def load(self, district: District) -> None:
        self.name.setText(district.name)
        self.state.set_value(district.state)
        self.locale.set_value(district.locale)
        self.size.setText(district.size)

    @property
    def state_code(self) -> str | None:
        return self.state.value()

    def missing(self) -> dict[str, bool]:
        return {"district": not self.name.text().strip(), "state": self.state_code is None}

    def district(
        self, capacity: int = DEFAULT_CAPACITY, district_id: int | None = None
    ) -> District:
        """The profile as typed; call only when nothing is missing."""
        state = self.state_code
        assert state is not None
        return District(
            name=self.name.text().strip(),
            state=state,
            locale=self.locale.value(),
            size=self.size.text().strip(),
            capacity=capacity,
            id=district_id,
        )
