"""The NOTICE every installer carries lists each shipped library with its version and licence
text, read from the environment, and the build refuses when that list comes out empty."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))

# packaging/ is not a package: the spec imports notice the same way.
import notice


def test_the_notice_lists_each_library_with_its_version_and_licence_texts(
    tmp_path: Path,
) -> None:
    listed = notice.write(tmp_path)
    text = (tmp_path / "NOTICE.txt").read_text()
    for name in ("PySide6-Essentials", "reportlab", "sqlite-utils", "platformdirs"):
        version = metadata.version(name)
        assert any(
            notice._norm(c.name) == notice._norm(name) and c.version == version for c in listed
        ), name
        assert version in text
    assert {"Qt", "Python", "DejaVu fonts"} <= {c.name for c in listed}
    for component in listed:
        folder = tmp_path / "licenses" / notice.re.sub(r"[^A-Za-z0-9._-]+", "-", component.name)
        assert any(folder.iterdir()), f"no licence text for {component.name}"
    assert "pytest" not in text  # only what the app needs, not the tools around it


def test_only_what_the_bundle_holds_is_listed(tmp_path: Path) -> None:
    listed = notice.write(tmp_path, {"playbook_app", "PySide6", "shiboken6", "reportlab"})
    names = {notice._norm(c.name) for c in listed}
    assert "reportlab" in names and "sqlite-utils" not in names


def test_the_build_refuses_an_empty_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notice, "PROJECT", "no-such-project-installed")
    with pytest.raises(SystemExit, match="no library"):
        notice.write(tmp_path)
    assert not (tmp_path / "NOTICE.txt").exists()
