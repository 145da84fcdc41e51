"""The portfolio matrix as a bubble chart: its axes, cut lines, quadrant names and account labels.

Taught in notebooks/04_portfolio_matrix.ipynb.

:func:`portfolio_matrix`: attractiveness upwards, relative strength with **high strength on
the left** (the directional-policy-matrix habit of Woodburn's and McDonald's slides), cut
lines, quadrant names and strategies, bubble area = spend, account labels pushed apart so they
never overlap. The axis labels and quadrant texts are ``matrix_*`` strings of
``strings/portfolio.en.yaml``.

Object-oriented matplotlib only: each function builds and returns a new
:class:`~matplotlib.figure.Figure` with an Agg canvas; no pyplot, no global state.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from .. import portfolio
from ..content import t
from . import literal
from ._figure import new_figure as _new_figure
from ._figure import palette as _palette
from ._live import LiveRender

__all__ = ["portfolio_matrix", "LiveMatrix", "matrix_changing", "LABEL_GID", "QUADRANT_GID", "CUT_GID", "BUBBLE_GID"]

LABEL_GID = "account-label"
QUADRANT_GID = "quadrant-label"
CUT_GID = "cut-line"
BUBBLE_GID = "bubbles"


def portfolio_matrix(
    attractiveness: pd.Series,
    strength: pd.Series,
    spend: pd.Series | None = None,
    *,
    attractiveness_cut: float = portfolio.DEFAULT_ATTRACTIVENESS_CUT,
    strength_cut: float = portfolio.DEFAULT_STRENGTH_CUT,
    color_by: pd.Series | None = None,
    title: str | None = None,
    labels: bool = True,
) -> Figure:
    """The key account portfolio matrix as a bubble chart.

    Parameters
    ----------
    attractiveness, strength:
        Series indexed by account (validated as in :func:`kamcourse.portfolio.classify`).
    spend:
        Optional spend per account; bubble area is proportional to it.
    attractiveness_cut, strength_cut:
        Where the cut lines are drawn (defaults 500 and 1.0; a point on a cut is high).
    color_by:
        Optional Series of labels per account (e.g. relationship-stage fit); one colour
        and one legend entry per label. By default bubbles are coloured by category.
    labels:
        Write account names (pushed apart, with leader lines when moved).

    The strength axis is inverted: high strength on the left. Raises
    :class:`InputError` like :func:`kamcourse.portfolio.classify`.
    """
    categories = portfolio.classify(
        attractiveness, strength, attractiveness_cut=attractiveness_cut, strength_cut=strength_cut
    )
    accounts = attractiveness.index
    a = attractiveness.to_numpy(dtype=float)
    s = strength.reindex(accounts).to_numpy(dtype=float)
    fig = _new_figure(10, 7.5)
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.1, right=0.97, top=0.92, bottom=0.1)

    # Axis ranges: include the cuts and leave room around the points.
    x_low, x_high = _strength_range(s, strength_cut)
    ax.set_xlim(x_high, x_low)  # inverted: high strength on the LEFT
    ax.set_ylim(0, 1000)
    ax.axhline(attractiveness_cut, color="0.4", lw=1, ls="--", zorder=1, gid=CUT_GID)
    ax.axvline(strength_cut, color="0.4", lw=1, ls="--", zorder=1, gid=CUT_GID)

    # Quadrant names and strategies, in the outer corners of each quadrant.
    corners = {
        "Strategic": (x_high, 1000, "left", "top"),
        "Star": (x_low, 1000, "right", "top"),
        "Status": (x_high, 0, "left", "bottom"),
        "Streamline": (x_low, 0, "right", "bottom"),
    }
    fixed = []
    for cat, (x, y, ha, va) in corners.items():
        txt = ax.annotate(
            t("portfolio.matrix_quadrant", name=portfolio.category_label(cat), strategy=portfolio.STRATEGIES[cat]),
            xy=(x, y),
            xytext=(6 if ha == "left" else -6, -6 if va == "top" else 6),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=10,
            color="0.25",
            fontweight="bold",
            zorder=2,
        )
        txt.set_gid(QUADRANT_GID)
        fixed.append(txt)

    # Bubbles.
    sizes = _bubble_sizes(accounts, spend)
    groups = color_by.reindex(accounts) if color_by is not None else categories
    _draw_bubbles(fig, ax, s, a, sizes, groups, by_category=color_by is None, spend_note=spend is not None)

    ax.set_ylabel(t("portfolio.matrix_ylabel"))
    ax.set_xlabel(t("portfolio.matrix_xlabel"))
    _set_ticks(ax, x_low, x_high, attractiveness_cut, strength_cut)
    ax.set_title(literal(title) if title else t("portfolio.matrix_title"))

    if labels and len(accounts):
        _place_labels(fig, ax, [literal(x) for x in accounts], s, a, fixed, np.sqrt(sizes) / 2 * fig.dpi / 72)
    return fig


def _strength_range(s: np.ndarray, strength_cut: float) -> tuple[float, float]:
    """The strength axis' (low, high) ends: the points and the cut, with room around them."""
    s_lo = min(float(np.min(s)) if s.size else strength_cut, strength_cut)
    s_hi = max(float(np.max(s)) if s.size else strength_cut, strength_cut)
    span = max(s_hi - s_lo, 0.2 * strength_cut)
    return max(0.0, s_lo - 0.15 * span), s_hi + 0.15 * span


def _bubble_sizes(accounts: pd.Index, spend: pd.Series | None) -> np.ndarray:
    if spend is None:
        return np.full(len(accounts), 120.0)
    sp = spend.reindex(accounts).to_numpy(dtype=float)
    top = float(np.nanmax(sp)) if sp.size and np.nanmax(sp) > 0 else 1.0
    return np.asarray(40 + 1400 * np.nan_to_num(sp, nan=0.0) / top, dtype=float)


def _levels(groups: pd.Series) -> list[Any]:
    if isinstance(groups.dtype, pd.CategoricalDtype):
        return list(groups.cat.categories)
    return list(dict.fromkeys(groups.astype(object).tolist()))


def _draw_bubbles(
    fig: Figure,
    ax: Any,
    s: np.ndarray,
    a: np.ndarray,
    sizes: np.ndarray,
    groups: pd.Series,
    *,
    by_category: bool,
    spend_note: bool,
) -> None:
    """One scatter per group present (a colour and a legend entry each), and the legend."""
    levels = _levels(groups)
    palette = _palette(len(levels))
    for i, level in enumerate(levels):
        mask = (groups == level).to_numpy()
        if not mask.any():
            continue
        name = portfolio.category_label(level) if by_category else literal(level)
        ax.scatter(
            s[mask],
            a[mask],
            s=sizes[mask],
            color=palette[i],
            alpha=0.6,
            edgecolor="0.2",
            linewidth=0.6,
            label=name,
            zorder=3,
            gid=BUBBLE_GID,
        )
    if len(levels) > 0:
        _draw_legend(fig, ax, spend_note)


def _draw_legend(fig: Figure, ax: Any, spend_note: bool) -> None:
    """The legend, from the scatters (its markers take their sizes from them)."""
    ax.legend(
        loc="center left",
        bbox_to_anchor=(1.0, 0.5),
        fontsize=8,
        markerscale=0.5,
        title=t("portfolio.matrix_size_note") if spend_note else None,
        title_fontsize=8,
    )
    fig.subplots_adjust(right=0.8)


def _set_ticks(ax: Any, x_low: float, x_high: float, attractiveness_cut: float, strength_cut: float) -> None:
    """Ticks at both ends of each axis (low/high) and at each cut."""
    low, high = t("portfolio.matrix_low"), t("portfolio.matrix_high")
    ax.set_xticks([x_high, strength_cut, x_low], [f"{high}\n{x_high:.2f}", f"{strength_cut:g}", f"{low}\n{x_low:.2f}"])
    ax.set_yticks([0, attractiveness_cut, 1000], [f"{low}\n0", f"{attractiveness_cut:g}", f"{high}\n1000"])


def matrix_changing(fig: Figure) -> list[Artist]:
    """The artists of a :func:`portfolio_matrix` that a new cut changes (cut lines, axes with
    their cut ticks, bubbles, legend); labels, quadrant names, title and frame stay."""
    ax = fig.axes[0]
    changing: list[Artist] = [line for line in ax.lines if line.get_gid() == CUT_GID]
    changing += [ax.xaxis, ax.yaxis, *(c for c in ax.collections if c.get_gid() == BUBBLE_GID)]
    legend = ax.get_legend()
    return changing + ([legend] if legend is not None else [])


class LiveMatrix:
    """The portfolio matrix of one portfolio, redrawn for new cuts as a slider moves them.

    :meth:`update` moves the cut lines and cut ticks and recolours the bubbles of the same figure
    (the account labels, placed once, do not depend on the cuts); :meth:`png` renders it through
    :class:`kamcourse.plots._live.LiveRender` (static layers drawn once). Only when the strength
    cut leaves the range of the points does the strength axis change: then the chart is built
    anew. The figure shows what :func:`portfolio_matrix` draws for the same inputs, pixel for
    pixel (``tests/test_plots_live.py``). Used by the portfolio view of lesson 04.
    """

    def __init__(
        self,
        attractiveness: pd.Series,
        strength: pd.Series,
        spend: pd.Series | None = None,
        *,
        attractiveness_cut: float = portfolio.DEFAULT_ATTRACTIVENESS_CUT,
        strength_cut: float = portfolio.DEFAULT_STRENGTH_CUT,
        title: str | None = None,
    ) -> None:
        self.attractiveness, self.strength, self.spend, self.title = attractiveness, strength, spend, title
        self._build(attractiveness_cut, strength_cut)

    def _build(self, attractiveness_cut: float, strength_cut: float) -> None:
        self.figure = portfolio_matrix(
            self.attractiveness,
            self.strength,
            self.spend,
            attractiveness_cut=attractiveness_cut,
            strength_cut=strength_cut,
            title=self.title,
        )
        self.live = LiveRender(self.figure, matrix_changing)
        self.cuts = (float(attractiveness_cut), float(strength_cut))

    def update(self, attractiveness_cut: float, strength_cut: float) -> Figure:
        """Show the cuts ``attractiveness_cut`` and ``strength_cut``; returns the figure. Raises
        :class:`InputError` like :func:`kamcourse.portfolio.classify` (the chart is unchanged)."""
        categories = portfolio.classify(
            self.attractiveness, self.strength, attractiveness_cut=attractiveness_cut, strength_cut=strength_cut
        )
        fig = self.figure
        ax = fig.axes[0]
        accounts = self.attractiveness.index
        a = self.attractiveness.to_numpy(dtype=float)
        s = self.strength.reindex(accounts).to_numpy(dtype=float)
        x_low, x_high = _strength_range(s, strength_cut)
        if (x_high, x_low) != tuple(ax.get_xlim()):
            self._build(attractiveness_cut, strength_cut)
            return self.figure
        horizontal, vertical = (line for line in ax.lines if line.get_gid() == CUT_GID)
        horizontal.set_ydata([attractiveness_cut, attractiveness_cut])
        vertical.set_xdata([strength_cut, strength_cut])
        if (float(attractiveness_cut), float(strength_cut)) != self.cuts:
            _set_ticks(ax, x_low, x_high, attractiveness_cut, strength_cut)
        bubbles = [c for c in ax.collections if isinstance(c, PathCollection) and c.get_gid() == BUBBLE_GID]
        levels = [level for level in _levels(categories) if bool((categories == level).any())]
        sizes = _bubble_sizes(accounts, self.spend)
        if len(bubbles) == len(levels):  # the same categories hold accounts: move the points between them
            for collection, level in zip(bubbles, levels, strict=True):
                mask = (categories == level).to_numpy()
                before = collection.get_sizes()
                collection.set_offsets(np.column_stack([s[mask], a[mask]]))
                collection.set_sizes(sizes[mask])
                # a legend marker's size is drawn from the smallest and largest bubble of its scatter
                if (before.min(), before.max()) != (sizes[mask].min(), sizes[mask].max()):
                    legend = ax.get_legend()
                    if legend is not None:
                        legend.remove()
            if ax.get_legend() is None:
                _draw_legend(fig, ax, self.spend is not None)
        else:  # a category emptied or filled: new scatters and legend (one entry per category shown)
            for collection in bubbles:
                collection.remove()
            legend = ax.get_legend()
            if legend is not None:
                legend.remove()
            _draw_bubbles(fig, ax, s, a, sizes, categories, by_category=True, spend_note=self.spend is not None)
        self.cuts = (float(attractiveness_cut), float(strength_cut))
        return fig

    def png(self) -> bytes:
        """The chart as PNG bytes, at the figure's dpi."""
        return self.live.png()


def _place_labels(
    fig: Figure, ax: Any, names: list[str], xs: np.ndarray, ys: np.ndarray, fixed: list[Any], radius: np.ndarray
) -> None:
    """Deterministic label repulsion in display space, then leader lines for moved labels.

    Each label starts just right of its point; overlapping boxes are pushed apart along
    the axis of least overlap (mostly vertically, labels being wide), fixed boxes (the
    quadrant texts) push labels without moving, and labels stay inside the axes.
    """
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
    to_display = ax.transData
    pts = to_display.transform(np.column_stack([xs, ys]))
    texts = [
        ax.text(x, y, n, fontsize=8, ha="center", va="center", zorder=4) for n, x, y in zip(names, xs, ys, strict=True)
    ]
    sizes = np.array([[b.width, b.height] for b in (tx.get_window_extent(renderer) for tx in texts)])
    pad = 2.0
    w = sizes[:, 0] + 2 * pad
    h = sizes[:, 1] + 2 * pad
    centre = pts + np.column_stack([w / 2 + radius + 2, np.zeros(len(pts))])
    box = ax.get_window_extent(renderer)
    obstacles = [tx.get_window_extent(renderer) for tx in fixed]
    obs = (
        np.array([[b.x0 - pad, b.y0 - pad, b.x1 + pad, b.y1 + pad] for b in obstacles])
        if obstacles
        else np.zeros((0, 4))
    )

    for _ in range(500):
        moved = False
        # label-label overlaps
        dx = centre[:, None, 0] - centre[None, :, 0]
        dy = centre[:, None, 1] - centre[None, :, 1]
        ox = (w[:, None] + w[None, :]) / 2 - np.abs(dx)
        oy = (h[:, None] + h[None, :]) / 2 - np.abs(dy)
        overlap = (ox > 0) & (oy > 0)
        np.fill_diagonal(overlap, False)
        if overlap.any():
            moved = True
            push = np.zeros_like(centre)
            ii, jj = np.nonzero(np.triu(overlap))
            for i, j in zip(ii, jj, strict=True):
                if oy[i, j] <= ox[i, j] * 1.5:  # prefer vertical moves
                    sign = 1.0 if (dy[i, j] > 0 or (dy[i, j] == 0 and i < j)) else -1.0
                    step = oy[i, j] / 2 + 0.5
                    push[i, 1] += sign * step
                    push[j, 1] -= sign * step
                else:
                    sign = 1.0 if (dx[i, j] > 0 or (dx[i, j] == 0 and i < j)) else -1.0
                    step = ox[i, j] / 2 + 0.5
                    push[i, 0] += sign * step
                    push[j, 0] -= sign * step
            centre += push * 0.6
        # fixed obstacles
        for x0, y0, x1, y1 in obs:
            ox_o = np.minimum(centre[:, 0] + w / 2, x1) - np.maximum(centre[:, 0] - w / 2, x0)
            oy_o = np.minimum(centre[:, 1] + h / 2, y1) - np.maximum(centre[:, 1] - h / 2, y0)
            hit = (ox_o > 0) & (oy_o > 0)
            if hit.any():
                moved = True
                cy = (y0 + y1) / 2
                direction = np.where(centre[:, 1] >= cy, 1.0, -1.0)
                centre[hit, 1] += direction[hit] * (oy_o[hit] + 0.5)
        # stay inside the axes
        before = centre.copy()
        centre[:, 0] = np.clip(centre[:, 0], box.x0 + w / 2, box.x1 - w / 2)
        centre[:, 1] = np.clip(centre[:, 1], box.y0 + h / 2, box.y1 - h / 2)
        if not np.array_equal(before, centre):
            moved = True
        if not moved:
            break
    inverse = to_display.inverted()
    data_pos = inverse.transform(centre)
    for k, tx in enumerate(texts):
        tx.set_position(data_pos[k])
        tx.set_gid(LABEL_GID)
        # leader line when the label ended up away from its bubble
        left_edge = centre[k, 0] - w[k] / 2
        near = abs(centre[k, 1] - pts[k, 1]) < h[k] / 2 and abs(left_edge - pts[k, 0]) < radius[k] + 8
        if not near:
            target_x = min(max(pts[k, 0], centre[k, 0] - w[k] / 2 + pad), centre[k, 0] + w[k] / 2 - pad)
            target_y = centre[k, 1] - h[k] / 2 + pad if pts[k, 1] < centre[k, 1] else centre[k, 1] + h[k] / 2 - pad
            end = inverse.transform([[target_x, target_y]])[0]
            ax.plot([xs[k], end[0]], [ys[k], end[1]], color="0.5", lw=0.6, zorder=2.5)
