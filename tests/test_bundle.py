"""The built installers, run as a user gets them: the bundle with nothing of the build around it
(`env -i`, another working folder), portable mode, the per-user tarball and the .deb.

They test what `./scripts/package` left in dist/ (CI builds it just before the tests); without
a bundle there, they are skipped with that reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from playbook_app import APP_ID, __version__
from playbook_app.paths import PORTABLE_FOLDER

REPO = Path(__file__).resolve().parent.parent
DIST = Path(os.environ.get("PLAYBOOK_DIST", REPO / "dist"))
BUNDLE = DIST / "PlaybookReadiness"
PROGRAM = BUNDLE / "playbook-app"
DEB = DIST / f"playbook-readiness_{__version__}_amd64.deb"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not PROGRAM.is_file(),
        reason=f"no bundle in {DIST}: build it with ./scripts/package (CI does, before the tests)",
    ),
]


def clean_run(
    program: Path | str, *args: str, home: Path, cwd: Path, extra: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """The program under `env -i`: no virtual environment, no PYTHONPATH, no source tree."""
    env = ["env", "-i", f"HOME={home}", "PATH=/usr/bin:/bin", "LANG=C.UTF-8"]
    env += ["QT_QPA_PLATFORM=offscreen", *extra]
    result = subprocess.run(
        [*env, str(program), *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def elsewhere(tmp_path: Path) -> tuple[Path, Path]:
    home, cwd = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    cwd.mkdir()
    return home, cwd


def embedded_fonts(pdf: Path) -> set[str]:
    """The names of the fonts the PDF uses, each checked to be embedded."""
    names = set()
    for page in PdfReader(pdf).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
            names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def test_the_bundle_runs_every_flow_with_nothing_of_the_build_around_it(
    elsewhere: tuple[Path, Path],
) -> None:
    home, cwd = elsewhere
    version = clean_run(PROGRAM, "--version", home=home, cwd=cwd).stdout
    assert __version__ in version, "dist/ holds a bundle of another version: rebuild it"
    content = json.loads(clean_run(PROGRAM, "content", "--json", home=home, cwd=cwd).stdout)
    assert len(content["recommendations"]) == 8
    assert sum(len(r["key_actions"]) for r in content["recommendations"]) == 20

    data, other = cwd / "data", cwd / "other"
    demo = clean_run(PROGRAM, "demo", "--data-dir", str(data), home=home, cwd=cwd).stdout.strip()
    assert demo.isdigit()
    clean_run(PROGRAM, "--data-dir", str(data), "--quit-when-ready", home=home, cwd=cwd)
    clean_run(PROGRAM, "agenda", "--data-dir", str(data), "--pdf", "agenda.pdf", home=home, cwd=cwd)
    # The Word agenda needs lxml and Pillow with FreeType (its chart's labels) in the bundle.
    clean_run(
        PROGRAM, "agenda", "--data-dir", str(data), "--docx", "agenda.docx", home=home, cwd=cwd
    )  # fmt: skip
    assert (cwd / "agenda.docx").read_bytes()[:2] == b"PK"
    assert embedded_fonts(cwd / "agenda.pdf") == {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
    }
    packet = "cabinet.playbook.json"
    clean_run(
        PROGRAM, "export", "--data-dir", str(data), "--assessment", demo, "--out", packet,
        home=home, cwd=cwd,
    )  # fmt: skip
    clean_run(PROGRAM, "import", "--data-dir", str(other), packet, home=home, cwd=cwd)
    listed = json.loads(
        clean_run(PROGRAM, "list", "--data-dir", str(other), "--json", home=home, cwd=cwd).stdout
    )
    assert [(a["answered"], a["total"]) for a in listed] == [(20, 20)]
    assert (
        "integrity: ok"
        in clean_run(PROGRAM, "check", "--data-dir", str(other), home=home, cwd=cwd).stdout
    )
    # Nothing was written into the build tree or the user's default folder by these runs.
    assert not (home / ".local" / "share" / "PlaybookReadiness").exists()


def test_the_bundle_opens_no_network_connection(elsewhere: tuple[Path, Path]) -> None:
    if shutil.which("strace") is None:
        pytest.skip("strace is not installed")
    home, cwd = elsewhere
    data = cwd / "data"
    calls = []
    for args in (
        ("demo", "--data-dir", str(data)),
        ("agenda", "--data-dir", str(data), "--pdf", "a.pdf"),
        ("--data-dir", str(data), "--quit-when-ready"),
    ):
        trace = cwd / "trace.log"
        strace = ["strace", "-f", "-qq", "-e", "trace=%network", "-o", str(trace)]
        env = ["env", "-i", f"HOME={home}", "QT_QPA_PLATFORM=offscreen"]
        result = subprocess.run(
            [*strace, *env, str(PROGRAM), *args], capture_output=True, text=True, cwd=cwd
        )
        assert result.returncode == 0, result.stderr
        calls += trace.read_text().splitlines()
    assert calls == []


def test_a_data_folder_beside_the_bundle_makes_it_portable(elsewhere: tuple[Path, Path]) -> None:
    home, cwd = elsewhere
    stick = cwd / "stick"
    shutil.copytree(BUNDLE, stick / "PlaybookReadiness", symlinks=True)
    (stick / "PlaybookReadiness" / PORTABLE_FOLDER).mkdir()
    program = stick / "PlaybookReadiness" / "playbook-app"
    clean_run(program, "demo", home=home, cwd=cwd)
    assert (stick / "PlaybookReadiness" / PORTABLE_FOLDER / "playbook.sqlite3").is_file()
    assert not (home / ".local" / "share" / "PlaybookReadiness").exists()
    clean_run(program, "--quit-when-ready", home=home, cwd=cwd)


def test_the_bundle_carries_the_notice_and_licence_texts() -> None:
    notice = (BUNDLE / "NOTICE.txt").read_text()
    for name in ("PySide6", "Qt", "reportlab", "pillow", "python-bidi", "Python", "DejaVu fonts"):
        assert f"\n{name}" in notice or f"{name}_" in notice, name
    licences = BUNDLE / "licenses"
    assert (licences / "Qt" / "LGPL-3.0.txt").is_file()
    assert (
        (licences / "playbook-readiness" / "LICENSE")
        .read_text()
        .startswith((REPO / "LICENSE").read_text()[:40])
    )


def test_the_tarball_installs_for_one_user_and_uninstalls(elsewhere: tuple[Path, Path]) -> None:
    home, cwd = elsewhere
    (tarball,) = DIST.glob(f"PlaybookReadiness-{__version__}-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        archive.extractall(cwd, filter="tar")
    unpacked = cwd / f"PlaybookReadiness-{__version__}"
    clean_run(unpacked / "install.sh", home=home, cwd=cwd)
    desktop = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    exec_line = next(x for x in desktop.read_text().splitlines() if x.startswith("Exec="))
    program = exec_line.removeprefix("Exec=")
    assert program == str(home / ".local" / "lib" / "playbook-readiness" / "playbook-app")
    clean_run(program, "--data-dir", str(cwd / "data"), "--quit-when-ready", home=home, cwd=cwd)
    (home / ".local" / "share" / "PlaybookReadiness").mkdir()  # the user's data: kept
    said = clean_run(unpacked / "install.sh", "--uninstall", home=home, cwd=cwd).stdout
    assert not desktop.exists() and not Path(program).exists()
    assert (home / ".local" / "share" / "PlaybookReadiness").is_dir()
    assert "Your data was left alone" in said


def test_the_deb_installs_runs_from_its_menu_entry_and_removes_cleanly(
    elsewhere: tuple[Path, Path],
) -> None:
    if os.geteuid() != 0 or shutil.which("dpkg") is None:
        pytest.skip("installing a .deb needs dpkg and root")
    if not DEB.is_file():
        pytest.skip(f"no {DEB.name} in {DIST}")
    probe = subprocess.run(["dpkg-query", "-W", "playbook-readiness"], capture_output=True)
    if probe.returncode == 0:
        pytest.skip("playbook-readiness is installed on this machine already: left alone")
    home, cwd = elsewhere
    subprocess.run(["dpkg", "-i", str(DEB)], check=True, capture_output=True)
    try:
        desktop = Path("/usr/share/applications") / f"{APP_ID}.desktop"
        exec_line = next(x for x in desktop.read_text().splitlines() if x.startswith("Exec="))
        command = exec_line.removeprefix("Exec=").split()
        data = cwd / "data"
        clean_run(command[0], "demo", "--data-dir", str(data), home=home, cwd=cwd)
        clean_run(command[0], "--data-dir", str(data), "--quit-when-ready", home=home, cwd=cwd)
        icon = Path("/usr/share/icons/hicolor/256x256/apps") / f"{APP_ID}.png"
        assert icon.is_file()
    finally:
        subprocess.run(["dpkg", "--purge", "playbook-readiness"], check=True, capture_output=True)
    assert not Path("/usr/lib/playbook-readiness").exists()
    assert not Path("/usr/bin/playbook-app").exists() and not desktop.exists()
    assert (data / "playbook.sqlite3").is_file()  # removing the app never touches data
