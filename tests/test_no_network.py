"""No network, ever: the command-line flow and the GUI work without one and open no socket.

Three layers: a Python socket guard inside each process (faultlib/site), strace
counting every network system call (Qt's C++ included), and `unshare -n`, a
process with no network at all. Also: every file the flow writes is private.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from faultlib.socket_guard import LOG_ENV, SocketForbidden, forbid_sockets

from playbook_app.paths import DATA_DIR_ENV

REPO = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
SITE = TESTS / "faultlib" / "site"


def _can_unshare() -> str | None:
    """Why `unshare -n` cannot be used here, or None when it can."""
    if shutil.which("unshare") is None:
        return "unshare is not installed"
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True)
    return None if probe.returncode == 0 else f"unshare -n fails here: {probe.stderr.strip()}"


class Offline:
    """Runs `playbook-app` commands isolated as asked, and collects what they tried."""

    def __init__(self, root: Path, isolation: str) -> None:
        self.root = root
        self.isolation = isolation
        self.socket_log = root / "python-sockets.log"
        self.traces: list[Path] = []

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        prefix: list[str] = []
        if self.isolation == "no network namespace":
            prefix = ["unshare", "-n"]
        elif self.isolation == "traced":
            trace = self.root / f"strace-{len(self.traces)}.log"
            self.traces.append(trace)
            prefix = ["strace", "-f", "-qq", "-e", "trace=%network", "-o", str(trace)]
        env = {k: v for k, v in os.environ.items() if k != DATA_DIR_ENV}
        env |= {
            "PYTHONPATH": os.pathsep.join([str(SITE), str(TESTS), str(REPO)]),
            LOG_ENV: str(self.socket_log),
            "QT_QPA_PLATFORM": "offscreen",
        }
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "playbook_app", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.root,
            timeout=120,
        )
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
        return result

    def network_calls(self) -> list[str]:
        calls = [line for trace in self.traces for line in trace.read_text().splitlines()]
        if self.socket_log.exists():
            calls += self.socket_log.read_text().splitlines()
        return calls


@pytest.fixture(params=["no network namespace", "traced"])
def offline(request: pytest.FixtureRequest, tmp_path: Path) -> Offline:
    if request.param == "no network namespace" and (why := _can_unshare()):
        pytest.skip(why)
    if request.param == "traced" and shutil.which("strace") is None:
        pytest.skip("strace is not installed")
    return Offline(tmp_path, request.param)


def test_the_whole_flow_works_offline_opens_no_socket_and_keeps_files_private(
    offline: Offline,
) -> None:
    root = offline.root
    home, away = root / "home", root / "away"
    demo = offline.run("demo", "--data-dir", str(home)).stdout.strip()
    assert demo.isdigit()
    assert "20 of 20 answered" in offline.run("list", "--data-dir", str(home)).stdout
    offline.run("agenda", "--data-dir", str(home), "--pdf", "agenda.pdf", "--csv", "agenda.csv")
    offline.run("export", "--data-dir", str(home), "--assessment", demo, "--out", "p.playbook.json")
    offline.run("import", "--data-dir", str(away), "p.playbook.json")
    assert "20 of 20 answered" in offline.run("list", "--data-dir", str(away)).stdout
    checked = offline.run("check", "--data-dir", str(away)).stdout
    assert "integrity: ok" in checked
    offline.run("--data-dir", str(away), "--quit-when-ready")  # the GUI too

    assert offline.network_calls() == []
    if offline.isolation == "traced":
        assert len(offline.traces) == 8 and all(t.exists() for t in offline.traces)

    # Privacy: data folders 0700, every file in them 0600, and the exports too.
    for folder in (home, away):
        for path in [folder, *folder.rglob("*")]:
            expected = 0o700 if path.is_dir() else 0o600
            assert stat.S_IMODE(path.stat().st_mode) == expected, path
    for name in ("agenda.pdf", "agenda.csv", "p.playbook.json"):
        assert stat.S_IMODE((root / name).stat().st_mode) == 0o600, name


def test_the_guard_catches_what_it_must(tmp_path: Path) -> None:
    """The guard is not a test that cannot fail: a real attempt is refused and recorded."""
    offline = Offline(tmp_path, "guard only")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SITE), str(TESTS)]))
    env[LOG_ENV] = str(offline.socket_log)
    code = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert child.returncode == 1 and "SocketForbidden" in child.stderr
    assert len(offline.network_calls()) == 1 and "192.0.2.1" in offline.network_calls()[0]

    import socket
    import urllib.request

    seen: list[str] = []
    outer = socket.socket  # the whole run's guard, from conftest
    with forbid_sockets(seen.append):
        with pytest.raises(SocketForbidden):
            socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        with pytest.raises(SocketForbidden):
            urllib.request.urlopen("http://192.0.2.1/", timeout=1)  # TEST-NET-1, never routed
        with pytest.raises(SocketForbidden):
            socket.socketpair()
    assert len(seen) == 3
    assert socket.socket is outer and isinstance(socket.socket, type)
