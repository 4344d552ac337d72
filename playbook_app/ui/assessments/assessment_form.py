"""The "New assessment" form: district profile, label and date, and who is answering."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from playbook_app.domain.assessment import (
    Assessment,
    District,
    Mode,
    Participant,
)
from playbook_app.domain.limits import NAME_MAX
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import new_uid
from playbook_app.ui.assessments.district_fields import DistrictFields, form_row
from playbook_app.ui.session.new_assessment import NewAssessment
from playbook_app.ui.widgets.controls import text_label
from playbook_app.ui.widgets.participant_rows import ParticipantRows, repeated_names, repeated_text
from playbook_app.ui.widgets.theme import Tone, set_tone
from playbook_app.ui.widgets.wording import default_label

__all__ = ["NewAssessment", "NewAssessmentForm"]

UNNAMED_MEMBER = "Give each team member a name, or clear the row."


class NewAssessmentForm(QWidget):
    """Validates as the user types; ``validityChanged`` drives the Create button."""

    validityChanged = Signal(bool)

    def __init__(
        self,
        playbook: Playbook,
        existing: District | None = None,
        participant: Participant | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._playbook = playbook
        self._existing = existing
        self._label_edited = False
        self._touched: set[str] = set()
        self._valid = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(6)
        layout.addLayout(form)

        self.fields = DistrictFields(self)
        self.district_name = self.fields.name
        self.state = self.fields.state
        self.district_locale = self.fields.locale
        self.district_size = self.fields.size
        self.label = QLineEdit(self)
        self.label.setMaxLength(NAME_MAX)
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("MMMM d, yyyy")
        self.your_name = QLineEdit(self)
        self.your_name.setMaxLength(NAME_MAX)
        self.role = QLineEdit(self)
        self.role.setPlaceholderText("optional, e.g. Superintendent")
        self.role.setMaxLength(NAME_MAX)
        self.solo = QRadioButton("Just me", self)
        self.solo.setAccessibleName("Just me: a solo assessment")
        self.team = QRadioButton("A team: each member rates privately, then you agree", self)
        self.team.setAccessibleName("A team assessment")
        modes = QButtonGroup(self)
        modes.addButton(self.solo)
        modes.addButton(self.team)
        self.solo.setChecked(True)
        mode_host = QWidget(self)
        # Stacked: side by side they are too wide for the form and wrap under the label.
        mode_row = QVBoxLayout(mode_host)
        mode_row.setContentsMargins(0, 0, 0, 0)
        mode_row.setSpacing(2)
        mode_row.addWidget(self.solo)
        mode_row.addWidget(self.team)
        self.team_rows = ParticipantRows(self)
        self.team_rows.setAccessibleName("Other team members")

        self._errors: dict[str, QLabel] = {}
        self._row(
            form, "District name", self.district_name, "district", "Enter the district's name."
        )
        self._row(form, "State or territory", self.state, "state", "Choose the state or territory.")
        self._row(form, "Locale", self.district_locale)
        self._row(form, "Size", self.district_size)
        self._row(form, "Assessment label", self.label, "label", "Give the assessment a label.")
        self._row(form, "Date", self.date)
        self._row(form, "Your name", self.your_name, "name", "Enter your name.")
        self._row(form, "Your role", self.role)
        mode_label = QLabel("Who rates", self)
        mode_label.setBuddy(self.solo)
        form.addRow(mode_label, mode_host)
        self._team_label = QLabel("Other team members", self)
        self._team_label.setBuddy(self.team_rows)
        form.addRow(self._team_label, self.team_rows)
        self.team_error = text_label(UNNAMED_MEMBER, scale=0.92)
        set_tone(self.team_error, Tone.ERROR)
        self.team_error.setVisible(False)
        form.addRow("", self.team_error)

        self.missing = text_label("", muted=True, scale=0.92)
        self.missing.setAccessibleDescription("What is still needed")
        layout.addWidget(self.missing)

        if existing is not None:
            self.fields.load(existing)
        if participant is not None:
            self.your_name.setText(participant.name)
            self.role.setText(participant.role)
        self.label.setText(default_label(self._date()))

        # Any change re-validates (typing, pasting, clearing in code); only the
        # user's own typing or leaving a field marks it touched, which shows errors.
        for field, edit in (
            ("district", self.district_name),
            ("label", self.label),
            ("name", self.your_name),
        ):
            edit.textChanged.connect(self._validate)
            edit.textEdited.connect(lambda _text, f=field: self._edited(f))
            edit.editingFinished.connect(lambda f=field: self._edited(f))
        self.label.textEdited.connect(self._label_typed)
        self.state.currentIndexChanged.connect(lambda: self._edited("state"))
        self.date.dateChanged.connect(self._date_changed)
        self.team.toggled.connect(self._mode_changed)
        self.team_rows.changed.connect(self._validate)
        self._mode_changed()

    def _row(
        self,
        form: QFormLayout,
        title: str,
        field: QWidget,
        key: str = "",
        message: str = "",
    ) -> None:
        error = form_row(form, self, title, field, message)
        if key and error is not None:
            self._errors[key] = error

    # Values -------------------------------------------------------------------------

    def _date(self) -> date:
        value = self.date.date().toPython()
        assert isinstance(value, date)
        return value

    def _problems(self) -> dict[str, bool]:
        return {
            **self.fields.missing(),
            "label": not self.label.text().strip(),
            "name": not self.your_name.text().strip(),
            "team": self.is_team and (self.team_rows.unnamed() > 0 or bool(self._repeated())),
        }

    def _repeated(self) -> list[str]:
        return repeated_names([self.your_name.text(), *self.team_rows.names()])

    @property
    def is_team(self) -> bool:
        return self.team.isChecked()

    @property
    def is_valid(self) -> bool:
        return self._valid

    def value(self) -> NewAssessment:
        """The assessment to create; call only when the form is valid."""
        district = self.fields.district()
        existing = self._existing
        # The same district (by name and state) keeps its id, so a follow-up
        # assessment a year later belongs to the district it follows.
        if (
            existing is not None
            and existing.name.strip().casefold() == district.name.casefold()
            and existing.state == district.state
        ):
            district = district._replace(capacity=existing.capacity, id=existing.id)
        assessment = Assessment(
            uid=new_uid(),
            label=self.label.text().strip(),
            date=self._date().isoformat(),
            playbook_id=self._playbook.id,
            playbook_version=self._playbook.version,
            mode=Mode.TEAM if self.is_team else Mode.SOLO,
        )
        participant = Participant(
            uid=new_uid(), name=self.your_name.text().strip(), role=self.role.text().strip()
        )
        others = self.team_rows.participants() if self.is_team else []
        return NewAssessment(district, assessment, [participant, *others])

    # Validation ---------------------------------------------------------------------

    def _label_typed(self) -> None:
        self._label_edited = True

    def _date_changed(self) -> None:
        # Keep the suggested label in step with the date until the user writes their own.
        if not self._label_edited:
            self.label.setText(default_label(self._date()))
        self._validate()

    def _mode_changed(self) -> None:
        team = self.is_team
        for widget in (self._team_label, self.team_rows):
            widget.setVisible(team)
        self._validate()

    def _edited(self, field: str) -> None:
        self._touched.add(field)
        self._validate()

    def _validate(self) -> None:
        problems = self._problems()
        for key, error in self._errors.items():
            # Messages wait until a field has been visited, so a fresh form is not a wall of red.
            error.setVisible(problems[key] and key in self._touched)
        names = {
            "district": "the district name",
            "state": "the state or territory",
            "label": "a label",
            "name": "your name",
            "team": "a name for each team member",
        }
        repeated = repeated_text(self._repeated()) if self.is_team else ""
        if repeated:
            names["team"] = "a different name for each team member"
        self.team_error.setText(repeated or UNNAMED_MEMBER)
        self.team_error.setVisible(problems["team"])
        still = [names[key] for key, missing in problems.items() if missing]
        self.missing.setText(f"Still needed: {', '.join(still)}." if still else "")
        self.missing.setVisible(bool(still))
        valid = not still
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)

    def reveal_problems(self) -> None:
        """An attempt to create an incomplete assessment: say what is missing, go to the first."""
        self._touched.update(self._errors)
        self._validate()
        self.focus_first()

    def focus_first(self) -> None:
        """The first field still needed; on a prefilled form, the label, ready to retype."""
        needed = {
            "district": self.district_name,
            "state": self.state,
            "label": self.label,
            "name": self.your_name,
        }
        problems = self._problems()
        missing = [widget for key, widget in needed.items() if problems[key]]
        if missing:
            missing[0].setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.label.setFocus(Qt.FocusReason.OtherFocusReason)
            self.label.selectAll()
