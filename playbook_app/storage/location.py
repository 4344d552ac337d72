"""Warnings about risky places for the data folder: cloud-sync folders and network drives."""

from __future__ import annotations

import re
import sys
from pathlib import Path, PurePath

# Folder names the sync clients use (Box Drive's is just "Box"; macOS keeps
# newer providers under ~/Library/CloudStorage, iCloud under Mobile Documents).
_CLOUD_PREFIXES = (
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "icloud drive",
    "iclouddrive",
    "box sync",
    "nextcloud",
    "owncloud",
    "pcloud",
)
_CLOUD_NAMES = {"box", "my drive", "mobile documents", "com~apple~clouddocs", "cloudstorage"}
NETWORK_FILE_SYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "sshfs",
    "fuse.sshfs",
    "9p",
    "afs",
    "ncpfs",
    "ceph",
    "glusterfs",
    "fuse.glusterfs",
    "lustre",
    "davfs",
    "fuse.davfs2",
    "fuse.rclone",
    "fuse.s3fs",
}
_ESCAPE = re.compile(r"\\([0-7]{3})")


def cloud_folder(path: PurePath) -> str | None:
    """The name of the cloud-sync folder `path` lies in, if any."""
    for part in path.parts:
        lowered = part.lower()
        if lowered in _CLOUD_NAMES or lowered.startswith(_CLOUD_PREFIXES):
            return part
    return None


def _unescape(field: str) -> str:
    # /proc/mounts writes a space as \040, a tab as \011, a backslash as \134.
    return _ESCAPE.sub(lambda m: chr(int(m[1], 8)), field)


def network_fstype(path: PurePath, mounts: str) -> str | None:
    """The network file system type holding `path`, read from /proc/mounts text."""
    best, best_type = -1, None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = PurePath(_unescape(fields[1]))
        if (path == point or point in path.parents) and len(point.parts) > best:
            best, best_type = len(point.parts), fields[2]
    if best_type is not None and best_type.lower() in NETWORK_FILE_SYSTEMS:
        return best_type
    return None


def _windows_network(path: Path) -> bool:
    if str(path).startswith("\\\\"):
        return True
    if sys.platform == "win32":
        import ctypes

        drive_remote = 4
        root = f"{path.drive}\\"
        return bool(ctypes.windll.kernel32.GetDriveTypeW(root) == drive_remote)
    return False


def location_warning(data_dir: Path, *, mounts: str | None = None) -> str | None:
    """A warning to show when the data folder sits where SQLite's safety cannot be trusted.

    `mounts` replaces /proc/mounts (for tests); None reads it where it exists.
    """
    path = Path(data_dir).expanduser().resolve()
    cloud = cloud_folder(path)
    if cloud is not None:
        return (
            f"The data folder {path} is inside a cloud-sync folder ({cloud}). Sync tools "
            "can copy the database while it is half written, or bring back an older copy "
            "over newer answers. Choose a data folder outside it; the app keeps its own "
            "backups."
        )
    fstype: str | None = None
    if mounts is None and sys.platform.startswith("linux"):
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            mounts = None
    if mounts is not None:
        fstype = network_fstype(path, mounts)
    elif _windows_network(path):
        fstype = "network drive"
    if fstype is not None:
        return (
            f"The data folder {path} is on a network drive ({fstype}). SQLite's file "
            "locking is unreliable on network drives, so the database can be damaged. "
            "Choose a folder on this computer's own disk."
        )
    return None
