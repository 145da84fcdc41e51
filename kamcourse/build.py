"""Generate the learners' exercises from the solution notebooks (one source for both).

Used by ``make exercises`` (``python -m kamcourse.build``) and the drift test.

``python -m kamcourse.build`` (or ``make exercises``) reads every ``solutions/*.ipynb`` and
writes ``exercises/<same name>.ipynb`` in which:

* in code cells, every region between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (the
  nbgrader markers) is replaced by ``...``; when the region is a single assignment
  ``name = <value>``, it becomes ``name = ...`` so the following cells still run and the
  checks say "not answered yet";
* in Markdown cells, the region is replaced by an invitation to write the answer;
* outputs and execution counts are cleared;
* **solution-only cells are dropped**: a cell whose first line is ``### SOLUTION ONLY``
  (code) or ``<!-- SOLUTION ONLY -->`` (Markdown), or that carries the cell tag
  ``solution-only``. They hold what only a trainer's copy needs: the worked answer filled
  into a widget, the switch to a trainer's workbook (``kam.workbook.use("answer-key")``),
  a reveal of the scores. The marker stays visible in the solution, so a trainer reading it
  knows the learner's copy has no such cell. (nbgrader ignores both marks and would keep such
  a cell; trainers who generate with nbgrader delete them by hand.)

A code cell that would hold nothing but ``...`` in the learner's copy is an orphan: the
instruction before it points at a cell with nothing to do. :func:`orphan_cells` lists them,
``make exercises`` warns about each, and the tests fail on them. Make the solution an
assignment the next cells use (``answer = ...``), or mark the cell solution-only.

``python -m kamcourse.build --check`` writes nothing and exits with status 1, naming the
files, when a committed exercise differs from the one the solution would generate.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path
from typing import Any

import nbformat

from .content import t
from .errors import InputError

__all__ = [
    "strip_solutions",
    "strip_source",
    "generate",
    "main",
    "is_solution_only",
    "orphan_cells",
    "BEGIN",
    "END",
    "ONLY_MARKERS",
    "ONLY_TAG",
]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
#: First line that marks a whole cell as solution-only (code, Markdown).
ONLY_MARKERS = ("### SOLUTION ONLY", "<!-- SOLUTION ONLY -->")
#: Cell tag with the same meaning.
ONLY_TAG = "solution-only"
ROOT = Path(__file__).resolve().parent.parent


def _region_stub(lines: list[str], indent: str, markdown: bool) -> list[str]:
    if markdown:
        return [indent + t("build.markdown_stub")]
    body = "\n".join(line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in lines)
    try:
        tree = ast.parse(body)
    except SyntaxError:
        tree = None
    if tree is not None and len(tree.body) == 1 and isinstance(tree.body[0], (ast.Assign, ast.AnnAssign)):
        node = tree.body[0]
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            return [f"{indent}{targets[0].id} = ...  # {t('build.code_stub')}"]
    return [f"{indent}...  # {t('build.code_stub')}"]


def strip_source(source: str, *, markdown: bool = False, where: str = "") -> str:
    """Replace every solution region of one cell's ``source``.

    Raises :class:`InputError` naming ``where`` when markers are unbalanced or nested.
    """
    out: list[str] = []
    region: list[str] | None = None
    indent = ""
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if stripped == BEGIN:
            if region is not None:
                raise InputError(t("build.nested", where=where, line=number))
            region, indent = [], line[: len(line) - len(line.lstrip())]
        elif stripped == END:
            if region is None:
                raise InputError(t("build.end_without_begin", where=where, line=number))
            out.extend(_region_stub(region, indent, markdown))
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise InputError(t("build.unclosed", where=where))
    return "\n".join(out)


def is_solution_only(cell: Any) -> bool:
    """True for a cell that only the solution keeps (first-line marker or ``solution-only`` tag)."""
    if ONLY_TAG in cell.get("metadata", {}).get("tags", []):
        return True
    lines = [line.strip() for line in str(cell.get("source", "")).splitlines() if line.strip()]
    return bool(lines) and lines[0].upper() in ONLY_MARKERS


def _only_ellipsis(source: str) -> bool:
    code = [line.split("#", 1)[0].strip() for line in source.splitlines()]
    code = [line for line in code if line]
    return bool(code) and all(line == "..." for line in code)


def orphan_cells(nb: nbformat.NotebookNode, *, name: str = "") -> list[str]:
    """Where the learner's copy of solution ``nb`` would have a code cell holding only ``...``:
    one sentence per cell, naming it and saying how to fix it (empty list when there is none)."""
    found = []
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code" or is_solution_only(cell):
            continue
        where = f"{name} cell {index}"
        stripped = strip_source(cell.source, where=where)
        if stripped != cell.source and _only_ellipsis(stripped):
            found.append(t("build.empty_cell", where=where))
    return found


def strip_solutions(nb: nbformat.NotebookNode, *, name: str = "") -> nbformat.NotebookNode:
    """Return a copy of notebook ``nb`` with solutions replaced, solution-only cells dropped and
    outputs cleared. Raises :class:`InputError` naming the cell for unbalanced markers."""
    result: nbformat.NotebookNode = nbformat.from_dict(json.loads(json.dumps(nb)))
    cells = []
    for index, cell in enumerate(result.cells, start=1):
        if is_solution_only(cell):
            continue
        where = f"{name} cell {index}"
        if cell.cell_type in ("code", "markdown"):
            cell.source = strip_source(cell.source, markdown=cell.cell_type == "markdown", where=where)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.pop("id", None)
        cells.append(cell)
    result.cells = cells
    result.metadata.pop("widgets", None)
    return result


def _normalise(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        cell.pop("id", None)
    nb.nbformat_minor = min(nb.nbformat_minor, 4)
    text: str = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def generate(solution: Path) -> str:
    """The text of the exercise notebook generated from ``solution``."""
    nb = nbformat.read(solution, as_version=4)
    return _normalise(strip_solutions(nb, name=solution.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kamcourse.build", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report exercises that differ from their solution")
    parser.add_argument("--root", type=Path, default=ROOT, help="course folder (default: this checkout)")
    args = parser.parse_args(argv)
    solutions = sorted((args.root / "solutions").glob("*.ipynb"))
    exercises_dir = args.root / "exercises"
    drift: list[str] = []
    for solution in solutions:
        try:
            text = generate(solution)
            for warning in orphan_cells(nbformat.read(solution, as_version=4), name=solution.name):
                print(warning, file=sys.stderr)
        except InputError as exc:
            print(exc, file=sys.stderr)
            return 2
        target = exercises_dir / solution.name
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        if args.check:
            drift.append(str(target.relative_to(args.root)))
        else:
            exercises_dir.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(t("build.written", path=target.relative_to(args.root)))
    expected = {s.name for s in solutions}
    orphans = [p for p in sorted(exercises_dir.glob("*.ipynb")) if p.name not in expected]
    for orphan in orphans:
        drift.append(str(orphan.relative_to(args.root)) + " " + t("build.orphan"))
    if drift:
        print(t("build.drift", files="\n  ".join(drift)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
