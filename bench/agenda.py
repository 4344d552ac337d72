"""Benchmark: in-process build time of the demo agenda PDF against the floor document.

The app side builds the team demo (8 participants, all 20 key actions) with
`playbook_app.reports.agenda_pdf`; the floor side is ../shared/floors/agenda_pdf.py,
a plain reportlab document of similar size, imported and built in this same
process. Builds alternate (app, floor, app, floor, ...) after a warm-up of
each, so machine noise hits both; the ratio is of the medians.

    python bench/agenda.py [--rounds 25]

Last line: RESULT agenda ratio=<median app / median floor> budget=1.5 app_ms=... floor_ms=...
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import floors_dir
from playbook_app.content import load_default
from playbook_app.domain.agenda import build_agenda
from playbook_app.domain.demo import demo_record
from playbook_app.reports import agenda_pdf

BUDGET = 1.5
PARTICIPANTS = 8


def load_floor() -> ModuleType:
    path = floors_dir() / "agenda_pdf.py"
    spec = importlib.util.spec_from_file_location("agenda_pdf_floor", path)
    if spec is None or spec.loader is None:
        sys.exit(f"error: cannot load the floor {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=25, help="timed builds of each side")
    args = parser.parse_args()

    floor = load_floor()
    recs, actions = floor.sample()
    playbook = load_default()
    record = demo_record(playbook, participants=PARTICIPANTS)

    def app_build() -> bytes:
        # What the app does on Export: build the agenda, then the PDF from it.
        return agenda_pdf(record, playbook, agenda=build_agenda(record, playbook))

    def floor_build() -> None:
        floor.build(io.BytesIO(), recs, actions)

    for _ in range(2):  # warm-up: font registration, imports, caches
        pdf = app_build()
        floor_build()

    app_ms: list[float] = []
    floor_ms: list[float] = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        app_build()
        app_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        floor_build()
        floor_ms.append((time.perf_counter() - start) * 1000)

    app, base = statistics.median(app_ms), statistics.median(floor_ms)
    print(f"app: {len(pdf)} bytes, medians over {args.rounds} alternating builds")
    print(
        f"RESULT agenda ratio={app / base:.2f} budget={BUDGET} app_ms={app:.1f} floor_ms={base:.1f}"
    )


if __name__ == "__main__":
    main()
