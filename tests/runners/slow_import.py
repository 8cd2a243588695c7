"""A module whose import takes seconds, then leaves a mark in the file that
``PARALLAX_TEST_SLOW_IMPORT_MARK`` names (a fork server told to preload it is still importing
for that long: ``tests/runners/test_ingest_ahead.py``)."""

import os
import time
from pathlib import Path

time.sleep(3)
Path(os.environ["PARALLAX_TEST_SLOW_IMPORT_MARK"]).write_text("imported")
