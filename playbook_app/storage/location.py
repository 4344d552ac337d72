"""Warnings about risky places for the data folder: cloud-sync folders, network drives and
removable media (a warning only: a portable copy on a USB stick is a supported way to work)."""

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


# Where desktops mount USB sticks and cards by themselves.
_REMOVABLE_MOUNT_ROOTS = (PurePath("/media"), PurePath("/run/media"), PurePath("/mnt/usb"))


def _mount_of(path: PurePath, mounts: str) -> tuple[str, PurePath] | None:
    """(device, mount point) of the deepest /proc/mounts entry holding `path`."""
    best: tuple[str, PurePath] | None = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = PurePath(_unescape(fields[1]))
        if (path == point or point in path.parents) and (
            best is None or len(point.parts) > len(best[1].parts)
        ):
            best = (fields[0], point)
    return best


def removable_mount(path: PurePath, mounts: str, sys_block: Path | None = None) -> bool:
    """True when `path` lies on a removable disk, judged from /proc/mounts text: mounted
    where desktops mount sticks, or a block device the kernel marks removable."""
    mount = _mount_of(path, mounts)
    if mount is None:
        return False
    device, point = mount
    if any(point == root or root in point.parents for root in _REMOVABLE_MOUNT_ROOTS):
        return True
    if not device.startswith("/dev/"):
        return False
    block = (sys_block or Path("/sys/class/block")) / PurePath(device).name
    # A partition (sdb1) carries no flag of its own: its disk (sdb) does.
    for flag in (block / "removable", block.parent / block.resolve().parent.name / "removable"):
        try:
            if flag.read_text().strip() == "1":
                return True
        except OSError:
            continue
    return False


def _windows_removable(path: Path) -> bool:
    if sys.platform != "win32":
        return False
    import ctypes

    drive_removable = 2
    return bool(ctypes.windll.kernel32.GetDriveTypeW(f"{path.drive}\\") == drive_removable)


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
    if _removable(path, mounts):
        return (
            f"The data folder {path} is on removable media (a USB stick or memory card). "
            "That is fine for carrying the app and its data between laptops, but close the "
            "app before you unplug it: pulling it out while an answer is being saved can "
            "damage the database. Copy the folder to a computer now and then; its backups "
            "are on the same stick."
        )
    return None


def _removable(path: Path, mounts: str | None) -> bool:
    if mounts is not None:
        return removable_mount(path, mounts)
    if sys.platform == "darwin":
        # Other volumes (sticks, cards, external disks) mount under /Volumes; the start-up
        # disk's entry there is a link to / and resolves away.
        return PurePath("/Volumes") in path.parents
    return _windows_removable(path)
