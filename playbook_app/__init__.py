"""Playbook Readiness: an offline readiness assessment for the ALI State Education R&D Playbook."""

__version__ = "0.1.0"
APP_NAME = "Playbook Readiness"
# One reverse-DNS id everywhere: the desktop file and AppStream metainfo are named after
# it, Qt's desktop file name, the macOS bundle identifier and the MSI upgrade code come
# from it, so docks and task bars match a running window to its icon.
APP_ID = "org.playbookreadiness.PlaybookReadiness"
