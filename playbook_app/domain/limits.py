"""How long each kind of typed text may be, and which characters it may hold.

One constant per limit: the screens refuse typing past it, packets are checked
against it, and the reports rely on it. The packet size cap in exchange/ is
worked out from these numbers, so a 12-person team filling every field to its
limit still fits in one packet (see exchange/checks.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from playbook_app.domain.assessment import AssessmentRecord

NAME_MAX = 200  # a district, person, role, label or owner: one line
NOTE_MAX = 2_000  # a participant's note on one key action (about a page of print)
REASON_MAX = 500  # why a key action does not apply
RATIONALE_MAX = 2_000  # why the team agreed on a stage
NEXT_STEP_MAX = 500  # an agenda item's next step
MOVE_REASON_MAX = 300  # why the district moved an agenda item to another group

CUT_MARK = " […]"  # ends a text that an older version let grow past its limit

# Control characters (C0, DEL, C1) and lone surrogates, which no UTF-8 file can
# hold. Tabs and line breaks are handled apart: multi-line text keeps them. Left to
# re's own cache, so they are compiled on first use: the surrogate range makes the
# first the slowest pattern of the app to build, and start-up cleans no text.
_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]"
_LINE_BREAKS = "\r\n|[\r\u2028\u2029]"


def clean(text: str, *, multiline: bool) -> str:
    """`text` without control characters; one-line text also loses tabs and line breaks."""
    text = re.sub(_CONTROL, "", re.sub(_LINE_BREAKS, "\n", text))
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def cut(text: str, limit: int) -> str:
    """`text` if it is within `limit` characters, else its start and CUT_MARK, `limit` in all."""
    if len(text) <= limit:
        return text
    return text[: limit - len(CUT_MARK)].rstrip() + CUT_MARK


def _fit(text: str, limit: int, *, multiline: bool = True) -> str:
    return cut(clean(text, multiline=multiline), limit)


def within_limits(record: AssessmentRecord) -> AssessmentRecord:
    """The record with every free text cleaned and cut to its limit, for a packet.

    Only text stored by an older version, which took any length and pasted
    control characters, changes; the database itself is left as it is.
    """

    def name(text: str) -> str:
        return _fit(text, NAME_MAX, multiline=False)

    return replace(
        record,
        assessment=record.assessment._replace(label=name(record.assessment.label)),
        district=record.district._replace(name=name(record.district.name)),
        participants=[
            p._replace(name=name(p.name), role=name(p.role)) for p in record.participants
        ],
        responses={
            key: r._replace(note=_fit(r.note, NOTE_MAX), reason=_fit(r.reason, REASON_MAX))
            for key, r in record.responses.items()
        },
        consensus={
            key: c._replace(rationale=_fit(c.rationale, RATIONALE_MAX))
            for key, c in record.consensus.items()
        },
        agenda={
            key: g._replace(
                owner=name(g.owner),
                next_step=_fit(g.next_step, NEXT_STEP_MAX),
                bucket_reason=_fit(g.bucket_reason, MOVE_REASON_MAX),
            )
            for key, g in record.agenda.items()
        },
    )
