"""The CSF editor: the customer's critical success factors at one account -- weights (total 100,
with a "Rescale to 100" button) and 0-10 ratings for us and each competitor -- and our
relative strength in words.

Taught in notebooks/04_portfolio_matrix.ipynb.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W
import pandas as pd

from ... import portfolio, selection
from ...content import t
from ...values import to_float
from ...workbook import Workbook
from .._common import (
    bound_workbook,
    note,
    output,
    safely,
    save_state,
    show_error,
    show_markdown,
)
from ._shared import DEFAULT_ACCOUNT, _esc


class CsfEditor(W.VBox):
    """Weights and ratings of the customer's CSFs at one account, with the strength readout."""

    def __init__(
        self,
        account: str = DEFAULT_ACCOUNT,
        *,
        weights: pd.Series | None = None,
        ratings: pd.DataFrame | None = None,
        us: str | None = None,
        workbook: Workbook | None = None,
        state_key: str | None = None,
        demo: bool = False,
    ) -> None:
        if weights is None or ratings is None or us is None:
            weights, ratings, us = portfolio.case_csf(account)
        self.account = account
        self.us = us
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.state_key = state_key or f"port.csf_editor.{account}"
        self.factors = [str(c) for c in weights.index]
        self.suppliers = [str(s) for s in ratings.index]
        self._quiet = True
        self._last: str | None = None  # the factor whose weight was changed last (kept by "Rescale to 100")
        self.weights: dict[str, W.BoundedIntText] = {}
        self.ratings: dict[str, dict[str, W.BoundedFloatText]] = {s: {} for s in self.suppliers}
        cells: list[W.Widget] = [
            W.HTML(f"<b>{_esc(t('portfolio.csf_factor'))}</b>"),
            W.HTML(f"<b>{_esc(t('portfolio.csf_weight'))}</b>"),
        ]
        cells += [W.HTML(f"<b>{_esc(s)}</b>") for s in self.suppliers]
        small = W.Layout(width="90px")
        for factor in self.factors:
            cells.append(W.Label(factor))
            box = W.BoundedIntText(value=int(round(float(weights[factor]))), min=0, max=100, layout=small)
            box.observe(lambda change, f=factor: self._weight_changed(f, change), names="value")
            self.weights[factor] = box
            cells.append(box)
            for supplier in self.suppliers:
                rating = W.BoundedFloatText(
                    value=float(ratings[factor][supplier]), min=0, max=10, step=0.5, layout=small
                )
                rating.observe(self._changed, names="value")
                self.ratings[supplier][factor] = rating
                cells.append(rating)
        grid = W.GridBox(
            cells,
            layout=W.Layout(grid_template_columns=f"220px 100px repeat({len(self.suppliers)}, 150px)", grid_gap="4px"),
        )
        self.total = W.HTML()
        # the same button as lesson 03's weights editor: the total message offers it (WeightTotal.can_rescale)
        self.rescale_button = W.Button(
            description=t("selection.rescale"),
            icon="balance-scale",
            tooltip=t("selection.rescale_tooltip"),
            layout=W.Layout(width="auto"),
        )
        self.rescale_button.on_click(lambda _b: self.rescale())
        self.output = output(min_height="3em")
        self.result: portfolio.SupplierComparison | None = None
        super().__init__(
            [
                W.HTML(
                    f"<h4>{_esc(t('portfolio.csf_title', account=account))}</h4><p>{_esc(t('portfolio.csf_intro'))}</p>"
                ),
                grid,
                W.HBox([self.total, self.rescale_button]),
                self.output,
            ],
            layout=W.Layout(max_width="900px"),
        )
        self._restore()
        self._quiet = False
        self.update()

    def _restore(self) -> None:
        saved = self.workbook.get_state(self.state_key)
        if not isinstance(saved, dict):
            return
        weights, ratings = saved.get("weights"), saved.get("ratings")
        for factor, value in weights.items() if isinstance(weights, dict) else ():
            number = to_float(value)
            if factor in self.weights and number is not None and 0 <= number <= 100:
                self.weights[factor].value = int(number)
        for supplier, row in ratings.items() if isinstance(ratings, dict) else ():
            if supplier in self.ratings and isinstance(row, dict):
                for factor, value in row.items():
                    number = to_float(value)
                    if factor in self.ratings[supplier] and number is not None and 0 <= number <= 10:
                        self.ratings[supplier][factor].value = number

    def state(self) -> dict[str, Any]:
        """The inputs as saved in the workbook."""
        return {
            "account": self.account,
            "weights": {f: int(b.value) for f, b in self.weights.items()},
            "ratings": {s: {f: float(b.value) for f, b in row.items()} for s, row in self.ratings.items()},
        }

    def _weight_changed(self, factor: str, change: Any) -> None:
        if not self._quiet:
            self._last = factor
        self._changed(change)

    @safely("output")
    def rescale(self) -> None:
        """Bring the weights' total back to 100 (whole numbers), keeping the weight changed last,
        as lesson 03's "Rescale to 100" does (:func:`kamcourse.selection.rescale_to_100`)."""
        new = selection.rescale_to_100(self.state()["weights"], keep=self._last, integers=True)
        self._quiet = True
        try:
            for factor, value in new.items():
                self.weights[str(factor)].value = int(value)
        finally:
            self._quiet = False
        self._changed()

    def _changed(self, _change: Any = None) -> None:
        if self._quiet:
            return
        problem = save_state(self.workbook, self.state_key, self.state())
        self.update()
        note(self.output, problem)

    @safely("output")
    def update(self) -> portfolio.SupplierComparison | None:
        """Recompute from the controls: total of weights, scores, relative strength in words."""
        state = self.state()
        total = selection.weight_total(state["weights"])  # the one weight-total rule of the course
        self.total.value = _esc(total.label)
        self.rescale_button.disabled = not total.can_rescale
        if not total.ok:
            self.result = None
            show_error(self.output, total.problem)
            return None
        ratings = pd.DataFrame(state["ratings"]).T[self.factors]
        result = portfolio.compare_suppliers(pd.Series(state["weights"], dtype=float), ratings, self.us)
        self.result = result
        scores = ", ".join(f"{s} {v:g}" for s, v in result.scores.items())
        text = t("portfolio.csf_result", scores=scores, readout=result.readout)
        show_markdown(
            self.output,
            f"**{_esc(result.readout)}**\n\n{_esc(t('portfolio.csf_result', scores=scores, readout=''))}",
            plain=text,
        )
        return result


def csf_editor(account: str = DEFAULT_ACCOUNT, *, workbook: Workbook | None = None, demo: bool = False) -> CsfEditor:
    """The CSF editor for one case account (default Orvale Foods). ``demo=True``: a
    demonstration copy that starts from the case and saves nothing."""
    return CsfEditor(account, workbook=workbook, demo=demo)
