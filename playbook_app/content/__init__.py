"""Playbook content packs: load and validate the bundled JSON pack into domain objects."""

from playbook_app.content.loader import (
    DEFAULT_PACK,
    available_packs,
    load_default,
    load_playbook,
)
from playbook_app.content.schema import ContentError

__all__ = [
    "DEFAULT_PACK",
    "ContentError",
    "available_packs",
    "load_default",
    "load_playbook",
]
