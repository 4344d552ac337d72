"""PyInstaller runtime hook for bench/bundle.py: _ready_probe's ready mark, in a bundle."""

import sys

from _ready_probe import _WrapQuitOnImport

sys.meta_path.insert(0, _WrapQuitOnImport())
