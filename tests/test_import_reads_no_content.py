"""No content is read at import: importing a module costs no file reads, and a broken content file
shows up where it is used, not as an import error of the whole package."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import kamcourse

# Every module of the package (lessons 01-09, the trainer's and the shared ones), found by walking it.
MODULES = sorted(
    m.name for m in pkgutil.walk_packages(kamcourse.__path__, "kamcourse.") if not m.name.endswith("__main__")
)


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
    assert read == set(), f"content files read at import: {sorted(read)}"
