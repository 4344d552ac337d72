"""The bundle's entry point: the same `playbook-app` main as the installed console script."""

import sys

from playbook_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
