"""The allocation control: a budget of key account manager days split across the categories by
weights, and the days table as a learner reads it.

Taught in notebooks/04_portfolio_matrix.ipynb.
"""

from __future__ import annotations

import math
from typing import Any

import ipywidgets as W
import pandas as pd

from ... import portfolio
from ...content import t
from ...errors import InputError
from ...values import to_float
from ...workbook import Workbook
from .._common import (
    bound_workbook,
    note,
    output,
    safely,
    save_state,
    show_markdown,
)
from ._shared import _esc, _markdown_table, programme_counts

DEFAULT_WEIGHTS = {"Strategic": 50.0, "Star": 25.0, "Status": 20.0, "Streamline": 5.0}


class AllocationControl(W.VBox):
    """A budget of key account manager days split across the categories by weights."""

    def __init__(
        self,
        total_days: float = 400,
        *,
        accounts: dict[str, int] | None = None,
        weights: dict[str, float] | None = None,
        workbook: Workbook | None = None,
        state_key: str = "port.allocation",
        demo: bool = False,
    ) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.state_key = state_key
        if accounts is None:
            accounts = programme_counts()
        self.accounts = accounts
        if weights is not None:  # checked as allocate_days checks them, before any box shows them
            portfolio.allocate_days(0, weights)
        if weights is None:  # a category without accounts gets no days
            weights = {c: (w if accounts.get(c, 0) else 0.0) for c, w in DEFAULT_WEIGHTS.items()}
        weights = dict(weights)
        budget = to_float(total_days)
        if budget is None or not math.isfinite(budget):
            raise InputError(t("portfolio.days_bad", value=total_days, limit=f"{portfolio.MAX_DAYS:,.0f}"))
        saved = self.workbook.get_state(self.state_key)
        if isinstance(saved, dict):  # what was saved, as far as it is numbers a box can show
            saved_budget = to_float(saved.get("total_days"))
            if saved_budget is not None and math.isfinite(saved_budget):
                budget = saved_budget
            if isinstance(saved.get("weights"), dict):
                weights.update(
                    {
                        k: v
                        for k, v in saved["weights"].items()
                        if k in portfolio.CATEGORIES and _box_number(v) is not None
                    }
                )
        shown = {c: _box_number(weights.get(c, 0.0)) for c in portfolio.CATEGORIES}
        style = {"description_width": "140px"}
        self.budget = W.FloatText(
            value=budget, description=t("portfolio.alloc_budget"), style=style, layout=W.Layout(width="260px")
        )
        self.weights = {
            c: W.FloatText(
                value=shown[c] if shown[c] is not None else 0.0,
                description=f"{portfolio.category_label(c)} ({accounts.get(c, 0)})",
                style=style,
                layout=W.Layout(width="260px"),
            )
            for c in portfolio.CATEGORIES
        }
        for control in (self.budget, *self.weights.values()):
            control.observe(self._changed, names="value")
        self.output = output()
        self.result: pd.DataFrame | None = None
        super().__init__(
            [
                W.HTML(f"<h4>{_esc(t('portfolio.alloc_title'))}</h4><p>{_esc(t('portfolio.alloc_intro'))}</p>"),
                self.budget,
                *self.weights.values(),
                self.output,
            ],
            layout=W.Layout(max_width="900px"),
        )
        self.update()

    def state(self) -> dict[str, Any]:
        return {"total_days": float(self.budget.value), "weights": {c: float(w.value) for c, w in self.weights.items()}}

    def _changed(self, _change: Any = None) -> None:
        problem = save_state(self.workbook, self.state_key, self.state())
        self.update()
        note(self.output, problem)

    @safely("output")
    def update(self) -> pd.DataFrame | None:
        """Allocate the days; show the table, or a message when the inputs are refused."""
        state = self.state()
        self.result = None
        table = portfolio.allocate_days(state["total_days"], state["weights"], accounts=self.accounts)
        self.result = table
        label = portfolio.category_label
        shown = days_table(table)
        problems = portfolio.intensity_problems({str(c): float(d) for c, d in table["days"].items()}, self.accounts)
        if problems:
            note = t("portfolio.alloc_intensity_warn", detail=" ".join(p.text for p in problems))
        elif self.accounts.get("Streamline", 0):
            note = t("portfolio.alloc_intensity_ok")
        else:
            note = t("portfolio.alloc_intensity_ok_no_streamline")
        head = t(
            "portfolio.alloc_summary",
            total=state["total_days"],
            parts=", ".join(f"{label(str(c))} {d:.1f}" for c, d in table["days"].items()),
        )
        show_markdown(
            self.output,
            f"{_esc(head)}\n\n{_markdown_table(shown)}\n\n{_esc(note)}",
            plain=f"{head}\n{shown.to_string()}\n{note}",
        )
        return table


def days_table(table: pd.DataFrame) -> pd.DataFrame:
    """A table of :func:`kamcourse.portfolio.allocate_days` as a learner reads it: category names
    and strategies in words, days to one decimal, and "no account in this category" instead of a
    missing value."""
    if not isinstance(table, pd.DataFrame) or not {"weight", "share", "days"} <= set(table.columns):
        raise InputError(t("portfolio.alloc_table_bad", type=type(table).__name__))
    shown = pd.DataFrame(
        {
            t("portfolio.col_weight"): table["weight"].map("{:g}".format),
            t("portfolio.col_share"): table["share"].map("{:.0%}".format),
            t("portfolio.col_days"): table["days"].map("{:.1f}".format),
        }
    )
    if "accounts" in table.columns:
        shown[t("portfolio.col_accounts")] = table["accounts"].astype(int)
        shown[t("portfolio.col_days_per_account")] = [
            t("portfolio.alloc_no_accounts") if not n else f"{d / n:.1f}"
            for d, n in zip(table["days"], table["accounts"], strict=False)
        ]
    shown[t("portfolio.col_strategy")] = [portfolio.STRATEGIES[str(c)] for c in table.index]
    shown.index = pd.Index([portfolio.category_label(str(c)) for c in table.index], name=t("portfolio.col_category"))
    return shown


def allocation(total_days: float = 400, *, workbook: Workbook | None = None, demo: bool = False) -> AllocationControl:
    """The allocation control for the key accounts of Vellmar's programme today (categories at
    the default cuts, see :func:`programme_counts`), ``total_days`` to share.
    ``demo=True``: a demonstration copy that starts from the default split and saves nothing."""
    return AllocationControl(total_days, workbook=workbook, demo=demo)


def _box_number(value: Any) -> float | None:
    """``value`` as a number box can show it: a finite float, or None."""
    number = to_float(value)
    return number if number is not None and math.isfinite(number) else None
