"""Strip outputs from notebooks before they are committed (the pre-commit hook "strip-outputs").

    .venv/bin/python tools/strip_outputs.py notebooks/03_selecting_key_accounts.ipynb ...

Removes every code cell's outputs and execution count and the saved widget state
(``metadata.widgets``); keeps everything else (tags, slide metadata, the kernelspec). Exits with
status 1 when it changed a file, as pre-commit expects, so the commit stops and the stripped
notebook can be added. Notebooks are committed without outputs (DEVELOPERS.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat


def strip(path: Path) -> bool:
    """Strip the notebook at ``path`` in place; True if it changed."""
    nb = nbformat.read(path, as_version=4)
    changed = nb.metadata.pop("widgets", None) is not None
    for cell in nb.cells:
        if cell.cell_type == "code":
            changed |= bool(cell.outputs) or cell.execution_count is not None
            cell.outputs = []
            cell.execution_count = None
    if changed:
        nbformat.write(nb, path)
    return changed


def main(argv: list[str]) -> int:
    changed = [name for name in argv if strip(Path(name))]
    for name in changed:
        print(f"stripped the outputs of {name}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
