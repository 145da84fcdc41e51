"""The portfolio view: the bubble matrix with sliders for the two cuts, a "cut at the portfolio
medians" toggle and the summary per category.

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
from ...plots import portfolio as plots
from ...values import to_float
from ...workbook import Workbook
from .._common import (
    bound_workbook,
    note,
    output,
    safely,
    save_state,
    show_markdown,
    show_png,
)
from ._shared import _esc, _markdown_table, case_table


class PortfolioView(W.VBox):
    """The portfolio matrix with its two cuts as sliders, a median toggle and the summary."""

    def __init__(
        self,
        table: pd.DataFrame | None = None,
        *,
        workbook: Workbook | None = None,
        state_key: str = "port.portfolio_view",
        title: str | None = None,
        demo: bool = False,
    ) -> None:
        self.table = case_table() if table is None else table
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.state_key = state_key
        self.title = title
        # Validate once: bad values raise InputError here, before any control exists.
        if not isinstance(self.table, pd.DataFrame) or not {"attractiveness", "strength"} <= set(self.table.columns):
            raise InputError(t("portfolio.view_table", type=type(self.table).__name__))
        a, s = self.table["attractiveness"], self.table["strength"]
        portfolio.summary(a, s, self.table["spend"] if "spend" in self.table.columns else None)
        self.medians = portfolio.median_cuts(a, s)
        s_max = max(2.0, math.ceil(min(float(s.max()), 1e6) * 10) / 10)
        self.a_slider = W.FloatSlider(
            value=portfolio.DEFAULT_ATTRACTIVENESS_CUT,
            min=0,
            max=1000,
            step=5,
            description=t("portfolio.view_a_cut"),
            continuous_update=False,
            style={"description_width": "140px"},
            layout=W.Layout(width="420px"),
        )
        self.s_slider = W.FloatSlider(
            value=portfolio.DEFAULT_STRENGTH_CUT,
            min=0.3,
            max=s_max,
            step=0.01,
            readout_format=".2f",
            description=t("portfolio.view_s_cut"),
            continuous_update=False,
            style={"description_width": "140px"},
            layout=W.Layout(width="420px"),
        )
        self.median = W.Checkbox(value=False, description=t("portfolio.view_median"), indent=False)
        self.chart = output()
        self.summary_out = output()
        self.summary: pd.DataFrame | None = None
        self._matrix: plots.LiveMatrix | None = None
        self.cuts: tuple[float, float] = (portfolio.DEFAULT_ATTRACTIVENESS_CUT, portfolio.DEFAULT_STRENGTH_CUT)
        self._manual = self.cuts
        self._quiet = True
        saved = self.workbook.get_state(self.state_key)
        if isinstance(saved, dict):
            a_cut, s_cut = to_float(saved.get("attractiveness_cut")), to_float(saved.get("strength_cut"))
            if (
                a_cut is not None
                and s_cut is not None
                and self.a_slider.min <= a_cut <= self.a_slider.max
                and self.s_slider.min <= s_cut <= self.s_slider.max
            ):
                self._manual = (a_cut, s_cut)
                self.a_slider.value, self.s_slider.value = self._manual
                self.median.value = saved.get("median") is True
        for control in (self.a_slider, self.s_slider, self.median):
            control.observe(self._changed, names="value")
        self._quiet = False
        header = [W.HTML(f"<h4>{_esc(title or t('portfolio.view_title'))}</h4>")]
        super().__init__(
            header + [W.HBox([self.a_slider, self.s_slider]), self.median, self.chart, self.summary_out],
            layout=W.Layout(max_width="1000px"),
        )
        self._apply_median()
        self.redraw()

    def _apply_median(self) -> None:
        self._quiet = True
        try:
            if self.median.value:
                self.a_slider.value, self.s_slider.value = self.medians
            else:
                self.a_slider.value, self.s_slider.value = self._manual
            self.a_slider.disabled = self.s_slider.disabled = bool(self.median.value)
        finally:
            self._quiet = False

    def _changed(self, change: Any = None) -> None:
        if self._quiet:
            return
        if change is not None and change.get("owner") is self.median:
            self._apply_median()
        elif not self.median.value:
            self._manual = (float(self.a_slider.value), float(self.s_slider.value))
        problem = save_state(
            self.workbook,
            self.state_key,
            {"attractiveness_cut": self._manual[0], "strength_cut": self._manual[1], "median": bool(self.median.value)},
        )
        self.redraw()
        note(self.summary_out, problem)

    def caption(self) -> str:
        """The text written under the chart: the cuts in use and the accounts per category."""
        accounts = self.summary["accounts"].items() if self.summary is not None else ()
        counts = ", ".join(f"{portfolio.category_label(str(c))} {int(n)}" for c, n in accounts)
        mode = t("portfolio.view_mode_median" if self.median.value else "portfolio.view_mode_default")
        return t("portfolio.view_caption", a_cut=self.cuts[0], s_cut=self.cuts[1], mode=mode, counts=counts)

    @safely("chart")
    def redraw(self) -> None:
        """Draw the matrix and the summary table for the current cuts."""
        a, s = self.table["attractiveness"], self.table["strength"]
        spend = self.table["spend"] if "spend" in self.table.columns else None
        a_cut, s_cut = self.medians if self.median.value else self._manual
        self.cuts = (float(a_cut), float(s_cut))
        self.summary = portfolio.summary(a, s, spend, attractiveness_cut=a_cut, strength_cut=s_cut)
        # The same figure follows the sliders: cut lines, cut ticks and bubble colours move, the
        # rest is drawn once (plots.portfolio.LiveMatrix; bench/bench_kernel_update.py).
        if self._matrix is None:
            self._matrix = plots.LiveMatrix(a, s, spend, attractiveness_cut=a_cut, strength_cut=s_cut, title=self.title)
        else:
            self._matrix.update(a_cut, s_cut)
        show_png(self.chart, self._matrix.png(), self.caption())
        shares = self.summary["share_of_accounts"].map("{:.0%}".format)
        shown = pd.DataFrame(
            {t("portfolio.col_accounts"): self.summary["accounts"], t("portfolio.col_share_accounts"): shares}
        )
        if "spend" in self.summary.columns:
            shown[t("portfolio.col_spend")] = self.summary["spend"].map("{:,.0f}".format)
            shown[t("portfolio.col_share_spend")] = self.summary["share_of_spend"].map("{:.0%}".format)
        shown[t("portfolio.col_strategy")] = self.summary["strategy"]
        shown.index = pd.Index([portfolio.category_label(c) for c in shown.index], name=t("portfolio.col_category"))
        show_markdown(
            self.summary_out,
            f"**{t('portfolio.view_table_caption')}**\n\n{_markdown_table(shown)}",
            plain=shown.to_string(),
        )


def view(table: pd.DataFrame | None = None, *, workbook: Workbook | None = None, demo: bool = False) -> PortfolioView:
    """The portfolio view of the case portfolio (or of ``table``: attractiveness, strength, spend).
    ``demo=True``: a demonstration copy that starts from the default cuts and saves nothing."""
    return PortfolioView(table, workbook=workbook, demo=demo)
