"""Run a Qt program unchanged and note the moment it first asks Qt to quit.

    python _ready_probe.py PROGRAM.py [ARGS...]
    python _ready_probe.py -m MODULE [ARGS...]

The start-up floor and `playbook-app --quit-when-ready` both show their window
and call QCoreApplication.quit on the first turn of the event loop: that call
is the moment the window is interactive. This probe wraps quit (when the
program's own import of PySide6.QtCore runs, so nothing loads earlier than it
would) and writes time.monotonic() at that call to the file descriptor in
$READY_FD. The parent reads it on the same clock, so start-up is timed without
the interpreter's teardown, which the two programs pay differently.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import runpy
import sys
import time
from collections.abc import Sequence
from types import ModuleType

_READY_FD = int(os.environ["READY_FD"])


class _WrapQuitOnImport(importlib.abc.MetaPathFinder):
    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name != "PySide6.QtCore":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        load = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            load(module)
            quit_now = module.QCoreApplication.quit

            def quit() -> None:
                os.write(_READY_FD, repr(time.monotonic()).encode())
                quit_now()

            module.QCoreApplication.quit = staticmethod(quit)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def main() -> None:
    sys.meta_path.insert(0, _WrapQuitOnImport())
    if sys.argv[1] == "-m":
        sys.argv = sys.argv[2:]
        runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
    else:
        sys.argv = sys.argv[1:]
        runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
