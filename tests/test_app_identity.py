"""One application id everywhere: docks and task bars match the window to its icon only when
the desktop file, AppStream, Qt, the macOS bundle and the Windows installer all agree."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from playbook_app import APP_ID

PACKAGING = Path(__file__).resolve().parent.parent / "packaging"
REPO = PACKAGING.parent


def test_the_desktop_file_and_appstream_are_named_after_the_app_id() -> None:
    desktop = PACKAGING / "linux" / f"{APP_ID}.desktop"
    assert f"Icon={APP_ID}" in desktop.read_text().splitlines()
    metainfo = ET.parse(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable") == f"{APP_ID}.desktop"


def test_the_msi_upgrade_code_is_derived_from_the_app_id() -> None:
    ns = {"w": "http://wixtoolset.org/schemas/v4/wxs"}
    root = ET.parse(PACKAGING / "windows" / "playbook.wxs").getroot()
    package = root.find("w:Package", ns)
    assert package is not None
    assert package.get("UpgradeCode") == str(uuid.uuid5(uuid.NAMESPACE_DNS, APP_ID)).upper()
    (model_id,) = root.iterfind(".//w:ShortcutProperty[@Key='System.AppUserModel.ID']", ns)
    assert model_id.get("Value") == APP_ID


def test_qt_the_macos_bundle_and_the_scripts_use_the_same_id() -> None:
    assert "app.setDesktopFileName(APP_ID)" in (REPO / "playbook_app" / "app.py").read_text()
    assert "bundle_identifier=playbook_app.APP_ID" in (PACKAGING / "playbook.spec").read_text()
    for script in (REPO / "scripts" / "package", PACKAGING / "linux" / "install.sh"):
        (declared,) = re.findall(r'^app_id="([^"]+)"', script.read_text(), re.MULTILINE)
        assert declared == APP_ID, script
