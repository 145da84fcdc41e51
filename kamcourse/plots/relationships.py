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
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Patch, Rectangle

from .. import relationships as rel
from ..content import t
from ..errors import InputError
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
    fig.set_layout_engine(ConstrainedLayoutEngine(rect=(0, 0.04, 1, 0.96)))
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
        raise InputError(t("relationships.err_not_comparison", value=type(comparison).__name__))
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


_TIP_SUPPLIER = ("key account manager", "account manager", "kam", "sales", "seller")
_TIP_CUSTOMER = ("buyer", "purchas", "procurement", "category")


def _tips(structure: Any) -> tuple[str, str]:
    """The two people who coordinate: the supplier and customer functions with the most
    contacts, a key account manager and a buyer preferred on a tie."""
    def degree(name: str, side: str) -> int:
        return sum(getattr(c, side).lower() == name.lower() for c in structure.contacts)

    def pick(names: tuple[str, ...], side: str, words: tuple[str, ...]) -> str:
        return max(names, key=lambda n: (degree(n, side), any(w in n.lower() for w in words), -names.index(n)))

    return (pick(structure.supplier_functions, "supplier", _TIP_SUPPLIER),
            pick(structure.customer_functions, "customer", _TIP_CUSTOMER))


def _rows(count: int, avoid_middle: bool) -> list[float]:
    """``count`` heights between -1 and 1, leaving the middle free for the tip-to-tip link."""
    if count == 0:
        return []
    slots = count + (1 if avoid_middle and count % 2 == 1 else 0)
    ys = [-1 + 2 * (i + 0.5) / slots for i in range(slots)]
    if slots != count:
        ys.pop(slots // 2)
    return ys


def _label(ax: Any, x: float, y: float, name: str, ha: str, edge: str) -> None:
    ax.text(x, y, textwrap.fill(literal(name), 22), ha=ha, va="center", fontsize=8.5, zorder=4,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": edge})


def plot_contact_structure(structure: Any) -> Figure:
    """Draw who talks to whom in the shape the lesson names.

    Parameters
    ----------
    structure:
        A :class:`~kamcourse.relationships.ContactStructure` or contacts accepted by
        :func:`~kamcourse.relationships.contacts`.

    Returns
    -------
    Figure
        A **bow-tie** is drawn as two triangles, the supplier's and the customer's, meeting
        at the knot where the two people who carry every contact sit. Any other structure
        is drawn as a **diamond**: the two people who coordinate (a key account manager and
        a buyer, or the functions with most contacts) at the outer tips, the other functions
        in the middle linked to their counterparts, with dashed lines for the coordination
        inside each company. One solid line per contact, always from the supplier side
        (left) to the customer side (right); the title names the structure (bow-tie,
        diamond or mixed) and a caption says how to read the shape. Names are drawn as
        written (no math text).

    Raises
    ------
    InputError
        If the contacts are invalid (see :func:`~kamcourse.relationships.contacts`).
    """
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Polygon

    if not isinstance(structure, rel.ContactStructure):
        structure = rel.contact_structure(structure)
    fig = Figure(figsize=(8, 4.6), layout="constrained")
    ax = fig.add_subplot()
    left_tip, right_tip = _tips(structure)
    middle_left = [n for n in structure.supplier_functions if n.lower() != left_tip.lower()]
    middle_right = [n for n in structure.customer_functions if n.lower() != right_tip.lower()]
    # customers in the order of their first supplier partner, so that pairs face each other
    order = {n.lower(): i for i, n in enumerate(middle_left)}
    middle_right.sort(key=lambda n: min((order.get(c.supplier.lower(), len(order)) for c in structure.contacts
                                         if c.customer.lower() == n.lower()), default=len(order)))
    tip_link = any(c.supplier.lower() == left_tip.lower() and c.customer.lower() == right_tip.lower()
                   for c in structure.contacts)
    rows = max(len(middle_left), len(middle_right))
    ys = _rows(rows, tip_link)
    height = 1.25 if rows <= 4 else 1.25 * rows / 4

    def column(names: list[str]) -> dict[str, float]:
        offset = (rows - len(names)) // 2
        return {n.lower(): -ys[offset + i] * height / 1.25 for i, n in enumerate(names)}

    if structure.kind == "bow-tie":
        pos = {("s", left_tip.lower()): (0.40, 0.0), ("c", right_tip.lower()): (0.60, 0.0)}
        shapes = [((0.02, -height), (0.02, height), (0.40, 0.0)), ((0.98, -height), (0.98, height), (0.60, 0.0))]
    else:
        pos = {("s", left_tip.lower()): (0.08, 0.0), ("c", right_tip.lower()): (0.92, 0.0)}
        pos.update({("s", k): (0.38, y) for k, y in column(middle_left).items()})
        pos.update({("c", k): (0.62, y) for k, y in column(middle_right).items()})
        shapes = [((0.08, 0.0), (0.5, height * 1.15), (0.5, -height * 1.15)),
                  ((0.92, 0.0), (0.5, height * 1.15), (0.5, -height * 1.15))]
    for points, colour in zip(shapes, (_BAR, _BAR_2)):
        ax.add_patch(Polygon(points, closed=True, facecolor=colour, alpha=0.12, edgecolor=colour, zorder=0))
    coordination = [[pos[("s", left_tip.lower())], pos[("s", n.lower())]] for n in middle_left] + \
                   [[pos[("c", right_tip.lower())], pos[("c", n.lower())]] for n in middle_right]
    if coordination:
        ax.add_collection(LineCollection(coordination, colors="#999999", linestyles="dashed", linewidths=0.9,
                                         zorder=1))
    for contact in structure.contacts:
        (x0, y0), (x1, y1) = pos[("s", contact.supplier.lower())], pos[("c", contact.customer.lower())]
        ax.plot([x0, x1], [y0, y1], color="#333333", linewidth=1.4, zorder=2)
    for name in structure.supplier_functions:
        x, y = pos[("s", name.lower())]
        _label(ax, x, y, name, "center", _BAR)
    for name in structure.customer_functions:
        x, y = pos[("c", name.lower())]
        _label(ax, x, y, name, "center", _BAR_2)
    top = height * 1.3
    ax.text(0.02, top, t("relationships.supplier_side"), ha="left", va="center", fontweight="bold")
    ax.text(0.98, top, t("relationships.customer_side"), ha="right", va="center", fontweight="bold")
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-top - 0.1, top + 0.15)
    ax.axis("off")
    ax.set_title(t("relationships.structure_title", kind=t(f"relationships.structure_kind_{structure.kind}")))
    caption = t(f"relationships.structure_caption_{structure.kind.replace('-', '_')}")
    fig.text(0.01, 0.005, textwrap.fill(caption, 130), fontsize=7, ha="left", va="bottom")
    fig.set_layout_engine(ConstrainedLayoutEngine(rect=(0, 0.07, 1, 0.93)))
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


_VERDICT_ORDER = ("under-investing", "within fit", "over-investing")


def plot_portfolio_stage_fit(accounts: Any = None, positions: Any = None) -> Figure:
    """The portfolio matrix of lesson 04 with each account's relationship stage and its fit.

    Drawn by :func:`kamcourse.plots.portfolio.portfolio_matrix` (same axes, cuts and
    quadrants: high strength on the left), then annotated: each label adds the account's
    stage today and whether that stage is below, within or above the range its category
    calls for (in words, and by the bubble's colour), and each quadrant names its range.

    Parameters
    ----------
    accounts:
        The result of :func:`~kamcourse.relationships.portfolio_fit`, or a portfolio it
        accepts; default: Vellmar's accounts of :func:`~kamcourse.relationships.case_portfolio`.
    positions:
        A DataFrame indexed by account with ``attractiveness``, ``strength`` and optionally
        ``spend``; default: the case computed by
        :meth:`kamcourse.selection.CasePortfolio.table` (lesson 04 at the default cuts).

    Raises
    ------
    InputError
        If the portfolio is invalid, or an account has no position (the message names it).
    """
    import pandas as pd

    from .. import selection
    from . import portfolio as portfolio_plots

    if accounts is None:
        accounts = rel.case_portfolio()
    if not (isinstance(accounts, pd.DataFrame) and "verdict" in accounts.columns):
        accounts = rel.portfolio_fit(accounts)
    if positions is None:
        positions = selection.case_portfolio().table()
    missing = [a for a in accounts["account"] if a not in positions.index]
    if missing:
        raise InputError(t("relationships.err_no_position", accounts=", ".join(missing)))
    where = positions.loc[list(accounts["account"])]
    words = {v: t(f"relationships.matrix_{v.replace(' ', '_').replace('-', '_')}") for v in _VERDICT_ORDER}
    labels = [t("relationships.matrix_label", account=a, stage=_stage_name(s), verdict=words[v])
              for a, s, v in zip(accounts["account"], accounts["stage"], accounts["verdict"])]
    verdicts = pd.Series(pd.Categorical([words[v] for v in accounts["verdict"]],
                                        categories=[words[v] for v in _VERDICT_ORDER]), index=labels)
    spend = where["spend"].set_axis(labels).astype(float) if "spend" in where.columns else None
    fig = portfolio_plots.portfolio_matrix(where["attractiveness"].set_axis(labels).astype(float),
                                           where["strength"].set_axis(labels).astype(float), spend,
                                           color_by=verdicts, title=t("relationships.matrix_title"))
    ax = fig.axes[0]
    x_high, x_low = ax.get_xlim()
    table = rel.fit_table()
    corners = {"Strategic": (x_high, 1000, "left", "top"), "Star": (x_low, 1000, "right", "top"),
               "Status": (x_high, 0, "left", "bottom"), "Streamline": (x_low, 0, "right", "bottom")}
    for category, (x, y, ha, va) in corners.items():
        fit = table[category]
        ax.annotate(t("relationships.matrix_fit", low=_stage_name(fit.low), high=_stage_name(fit.high)),
                    xy=(x, y), xytext=(6 if ha == "left" else -6, -34 if va == "top" else 34),
                    textcoords="offset points", ha=ha, va=va, fontsize=8, style="italic", color="0.3")
    fig.subplots_adjust(bottom=0.17)
    fig.text(0.01, 0.01, textwrap.fill(t("relationships.matrix_caption"), 140), fontsize=8, ha="left", va="bottom")
    return fig
