"""Charts of the portfolio fit: the stage-by-category grid and the portfolio matrix with each stage.

Taught in notebooks/05_relationship_stages.ipynb.
"""

from __future__ import annotations

import textwrap
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from ... import relationships as rel
from ...content import t
from ...errors import InputError
from .. import literal
from ._style import CORE, SELECTIVE

__all__ = ["fit_grid", "portfolio_stage_fit"]


def fit_grid(accounts: Any = None) -> Figure:
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
    stages = list(rel.stage_ids())
    if accounts is not None and not (isinstance(accounts, pd.DataFrame) and "verdict" in accounts.columns):
        accounts = rel.portfolio_fit(accounts)

    fig = Figure(figsize=(9, 5.2), layout="constrained")
    ax = fig.add_subplot()
    for row, category in enumerate(categories):
        fit = table[category]
        for col, stage_id in enumerate(stages):
            colour, tag = "white", ""
            if stage_id in fit.core:
                colour, tag = CORE, t("relationships.grid_legend_core")
            elif stage_id in fit.selective:
                colour, tag = SELECTIVE, t("relationships.grid_legend_selective")
            ax.add_patch(
                Rectangle(
                    (col, row),
                    1,
                    1,
                    facecolor=colour,
                    edgecolor="#888888",
                    hatch="//" if tag and stage_id in fit.selective else None,
                )
            )
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
            text = f"{record.account} ({label.replace(' ', chr(160))})"
            cells.setdefault(key, []).append(
                textwrap.fill(text, width=24, break_on_hyphens=False).replace(chr(160), " ")
            )
        for (row, col), lines in cells.items():
            ax.text(
                col + 0.5,
                row + 0.58,
                literal("\n".join(lines)),
                ha="center",
                va="center",
                fontsize=7.5,
                fontweight="bold",
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
            )

    ax.set_xlim(0, len(stages))
    ax.set_ylim(len(categories), 0)
    ax.set_xticks([i + 0.5 for i in range(len(stages))])
    ax.set_xticklabels([rel.stage_name(s) for s in stages])
    ax.set_yticks([i + 0.5 for i in range(len(categories))])
    ax.set_yticklabels([f"{c}\n({table[c].strategy})" for c in categories])
    ax.set_xlabel(t("relationships.grid_xlabel"))
    ax.set_ylabel(t("relationships.grid_ylabel"))
    ax.tick_params(length=0)
    ax.set_title(t("relationships.grid_title"))
    ax.legend(
        handles=[
            Patch(facecolor=CORE, edgecolor="#888888", label=t("relationships.grid_legend_core")),
            Patch(facecolor=SELECTIVE, edgecolor="#888888", hatch="//", label=t("relationships.grid_legend_selective")),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=2,
        fontsize=8,
        frameon=False,
    )
    return fig


def portfolio_stage_fit(accounts: Any = None, positions: Any = None) -> Figure:
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

    from ... import selection
    from .. import portfolio as portfolio_plots

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
    words = {v: t(f"relationships.matrix_{v.replace(' ', '_').replace('-', '_')}") for v in rel.VERDICTS}
    labels = [
        t("relationships.matrix_label", account=a, stage=rel.stage_name(s), verdict=words[v])
        for a, s, v in zip(accounts["account"], accounts["stage"], accounts["verdict"], strict=True)
    ]
    verdicts = pd.Series(
        pd.Categorical([words[v] for v in accounts["verdict"]], categories=[words[v] for v in rel.VERDICTS]),
        index=labels,
    )
    spend = where["spend"].set_axis(labels).astype(float) if "spend" in where.columns else None
    fig = portfolio_plots.portfolio_matrix(
        where["attractiveness"].set_axis(labels).astype(float),
        where["strength"].set_axis(labels).astype(float),
        spend,
        color_by=verdicts,
        title=t("relationships.matrix_title"),
    )
    ax = fig.axes[0]
    x_high, x_low = ax.get_xlim()
    table = rel.fit_table()
    corners = {
        "Strategic": (x_high, 1000, "left", "top"),
        "Star": (x_low, 1000, "right", "top"),
        "Status": (x_high, 0, "left", "bottom"),
        "Streamline": (x_low, 0, "right", "bottom"),
    }
    for category, (x, y, ha, va) in corners.items():
        fit = table[category]
        ax.annotate(
            t("relationships.matrix_fit", low=rel.stage_name(fit.low), high=rel.stage_name(fit.high)),
            xy=(x, y),
            xytext=(6 if ha == "left" else -6, -34 if va == "top" else 34),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=8,
            style="italic",
            color="0.3",
        )
    fig.subplots_adjust(bottom=0.17)
    fig.text(0.01, 0.01, textwrap.fill(t("relationships.matrix_caption"), 140), fontsize=8, ha="left", va="bottom")
    return fig
