"""Load a playbook content pack (JSON) into domain objects, validating it strictly."""

from __future__ import annotations

from pathlib import Path

from playbook_app import strict_json
from playbook_app.content.schema import ContentError, Entry, IdRegistry
from playbook_app.domain.assessment import STATES
from playbook_app.domain.dates import is_iso_date
from playbook_app.domain.playbook import (
    ArticleSource,
    Control,
    Example,
    KeyAction,
    Lever,
    Playbook,
    Recommendation,
    Source,
    StateProgram,
    Step,
)
from playbook_app.paths import playbooks_dir

DEFAULT_PACK = "local_system_leaders.json"
# The pack is some 40 KB; a hundred times that is still a pack, and a wrong file
# (a video, a disk image) is refused without being read whole.
MAX_BYTES = 5 * 1024 * 1024
TITLE_MAX = 70  # key action titles label navigation lists and agenda rows

_CONTROLS = ", ".join(c.value for c in Control)
_SOURCE_KEYS = ("title", "publisher", "role", "url", "date_read")
_ARTICLE_KEYS = ("title", "publisher", "author", "draws_on")


def load_default() -> Playbook:
    """The bundled Local System Leaders pack."""
    folder = playbooks_dir()
    path = folder / DEFAULT_PACK
    if not path.is_file():
        raise ContentError(DEFAULT_PACK, "", f"the playbook pack is missing from {folder}")
    return load_playbook(path)


def available_packs() -> list[Path]:
    """Every pack file in the bundled playbooks folder, by name."""
    folder = playbooks_dir()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def load_playbook(path: Path) -> Playbook:
    """Read, parse and validate one pack; every failure is a ContentError, never a traceback."""
    name = path.name
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError as exc:
        raise ContentError(name, "", f"file not found ({path})") from exc
    except OSError as exc:
        raise ContentError(name, "", f"cannot read the file ({exc.strerror or exc})") from exc
    data = _parse(name, raw)
    return _Builder(name).playbook(data)


def _parse(name: str, raw: bytes) -> object:
    # The same strict reader as packets: one wording for every mistake in the file as a whole.
    try:
        return strict_json.read_document(raw, kind="playbook pack", max_bytes=MAX_BYTES)
    except strict_json.JsonError as exc:
        raise ContentError(name, "", exc.reason) from exc


class _Builder:
    """Turns the parsed document into a Playbook, one checked entry at a time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.ids = IdRegistry(name)

    def playbook(self, data: object) -> Playbook:
        top = Entry(
            self.name,
            data,
            "",
            ("playbook", "source", "levers", "recommendations"),
            ("state_programs_source", "state_programs"),
        )
        # Header and source first, so errors come in the order the file is read.
        head = top.entry("playbook", ("id", "version", "title"))
        playbook_id = head.slug("id")
        version = head.text("version", one_line=True)
        title = head.text("title", one_line=True)
        source = self.source(top.entry("source", _SOURCE_KEYS))
        levers = tuple(self.lever(t) for t in top.entries("levers", ("id", "title", "text")))
        recommendations = tuple(
            self.recommendation(number, t)
            for number, t in enumerate(
                top.entries("recommendations", ("id", "title", "summary", "key_actions")), start=1
            )
        )
        programs_source = None
        if top.has("state_programs_source"):
            programs_source = self.article(top.entry("state_programs_source", _ARTICLE_KEYS))
        programs = top.entries(
            "state_programs", ("state", "name", "summary", "actions"), non_empty=False
        )
        if programs and programs_source is None:
            # The programs come from another source than the playbook; the app must credit it.
            raise top.error("", "missing key 'state_programs_source' (the state programs' source)")
        return Playbook(
            id=playbook_id,
            version=version,
            title=title,
            source=source,
            levers=levers,
            recommendations=recommendations,
            state_programs=self.state_programs(programs),
            programs_source=programs_source,
        )

    def claim(self, t: Entry, kind: str) -> str:
        return self.ids.claim(t.slug("id"), kind, f"{t.place}.id")

    def source(self, t: Entry) -> Source:
        url = t.text("url", one_line=True)
        if not url.startswith(("https://", "http://")) or " " in url:
            raise t.error("url", f"{url!r} is not a web address (it should start with https://)")
        date_read = t.text("date_read", one_line=True)
        if not is_iso_date(date_read):
            raise t.error("date_read", f"{date_read!r} is not a real date written as YYYY-MM-DD")
        return Source(
            title=t.text("title", one_line=True),
            publisher=t.text("publisher", one_line=True),
            role=t.text("role", one_line=True),
            url=url,
            date_read=date_read,
        )

    def article(self, t: Entry) -> ArticleSource:
        return ArticleSource(
            title=t.text("title", one_line=True),
            publisher=t.text("publisher", one_line=True),
            author=t.text("author", one_line=True),
            draws_on=t.text("draws_on", one_line=True),
        )

    def lever(self, t: Entry) -> Lever:
        return Lever(
            id=self.claim(t, "lever"),
            title=t.text("title", one_line=True),
            text=t.text("text"),
        )

    def recommendation(self, number: int, t: Entry) -> Recommendation:
        rec_id = self.claim(t, "recommendation")
        title = t.text("title", one_line=True)
        summary = t.text("summary")
        actions = t.entries(
            "key_actions",
            ("id", "title", "text", "control", "steps"),
            ("examples", "resources"),
        )
        return Recommendation(
            id=rec_id,
            number=number,
            title=title,
            summary=summary,
            key_actions=tuple(
                self.key_action(f"{number}.{position}", a)
                for position, a in enumerate(actions, start=1)
            ),
        )

    def key_action(self, number: str, t: Entry) -> KeyAction:
        action_id = self.claim(t, "key action")
        title = t.text("title", one_line=True, max_len=TITLE_MAX)
        text = t.text("text")
        control_name = t.text("control", one_line=True)
        try:
            control = Control(control_name)
        except ValueError:
            raise t.error(
                "control", f"unknown control {control_name!r} (expected one of: {_CONTROLS})"
            ) from None
        steps = tuple(self.step(s) for s in t.entries("steps", ("id", "text"), ("substeps",)))
        examples = tuple(
            Example(
                where=e.text("where", one_line=True) if e.has("where") else "",
                program=e.text("program", one_line=True),
            )
            for e in t.entries("examples", ("program",), ("where",), non_empty=False)
        )
        return KeyAction(
            id=action_id,
            number=number,
            title=title,
            text=text,
            steps=steps,
            examples=examples,
            resources=tuple(t.strings("resources", non_empty=False)),
            default_control=control,
        )

    def step(self, t: Entry) -> Step:
        step_id = self.claim(t, "step")
        text = t.text("text")
        substeps = tuple(
            Step(id=self.claim(s, "step"), text=s.text("text"))
            for s in t.entries("substeps", ("id", "text"), non_empty=False)
        )
        return Step(id=step_id, text=text, substeps=substeps)

    def state_programs(self, entries: list[Entry]) -> tuple[StateProgram, ...]:
        programs: list[StateProgram] = []
        seen: set[tuple[str, str]] = set()
        for t in entries:
            state = t.text("state", one_line=True)
            if state not in STATES:
                raise t.error(
                    "state", f"unknown state code {state!r} (use a postal code such as 'KY')"
                )
            name = t.text("name", one_line=True)
            if (state, name) in seen:
                raise t.error("name", f"{state} {name!r} is listed twice")
            seen.add((state, name))
            actions = t.strings("actions")
            for i, action_id in enumerate(actions, start=1):
                kind = self.ids.kind(action_id)
                if kind != "key action":
                    found = f"it is a {kind} id" if kind else "no such id in this pack"
                    raise t.error(
                        f"actions[{i}]", f"{action_id!r} is not a key action id ({found})"
                    )
            programs.append(
                StateProgram(
                    state=state, name=name, summary=t.text("summary"), action_ids=tuple(actions)
                )
            )
        return tuple(programs)
