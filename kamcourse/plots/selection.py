"""Charts of selecting key accounts: attractiveness scores, each criterion's part stacked.

Taught in notebooks/03_selecting_key_accounts.ipynb.

* :func:`scores_chart`: horizontal bars of attractiveness scores, each criterion's
  contribution stacked, accounts sorted by score;
* :func:`update_scores_chart`: the same figure redrawn in place for new weights (the weights
  editor, on every slider move).

Object-oriented matplotlib only: each function builds and returns a new
:class:`~matplotlib.figure.Figure` with an Agg canvas; no pyplot, no global state.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from ..content import t
from ..errors import InputError
from . import literal
from ._figure import new_figure as _new_figure
from ._figure import palette as _palette

__all__ = ["scores_chart", "update_scores_chart", "scores_chart_changing"]


def scores_chart(contributions: pd.DataFrame, *, weights: pd.Series | None = None, title: str | None = None) -> Figure:
    """Stacked horizontal bars: each account's score split by criterion.

    Parameters
    ----------
    contributions:
        Output of :func:`kamcourse.selection.contributions` (accounts x criteria,
        weight x rating). Accounts are drawn sorted by total score, highest at the top.
    weights:
        Optional criterion weights, shown in the legend.
    title:
        Optional title (default from ``strings/selection``).

    Raises :class:`InputError` when ``contributions`` is empty.
    """
    if not isinstance(contributions, pd.DataFrame) or contributions.empty:
        raise InputError(t("selection.chart_empty"))
    totals = contributions.sum(axis=1)
    order = totals.sort_values(ascending=True, kind="stable").index
    data = contributions.loc[order]
    n = len(data)
    fig = _new_figure(9, max(3.0, 0.35 * n + 1.8))
    ax = fig.add_subplot()
    left = np.zeros(n)
    y = np.arange(n)
    palette = _palette(len(data.columns))
    for i, criterion in enumerate(data.columns):
        values = data[criterion].to_numpy(dtype=float)
        label = str(criterion)
        if weights is not None and criterion in weights.index:
            label = t("selection.chart_scores_item", criterion=criterion, weight=float(weights[criterion]))
        ax.barh(y, values, left=left, color=palette[i], label=literal(label), edgecolor="white", linewidth=0.5)
        left += values
    for yi, total in zip(y, left, strict=True):
        ax.text(total + 8, float(yi), f"{total:.0f}", va="center", fontsize=8)
    ax.set_yticks(y, [literal(a) for a in data.index])
    ax.set_xlim(0, 1000)
    ax.set_xlabel(t("selection.chart_scores_xlabel"))
    ax.set_title(literal(title) if title else t("selection.chart_scores_title"))
    ax.legend(title=t("selection.chart_scores_legend"), fontsize=8, title_fontsize=8, loc="lower right", framealpha=0.9)
    ax.spines[["top", "right"]].set_visible(False)
    fig.subplots_adjust(left=0.28, right=0.97, top=0.92, bottom=max(0.08, 0.9 / fig.get_figheight()))
    return fig


def update_scores_chart(fig: Figure, contributions: pd.DataFrame, *, weights: pd.Series | None = None) -> Figure:
    """Redraw a :func:`scores_chart` figure in place for new contributions (same criteria,
    same number of accounts): bars, totals, account labels and legend are updated, nothing
    is rebuilt. About 100x cheaper than a new chart before rendering; used by the weights
    editor of ``notebooks/03_selecting_key_accounts.ipynb`` on every slider move.

    Raises :class:`InputError` when ``contributions`` does not fit the figure (then build
    a new chart with :func:`scores_chart`).
    """
    ax = fig.axes[0]
    containers = ax.containers
    if (
        not isinstance(contributions, pd.DataFrame)
        or contributions.empty
        or len(containers) != len(contributions.columns)
        or any(len(getattr(c, "patches", ())) != len(contributions.index) for c in containers)
    ):
        raise InputError(t("selection.chart_mismatch"))
    totals = contributions.sum(axis=1)
    order = totals.sort_values(ascending=True, kind="stable").index
    data = contributions.loc[order].to_numpy(dtype=float)
    left = np.zeros(len(order))
    for i, container in enumerate(containers):
        for j, patch in enumerate(getattr(container, "patches", ())):
            patch.set_x(left[j])
            patch.set_width(data[j, i])
        left += data[:, i]
    for j, text in enumerate(ax.texts[: len(order)]):
        text.set_x(left[j] + 8)
        text.set_text(f"{left[j]:.0f}")
    ax.set_yticks(np.arange(len(order)), [literal(a) for a in order])
    legend = ax.get_legend()
    if weights is not None and legend is not None:
        for text, criterion in zip(legend.get_texts(), contributions.columns, strict=False):
            if criterion in weights.index:
                text.set_text(
                    literal(t("selection.chart_scores_item", criterion=criterion, weight=float(weights[criterion])))
                )
    return fig


def scores_chart_changing(fig: Figure) -> list[Artist]:
    """The artists of a :func:`scores_chart` that :func:`update_scores_chart` changes (bars,
    totals, account names on the y axis, legend): the rest (title, score axis, frame) is drawn
    once by :class:`kamcourse.plots._live.LiveRender` while the weights editor redraws."""
    ax = fig.axes[0]
    changing: list[Artist] = [p for c in ax.containers for p in getattr(c, "patches", ())]
    changing += [*ax.texts, ax.yaxis]
    legend = ax.get_legend()
    return changing + ([legend] if legend is not None else [])
