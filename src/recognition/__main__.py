"""``python -m recognition``: the command line."""

import sys

from recognition.cli import main

sys.exit(main())
