"""The content pack: inventory, cross-check against the source page, and strict loading."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook_app.content import (
    DEFAULT_PACK,
    ContentError,
    available_packs,
    load_default,
    load_playbook,
)
from playbook_app.domain.assessment import STATES
from playbook_app.domain.playbook import Control, KeyAction, Playbook
from playbook_app.paths import playbooks_dir

REPO_ROOT = Path(__file__).resolve().parent.parent
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# The inventory the design fixes (DESIGN.md section 3).
ACTIONS_PER_REC = [3, 4, 3, 3, 2, 1, 1, 3]
STEPS_PER_ACTION = [[4, 5, 3], [4, 5, 6, 5], [6, 5, 5], [6, 5, 4], [6, 5], [5], [6], [3, 4, 4]]


@pytest.fixture(scope="module")
def playbook() -> Playbook:
    return load_default()


def pack_path() -> Path:
    return playbooks_dir() / DEFAULT_PACK


# --- inventory ---------------------------------------------------------------------------


def test_pack_is_the_one_bundled_pack() -> None:
    assert pack_path() in available_packs()


def test_header_and_source(playbook: Playbook) -> None:
    assert playbook.id == "ali-local-system-leaders"
    assert playbook.version == "2026.12"
    assert playbook.title == "State Education R&D Playbook: Local System Leaders"
    source = playbook.source
    assert source.title == "State Education R&D Playbook"
    assert source.publisher == "Alliance for Learning Innovation (ALI)"
    assert source.role == "Local System Leaders"
    assert source.url.startswith("https://")
    assert source.date_read == "2026-11-22"
    assert source.url in source.credit


def test_levers(playbook: Playbook) -> None:
    assert [lever.title for lever in playbook.levers] == [
        "Community-Driven Co-Creation",
        "Flexibility Activation",
        "Innovation Inspiration",
        "Practitioner Insight and Policy Influence",
    ]


def test_recommendation_and_key_action_counts(playbook: Playbook) -> None:
    assert [rec.number for rec in playbook.recommendations] == list(range(1, 9))
    assert [len(rec.key_actions) for rec in playbook.recommendations] == ACTIONS_PER_REC
    assert len(playbook.key_actions) == 20


def test_step_counts(playbook: Playbook) -> None:
    counts = [[len(a.steps) for a in rec.key_actions] for rec in playbook.recommendations]
    assert counts == STEPS_PER_ACTION
    assert sum(len(a.steps) for a in playbook.key_actions) == 96


def test_key_action_numbers(playbook: Playbook) -> None:
    for rec in playbook.recommendations:
        assert [a.number for a in rec.key_actions] == [
            f"{rec.number}.{k}" for k in range(1, len(rec.key_actions) + 1)
        ]


def test_only_the_apply_step_has_substeps(playbook: Playbook) -> None:
    with_substeps = [
        (a.number, step) for a in playbook.key_actions for step in a.steps if step.substeps
    ]
    assert len(with_substeps) == 1
    number, step = with_substeps[0]
    assert number == "3.2"
    assert step.id == "flexibility-programs-apply"
    assert len(step.substeps) == 3
    assert all(not sub.substeps for sub in step.substeps)


def test_ids_are_unique_slugs(playbook: Playbook) -> None:
    ids = [lever.id for lever in playbook.levers]
    for rec in playbook.recommendations:
        ids.append(rec.id)
        for action in rec.key_actions:
            ids.append(action.id)
            ids.extend(action.step_ids)
    assert len(ids) == len(set(ids))
    assert all(SLUG.fullmatch(i) for i in ids), [i for i in ids if not SLUG.fullmatch(i)]


def test_every_key_action_is_complete(playbook: Playbook) -> None:
    for action in playbook.key_actions:
        assert isinstance(action.default_control, Control)
        assert 0 < len(action.title) <= 70
        assert action.text.strip()
        assert all(step.text.strip() for step in action.all_steps())


def test_controls_use_all_three_hints(playbook: Playbook) -> None:
    assert {a.default_control for a in playbook.key_actions} == set(Control)
    assert playbook.action("capacity-leader").default_control is Control.DISTRICT
    assert playbook.action("flexibility-assessment").default_control is Control.STATE


def test_advocating_for_state_capacity_is_suggested_as_the_districts_own(
    playbook: Playbook,
) -> None:
    # Making the case to the state does not wait on the state: the district can do it now.
    assert playbook.action("capacity-advocate").default_control is Control.DISTRICT


def test_examples_and_resources(playbook: Playbook) -> None:
    first = playbook.key_actions[0]
    assert (first.examples[0].where, first.examples[0].program) == (
        "Indiana",
        "Strategic Priorities",
    )
    advisory = playbook.action("capacity-advisory")
    assert advisory.examples[0].label == "North Carolina: Edgecombe County Public Schools (slides)"
    assert "Conversations with Kids: Reflection Guide for System Leaders" in (
        playbook.action("mindset-trust").resources
    )
    for action in playbook.key_actions:
        assert all(e.program.strip() for e in action.examples)
        assert all(r.strip() for r in action.resources)
    # Labels with nothing after them on the page stay empty here.
    assert playbook.action("support-partners").examples == ()
    assert playbook.action("flexibility-assessment").resources == ()


def test_state_programs(playbook: Playbook) -> None:
    programs = {p.state: p for p in playbook.state_programs}
    assert sorted(programs) == ["CO", "KY", "MT", "ND", "NH", "UT", "WA"]
    assert programs["KY"].name == "Local Laboratories of Learning Initiative"
    for program in playbook.state_programs:
        assert program.state in STATES
        assert program.summary.strip()
        assert program.action_ids
        assert all(playbook.has_action(a) for a in program.action_ids)
        assert "flexibility-programs" in program.action_ids
    assert playbook.programs_for("KY", "flexibility-assessment")
    assert not playbook.programs_for("TX", "flexibility-assessment")


def test_state_programs_link_only_what_the_article_supports(playbook: Playbook) -> None:
    # Colorado's grants are about local accountability, not federal assessment flexibility or
    # SLDS use; North Dakota's waivers are not federal assessment flexibility either.
    assert not playbook.programs_for("CO", "flexibility-assessment")
    assert not playbook.programs_for("CO", "data-use")
    assert not playbook.programs_for("ND", "flexibility-assessment")
    assert playbook.programs_for("CO", "flexibility-programs")
    assert playbook.programs_for("ND", "flexibility-map")


def test_state_program_summaries_say_what_the_article_says(playbook: Playbook) -> None:
    programs = {p.state: p.summary for p in playbook.state_programs}
    assert "updated its public School Insights dashboard" in programs["CO"]
    assert "rebuilt" not in programs["CO"]
    assert "consortium of districts" in programs["WA"]
    assert "High School belongs" not in programs["WA"]
    # The Act's funding removed seat time and widened remote learning; the workplace
    # initiative is something the district "also launched", not paid for by the Act.
    (launch,) = [s for s in programs["MT"].split(". ") if "Transformational Workplace" in s]
    assert "used it" not in launch and "fund" not in launch


def test_state_programs_credit_their_source(playbook: Playbook) -> None:
    source = playbook.programs_source
    assert source is not None
    assert source.title == "7 models for how leaders can lay the groundwork for K12 innovation"
    assert source.publisher == "District Administration"
    assert "Bellwether" in source.draws_on and "“Levers of Change”" in source.draws_on
    credit = source.credit
    assert credit in playbook.credits and playbook.credits[0] == playbook.source.credit
    for part in (source.title, "District Administration", "Bellwether", "Levers of Change"):
        assert part in credit


def test_the_community_letter_example_reads_as_the_page_gives_it(playbook: Playbook) -> None:
    (letter,) = [e for e in playbook.action("capacity-advisory").examples if not e.where]
    assert letter.label == "Achievement First (letter to the community)"


REWORDED = [
    pytest.param("capacity-advocate-support", ("tackle local challenges", "for example"),
                 id="2.1-step-2"),
    pytest.param("capacity-leader", ("whose job includes",), id="2.3"),
    pytest.param("capacity-advisory-convene", ("administer, analyze, synthesize and discuss",),
                 id="2.4-step-1"),
    pytest.param("mindset", ("educators feel safe to iterate",), id="R4-summary"),
    pytest.param("data-shape", ("what data are collected", "how they are accessed"), id="5.1"),
    pytest.param("data-shape-questions", ("student engagement outcomes",), id="5.1-step-4"),
    pytest.param("technology-tools", ("designed by practitioners",), id="6.1"),
]  # fmt: skip


def _text_of(playbook: Playbook, some_id: str) -> str:
    for rec in playbook.recommendations:
        if rec.id == some_id:
            return rec.summary
        for action in rec.key_actions:
            if action.id == some_id:
                return action.text
            for step in action.all_steps():
                if step.id == some_id:
                    return step.text
    raise AssertionError(f"no text with id {some_id!r}")


@pytest.mark.parametrize(("some_id", "phrases"), REWORDED)
def test_reworded_texts_keep_the_pages_meaning(
    playbook: Playbook, some_id: str, phrases: tuple[str, ...]
) -> None:
    text = _text_of(playbook, some_id)
    for phrase in phrases:
        assert phrase in text, text


# --- cross-check against the seed page ----------------------------------------------------

_LABELS = {"How:": "steps", "Examples:": "examples", "Resource:": "resources"}
_LABELS["Resources:"] = "resources"


@dataclass
class SeedAction:
    text: str
    labelled: bool = False
    steps: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)


@dataclass
class SeedRecommendation:
    title: str
    summary: str
    actions: list[SeedAction] = field(default_factory=list)


def _seed_dirs() -> list[Path]:
    return [Path("/work/shared/seeds"), REPO_ROOT.parent / "shared" / "seeds"]


def _seed_text(marker: str) -> str:
    for folder in _seed_dirs():
        if folder.is_dir():
            for path in sorted(folder.glob("*.txt")):
                text = path.read_text(encoding="utf-8")
                if marker in text:
                    return text
    pytest.skip(f"no seed file containing {marker!r} in {', '.join(map(str, _seed_dirs()))}")


@pytest.fixture(scope="module")
def page_text() -> str:
    return _seed_text("How Local System Leaders Advance Education R&D")


def parse_page(text: str) -> tuple[int, list[SeedRecommendation]]:
    """Lever count and recommendations of the first copy of the page in the seed.

    The page is a flat list of lines. A run of three prose lines is a recommendation (title,
    summary, first key action); a single prose line is the next key action. Bullets belong to
    the last label (How/Examples/Resources) or, with no label, are the action's steps.
    """
    lines = [line.strip() for line in text.splitlines()]
    header = lines.index("How Local System Leaders Advance Education R&D")
    levers = 0
    while lines[header + 1 + levers].startswith(("You ", "Your ")):
        levers += 1

    recs: list[SeedRecommendation] = []
    prose: list[str] = []
    section = "steps"

    def flush() -> None:
        nonlocal section
        if not prose:
            return
        if len(prose) == 3:
            recs.append(SeedRecommendation(prose[0], prose[1]))
        assert len(prose) in (1, 3), f"unexpected run of prose lines: {prose}"
        assert recs, f"key action before any recommendation: {prose}"
        recs[-1].actions.append(SeedAction(prose[-1]))
        section = "steps"
        prose.clear()

    start = lines.index("Recommendations and Key Actions") + 1
    for line in lines[start:]:
        if not line:
            continue
        if line in _LABELS or line.startswith("- "):
            flush()
            action = recs[-1].actions[-1]
            if line in _LABELS:
                section = _LABELS[line]
                action.labelled = action.labelled or line == "How:"
            else:
                getattr(action, section).append(line[2:].strip())
            continue
        # The page text repeats: stop where the first recommendation starts again.
        if (recs and line == recs[0].title) or line == "Voices From the Field":
            break
        prose.append(line)
    flush()
    return levers, recs


def seed_example(bullet: str) -> tuple[str, str]:
    """'State: Program', or the whole bullet as the program when it names no state."""
    if ": " in bullet:
        where, program = bullet.split(": ", 1)
        return where, program
    return "", bullet


@pytest.fixture(scope="module")
def seed(page_text: str) -> tuple[int, list[SeedRecommendation]]:
    return parse_page(page_text)


def test_seed_structure_matches(
    playbook: Playbook, seed: tuple[int, list[SeedRecommendation]]
) -> None:
    levers, recs = seed
    assert len(playbook.levers) == levers
    assert [len(r.actions) for r in recs] == [len(r.key_actions) for r in playbook.recommendations]
    actions = [a for r in recs for a in r.actions]
    labelled = sum(a.labelled for a in actions)
    unlabelled = sum(not a.labelled and bool(a.steps) for a in actions)
    assert labelled + unlabelled == len(playbook.key_actions)


def _pairs(
    playbook: Playbook, recs: list[SeedRecommendation]
) -> list[tuple[SeedAction, KeyAction]]:
    seed_actions = [a for r in recs for a in r.actions]
    assert len(seed_actions) == len(playbook.key_actions)
    return list(zip(seed_actions, playbook.key_actions, strict=True))


def test_seed_step_counts_match(
    playbook: Playbook, seed: tuple[int, list[SeedRecommendation]]
) -> None:
    for seed_action, action in _pairs(playbook, seed[1]):
        flat = list(action.all_steps())
        # Sub-bullets are flattened on the page, so compare all bullets with all steps,
        # and the bullets that introduce a list (ending in ":") with steps that have sub-steps.
        assert len(seed_action.steps) == len(flat), action.number
        intros = [i for i, bullet in enumerate(seed_action.steps) if bullet.endswith(":")]
        assert intros == [i for i, step in enumerate(flat) if step.substeps], action.number
        top_level = len(seed_action.steps) - sum(len(flat[i].substeps) for i in intros)
        assert top_level == len(action.steps), action.number


def test_seed_examples_and_resources_match(
    playbook: Playbook, seed: tuple[int, list[SeedRecommendation]]
) -> None:
    for seed_action, action in _pairs(playbook, seed[1]):
        expected = [seed_example(bullet) for bullet in seed_action.examples]
        assert [(e.where, e.program) for e in action.examples] == expected, action.number
        assert list(action.resources) == seed_action.resources, action.number


def test_proper_names_appear_verbatim(playbook: Playbook, page_text: str) -> None:
    for action in playbook.key_actions:
        for example in action.examples:
            assert example.where in page_text
            program = example.program
            assert program in page_text or program[0].lower() + program[1:] in page_text
        for resource in action.resources:
            assert resource in page_text


def test_texts_are_not_copied_lines(playbook: Playbook, page_text: str) -> None:
    page_lines = {line.strip(" -").casefold() for line in page_text.splitlines()}
    texts = [r.summary for r in playbook.recommendations]
    texts += [lever.text for lever in playbook.levers]
    for action in playbook.key_actions:
        texts.append(action.text)
        texts.extend(step.text for step in action.all_steps())
    copied = [t for t in texts if t.casefold() in page_lines]
    assert not copied


def test_state_program_names_match_article(playbook: Playbook) -> None:
    article = _seed_text("seven states")
    for program in playbook.state_programs:
        assert f"{STATES[program.state]}: {program.name}" in article


def test_state_programs_source_matches_article(playbook: Playbook) -> None:
    article = _seed_text("seven states")
    source = playbook.programs_source
    assert source is not None
    assert article.lstrip().startswith(source.title)
    assert source.author in article
    assert "Bellwether" in article and "“Levers of Change”" in article


# --- strict loading -----------------------------------------------------------------------


def pack_text() -> str:
    return pack_path().read_text(encoding="utf-8")


def write_pack(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / DEFAULT_PACK
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    with pytest.raises(ContentError) as info:
        load_playbook(path)
    message = str(info.value)
    assert message.startswith(f"{path.name}: "), message
    return message


ACTIONS_OF_THIRD_PROGRAM = r'"actions": \[\s*"flexibility-map",\s*"flexibility-programs"\s*\]'

BAD_PACKS = [
    pytest.param(
        r'("id": "capacity-advisory-case",\s*)"text":',
        r'\1"txt":',
        "recommendations[2].key_actions[4].steps[2]: unknown key 'txt'",
        id="unknown-key",
    ),
    pytest.param(
        r'("id": "flexibility-programs-apply-reimagine",\s*)"text"',
        r'\1"txt"',
        "recommendations[3].key_actions[2].steps[2].substeps[3]: unknown key 'txt'",
        id="unknown-key-in-substep",
    ),
    pytest.param(
        r"\n}\n\Z",
        ',\n  "extra": {"x": 1}\n}\n',
        "top level: unknown key 'extra'",
        id="unknown-section",
    ),
    pytest.param(
        r'\n\s*"control": "shared",',
        "",
        "recommendations[1].key_actions[3]: missing key 'control'",
        id="missing-key",
    ),
    pytest.param(
        r'\n\s*"summary": "Champion[^\n]*',
        "",
        "recommendations[6]: missing key 'summary'",
        id="missing-summary",
    ),
    pytest.param(
        r'"id": "vision-local",',
        '"id": "vision-state-partner",',
        "recommendations[1].key_actions[2].id: duplicate id 'vision-state-partner' "
        "(first used at recommendations[1].key_actions[1].id)",
        id="duplicate-id",
    ),
    pytest.param(
        r'"id": "support-tools-rfps"',
        '"id": "capacity"',
        "recommendations[8].key_actions[2].steps[3].id: duplicate id 'capacity'",
        id="duplicate-id-across-kinds",
    ),
    pytest.param(
        r'"id": "data-use",',
        '"id": "Data Use",',
        "recommendations[5].key_actions[2].id: 'Data Use' is not a valid id",
        id="bad-slug",
    ),
    pytest.param(
        r'"control": "district"',
        '"control": "everyone"',
        "recommendations[1].key_actions[2].control: unknown control 'everyone'",
        id="bad-control",
    ),
    pytest.param(
        r'"version": "2026.12"',
        '"version": 2026.12',
        "playbook.version: expected a string, found a number; put it in quotes",
        id="wrong-type",
    ),
    pytest.param(
        r'"date_read": "[^"]*"',
        '"date_read": null',
        "source.date_read: expected a string, found null",
        id="null-for-string",
    ),
    pytest.param(
        r'"date_read": "[^"]*"',
        '"date_read": "2026-02-31"',
        "source.date_read: '2026-02-31' is not a real date written as YYYY-MM-DD",
        id="impossible-date",
    ),
    pytest.param(
        r'"title": "Partner authentically[^"]*"',
        '"title": true',
        "recommendations[1].key_actions[1].title: expected a string, found true or false",
        id="boolean-for-string",
    ),
    pytest.param(
        r'"playbook": (\{[^}]*\})',
        r'"playbook": [\1]',
        "playbook: expected an object, found an array",
        id="array-for-object",
    ),
    pytest.param(
        r'"levers": \[',
        '"levers": {"x": 1}, "unused": [',
        "top level: unknown key 'unused'",
        id="unknown-key-before-type",
    ),
    pytest.param(
        r'"text": "Make it safe to take risks and to reflect honestly."',
        '"text": "   "',
        "recommendations[7].key_actions[1].steps[3].text: must not be empty",
        id="empty-text",
    ),
    pytest.param(
        r'"program": "PAST Foundation \(Partner Capacity\)"',
        '"program": ""',
        "recommendations[2].key_actions[3].examples[4].program: must not be empty",
        id="empty-example",
    ),
    pytest.param(
        r'"title": "Designate a school system innovation leader"',
        '"title": "' + "x" * 71 + '"',
        "recommendations[2].key_actions[3].title: is 71 characters long",
        id="title-too-long",
    ),
    pytest.param(
        r'"state": "WA"',
        '"state": "XX"',
        "state_programs[7].state: unknown state code 'XX'",
        id="bad-state",
    ),
    pytest.param(
        ACTIONS_OF_THIRD_PROGRAM,
        '"actions": ["flexibility-map", "flexibility-programz"]',
        "state_programs[3].actions[2]: 'flexibility-programz' is not a key action id",
        id="unknown-action",
    ),
    pytest.param(
        ACTIONS_OF_THIRD_PROGRAM,
        '"actions": ["flexibility-map", "flexibility-map-audit"]',
        "state_programs[3].actions[2]: 'flexibility-map-audit' is not a key action id "
        "(it is a step id)",
        id="step-id-as-action",
    ),
    pytest.param(
        r'\n  "state_programs_source": \{[^}]*\},',
        "",
        "top level: missing key 'state_programs_source'",
        id="programs-without-source",
    ),
    pytest.param(
        r'"author": "Matt Zalaznick",\n',
        "",
        "state_programs_source: missing key 'author'",
        id="source-without-author",
    ),
    pytest.param(
        r'"program": "Achievement First \(letter to the community\)"',
        '"where": "", "program": "Achievement First (letter to the community)"',
        "recommendations[2].key_actions[4].examples[3].where: must not be empty",
        id="empty-example-state",
    ),
    pytest.param(
        ACTIONS_OF_THIRD_PROGRAM,
        '"actions": []',
        "state_programs[3].actions: must list at least one entry",
        id="empty-actions",
    ),
]


@pytest.mark.parametrize(("pattern", "replacement", "expected"), BAD_PACKS)
def test_bad_pack_names_file_and_place(
    tmp_path: Path, pattern: str, replacement: str, expected: str
) -> None:
    original = pack_text()
    text, count = re.subn(pattern, replacement, original, count=1)
    assert count == 1 and text != original, f"test pattern {pattern!r} no longer matches the pack"
    message = load_error(write_pack(tmp_path, text))
    assert expected in message


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == needle)


def test_broken_json_reports_line(tmp_path: Path) -> None:
    text = pack_text()
    line = _line_of(text, '"id": "vision-local",')
    broken = text.replace('"id": "vision-local",\n', '"id": "vision-local",\nnot json\n', 1)
    message = load_error(write_pack(tmp_path, broken))
    assert f"{DEFAULT_PACK}: not valid JSON (line {line + 1}, column 1: " in message


def test_repeated_key_is_refused(tmp_path: Path) -> None:
    # json would keep the second value without a word; the pack refuses both.
    text = pack_text()
    broken = text.replace('"id": "vision-local",\n', '"id": "vision-local",\n"id": "again",\n', 1)
    message = load_error(write_pack(tmp_path, broken))
    assert "the key \"id\" appears twice in one object (in the entry with id 'vision-local')" in (
        message
    )


def test_unterminated_string_reports_its_line(tmp_path: Path) -> None:
    text = pack_text()
    line = _line_of(text, '"id": "vision-local",')
    cut = text[: text.index('"id": "vision-local"') + len('"id": "vision')]
    message = load_error(write_pack(tmp_path, cut))
    # Worded as a packet cut short is (one strict reader, one wording).
    assert f"{DEFAULT_PACK}: incomplete (line {line}, column " in message
    assert "the text stops part-way through" in message


def test_absurd_nesting_is_a_content_error(tmp_path: Path) -> None:
    nested = '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    assert "not valid JSON (arrays or objects are nested too deeply)" in load_error(
        write_pack(tmp_path, nested)
    )


def test_non_utf8_reports_line(tmp_path: Path) -> None:
    text = pack_text()
    line = _line_of(text, '"playbook": {')
    raw = text.encode("utf-8").replace(b'"playbook": {\n', b'"playbook": {\n"caf\xe9": 1,\n', 1)
    message = load_error(write_pack(tmp_path, raw))
    assert f"{DEFAULT_PACK}: not UTF-8 text (line {line + 1}, column 5: byte 0xe9" in message


def test_a_control_character_in_a_string_is_worded_plainly(tmp_path: Path) -> None:
    # The standard decoder says "Invalid control character at", cut off mid-sentence.
    text = pack_text().replace('"id": "vision-local"', '"id": "vision\tlocal"', 1)
    message = load_error(write_pack(tmp_path, text))
    assert "a text value contains a tab, line break or other control character" in message
    assert "Invalid control character" not in message and " at)" not in message


def test_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = write_pack(tmp_path, b"\xef\xbb\xbf" + pack_text().encode("utf-8"))
    assert load_playbook(path) == load_default()


def test_missing_file(tmp_path: Path) -> None:
    message = load_error(tmp_path / DEFAULT_PACK)
    assert f"{DEFAULT_PACK}: file not found" in message


def test_unreadable_path(tmp_path: Path) -> None:
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert "cannot read the file" in load_error(folder)


def test_load_default_without_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAYBOOK_RESOURCES_DIR", str(tmp_path))
    with pytest.raises(ContentError, match=rf"^{re.escape(DEFAULT_PACK)}: .*missing"):
        load_default()
    assert available_packs() == []


def test_load_default_follows_resources_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "playbooks").mkdir()
    write_pack(tmp_path / "playbooks", pack_text())
    monkeypatch.setenv("PLAYBOOK_RESOURCES_DIR", str(tmp_path))
    assert load_default().id == "ali-local-system-leaders"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_damaged_pack_never_escapes_as_another_error(tmp_path: Path, data: st.DataObject) -> None:
    raw = pack_path().read_bytes()
    start = data.draw(st.integers(0, len(raw) - 1), label="start")
    length = data.draw(st.integers(0, 40), label="length")
    filler = data.draw(st.binary(max_size=8), label="filler")
    path = write_pack(tmp_path, raw[:start] + filler + raw[start + length :])
    try:
        load_playbook(path)
    except ContentError as exc:
        assert str(exc).startswith(f"{DEFAULT_PACK}: ")
