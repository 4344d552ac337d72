"""One strict JSON reader: no module but strict_json parses JSON, and the pack loader and the
packet reader word every fault of a file the same way and change nothing."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest
from test_packets import dump, run_import, seeded

import playbook_app
from playbook_app.commands import CommandError
from playbook_app.commands.packets import export_packet
from playbook_app.content import loader
from playbook_app.content.schema import ContentError
from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange import MAX_BYTES, PacketError, read_packet
from playbook_app.paths import database_path

PACKAGE = Path(playbook_app.__file__).parent
READER = PACKAGE / "strict_json.py"
_LARGEST = max(MAX_BYTES, loader.MAX_BYTES)


def json_parses(source: str) -> list[tuple[int, str]]:
    """Lines that call json.load or json.loads, however json was imported."""
    tree = ast.parse(source)
    aliases = {"json"}
    direct = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases |= {a.asname or a.name for a in node.names if a.name == "json"}
        if isinstance(node, ast.ImportFrom) and node.module == "json":
            direct |= {a.asname or a.name for a in node.names if a.name in ("load", "loads")}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in ("load", "loads")
            and isinstance(func.value, ast.Name)
            and func.value.id in aliases
        ):
            found.append((node.lineno, f"{func.value.id}.{func.attr}"))
        elif isinstance(func, ast.Name) and func.id in direct:
            found.append((node.lineno, func.id))
    return sorted(found)


def test_the_scan_finds_every_way_to_call_the_json_parser() -> None:
    planted = (
        "import json\nimport json as j\nfrom json import loads as parse\n"
        "json.loads(a)\nj.load(f)\nparse(b)\njson.dumps(c)\nstore.load(1)\n"
    )
    assert json_parses(planted) == [(4, "json.loads"), (5, "j.load"), (6, "parse")]


def test_no_module_but_strict_json_parses_json() -> None:
    found = {
        str(path.relative_to(PACKAGE.parent)): uses
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != READER and (uses := json_parses(path.read_text(encoding="utf-8")))
    }
    assert found == {}


# Every fault of a file as a whole, and a word its one wording must contain.
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "repeated key": (b'{"a": 1, "a": 2}', 'the key "a" appears twice in one object'),
    "NaN": (b'{"a": NaN}', "it contains NaN, which is not a number JSON allows"),
    "Infinity": (b'{"a": -Infinity}', "-Infinity, which is not a number JSON allows"),
    "overflowing number": (b'{"a": 1e999}', "1e999, which is not a number JSON allows"),
    "absurdly long number": (b'{"a": ' + b"7" * 40 + b"}", "a number far too long"),
    "bad UTF-8": (b'{"a": "caf\xe9"}', "not UTF-8 text (line 1, column 11: byte 0xe9"),
    "UTF-16": ('{"a": 1}'.encode("utf-16"), "not UTF-8 text"),
    "trailing data": (b'{"a": 1}\n{"b": 2}', "there is more after the end of the JSON document"),
    "too deep": (b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
    "too large": (b'{"a": "' + b"x" * _LARGEST + b'"}', "too large to be a {kind} (a {kind} is"),
    "empty": (b"", "empty"),
    "only white space": (b" \r\n\t\n", "empty"),
    "byte-order mark only": (b"\xef\xbb\xbf", "empty"),
    "an array on top": (b"[1, 2]", "not a {kind}: it holds an array where a JSON object"),
    "text on top": (b'"hello"', "it holds text where"),
    "a number on top": (b"3", "it holds a number where"),
    "null on top": (b"null", "it holds null where"),
    "a mark, then an array": (b"\xef\xbb\xbf[1]", "it holds an array where"),
    "cut off": (b'{"a": [1, 2', "incomplete (line 1, column"),
    "cut off in a string": (b'{"a": "unfinished', "it may have been cut off while copying"),
    "control character": (b'{"a": "x\ty"}', "a text value contains a tab"),
    "not JSON": (b"PK\x03\x04 a zip file", "not valid JSON (line 1, column 1:"),
}


@pytest.fixture
def folder(tmp_path: Path, playbook: Playbook) -> tuple[Path, Path]:
    """A data folder with an assessment in it, and a good packet of another assessment, which
    alone would add it."""
    data = tmp_path / "data"
    seeded(data, demo_record(playbook, participants=3))
    good = tmp_path / "good.playbook.json"
    export_packet(demo_record(playbook, participants=2, seed=3), playbook, good)
    return data, good


def _pack_reason(path: Path) -> str:
    before = path.read_bytes()
    with pytest.raises(ContentError) as caught:
        loader.load_playbook(path)
    assert str(caught.value) == f"{path.name}: {caught.value.problem}"
    assert path.read_bytes() == before
    return caught.value.problem


def _packet_reason(path: Path, playbook: Playbook, data: Path, good: Path) -> str:
    with pytest.raises(PacketError) as caught:
        read_packet(path, playbook)
    message = str(caught.value)
    assert message.startswith("The file is ") and message.endswith(".")
    # Imported beside a good file, from the command line: refused, nothing changed.
    db = database_path(data)
    before_bytes, before_rows = db.read_bytes(), dump(data)
    with pytest.raises(CommandError) as refused:
        run_import(data, good, path)
    assert str(refused.value) == f"{path}: {message}"
    assert db.read_bytes() == before_bytes and dump(data) == before_rows
    return message.removeprefix("The file is ").removesuffix(".")


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_the_pack_and_a_packet_word_a_bad_file_alike_and_change_nothing(
    kind: str, tmp_path: Path, playbook: Playbook, folder: tuple[Path, Path]
) -> None:
    content, words = BAD_FILES[kind]
    pack = tmp_path / "pack" / loader.DEFAULT_PACK
    pack.parent.mkdir()
    pack.write_bytes(content)
    packet = tmp_path / "bad.playbook.json"
    packet.write_bytes(content)

    as_pack = _pack_reason(pack).replace("playbook pack", "{kind}")
    as_packet = _packet_reason(packet, playbook, *folder).replace("packet", "{kind}")
    assert as_pack == as_packet
    assert words in as_pack
    assert "\n" not in as_pack and "Traceback" not in as_pack


def test_a_byte_order_mark_is_tolerated_by_the_packet_reader_as_by_the_pack(
    tmp_path: Path, playbook: Playbook, folder: tuple[Path, Path]
) -> None:
    # The pack's side: test_content.py::test_byte_order_mark_is_tolerated.
    good = folder[1]
    marked = tmp_path / "marked.playbook.json"
    marked.write_bytes(b"\xef\xbb\xbf" + good.read_bytes())
    assert read_packet(marked, playbook) == replace(read_packet(good, playbook), source=marked.name)
