"""Charts for lesson ``notebooks/05_relationship_stages.ipynb`` (relationship stages).

All functions take results (or inputs) of :mod:`kamcourse.relationships` and return a
:class:`matplotlib.figure.Figure` built with the object-oriented API (no pyplot, no
global state). Every label comes from ``strings/relationships.en.yaml`` or the content
file, and meaning is never carried by colour alone: weak answers, gaps and
over/under-investing are also written as text.
"""

from __future__ import annotations

import textwrap
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from .. import relationships as rel
from ..content import t
from . import literal

__all__ = ["plot_quick_check", "plot_view_comparison", "plot_contact_structure", "plot_fit_grid"]

_BAR = "#4C72B0"
_BAR_2 = "#DD8452"
_WEAK = "#C44E52"
_CORE = "#9ecae1"
_SELECTIVE = "#deebf7"


def _stage_name(stage_id: str) -> str:
    return rel.stage(stage_id).name


def _answer_axis(ax: Any) -> None:
    labels = rel.scale_labels()
    ax.set_xlim(0, 3.9)
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels([f"{i}\n{label}" for i, label in enumerate(labels)], fontsize=8)
    ax.set_xlabel(t("relationships.answer_axis"))
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)


def plot_quick_check(check: Any) -> Figure:
    """Horizontal bars of the six answers of a quick relationship check.

    Parameters
    ----------
    check:
        A :class:`~kamcourse.relationships.QuickCheck`, or answers accepted by
        :func:`~kamcourse.relationships.quick_check`.

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
        If the answers are invalid (see :func:`~kamcourse.relationships.quick_check`).
    """
    if not isinstance(check, rel.QuickCheck):
        check = rel.quick_check(check)
    weak = {s.id for s in check.weak}
    fig = Figure(figsize=(8, 4.2), layout="constrained")
    ax = fig.add_subplot()
    ys = list(range(len(rel.STATEMENTS)))
    for y, statement, value in zip(ys, rel.STATEMENTS, check.answers):
        is_weak = statement.id in weak
        ax.barh(y, value, color=_WEAK if is_weak else _BAR, hatch="//" if is_weak else None,
                edgecolor="black", linewidth=0.5)
        note = f"{value}" + (f"  ({t('relationships.weak_marker')})" if is_weak else "")
        ax.text(value + 0.05, y, note, va="center", fontsize=8)
    ax.set_yticks(ys)
    ax.set_yticklabels([s.short for s in rel.STATEMENTS])
    ax.invert_yaxis()
    _answer_axis(ax)
    ax.set_title(t("relationships.quick_title", total=check.total, max=rel.MAX_TOTAL,
                   stage=_stage_name(check.stage)))
    fig.text(0.01, 0.005, t("relationships.bands_caption"), fontsize=7, ha="left", va="bottom")
    fig.get_layout_engine().set(rect=(0, 0.04, 1, 0.96))
    return fig


def plot_view_comparison(comparison: Any) -> Figure:
    """Two views of one relationship side by side, statement by statement.

    Parameters
    ----------
    comparison:
        A :class:`~kamcourse.relationships.ViewComparison` (from
        :func:`~kamcourse.relationships.compare_views`).

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
        raise rel.InputError(t("relationships.err_not_comparison", value=type(comparison).__name__))
    c = comparison
    fig = Figure(figsize=(8.5, 4.8), layout="constrained")
    ax = fig.add_subplot()
    height = 0.38
    ys = list(range(len(c.gaps)))
    ax.barh([y - height / 2 for y in ys], [g.first for g in c.gaps], height, color=_BAR,
            edgecolor="black", linewidth=0.5, label=literal(c.first_label))
    ax.barh([y + height / 2 for y in ys], [g.second for g in c.gaps], height, color=_BAR_2, hatch="..",
            edgecolor="black", linewidth=0.5, label=literal(c.second_label))
    for y, gap in zip(ys, c.gaps):
        text = t("relationships.gap_label", gap=gap.gap) if gap.gap else t("relationships.gap_none")
        ax.text(3.15, y, text, va="center", fontsize=8,
                fontweight="bold" if gap.gap else "normal")
    ax.set_yticks(ys)
    ax.set_yticklabels([g.statement.short for g in c.gaps])
    ax.invert_yaxis()
    _answer_axis(ax)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8, frameon=False)
    fig.suptitle(literal(t("relationships.compare_title", first=c.first_label, second=c.second_label,
                           first_total=c.first.total, second_total=c.second.total, max=rel.MAX_TOTAL,
                           first_stage=_stage_name(c.first.stage), second_stage=_stage_name(c.second.stage))),
                 fontsize=10)
    ax.set_title(t("relationships.compare_different" if c.different_stages else "relationships.compare_same"),
                 fontsize=9)
    return fig


def plot_contact_structure(structure: Any) -> Figure:
    """Draw who talks to whom: supplier functions on the left, customer functions on the right.

    Parameters
    ----------
    structure:
        A :class:`~kamcourse.relationships.ContactStructure` or contacts accepted by
        :func:`~kamcourse.relationships.contacts`.

    Returns
    -------
    Figure
        Two labelled columns joined by one line per contact; the title names the
        structure (bow-tie, diamond or mixed).

    Raises
    ------
    InputError
        If the contacts are invalid (see :func:`~kamcourse.relationships.contacts`).
    """
    if not isinstance(structure, rel.ContactStructure):
        structure = rel.contact_structure(structure)
    left, right = structure.supplier_functions, structure.customer_functions
    rows = max(len(left), len(right))
    fig = Figure(figsize=(7, 1.4 + 0.55 * rows), layout="constrained")
    ax = fig.add_subplot()

    def positions(names: tuple[str, ...]) -> dict[str, float]:
        # centre a shorter column against the longer one
        offset = (rows - len(names)) / 2
        return {name.lower(): offset + i for i, name in enumerate(names)}

    ly, ry = positions(left), positions(right)
    for contact in structure.contacts:
        ax.plot([0.22, 0.78], [ly[contact.supplier.lower()], ry[contact.customer.lower()]],
                color="#555555", linewidth=1.2, zorder=1)
    box = {"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": _BAR}
    for name in left:
        ax.text(0.2, ly[name.lower()], literal(name), ha="right", va="center", fontsize=9, bbox=box, zorder=2)
    for name in right:
        ax.text(0.8, ry[name.lower()], literal(name), ha="left", va="center", fontsize=9,
                bbox={**box, "edgecolor": _BAR_2}, zorder=2)
    ax.text(0.2, -0.9, t("relationships.supplier_side"), ha="right", va="center", fontweight="bold")
    ax.text(0.8, -0.9, t("relationships.customer_side"), ha="left", va="center", fontweight="bold")
    ax.set_xlim(-0.45, 1.45)
    ax.set_ylim(rows - 0.4, -1.4)
    ax.axis("off")
    ax.set_title(t("relationships.structure_title",
                   kind=t(f"relationships.structure_kind_{structure.kind}")))
    return fig


def plot_fit_grid(accounts: Any = None) -> Figure:
    """The course's guidance as a grid: portfolio categories x relationship stages.

    Parameters
    ----------
    accounts:
        Optional. The result of :func:`~kamcourse.relationships.portfolio_fit`, or a
        portfolio it accepts. Each account is written in its cell with its verdict in
        words (``under -1``, ``over +2``, ``fits``, ``fits, selective``).

    Returns
    -------
    Figure
        Categories as rows (Strategic at the top), stages as columns; recommended cells
        shaded and labelled, selective cells lightly shaded and labelled.

    Raises
    ------
    InputError
        If the portfolio is invalid (see :func:`~kamcourse.relationships.portfolio_fit`).
    """
    import pandas as pd

    table = rel.fit_table()
    categories = list(rel.CATEGORIES)
    stages = list(rel.STAGE_IDS)
    if accounts is not None and not (isinstance(accounts, pd.DataFrame) and "verdict" in accounts.columns):
        accounts = rel.portfolio_fit(accounts)

    fig = Figure(figsize=(9, 5.2), layout="constrained")
    ax = fig.add_subplot()
    for row, category in enumerate(categories):
        fit = table[category]
        for col, stage_id in enumerate(stages):
            colour, tag = "white", ""
            if stage_id in fit.core:
                colour, tag = _CORE, t("relationships.grid_legend_core")
            elif stage_id in fit.selective:
                colour, tag = _SELECTIVE, t("relationships.grid_legend_selective")
            ax.add_patch(Rectangle((col, row), 1, 1, facecolor=colour, edgecolor="#888888",
                                   hatch="//" if tag and stage_id in fit.selective else None))
            if tag:
                ax.text(col + 0.04, row + 0.08, tag, fontsize=7, style="italic", va="top", ha="left")

    if accounts is not None and len(accounts):
        cells: dict[tuple[int, int], list[str]] = {}
        for record in accounts.itertuples(index=False):
            if record.verdict == "under-investing":
                label = t("relationships.label_under", n=record.gap)
            elif record.verdict == "over-investing":
                label = t("relationships.label_over", n=record.gap)
            else:
                label = t("relationships.label_selective" if record.selective else "relationships.label_fit")
            key = (categories.index(record.category), stages.index(record.stage))
            # wrap long names so that a label stays inside its cell
            cells.setdefault(key, []).append(textwrap.fill(f"{record.account} ({label.replace(' ', chr(160))})", width=24,
                                                           break_on_hyphens=False).replace(chr(160), " "))
        for (row, col), lines in cells.items():
            ax.text(col + 0.5, row + 0.58, literal("\n".join(lines)), ha="center", va="center", fontsize=7.5,
                    fontweight="bold", bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                                             "edgecolor": "none", "alpha": 0.85})

    ax.set_xlim(0, len(stages))
    ax.set_ylim(len(categories), 0)
    ax.set_xticks([i + 0.5 for i in range(len(stages))])
    ax.set_xticklabels([_stage_name(s) for s in stages])
    ax.set_yticks([i + 0.5 for i in range(len(categories))])
    ax.set_yticklabels([f"{c}\n({table[c].strategy})" for c in categories])
    ax.set_xlabel(t("relationships.grid_xlabel"))
    ax.set_ylabel(t("relationships.grid_ylabel"))
    ax.tick_params(length=0)
    ax.set_title(t("relationships.grid_title"))
    ax.legend(handles=[Patch(facecolor=_CORE, edgecolor="#888888", label=t("relationships.grid_legend_core")),
                       Patch(facecolor=_SELECTIVE, edgecolor="#888888", hatch="//",
                             label=t("relationships.grid_legend_selective"))],
              loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)
    return fig
