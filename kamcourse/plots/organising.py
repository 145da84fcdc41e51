"""Charts of lesson 09, organising for key account management.

Taught in notebooks/09_organising_for_kam.ipynb.

* :func:`congruence_chart` -- the four elements of Capon's congruence model as bars (average
  rating 1-5), the misfit bars hatched and labelled, the misfit threshold drawn;
* :func:`success_factors_chart` -- the six success factors of account planning as bars, the
  weakest hatched and labelled, high ratings without evidence labelled.

Object-oriented matplotlib only (no pyplot, no global state); meaning never rests on colour alone
(hatching and words); names are drawn literally, never as math text.
"""

from __future__ import annotations

from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .. import organising
from ..content import t

__all__ = ["congruence_chart", "success_factors_chart"]

_BAR = "#4C72B0"
_WEAK = "#C44E52"


def _figure(height: float) -> tuple[Figure, Any]:
    fig = Figure(figsize=(8, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _bars(
    ax: Any, labels: list[str], values: list[float], flagged: list[str | None], axis: str, title: str, digits: int
) -> None:
    ys = list(range(len(labels)))
    for y, value, flag in zip(ys, values, flagged, strict=False):
        ax.barh(y, value, color=_WEAK if flag else _BAR, hatch="//" if flag else None, edgecolor="black", linewidth=0.5)
        note = f"{value:.{digits}f}"
        if flag:
            note += f"  ({flag})"
        ax.text(value + 0.05, y, note, va="center", fontsize=9, parse_math=False)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 6.2)
    ax.set_xticks(range(6))
    ax.set_xlabel(axis)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    ax.set_title(title, loc="left", fontsize=10, parse_math=False)


def congruence_chart(result: Any, *, name: str | None = None) -> Figure:
    """Bars of the four elements' average ratings, misfits hatched and labelled.

    ``result`` is a :class:`~kamcourse.organising.Congruence` or ratings accepted by
    :func:`~kamcourse.organising.congruence`; ``name`` is drawn in the title (default: the case).
    Raises :class:`InputError` for bad ratings.
    """
    if not isinstance(result, organising.Congruence):
        result = organising.congruence(result)
    names = result.names()
    ids = list(result.scores)
    flagged = [t("organising.cong_misfit_label") if e in result.misfits else None for e in ids]
    fig, ax = _figure(3.2)
    title = t("organising.cong_title", name=name if name is not None else t("organising.case_name"))
    title += "\n" + t("organising.cong_gap_line", gap=f"{result.gap:g}")
    _bars(ax, [names[e] for e in ids], [result.scores[e] for e in ids], flagged, t("organising.cong_axis"), title, 1)
    threshold = result.scores[result.strongest] - result.gap
    if threshold > 0:
        ax.axvline(threshold, linestyle="--", color="grey", linewidth=1)
    return fig


def success_factors_chart(result: Any, *, name: str | None = None) -> Figure:
    """Bars of the six success factors' ratings; the weakest hatched, unsupported ones labelled.

    ``result`` is a :class:`~kamcourse.organising.FactorAssessment` or answers accepted by
    :func:`~kamcourse.organising.success_factors`. Raises :class:`InputError` for bad answers.
    """
    if not isinstance(result, organising.FactorAssessment):
        result = organising.success_factors(result)
    info = {f["id"]: f["name"] for f in organising.factors()}
    ids = list(result.ratings)
    flagged: list[str | None] = []
    for f in ids:
        notes = []
        if f in result.weakest and result.ratings[f] < 4:
            notes.append(t("organising.sf_weakest_label"))
        if f in result.unsupported:
            notes.append(t("organising.sf_unsupported_label"))
        flagged.append(", ".join(notes) or None)
    fig, ax = _figure(3.8)
    title = t("organising.sf_title", name=name if name is not None else t("organising.case_name"))
    _bars(
        ax, [info[f] for f in ids], [float(result.ratings[f]) for f in ids], flagged, t("organising.sf_axis"), title, 0
    )
    return fig
