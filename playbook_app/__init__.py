"""Playbook Readiness: an offline readiness assessment for the ALI State Education R&D Playbook."""

__version__ = "0.1.0"
APP_NAME = "Playbook Readiness"
