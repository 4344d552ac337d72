"""A realistic, fully answered sample assessment: the same answers for a given seed, fresh ids."""

from __future__ import annotations

import random
import uuid

from playbook_app.domain.agenda import Bucket, build_agenda
from playbook_app.domain.assessment import (
    AgendaEntry,
    AnswerKind,
    Assessment,
    AssessmentRecord,
    Confidence,
    Consensus,
    District,
    Locale,
    Mode,
    Participant,
    Response,
    Stage,
    Status,
)
from playbook_app.domain.playbook import Control, KeyAction, Playbook

DEMO_DISTRICT = "Cedar Valley Unified School District"
DEMO_STATE = "KY"  # a state whose innovation program the pack carries
DEMO_DATE = "2026-11-22"

# Names outside Latin-1 and with apostrophes are here on purpose: every
# screen, packet and report must carry them intact.
CABINET: tuple[tuple[str, str], ...] = (
    ("Dr. Maria Alvarez", "Superintendent"),
    ("Nguyễn Thị Hương", "Assistant Superintendent for Teaching and Learning"),
    ("Zoë Ødegaard", "Director of Data and Assessment"),
    ("James O'Connell", "Chief Financial Officer"),
    ("Tanisha Brooks", "Director of Special Education"),
    ("Rafael Domínguez", "Principal, Cedar Valley High School"),
    ("Aiyana Redcloud", "Director of Family and Community Engagement"),
    ("Priya Raman", "Director of Technology"),
)

# Markup and quoting characters and a line break, so escaping bugs show up in
# the PDF, the CSV and packets.
TRICKY_NOTE = 'Board asked: cost < $40k & "staff time"?\nSee <Appendix B>; AT&T donated hotspots.'
NOTES = (
    "Two elementary principals already do this informally; nothing written down.",
    "The regional cooperative offered to help if we ask before March.",
    "Teachers' association wants to be at the table from the start.",
    "Came up at the October board work session; members were interested.",
    "We tried a version of this in 2019 and lost it when the grant ended.",
)
NOT_APPLICABLE_REASON = (
    "The regional cooperative does this for all nine districts in our county; "
    "we take part through them."
)
RATIONALES = (
    "We agreed the work is real but limited to two schools.",
    "The pilot data settled it: deliberate, not yet routine.",
    "The high school has it; the rest of the district does not yet.",
)
NEXT_STEPS = (
    "Put it on the January cabinet agenda and name a lead.",
    "Ask the regional cooperative what neighboring districts already do.",
    "Pull last year's survey results into a one-page summary for the board.",
    "Call the state education agency's innovation office about the current rules.",
)
SOLO_OWNERS = ("Director of Curriculum", "Business Manager", "High School Principal")
TARGET_DATES = ("2027-01-15", "2027-02-01", "2027-03-15", "2027-04-30")
STATUSES = (Status.IN_PROGRESS, Status.PLANNED, Status.NOT_STARTED, Status.PLANNED)
_STAGE_POOL = (0, 1, 1, 2, 2, 3)


def _far(stage: int) -> int:
    """A stage two away, for a planted disagreement."""
    return stage + 2 if stage < 2 else stage - 2


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


class _Clock:
    """Increasing ISO UTC timestamps through the evening of the demo."""

    def __init__(self) -> None:
        self._seconds = 18 * 3600

    def __call__(self) -> str:
        s = self._seconds
        self._seconds += 23
        return f"{DEMO_DATE}T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z"


def _people(count: int) -> list[tuple[str, str]]:
    people = list(CABINET[:count])
    people += [(f"Cabinet member {n}", "Principal") for n in range(len(people) + 1, count + 1)]
    return people


def _steps_done(rng: random.Random, action: KeyAction, stage: int) -> frozenset[str]:
    ids = action.step_ids
    count = _clamp(round(len(ids) * stage / 4) + rng.choice((-1, 0, 0, 1)), 0, len(ids))
    return frozenset(ids[:count])


def demo_record(
    playbook: Playbook, participants: int = 1, seed: int = 7, id_salt: int | None = None
) -> AssessmentRecord:
    """A sample assessment on `playbook`: solo with one participant, a cabinet with more.

    Its assessment and participant ids are new on every call, so two demos never share
    ids, in one database or in packets from two computers; pass `id_salt` to repeat them.
    """
    rng = random.Random(seed)
    salt = uuid.uuid4().int if id_salt is None else id_salt

    def uid() -> str:
        # The seed's draws as before, so a seed keeps its answers; the salt makes the ids new.
        return str(uuid.UUID(int=rng.getrandbits(128) ^ salt))

    clock = _Clock()
    team = participants > 1
    mode = Mode.TEAM if team else Mode.SOLO
    assessment = Assessment(
        uid=uid(),
        label="Fall 2026 cabinet retreat" if team else "Fall 2026 superintendent review",
        date=DEMO_DATE,
        playbook_id=playbook.id,
        playbook_version=playbook.version,
        mode=mode,
    )
    district = District(
        name=DEMO_DISTRICT, state=DEMO_STATE, locale=Locale.RURAL, size="1,850 students"
    )
    people = [Participant(uid(), name, role) for name, role in _people(max(1, participants))]
    record = AssessmentRecord(assessment, district, people)

    actions = playbook.key_actions
    order = list(range(len(actions)))
    rng.shuffle(order)
    not_applicable = set(order[:1])
    unsure = set(order[1:3])
    rated = sorted(order[3:])
    pool = [0, 1, 2, 3][: len(rated)]
    pool += [rng.choice(_STAGE_POOL) for _ in range(len(rated) - len(pool))]
    rng.shuffle(pool)
    base = dict(zip(rated, pool, strict=True))
    split = rated[:2] if team else []  # planted disagreements
    agreed = {i for i in rated[2:] if rng.random() < 0.4}
    if split:
        agreed.add(split[0])  # one disagreement settled, the other still open
    noted = set(rng.sample(rated[1:], min(len(NOTES), len(rated) - 1))) if rated else set()
    notes = iter(NOTES)
    tricky = rated[0] if rated else None

    for i, action in enumerate(actions):
        importance = rng.choice((1, 2, 2, 3, 3))
        effort = rng.choice((1, 2, 2, 3))
        control = action.default_control
        if rng.random() < 0.25:
            control = rng.choice([c for c in Control if c is not control])
        stage = base.get(i, 0)
        done: frozenset[str] = _steps_done(rng, action, stage) if i in base else frozenset()
        # Fewer than half drift, all one way, so the median stays put and only
        # the planted actions show a two-stage split.
        deviants = set(rng.sample(range(len(people)), (len(people) - 1) // 2)) if team else set()
        drift = rng.choice((-1, 1))
        for n, person in enumerate(people):
            response = Response(
                participant=person.uid,
                action=action.id,
                importance=importance
                if n == 0
                else _clamp(importance + rng.choice((-1, 0, 0)), 1, 3),
                effort=effort if n == 0 else _clamp(effort + rng.choice((0, 0, 1)), 1, 3),
                control=control if n == 0 or rng.random() < 0.8 else None,
                confidence=rng.choice(tuple(Confidence)),
                steps_done=done if n == 0 else frozenset(s for s in done if rng.random() < 0.7),
                updated_at=clock(),
            )
            if i in not_applicable:
                reason = NOT_APPLICABLE_REASON if n == 0 else ""
                response = response.with_changes(
                    answer=AnswerKind.NOT_APPLICABLE, reason=reason, steps_done=frozenset()
                )
            elif i in unsure:
                response = response.with_changes(answer=AnswerKind.UNSURE)
            else:
                own = stage
                if i in split and n == len(people) - 1:
                    own = _far(stage)
                elif n in deviants:
                    own = _clamp(stage + drift, 0, 3)
                response = response.with_changes(answer=AnswerKind.RATED, stage=Stage(own))
            if i == tricky and n == 0:
                response = response.with_changes(note=TRICKY_NOTE)
            elif i in noted and n == i % len(people):
                response = response.with_changes(note=next(notes, ""))
            record.responses[(person.uid, action.id)] = response
        if team and i in agreed:
            record.consensus[action.id] = Consensus(
                action=action.id,
                stage=Stage(stage),
                rationale=rng.choice(RATIONALES),
                updated_at=clock(),
            )

    _plan_some(record, playbook, clock)
    return record


def _plan_some(record: AssessmentRecord, playbook: Playbook, clock: _Clock) -> None:
    """Record owners, dates and next steps on the top of the agenda and one find-out task."""
    agenda = build_agenda(record, playbook)
    chosen = [i for i in agenda.items if i.bucket in (Bucket.START_NOW, Bucket.PLAN)][:3]
    chosen += [i for i in agenda.items if i.bucket is Bucket.FIND_OUT][:1]
    owners = [p.name for p in record.participants]
    if len(owners) == 1:
        owners += list(SOLO_OWNERS)
    for n, item in enumerate(chosen):
        record.agenda[item.action_id] = AgendaEntry(
            action=item.action_id,
            owner=owners[n % len(owners)],
            target_date=TARGET_DATES[n % len(TARGET_DATES)],
            next_step=NEXT_STEPS[n % len(NEXT_STEPS)],
            status=STATUSES[n % len(STATUSES)],
            updated_at=clock(),
        )
