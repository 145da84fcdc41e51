"""Charts of lesson 01, why key account management: the customer concentration (Pareto) curve.

Taught in notebooks/01_why_key_account_management.ipynb.

* :func:`pareto_curve` -- the cumulative share of revenue against the share of customers,
  largest customers first, with the line of a base where every customer buys the same and,
  optionally, the cut at the top *n* customers written on the chart.

Object-oriented matplotlib only (no pyplot, no global state). Names given by a learner (a
file name) are drawn literally, never as math text; meaning never rests on colour alone (the
lines differ in style and are labelled).
"""

from __future__ import annotations

from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from .. import fundamentals as fu
from ..content import t

__all__ = ["pareto_curve"]

_CURVE = "#4C72B0"
_CUT = "#C44E52"


def _pct(share: float) -> str:
    return f"{share:.1%}" if 0 < share < 0.1 else f"{share:.0%}"


def pareto_curve(base: Any, cut: int | None = None, *, name: str | None = None) -> Figure:
    """The concentration curve of a customer base.

    Parameters
    ----------
    base:
        A :class:`~kamcourse.fundamentals.Concentration`, or revenues accepted by
        :func:`~kamcourse.fundamentals.concentration` (a mapping or Series by customer).
    cut:
        Optional number of top customers: a vertical line at that share of customers and the
        share of revenue they make, written on the chart.
    name:
        What the base is, for the title (default: the Vellmar case). Drawn literally.

    Returns
    -------
    Figure
        X axis: share of customers, largest first (0-100%); Y axis: cumulative share of revenue.

    Raises
    ------
    InputError
        Bad revenues (see :func:`~kamcourse.fundamentals.concentration`) or a bad ``cut``.
    """
    if not isinstance(base, fu.Concentration):
        base = fu.concentration(base)
    count = base.count
    xs = [0.0] + [(i + 1) / count for i in range(count)]
    ys = [0.0] + list(base.cumulative)
    fig = Figure(figsize=(7.5, 4.6), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label=t("fundamentals.pareto_equal"))
    ax.plot(
        xs,
        ys,
        color=_CURVE,
        linewidth=2,
        label=t("fundamentals.pareto_curve"),
        marker="o" if count <= 30 else None,
        markersize=3,
    )
    if cut is not None:
        n = base.counted(cut)
        share = base.top_share(n)
        x = n / count
        ax.plot([x, x], [0, share], linestyle=":", color=_CUT, linewidth=1.5)
        ax.plot([0, x], [share, share], linestyle=":", color=_CUT, linewidth=1.5)
        ax.plot([x], [share], marker="o", color=_CUT)
        label = t("fundamentals.pareto_cut", n=n, share=_pct(share))
        ax.annotate(
            label,
            xy=(x, share),
            xytext=(min(x + 0.08, 0.62), max(share - 0.12, 0.06)),
            fontsize=9,
            arrowprops={"arrowstyle": "-", "color": _CUT, "linewidth": 0.8},
            parse_math=False,
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(t("fundamentals.pareto_x"))
    ax.set_ylabel(t("fundamentals.pareto_y"))
    ax.grid(alpha=0.3)
    title = t("fundamentals.pareto_title", name=name if name is not None else t("fundamentals.case_name"))
    total = fu.money(base.total)
    caption = t("fundamentals.pareto_caption", count=count, total=total)
    ax.set_title(f"{title}\n{caption}", loc="left", fontsize=10, parse_math=False)
    ax.legend(loc="lower right", fontsize=8)
    return fig
