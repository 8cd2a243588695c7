"""The house rule that keeps modules small enough to read: no module in the package over 450 lines."""

from pathlib import Path

import parallax

MAX_LINES = 450


def test_no_module_is_over_the_line_limit() -> None:
    package = Path(parallax.__file__).parent
    too_long = {
        str(path.relative_to(package)): count
        for path in sorted(package.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}
