"""The single keys of rating, shown on the cards and bound by the window's menus."""

from __future__ import annotations

from playbook_app.domain.assessment import Stage

STAGE_KEYS = {stage: str(int(stage) + 1) for stage in Stage}
UNSURE_KEYS = ("5", "U")
NOT_APPLICABLE_KEYS = ("6", "N")
KEEP_KEY = "K"  # keep last year's stage, on a follow-up
