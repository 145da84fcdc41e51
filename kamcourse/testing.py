"""Drive widgets from code, for tests and for notebook cells that show an interaction.

Used by the tests and by notebook cells that demonstrate an interaction on a widget of their own.

>>> from kamcourse import testing, widgets            # doctest: +SKIP
>>> grid = widgets.framework.grid()
>>> testing.click(grid.buttons["Key account plan"])
>>> "rolling" in testing.output_text(grid.output)
True

Setting ``.value`` runs the same observers a person's change runs; :func:`click` runs the
same handlers as a mouse click.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

import ipywidgets as W

__all__ = [
    "set_value",
    "click",
    "output_text",
    "output_data",
    "walk",
    "find",
    "run_notebook",
    "notebook_text",
    "widget_values",
]


def set_value(widget: W.ValueWidget, value: Any) -> None:
    """Set ``widget.value`` as a person would; observers run."""
    widget.value = value


def click(button: W.Button) -> None:
    """Click ``button``: its ``on_click`` handlers run."""
    button.click()


def output_data(out: W.Output) -> list[dict[str, Any]]:
    """The raw outputs of an Output widget (display data and streams)."""
    return [dict(o) for o in out.outputs]


def output_text(out: W.Output) -> str:
    """All text an Output widget shows (plain-text versions and streams), joined by newlines."""
    parts = []
    for item in out.outputs:
        if item.get("output_type") == "stream":
            parts.append(item.get("text", ""))
        else:
            parts.append(item.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def walk(widget: W.Widget) -> Iterator[W.Widget]:
    """``widget`` and every widget inside it, depth first."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def find(widget: W.Widget, kind: type[W.Widget], **attrs: Any) -> list[W.Widget]:
    """Widgets of class ``kind`` inside ``widget`` whose attributes equal ``attrs``."""
    return [w for w in walk(widget) if isinstance(w, kind) and all(getattr(w, k, None) == v for k, v in attrs.items())]


def run_notebook(
    path: str | os.PathLike[str],
    *,
    workbook: str | os.PathLike[str],
    timeout: int = 180,
    env: Mapping[str, str] | None = None,
) -> Any:
    """Execute the notebook at ``path`` top to bottom with its own workbook file; return it.

    The kernel starts in the notebook's folder with ``KAMCOURSE_WORKBOOK`` set to
    ``workbook`` (two runs with the same file behave like a learner's re-run after a
    restart), plus ``env`` if given. The variables go to the kernel process only: this
    process's ``os.environ`` is never changed, so runs in parallel threads cannot mix their
    workbooks. Widget states are kept in the returned notebook's metadata, where
    :func:`notebook_text` reads what the widgets showed. Raises nbclient's
    ``CellExecutionError`` if a cell fails.
    """
    from pathlib import Path

    import nbformat
    from nbclient import NotebookClient

    notebook_path = Path(path)
    nb = nbformat.read(notebook_path, as_version=4)
    kernel_env = dict(os.environ)
    kernel_env.update(env or {})
    kernel_env["KAMCOURSE_WORKBOOK"] = str(workbook)
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook_path.parent)}},
        store_widget_state=True,
    ).execute(env=kernel_env)
    return nb


def _widget_texts(nb: Any) -> list[str]:
    """What the widgets of a run notebook showed: Output widgets' outputs and HTML/Label values."""
    state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    parts = []
    for model in state.get("state", {}).values():
        fields = model.get("state", {})
        for out in fields.get("outputs", []):
            parts.append(out.get("text", "") + str(out.get("data", {}).get("text/plain", "")))
            parts.append(str(out.get("data", {}).get("text/html", "")))
        if model.get("model_name") in ("HTMLModel", "LabelModel", "HTMLMathModel"):
            parts.append(str(fields.get("value", "")))
    return parts


def notebook_text(nb: Any, *, widgets: bool = True) -> str:
    """All text a run notebook shows: streams, plain-text and HTML versions of every output
    and, with ``widgets`` (the default), what its widgets showed (see :func:`run_notebook`)."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", "") + str(out.get("data", {}).get("text/plain", "")))
            parts.append(str(out.get("data", {}).get("text/html", "")))
    if widgets:
        parts += _widget_texts(nb)
    return "\n".join(p for p in parts if p)


def widget_values(nb: Any) -> list[Any]:
    """What the input widgets of a run notebook (see :func:`run_notebook`) held at the end, in
    the order they were created: the text of text boxes, the label chosen in dropdowns, toggle
    and radio buttons (None when nothing is chosen), the number of sliders and number boxes."""
    state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    values: list[Any] = []
    for model in state.get("state", {}).values():
        fields = model.get("state", {})
        if "_options_labels" in fields:
            index = fields.get("index")
            labels = fields["_options_labels"]
            values.append(labels[index] if isinstance(index, int) and 0 <= index < len(labels) else None)
        elif "value" in fields and model.get("model_name") not in ("HTMLModel", "LabelModel", "HTMLMathModel"):
            values.append(fields["value"])
    return values
