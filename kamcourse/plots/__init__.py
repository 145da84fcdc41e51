"""Charts drawn with matplotlib from the results of the domain core.

Each topic has its own module (``kamcourse.plots.selection``,
``kamcourse.plots.relationships``, ...). Plot functions take core results and return a
:class:`matplotlib.figure.Figure` built with the object-oriented API (no ``pyplot``
global state), so widgets can render them into an ``Output`` and tests can inspect them.
"""

from __future__ import annotations

from ..values import display_text

__all__ = ["literal"]


#: Longest learner text a chart draws; longer text is cut with an ellipsis.
MAX_LABEL = 200


def literal(text: object) -> str:
    """Learner text (an account, criterion or contact name, a view label, a file name) as a chart
    draws it: exactly as written. Each ``$`` is escaped, so matplotlib never reads
    ``Save_$ Mart_$`` as math text (which fails to parse, or silently changes the name), a
    character that cannot be drawn (a lone surrogate) is replaced, and text longer than
    :data:`MAX_LABEL` characters (an answer pasted where a name belongs) is cut with an ellipsis."""
    value = display_text(str(text))
    if len(value) > MAX_LABEL:
        value = value[: MAX_LABEL - 1] + "\u2026"
    return value.replace("$", r"\$")


def _show_figures_in_notebooks() -> None:
    """Let a notebook display a Figure returned by a plot function as a PNG image.

    Our figures are built without ``pyplot``, so IPython has no image formatter for them
    until ``%matplotlib inline`` runs; register the same one here, once, when running
    inside IPython. Outside IPython (tests, scripts) nothing happens.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the course
        return
    shell = get_ipython()
    if shell is None:
        return
    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure

    formatter = shell.display_formatter.formatters["image/png"]
    formatter.for_type(Figure, lambda fig: print_figure(fig, "png", bbox_inches="tight"))


_show_figures_in_notebooks()


def __getattr__(name: str) -> object:
    """``kam.plots.selection`` and friends import on first use."""
    import importlib

    try:
        return importlib.import_module(f".{name}", __name__)
    except ModuleNotFoundError:
        raise AttributeError(f"module 'kamcourse.plots' has no attribute {name!r}") from None
