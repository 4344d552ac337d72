"""A socket guard: any attempt to make a socket or resolve a name raises, and is recorded.

Used for the whole test run (tests/conftest.py) and, through faultlib/site/
sitecustomize.py, inside the app's own processes that tests start.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

LOG_ENV = "PLAYBOOK_SOCKET_LOG"


class SocketForbidden(RuntimeError):
    """Not an OSError on purpose: code that treats network errors as "offline" cannot hide it."""


# socket.socket itself is replaced by a subclass (see below), so modules that
# subclass it (ssl) still import; only making one is refused.
_NAMES = ("socketpair", "create_connection", "create_server", "getaddrinfo", "fromfd")


@contextmanager
def forbid_sockets(record: Callable[[str], None]) -> Iterator[None]:
    """Within the block, every way to a socket in Python calls `record` and raises."""
    saved = {name: getattr(socket, name) for name in ("socket", *_NAMES)}

    def refuse(name: str) -> Callable[..., Any]:
        def refused(*args: object, **kwargs: object) -> Any:
            record(f"socket.{name}{args!r}")
            raise SocketForbidden(f"the app must open no socket (socket.{name})")

        return refused

    class GuardedSocket(saved["socket"]):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            refuse("socket")(*args, **kwargs)

    for name in _NAMES:
        setattr(socket, name, refuse(name))
    socket.socket = GuardedSocket  # type: ignore[misc]
    try:
        yield
    finally:
        for name, original in saved.items():
            setattr(socket, name, original)
