"""Loaded by Python at start-up when tests put this folder on PYTHONPATH: sockets forbidden.

Every attempt is appended to the file named by PLAYBOOK_SOCKET_LOG, so a test
sees it even if the app caught the error.
"""

import os

from faultlib.socket_guard import LOG_ENV, forbid_sockets


def _record(what: str) -> None:
    with open(os.environ[LOG_ENV], "a", encoding="utf-8") as log:
        log.write(what + "\n")


if os.environ.get(LOG_ENV):
    # Kept in a global: a guard garbage-collected would restore the sockets.
    _GUARD = forbid_sockets(_record)
    _GUARD.__enter__()  # for the whole life of the process
