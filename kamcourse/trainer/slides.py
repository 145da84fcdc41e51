"""Slide metadata for presenting a lesson as a deck, generated from the lesson itself.

Taught in trainer/guide.ipynb. The course presents with ``jupyterlab-slideshow``
(installed with it): the notebook's toolbar button turns the open lesson into a deck, inside
JupyterLab, so its widgets stay live. It reads each cell's ``metadata.slideshow.slide_type``,
the metadata RISE and ``jupyter nbconvert --to slides`` read too. (RISE's ``jupyterlab-rise``
0.43 was tried first: its stand-alone slideshow page cannot load the ipywidgets 8 widget
manager -- "Shared module @jupyterlab/console doesn't exist in shared scope" -- so every widget
shows as text; jupyterlab-contrib/rise issues 119 and 126.) This module sets that metadata from
the lesson's own structure, so a lesson rewritten tomorrow presents as a deck after one
command::

    python -m kamcourse.trainer.slides            # (re)generate every lesson in notebooks/
    python -m kamcourse.trainer.slides --check    # list the lessons whose metadata is stale

The rules (the course's own):

* a heading ``#`` or ``##`` starts a **slide**, ``###`` and deeper a **subslide**;
* a cell holding a *For trainers* box is **notes**: never shown to the room (the trainer
  reads it in the notebook, or in RISE's speaker view);
* an explanation without a heading longer than :data:`LONG_TEXT` characters is **notes**; a
  shorter one stays on the slide, or opens a subslide when the slide is already full;
* a code cell that only demonstrates, from code, what a person does with a widget
  (``kam.testing...``) is **skipped**, with the short text that introduces it: the presenter
  uses the widget by hand; a code cell that shows nothing (an import, an assignment) stays on
  its slide, so it can be run from there; any other code cell stays on its slide too, or opens
  a subslide when the slide already shows an output or a long text (a chart or a widget needs
  the room);
* an empty cell is skipped.

A cell that continues its slide gets no slide type at all (the ``-`` of the notebook format,
written the way every presenter reads it).
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import course
from ..content import t
from ..errors import InputError

__all__ = ["LONG_TEXT", "apply", "differences", "generate", "lessons", "main", "slide_types"]

#: An explanation longer than this (characters, without its heading) becomes speaker notes.
LONG_TEXT = 600
#: Text on one slide before the next cell opens a subslide.
SLIDE_TEXT = 900
#: A code cell that shows something after this much text on its slide opens a subslide.
CODE_AFTER_TEXT = 400
#: A text this short that only introduces a skipped demonstration is skipped with it.
INTRO_TEXT = 200


def _source(cell: Any) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _heading_level(text: str) -> int:
    first = text.lstrip("\n").split("\n", 1)[0]
    marks = len(first) - len(first.lstrip("#"))
    return marks if 0 < marks <= 6 and first[marks : marks + 1] == " " else 0


def _has_trainer_box(text: str) -> bool:
    """Whether a Markdown text holds a *For trainers* box (a blockquote opening ``**For trainers``)."""
    return any(
        line.lstrip().lstrip(">").strip().startswith("**For trainers")
        for line in text.splitlines()
        if line.lstrip().startswith(">")
    )


def _is_demo(code: str) -> bool:
    return "kam.testing." in code or "kamcourse.testing." in code


_ASSIGNMENT = re.compile(r"^[A-Za-z_][\w.\[\]\"', ]*\s*(=|\+=|-=)(?!=)")


def _shows_output(code: str) -> bool:
    """Whether a code cell displays something: its last line is an expression, not an
    assignment, an import or a statement ending in ``;``."""
    lines = [line for line in code.strip().splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return False
    last = lines[-1]
    if last.startswith((" ", "\t")) or last.rstrip().endswith(";"):
        return False
    return not (last.startswith(("import ", "from ", "def ", "class ")) or _ASSIGNMENT.match(last))


def _introduces_demo(cell: Any) -> bool:
    return bool(cell.get("cell_type") == "code" and _is_demo(_source(cell)))


def slide_types(cells: Iterable[Any]) -> list[str]:
    """The slide type of each cell (``slide``, ``subslide``, ``-``, ``notes``, ``skip``), by the rules above."""
    items = list(cells)
    types: list[str] = []
    text_on_slide = 0
    code_on_slide = False
    for index, cell in enumerate(items):
        kind = cell.get("cell_type")
        text = _source(cell)
        if not text.strip():
            types.append("skip")
            continue
        if kind == "markdown":
            level = _heading_level(text)
            if level:
                types.append("slide" if level <= 2 else "subslide")
                text_on_slide, code_on_slide = len(text), False
            elif _has_trainer_box(text) or len(text) > LONG_TEXT:
                types.append("notes")
            elif len(text) <= INTRO_TEXT and index + 1 < len(items) and _introduces_demo(items[index + 1]):
                types.append("skip")
            elif text_on_slide + len(text) > SLIDE_TEXT or code_on_slide:
                types.append("subslide")
                text_on_slide, code_on_slide = len(text), False
            else:
                types.append("-")
                text_on_slide += len(text)
        elif kind == "code":
            if _is_demo(text):
                types.append("skip")
            elif not _shows_output(text):
                types.append("-")
            elif code_on_slide or text_on_slide > CODE_AFTER_TEXT:
                types.append("subslide")
                text_on_slide, code_on_slide = 0, True
            else:
                types.append("-")
                code_on_slide = True
        else:
            types.append("skip")
    return types


def generate(notebook: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``notebook`` (its JSON as a dict) with the slide metadata the rules give."""
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise InputError(t("trainer.slides_not_notebook", type=type(notebook).__name__))
    result = copy.deepcopy(notebook)
    for cell, kind in zip(result["cells"], slide_types(result["cells"]), strict=False):
        metadata = cell.setdefault("metadata", {})
        if kind == "-":  # "continue the slide" is written as no slide type (read so by every presenter)
            metadata.pop("slideshow", None)
        else:
            metadata["slideshow"] = {"slide_type": kind}
    return result


def _kind(slideshow: Any) -> str:
    return str(slideshow.get("slide_type", "-")) if isinstance(slideshow, dict) else "-"


def differences(notebook: dict[str, Any]) -> list[str]:
    """Where the notebook's slide metadata differs from what :func:`generate` gives ([] when none)."""
    wanted = generate(notebook)
    found = []
    for index, (have, want) in enumerate(zip(notebook["cells"], wanted["cells"], strict=False)):
        got = (have.get("metadata") or {}).get("slideshow")
        expected = want["metadata"].get("slideshow")
        if got != expected:
            first = (_source(have).strip().splitlines() or [""])[0][:50]
            found.append(
                t("trainer.slides_cell_differs", index=index, first=first, have=_kind(got), want=_kind(expected))
            )
    return found


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(t("trainer.notebook_unreadable", path=path, reason=exc)) from None
    if not isinstance(data, dict):
        raise InputError(t("trainer.notebook_unreadable", path=path, reason="not a notebook"))
    return data


def apply(path: str | Path, *, write: bool = True) -> list[str]:
    """Bring the slide metadata of the notebook at ``path`` up to date; return what differed.

    With ``write=False`` nothing is written (a check). The notebook is written the way
    Jupyter writes it (one-space indent, UTF-8), only when something changed.
    """
    where = Path(path)
    data = _read(where)
    found = differences(data)
    if found and write:
        text = json.dumps(generate(data), sort_keys=True, indent=1, ensure_ascii=False, separators=(",", ": "))
        where.write_text(text + "\n", encoding="utf-8")
    return found


def lessons(root: Path | None = None) -> list[Path]:
    """The lesson notebooks of the course, in module order (``notebooks/NN_*.ipynb``)."""
    folder = (root if root is not None else course.ROOT) / "notebooks"
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def main(argv: list[str] | None = None) -> int:
    """Command line: generate (or ``--check``) the slide metadata of lessons; prints one line per file."""
    parser = argparse.ArgumentParser(prog="python -m kamcourse.trainer.slides", description=t("trainer.slides_cli"))
    parser.add_argument("notebooks", nargs="*", type=Path, help=t("trainer.slides_cli_paths"))
    parser.add_argument("--check", action="store_true", help=t("trainer.slides_cli_check"))
    args = parser.parse_args(argv)
    paths = args.notebooks or lessons()
    stale = 0
    for path in paths:
        try:
            found = apply(path, write=not args.check)
        except InputError as exc:
            print(exc, file=sys.stderr)
            return 2
        stale += bool(found)
        key = "trainer.slides_ok" if not found else ("trainer.slides_stale" if args.check else "trainer.slides_written")
        print(t(key, path=path, count=len(found)))
        if args.check:
            for line in found[:10]:
                print("   ", line)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
