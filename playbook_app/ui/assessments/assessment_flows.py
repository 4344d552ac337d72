"""File > New assessment and File > Open assessment: the dialogs and what their answers do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from playbook_app.storage import StorageError

if TYPE_CHECKING:
    from playbook_app.ui.shell.host import Host


def ask_new_assessment(host: Host) -> None:
    """A new assessment for the same district (pre-filled), in a non-blocking dialog."""
    from playbook_app.ui.assessments.new_assessment_dialog import NewAssessmentDialog

    session = host.session
    record = session.record
    if record is None:
        return
    host.commit_typing()
    dialog = NewAssessmentDialog(
        session.playbook, record.district, session.participant, host.widget()
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.submitted.connect(lambda new: host.create_assessment(new, dialog))
    dialog.open()


NO_ASSESSMENTS = "No assessment is saved in this data folder yet: fill in the form to start one."


def ask_which_assessment(host: Host) -> None:
    """The list of assessments in this data folder; choosing one opens it."""
    from playbook_app.ui.assessments.open_dialog import OpenAssessmentDialog
    from playbook_app.ui.widgets.errors import show_error

    session = host.session
    host.commit_typing()
    try:
        summaries = session.list_assessments()
    except StorageError as error:
        show_error(host.widget(), "Cannot list assessments", str(error))
        return
    if not summaries:
        host.show_status(NO_ASSESSMENTS, 10_000)
        return
    record = session.record
    current = record.assessment.id if record is not None else None
    dialog = OpenAssessmentDialog(summaries, current, host.widget())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.assessmentChosen.connect(lambda chosen: _open(host, chosen))
    dialog.open()


def _open(host: Host, assessment_id: int) -> None:
    from playbook_app.ui.widgets.errors import show_error

    record = host.session.record
    if record is not None and record.assessment.id == assessment_id:
        return
    try:
        host.session.open_assessment(assessment_id)
    except StorageError as error:
        show_error(host.widget(), "Cannot open the assessment", str(error))
