"""`python -m playbook_app` runs the same entry point as `playbook-app`."""

import sys

from playbook_app.cli import main

sys.exit(main())
