"""No content is read at import: importing a module costs no file reads, and a broken content file
shows up where it is used, not as an import error of the whole package."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "kamcourse.fundamentals", "kamcourse.planning", "kamcourse.organising", "kamcourse.trainer",
    "kamcourse.exchange", "kamcourse.hub", "kamcourse.workbook", "kamcourse.checks", "kamcourse.content",
    "kamcourse.course", "kamcourse.build", "kamcourse.values", "kamcourse.inputs", "kamcourse.testing",
    "kamcourse.checkers.fundamentals", "kamcourse.checkers.planning", "kamcourse.checkers.organising",
    "kamcourse.plots.planning", "kamcourse.plots.organising", "kamcourse.plots.fundamentals",
    "kamcourse.plots.trainer", "kamcourse.widgets._common", "kamcourse.widgets.exercises",
    "kamcourse.widgets.fundamentals", "kamcourse.widgets.organising", "kamcourse.widgets.planning",
    "kamcourse.widgets.trainer",
]


def test_importing_the_modules_reads_no_content_file() -> None:
    code = (
        "import importlib, pathlib, sys\n"
        "from kamcourse import content\n"
        "real = content._load_cached\n"
        "read = []\n"
        "content._load_cached = lambda path, mtime: read.append(pathlib.Path(path).name) or real(path, mtime)\n"
        "for m in sys.argv[1:]: importlib.import_module(m)\n"
        "print(' '.join(read))\n"
    )
    run = subprocess.run([sys.executable, "-c", code, *MODULES], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    read = set(run.stdout.split())
    # framework.py (lesson 02, imported by widgets.exercises) reads framework.yaml at import until
    # branch issue-10b's change arrives; after that merge this exception goes.
    assert read - {"framework.yaml"} == set(), f"content files read at import: {sorted(read)}"
