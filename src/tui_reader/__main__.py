"""`python -m tui_reader`: the same command as the `mechanics-tui` console script."""

from __future__ import annotations

import sys

from tui_reader.cli import main

sys.exit(main())
