"""Child process for kill -9 during an import: reads the packets, then imports them.

    python importer.py DATA_DIR PACKET...

Prints "ready" once the packets are read and the store is open (what is left is
the import itself: its backup and its one write transaction), then "done <seconds>".
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from playbook_app.commands.packets import import_into
from playbook_app.content import load_default
from playbook_app.exchange import read_packets
from playbook_app.storage import Store


def main(folder: Path, names: list[str]) -> None:
    playbook = load_default()
    packets = read_packets(names, playbook)
    store = Store.open(folder)
    print("ready", flush=True)
    started = time.perf_counter()
    import_into(store, packets, playbook)
    print(f"done {time.perf_counter() - started:.6f}", flush=True)
    store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
