"""NOTICE.txt and licenses/ for a bundle, read from the environment that builds it.

    python packaging/notice.py OUT_DIR

playbook.spec calls write() with the modules its analysis found, so only what the
bundle holds is listed: Playbook Readiness, each library it depends on (followed
through the installed packages' own requirements, so a library added to
pyproject.toml shows up by itself), Python, Qt, the DejaVu fonts and PyInstaller's
bootloader, each with its version and licence; each one's licence texts are copied
into OUT_DIR/licenses/<name>/. Refuses (exit 1) when it finds no library at all or
one without any licence text: a bundle never ships without them.
"""

from __future__ import annotations

import re
import shutil
import struct
import sys
import sysconfig
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PROJECT = "playbook-readiness"
TEXTS = HERE / "licenses"
LICENCE_NAME = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
# Licence texts a wheel does not carry itself, from packaging/licenses.
EXTRA_TEXTS = {
    "pyside6-essentials": ["LGPL-3.0.txt", "GPL-3.0.txt", "ICU.txt"],
    "shiboken6": ["LGPL-3.0.txt", "GPL-3.0.txt"],
}


@dataclass
class Component:
    name: str
    version: str
    licence: str
    texts: list[Path] = field(default_factory=list)
    note: str = ""


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    if classifiers:
        return "; ".join(classifiers)
    text = (meta.get("License") or "").strip().splitlines()
    return text[0] if text else "see the licence text"


def _texts_of(dist: metadata.Distribution) -> list[Path]:
    found = []
    for file in dist.files or []:
        if LICENCE_NAME.search(file.name) and (
            ".dist-info" in str(file) or ".egg-info" in str(file)
        ):
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                found.append(path)
    return found


def top_levels(dist: metadata.Distribution) -> set[str]:
    """The importable top-level names a distribution installs."""
    names = set()
    for file in dist.files or []:
        first = file.parts[0]
        if first.endswith((".dist-info", ".egg-info", ".data")) or first in ("..", "bin"):
            continue
        if len(file.parts) > 1:
            names.add(first)
        elif file.suffix in (".py", ".so", ".pyd"):
            names.add(first.split(".")[0])
    return names


def shipped_distributions(modules: set[str] | None = None) -> list[metadata.Distribution]:
    """The project and everything it requires at run time, as installed here; with
    `modules` (top-level names in the bundle), only those the bundle holds."""
    seen: dict[str, metadata.Distribution] = {}
    queue = [PROJECT]
    while queue:
        name = _norm(queue.pop())
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement whose marker excludes this platform
        seen[name] = dist
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                queue.append(requirement.name)
    found = list(seen.values())
    if modules is None:
        return found
    return [d for d in found if _norm(d.metadata["Name"]) == PROJECT or top_levels(d) & modules]


def font_version(ttf: Path) -> str:
    """The version string (name id 5) of a TrueType font."""
    data = ttf.read_bytes()
    tables = struct.unpack(">H", data[4:6])[0]
    for i in range(tables):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        if tag != b"name":
            continue
        _, count, strings = struct.unpack(">HHH", data[offset : offset + 6])
        for j in range(count):
            record = data[offset + 6 + 12 * j : offset + 18 + 12 * j]
            platform, _, _, name_id, length, start = struct.unpack(">HHHHHH", record)
            if name_id == 5:
                raw = data[offset + strings + start : offset + strings + start + length]
                text = raw.decode("utf-16-be" if platform in (0, 3) else "latin-1")
                return text.replace("Version ", "").strip()
    return "unknown"


def python_licence() -> Path:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for candidate in (stdlib / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
        if candidate.is_file():
            return candidate
    raise SystemExit("error: Python's LICENSE.txt not found; it must ship with the bundle")


def components(modules: set[str] | None = None) -> list[Component]:
    found = []
    for dist in sorted(shipped_distributions(modules), key=lambda d: _norm(d.metadata["Name"])):
        name = _norm(dist.metadata["Name"])
        texts = _texts_of(dist) + [TEXTS / t for t in EXTRA_TEXTS.get(name, [])]
        if name == PROJECT:
            texts = [REPO / "LICENSE"]
        found.append(Component(dist.metadata["Name"], dist.version, _licence_of(dist), texts))
    if not any(_norm(c.name) != PROJECT for c in found):
        raise SystemExit(f"error: no library of {PROJECT} is installed here; is it installed?")
    from PySide6.QtCore import qVersion

    found.append(
        Component(
            "Qt",
            qVersion(),
            "LGPL-3.0-only (as shipped in the PySide6 wheels)",
            [TEXTS / "LGPL-3.0.txt", TEXTS / "GPL-3.0.txt"],
            "Qt includes third-party parts; doc.qt.io/qt-6/licenses-used-in-qt.html lists them.",
        )
    )
    found.append(
        Component(
            "Python",
            ".".join(map(str, sys.version_info[:3])),
            "PSF-2.0",
            [python_licence()],
        )
    )
    fonts = REPO / "playbook_app" / "_resources" / "fonts"
    found.append(
        Component(
            "DejaVu fonts",
            font_version(fonts / "DejaVuSans.ttf"),
            "Bitstream-Vera AND LicenseRef-Public-Domain (the DejaVu changes)",
            [fonts / "DejaVu-LICENSE.txt"],
        )
    )
    try:
        bootloader = metadata.distribution("pyinstaller")
        found.append(
            Component(
                "PyInstaller bootloader",
                bootloader.version,
                "GPL-2.0-or-later WITH Bootloader-exception",
                _texts_of(bootloader),
                "Only the bootloader that starts the program ships; its exception allows this.",
            )
        )
    except metadata.PackageNotFoundError:
        pass  # not building a bundle (e.g. checking the list from a source install)
    missing = [c.name for c in found if not c.texts]
    if missing:
        raise SystemExit(f"error: no licence text found for {', '.join(missing)}")
    return found


def write(out: Path, modules: set[str] | None = None) -> list[Component]:
    listed = components(modules)
    licences = out / "licenses"
    if licences.exists():
        shutil.rmtree(licences)
    lines = [
        "Playbook Readiness: notice of the software this copy ships",
        "",
        "Each entry: name, version, licence; its licence texts are in",
        "licenses/<name>/. Qt, PySide6 and python-bidi are used under the GNU LGPL",
        "v3: you may replace their libraries in this folder with your own builds. The",
        "source of Qt and PySide6 is published at download.qt.io (official_releases/qt",
        "and official_releases/QtForPython), python-bidi's at pypi.org/project/python-bidi;",
        "for three years from this release the maintainers also send a copy of the exact",
        "source on request, at no more than the cost of sending it.",
        "",
    ]
    for component in listed:
        folder = licences / re.sub(r"[^A-Za-z0-9._-]+", "-", component.name)
        folder.mkdir(parents=True, exist_ok=True)
        for text in component.texts:
            shutil.copyfile(text, folder / text.name)
        lines.append(f"{component.name} {component.version}")
        lines.append(f"    licence: {component.licence}")
        if component.note:
            lines.append(f"    {component.note}")
    (out / "NOTICE.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return listed


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: notice.py OUT_DIR")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    listed = write(out)
    print(f"NOTICE.txt lists {len(listed)} components; licence texts in {out / 'licenses'}")


if __name__ == "__main__":
    main()
