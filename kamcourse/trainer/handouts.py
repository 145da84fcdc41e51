"""Printables for a workshop: every lesson run and printed (HTML, PDF), and blank worksheets.

Taught in trainer/guide.ipynb. ``make handouts`` (``python -m kamcourse.trainer.handouts``)
writes into ``handouts/`` (git-ignored), saying what it does file by file:

* ``handouts/lessons/<lesson>.html`` and ``.pdf`` -- each lesson executed top to bottom in a
  fresh kernel with a throwaway workbook (the learner's saved work is never read or changed),
  with its outputs; a widget is printed as what it shows (its charts, tables and texts, taken
  from the widget state), since a sheet of paper cannot be clicked;
* ``handouts/worksheets/`` -- the blank worksheets of :mod:`.worksheets`, fillable (XLSX, DOCX)
  and printable (HTML, PDF);
* ``handouts/index.html`` -- a page linking them all.

**Why Chromium for the PDFs.** The course already drives Debian's Chromium in its browser
tests, so it is there wherever the tests run; it prints the same HTML JupyterLab shows (tables,
PNG charts, Unicode) with no LaTeX tool chain (nbconvert's own PDF needs XeLaTeX and pandoc,
about a gigabyte) and no extra Python dependency. ``$KAMCOURSE_CHROMIUM`` names another binary;
without one, the HTML files are still written and the report says how to get the PDFs.
"""

from __future__ import annotations

import argparse
import copy
import html as html_lib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import course
from ..content import t
from ..errors import InputError
from . import slides, worksheets

__all__ = ["Result", "build", "chromium", "inline_widgets", "lesson_html", "main", "print_pdf"]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_CONTAINERS = {"VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel", "AccordionModel", "TabModel", "StackModel"}
_TEXTUAL = {"HTMLModel", "HTMLMathModel", "LabelModel"}
_EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>", re.IGNORECASE)
_PRINT_CSS = """
<style>
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: white; }
  .jp-Cell { break-inside: avoid-page; }
  .jp-OutputArea-output img { max-width: 100% !important; height: auto; break-inside: avoid; }
  .jp-InputPrompt, .jp-OutputPrompt { display: none; }
  a { color: #0d47a1; text-decoration: none; }
}
.kam-widget-note { font-style: italic; color: #555; }
table.kam-grid td { border: 1px solid #ccc; padding: 2px 6px; font-size: 9pt; }
</style>
"""


@dataclass
class Result:
    """What :func:`build` wrote, and what it could not do (in words)."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def pdfs(self) -> list[Path]:
        """The PDF files written."""
        return [p for p in self.written if p.suffix == ".pdf"]


# --------------------------------------------------------------------------- widgets on paper


def _model_id(ref: Any) -> str | None:
    return ref[len("IPY_MODEL_") :] if isinstance(ref, str) and ref.startswith("IPY_MODEL_") else None


def _widget_outputs(model_id: str, state: dict[str, Any], depth: int = 0) -> list[dict[str, Any]]:
    """What the widget ``model_id`` shows, as notebook outputs (Output contents, HTML, labels)."""
    entry = state.get(model_id)
    if not isinstance(entry, dict) or depth > 20:
        return []
    name = entry.get("model_name")
    values = entry.get("state") or {}
    if name == "OutputModel":
        return [copy.deepcopy(o) for o in values.get("outputs", []) if isinstance(o, dict)]
    if name in _TEXTUAL and str(values.get("value", "")).strip():
        text = str(values["value"])
        markup = text if name != "LabelModel" else html_lib.escape(text)
        return [
            {
                "output_type": "display_data",
                "metadata": {},
                "data": {"text/html": markup, "text/plain": re.sub(r"<[^>]+>", "", text)},
            }
        ]
    if name == "GridBoxModel":
        table = _grid_table(values, state)
        if table:
            return [
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"text/html": table, "text/plain": re.sub(r"<[^>]+>", " ", table)},
                }
            ]
    if name in _CONTAINERS:
        found: list[dict[str, Any]] = []
        for child in values.get("children", []):
            child_id = _model_id(child)
            if child_id:
                found += _widget_outputs(child_id, state, depth + 1)
        return found
    return []


def _columns(template: str) -> int:
    """How many columns a CSS ``grid-template-columns`` value makes (``14em repeat(8, 6em)`` is 9)."""
    count = 0
    for match in re.finditer(r"repeat\(\s*(\d+)\s*,[^)]*\)|[^\s()]+", template):
        count += int(match.group(1)) if match.group(1) else 1
    return count


def _cell_text(model_id: str | None, state: dict[str, Any]) -> str:
    """What one widget in a grid shows, as text: a label's text, a box's value, a button's caption."""
    entry = state.get(model_id or "") or {}
    values = entry.get("state") or {}
    name = entry.get("model_name", "")
    if name in _TEXTUAL:
        return html_lib.unescape(re.sub(r"<[^>]+>", "", str(values.get("value", "")))).strip()
    if name in ("DropdownModel", "RadioButtonsModel", "ToggleButtonsModel", "SelectModel"):
        labels, index = values.get("_options_labels") or [], values.get("index")
        return str(labels[index]) if isinstance(index, int) and 0 <= index < len(labels) else ""
    if "value" in values and not isinstance(values["value"], (dict, list)):
        value = values["value"]
        return f"{value:g}" if isinstance(value, float) else str(value)
    return str(values.get("description", ""))


def _grid_table(values: dict[str, Any], state: dict[str, Any]) -> str:
    """A GridBox (a grid of labels and number boxes, say) as an HTML table, or "" if unknown."""
    layout = (state.get(_model_id(values.get("layout")) or "") or {}).get("state") or {}
    columns = _columns(str(layout.get("grid_template_columns") or ""))
    children = [_model_id(c) for c in values.get("children", [])]
    if columns < 2 or not children:
        return ""
    rows = []
    for start in range(0, len(children), columns):
        cells = "".join(f"<td>{html_lib.escape(_cell_text(c, state))}</td>" for c in children[start : start + columns])
        rows.append(f"<tr>{cells}</tr>")
    return f'<table class="kam-grid">{"".join(rows)}</table>'


def inline_widgets(notebook: Any) -> Any:
    """A copy of an executed ``notebook`` whose widget views are replaced by what they show.

    Reads the widget state that nbclient stored in the notebook's metadata; a widget that
    shows nothing printable becomes a short note. The widget state is removed afterwards.
    """
    nb = copy.deepcopy(notebook)
    widgets = (nb.get("metadata") or {}).get("widgets") or {}
    state = (widgets.get(WIDGET_STATE) or {}).get("state") or {}
    note = {
        "output_type": "display_data",
        "metadata": {},
        "data": {
            "text/html": f'<p class="kam-widget-note">{html_lib.escape(t("trainer.handout_widget_note"))}</p>',
            "text/plain": t("trainer.handout_widget_note"),
        },
    }
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            view = (output.get("data") or {}).get(WIDGET_VIEW)
            if view is None:
                outputs.append(output)
                continue
            shown = _widget_outputs(str(view.get("model_id", "")), state)
            outputs += shown or [copy.deepcopy(note)]
        cell["outputs"] = outputs
    if "metadata" in nb:
        nb["metadata"].pop("widgets", None)
    return nb


# --------------------------------------------------------------------------- lessons


def _execute(path: Path, timeout: int) -> Any:
    """Run the notebook at ``path`` in a fresh kernel with a throwaway workbook; return it."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(str(path), as_version=4)
    with tempfile.TemporaryDirectory(prefix="kamcourse-handout-") as tmp:
        env = dict(os.environ, KAMCOURSE_WORKBOOK=str(Path(tmp) / "workbook.json"), PYTHONWARNINGS="ignore")
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            store_widget_state=True,
            resources={"metadata": {"path": str(path.parent)}},
        )
        # The kernel's own log (a warning about local TCP) would drown the progress lines; a cell
        # that fails still raises here with its traceback.
        client.execute(env=env, stderr=subprocess.DEVNULL)
    return nb


def lesson_html(notebook: Any, title: str) -> str:
    """An executed notebook as a printable, offline HTML page (widgets printed as they show)."""
    import nbformat
    from nbconvert import HTMLExporter

    printable = nbformat.from_dict(inline_widgets(notebook))
    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(printable, resources={"metadata": {"name": title}})
    body = _EXTERNAL_SCRIPT.sub("", body)  # MathJax and require.js from the web: not needed on paper
    return body.replace("</head>", _PRINT_CSS + "</head>", 1)


def _title(notebook: Any, fallback: str) -> str:
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in str(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


# --------------------------------------------------------------------------- PDF


def chromium() -> str | None:
    """The Chromium to print with: ``$KAMCOURSE_CHROMIUM``, else the first one found, else None."""
    named = os.environ.get("KAMCOURSE_CHROMIUM", "").strip()
    if named:
        return named if os.path.isfile(named) and os.access(named, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(page: Path, pdf: Path, *, browser: str | None = None, timeout: int = 120) -> Path:
    """Print the HTML file ``page`` to ``pdf`` (A4) with headless Chromium; InputError if it fails."""
    binary = browser or chromium()
    if binary is None:
        raise InputError(t("trainer.handout_no_chromium"))
    with tempfile.TemporaryDirectory(prefix="kamcourse-chromium-") as profile:
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            "--virtual-time-budget=10000",
            f"--print-to-pdf={pdf}",
            page.resolve().as_uri(),
        ]
        pdf.unlink(missing_ok=True)
        try:
            done = subprocess.run(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError(t("trainer.handout_pdf_failed", file=pdf.name, reason=exc)) from None
    if not pdf.is_file() or pdf.stat().st_size < 500:
        tail = done.stdout.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        raise InputError(t("trainer.handout_pdf_failed", file=pdf.name, reason=tail[0][:200]))
    return pdf


# --------------------------------------------------------------------------- the whole set


def _index(result: Result) -> str:
    links = []
    for path in sorted(result.written):
        relative = path.relative_to(result.folder).as_posix()
        links.append(f'<li><a href="{html_lib.escape(relative)}">{html_lib.escape(relative)}</a></li>')
    problems = "".join(f"<li>{html_lib.escape(p)}</li>" for p in result.problems)
    extra = f"<h2>{html_lib.escape(t('trainer.handout_index_problems'))}</h2><ul>{problems}</ul>" if problems else ""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html_lib.escape(t("trainer.handout_index"))}'  # noqa: E501 (a literal line of data)
        f"</title></head><body><h1>{html_lib.escape(t('trainer.handout_index'))}</h1><ul>{''.join(links)}</ul>"
        f"{extra}</body></html>"
    )


def build(
    out: str | Path | None = None,
    *,
    lessons: Iterable[str | Path] | None = None,
    sheets: bool = True,
    pdf: bool = True,
    progress: Callable[[str], None] | None = None,
    timeout: int = 300,
) -> Result:
    """Write the handouts into ``out`` (default ``<course>/handouts``); see the module's docstring.

    ``lessons`` limits the lessons (paths of notebooks; default every lesson in ``notebooks/``);
    ``sheets=False`` skips the worksheets, ``pdf=False`` the PDFs. ``progress`` receives one
    sentence per file. A lesson that fails to run or a PDF that fails to print is reported in
    :attr:`Result.problems` and the rest carries on.
    """
    say = progress or (lambda _message: None)
    folder = Path(out) if out is not None else course.ROOT / "handouts"
    paths = [Path(p) for p in lessons] if lessons is not None else slides.lessons()
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise InputError(t("trainer.handout_no_lesson", value=", ".join(map(str, missing))[:200]))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(t("trainer.handout_no_folder", folder=folder, reason=exc.strerror or exc)) from None
    result = Result(folder)
    browser = chromium() if pdf else None
    if pdf and browser is None:
        result.problems.append(t("trainer.handout_no_chromium"))
    total = len(paths) + (len(worksheets.NAMES) if sheets else 0)
    step = 0
    for path in paths:
        step += 1
        started = time.perf_counter()
        target = folder / "lessons" / f"{path.stem}.html"
        try:
            notebook = _execute(path, timeout)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(lesson_html(notebook, _title(notebook, path.stem)), encoding="utf-8")
        except Exception as exc:  # a lesson that fails must not stop the others  # noqa: BLE001
            result.problems.append(t("trainer.handout_lesson_failed", file=path.name, reason=_first_line(exc)))
            say(t("trainer.handout_step_failed", step=step, total=total, file=path.name))
            continue
        result.written.append(target)
        result.written += _pdf(target, browser, result)
        say(
            t(
                "trainer.handout_step",
                step=step,
                total=total,
                file=path.name,
                target=target.parent,
                seconds=time.perf_counter() - started,
            )
        )
    if sheets:
        for name in worksheets.NAMES:
            step += 1
            started = time.perf_counter()
            written = worksheets.write(name, folder / "worksheets")
            result.written += written
            page = next(p for p in written if p.suffix == ".html")
            result.written += _pdf(page, browser, result)
            say(
                t(
                    "trainer.handout_step",
                    step=step,
                    total=total,
                    file=page.stem,
                    target=page.parent,
                    seconds=time.perf_counter() - started,
                )
            )
    index = folder / "index.html"
    index.write_text(_index(result), encoding="utf-8")
    return result


def _pdf(page: Path, browser: str | None, result: Result) -> list[Path]:
    if browser is None:
        return []
    try:
        return [print_pdf(page, page.with_suffix(".pdf"), browser=browser)]
    except InputError as exc:
        result.problems.append(str(exc))
        return []


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    lines = [line for line in text.splitlines() if line.strip()]
    for line in reversed(lines):  # nbclient puts the kernel's error name last
        if re.match(r"^\w*(Error|Exception)\b", line):
            return line[:200]
    return (lines[-1] if lines else type(exc).__name__)[:200]


def main(argv: list[str] | None = None) -> int:
    """``make handouts``: write everything, one line per file; exit 1 if anything failed."""
    parser = argparse.ArgumentParser(prog="python -m kamcourse.trainer.handouts", description=t("trainer.handout_cli"))
    parser.add_argument("lessons", nargs="*", type=Path, help=t("trainer.handout_cli_lessons"))
    parser.add_argument("--out", type=Path, default=None, help=t("trainer.handout_cli_out"))
    parser.add_argument("--no-pdf", action="store_true", help=t("trainer.handout_cli_nopdf"))
    parser.add_argument("--no-worksheets", action="store_true", help=t("trainer.handout_cli_nosheets"))
    args = parser.parse_args(argv)
    try:
        result = build(
            args.out,
            lessons=args.lessons or None,
            sheets=not args.no_worksheets,
            pdf=not args.no_pdf,
            progress=lambda message: print(message, flush=True),
        )
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(t("trainer.handout_done", count=len(result.written), pdfs=len(result.pdfs), folder=result.folder))
    for problem in result.problems:
        print(problem, file=sys.stderr)
    return 1 if result.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
