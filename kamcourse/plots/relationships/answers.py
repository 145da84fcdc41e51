"""Charts of the quick relationship check: one set of answers, and two views side by side.

Taught in notebooks/05_relationship_stages.ipynb.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from ... import relationships as rel
from ...content import t
from ...errors import InputError
from .. import literal
from ._style import BAR, BAR_2, WEAK

__all__ = ["quick_check", "view_comparison"]


def _answer_axis(ax: Any) -> None:
    labels = rel.scale_labels()
    ax.set_xlim(0, 3.9)
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels([f"{i}\n{label}" for i, label in enumerate(labels)], fontsize=8)
    ax.set_xlabel(t("relationships.answer_axis"))
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)


def quick_check(check: Any) -> Figure:
    """Horizontal bars of the six answers of a quick relationship check.

    Parameters
    ----------
    check:
        A :class:`~kamcourse.relationships.QuickCheck`, or answers accepted by
        :func:`kamcourse.relationships.quick_check`.

    Returns
    -------
    Figure
        Statements (short texts) as labels, top to bottom in statement order; the scale
        0-3 labelled in words; total and stage in the title; the bands' status
        (illustrative, course-defined) in a caption; answers that pull the score down
        hatched and labelled in text.

    Raises
    ------
    InputError
        If the answers are invalid (see :func:`kamcourse.relationships.quick_check`).
    """
    if not isinstance(check, rel.QuickCheck):
        check = rel.quick_check(check)
    weak = {s.id for s in check.weak}
    statements = rel.all_statements()
    fig = Figure(figsize=(8, 4.2), layout="constrained")
    ax = fig.add_subplot()
    ys = list(range(len(statements)))
    for y, statement, value in zip(ys, statements, check.answers, strict=True):
        is_weak = statement.id in weak
        ax.barh(
            y, value, color=WEAK if is_weak else BAR, hatch="//" if is_weak else None, edgecolor="black", linewidth=0.5
        )
        note = f"{value}" + (f"  ({t('relationships.weak_marker')})" if is_weak else "")
        ax.text(value + 0.05, y, note, va="center", fontsize=8)
    ax.set_yticks(ys)
    ax.set_yticklabels([s.short for s in statements])
    ax.invert_yaxis()
    _answer_axis(ax)
    ax.set_title(
        t("relationships.quick_title", total=check.total, max=rel.max_total(), stage=rel.stage_name(check.stage))
    )
    fig.text(0.01, 0.005, t("relationships.bands_caption"), fontsize=7, ha="left", va="bottom")
    fig.set_layout_engine(ConstrainedLayoutEngine(rect=(0, 0.04, 1, 0.96)))
    return fig


def view_comparison(comparison: Any) -> Figure:
    """Two views of one relationship side by side, statement by statement.

    Parameters
    ----------
    comparison:
        A :class:`~kamcourse.relationships.ViewComparison` (from
        :func:`kamcourse.relationships.compare_views`).

    Returns
    -------
    Figure
        Paired horizontal bars per statement (legend names the views), each row's signed
        gap written at the right, both totals and stages in the title and a subtitle
        saying whether the views give the same stage.

    Raises
    ------
    InputError
        If ``comparison`` is not a ViewComparison.
    """
    if not isinstance(comparison, rel.ViewComparison):
        raise InputError(t("relationships.err_not_comparison", value=type(comparison).__name__))
    c = comparison
    fig = Figure(figsize=(8.5, 4.8), layout="constrained")
    ax = fig.add_subplot()
    height = 0.38
    ys = list(range(len(c.gaps)))
    ax.barh(
        [y - height / 2 for y in ys],
        [g.first for g in c.gaps],
        height,
        color=BAR,
        edgecolor="black",
        linewidth=0.5,
        label=literal(c.first_label),
    )
    ax.barh(
        [y + height / 2 for y in ys],
        [g.second for g in c.gaps],
        height,
        color=BAR_2,
        hatch="..",
        edgecolor="black",
        linewidth=0.5,
        label=literal(c.second_label),
    )
    for y, gap in zip(ys, c.gaps, strict=True):
        text = t("relationships.gap_label", gap=gap.gap) if gap.gap else t("relationships.gap_none")
        ax.text(3.15, y, text, va="center", fontsize=8, fontweight="bold" if gap.gap else "normal")
    ax.set_yticks(ys)
    ax.set_yticklabels([g.statement.short for g in c.gaps])
    ax.invert_yaxis()
    _answer_axis(ax)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8, frameon=False)
    fig.suptitle(
        literal(
            t(
                "relationships.compare_title",
                first=c.first_label,
                second=c.second_label,
                first_total=c.first.total,
                second_total=c.second.total,
                max=rel.max_total(),
                first_stage=rel.stage_name(c.first.stage),
                second_stage=rel.stage_name(c.second.stage),
            )
        ),
        fontsize=10,
    )
    ax.set_title(
        t("relationships.compare_different" if c.different_stages else "relationships.compare_same"), fontsize=9
    )
    return fig
