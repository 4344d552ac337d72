"""The words the GUI shows for answers, progress and suggestions, kept in one place."""

from __future__ import annotations

from datetime import date

from playbook_app.domain.assessment import AnswerKind, Participant, Response, Stage

NOT_ANSWERED = "Not yet answered"
SAVED = "All changes saved"
SAVING = "Saving…"

_SEASONS = {
    12: "Winter", 1: "Winter", 2: "Winter",
    3: "Spring", 4: "Spring", 5: "Spring",
    6: "Summer", 7: "Summer", 8: "Summer",
    9: "Fall", 10: "Fall", 11: "Fall",
}  # fmt: skip


def default_label(day: date) -> str:
    """A label people recognise on a shelf of printouts: season, year and purpose."""
    return f"{_SEASONS[day.month]} {day.year} readiness review"


def answer_text(response: Response) -> str:
    """The short state of one answer, for lists and the navigator."""
    if response.answer is None:
        return NOT_ANSWERED
    if response.answer is AnswerKind.RATED and response.stage is not None:
        return response.stage.label
    if response.answer is AnswerKind.UNSURE:
        return "Unsure"
    return "Not applicable"


def progress_text(answered: int, total: int) -> str:
    return f"{answered} of {total} key actions answered"


def answered_of(answered: int, total: int) -> str:
    return f"{answered} of {total} answered"


def suggested_stage(done: int, total: int) -> Stage | None:
    """A rough reading of the checklist; the user's own rating always decides.

    Thresholds are this app's rule of thumb: under 40% of the steps reads as
    Emerging, under 80% as Developing, the rest as Advancing.
    """
    if total <= 0 or done <= 0:
        return None
    share = done / total
    if share < 0.4:
        return Stage.EMERGING
    if share < 0.8:
        return Stage.DEVELOPING
    return Stage.ADVANCING


def suggestion_text(done: int, total: int, current: Stage | None) -> str:
    """One line under the checklist; empty when there is nothing to suggest."""
    stage = suggested_stage(done, total)
    if stage is None:
        return ""
    line = f"You checked {done} of {total} steps: that often means {stage.label}."
    if current is stage:
        return line + " That matches your rating."
    if current is None:
        return line + " Choose the stage that fits your district below."
    return line + f" You rated {current.label}; your judgement decides."


# Under the Notes box; the export dialogs (ui/widgets/export_notes.py) keep this promise.
NOTES_WHERE = (
    "Notes stay on this computer. The agenda PDF, CSV and print include them only when you "
    'choose "Include notes" as you export; a packet of your answers (File > Export packet…) '
    "always carries them."
)


def person_text(participant: Participant) -> str:
    """A team member as lists name them: the name, then the role in brackets if there is one."""
    role = participant.role.strip()
    return f"{participant.name} ({role})" if role else participant.name
