"""Windows .ico and macOS .icns from the committed PNG renderings of playbook.svg.

The app's own sizes (16-256, its window icon and the Linux hicolor icons) live in
playbook_app/_resources/icons; the large ones only the macOS icon needs live here.

    python packaging/icons/make_icons.py            # writes playbook.ico and playbook.icns here
    python packaging/icons/make_icons.py --render   # first re-renders the PNGs (rsvg-convert)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
APP_ICONS = HERE.parent.parent / "playbook_app" / "_resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png(size: int) -> Path:
    return (HERE if size > 256 else APP_ICONS) / f"playbook-{size}.png"


def render() -> None:
    tool = shutil.which("rsvg-convert")
    if tool is None:
        sys.exit("error: rsvg-convert is missing (apt-get install librsvg2-bin)")
    for size in SIZES:
        out = png(size)
        subprocess.run(
            [tool, "-w", str(size), "-h", str(size), str(HERE / "playbook.svg"), "-o", str(out)],
            check=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--render", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    if args.render:
        render()
    args.out.mkdir(parents=True, exist_ok=True)
    largest = Image.open(png(1024)).convert("RGBA")
    # Each size from its own rendering, so small icons keep their crisp edges.
    ico = Image.open(png(256)).convert("RGBA")
    ico.save(
        args.out / "playbook.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[Image.open(png(s)).convert("RGBA") for s in ICO_SIZES],
    )
    largest.save(args.out / "playbook.icns")
    print(f"wrote {args.out / 'playbook.ico'} and {args.out / 'playbook.icns'}")


if __name__ == "__main__":
    main()
