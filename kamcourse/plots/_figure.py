"""Figures the way every chart of the course builds them: object-oriented matplotlib, no pyplot.

Used by kamcourse.plots.selection and kamcourse.plots.portfolio.
"""

from __future__ import annotations

from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["new_figure", "palette"]


def new_figure(width: float, height: float) -> Figure:
    """A new figure of ``width`` x ``height`` inches at 100 dpi, with an Agg canvas (no global state)."""
    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def palette(n: int) -> list[Any]:
    """``n`` distinct colours (tab10, or tab20 beyond ten)."""
    from matplotlib import colormaps

    cmap = colormaps["tab10" if n <= 10 else "tab20"]
    return [cmap(i % cmap.N) for i in range(n)]
