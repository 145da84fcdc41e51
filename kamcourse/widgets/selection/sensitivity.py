"""The sensitivity view: one criterion's weight on a slider (the others rescaled to keep 100),
the ranking at that weight and the pairs of accounts that swap.

Taught in notebooks/03_selecting_key_accounts.ipynb.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as W
import pandas as pd

from ... import selection
from ...content import t
from ...workbook import Workbook
from .._common import (
    bound_workbook,
    note,
    output,
    safely,
    save_state,
    show_text,
)
from ._tables import STATE_SENSITIVITY, _table, _weights_text
from .ratings import _resolve_ratings
from .weights import WeightsEditor, _editor_weights, _resolve_weights


class SensitivityView(W.VBox):
    """Move one criterion's weight (the others rescaled to keep 100): ranking and swaps."""

    def __init__(
        self,
        weights: Any = None,
        ratings: Any = None,
        *,
        workbook: Workbook | None = None,
        key: str = STATE_SENSITIVITY,
        demo: bool = False,
    ) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        note = None
        if isinstance(weights, WeightsEditor):
            self.base_weights, note = _editor_weights(weights)
        else:
            self.base_weights = _resolve_weights(weights, self.workbook)
        self.ratings = _resolve_ratings(ratings, self.workbook)
        criteria = [str(c) for c in self.base_weights.index]
        saved = self.workbook.get_state(key, {})
        chosen = saved.get("criterion") if isinstance(saved, dict) else None
        first = chosen if isinstance(chosen, str) and chosen in criteria else criteria[0]
        self._holding = True
        self.criterion = W.Dropdown(
            options=criteria,
            value=first,
            description=t("selection.sens_criterion"),
            style={"description_width": "8em"},
            layout=W.Layout(width="34em"),
        )
        self.weight = W.IntSlider(
            value=int(round(self.base_weights[first])),
            min=0,
            max=100,
            step=1,
            continuous_update=False,
            description=t("selection.sens_weight"),
            style={"description_width": "8em"},
            layout=W.Layout(width="34em"),
        )
        if isinstance(saved, dict) and saved.get("criterion") == first and isinstance(saved.get("weight"), int):
            self.weight.value = max(0, min(100, saved["weight"]))
        self._holding = False
        self.criterion.observe(self._criterion_changed, names="value")
        self.weight.observe(self._weight_moved, names="value")
        self.output = output()
        self.swaps = output()
        self.message = output()
        if note is not None:
            show_text(self.message, note)
        super().__init__(
            [
                W.HTML(f"<h4>{html.escape(t('selection.sens_title'))}</h4>"),
                self.message,
                self.criterion,
                self.weight,
                self.swaps,
                self.output,
            ],
            layout=W.Layout(max_width="1000px"),
        )
        self.update()

    def _save(self) -> None:
        """Save the criterion and weight (after a person's change); a problem shows under the swaps."""
        problem = save_state(
            self.workbook, self.key, {"criterion": self.criterion.value, "weight": int(self.weight.value)}
        )
        note(self.swaps, problem)

    def _weight_moved(self, _change: dict[str, Any]) -> None:
        if self._holding:
            return
        self.update()
        self._save()

    def _criterion_changed(self, change: dict[str, Any]) -> None:
        self._holding = True
        try:
            self.weight.value = int(round(self.base_weights[change["new"]]))
        finally:
            self._holding = False
        self.update()
        self._save()

    @safely("output")
    def update(self) -> pd.DataFrame:
        """Redraw the ranking at the chosen weight and list the swaps since the base weight."""
        criterion = self.criterion.value
        value = float(self.weight.value)
        base = float(self.base_weights[criterion])
        scores = selection.sensitivity_scores(self.base_weights, self.ratings, criterion, [base, value])
        ranks = scores.rank(axis=1, ascending=False, method="min").astype(int)
        now = scores.iloc[-1].sort_values(ascending=False, kind="stable")
        frame = pd.DataFrame(
            {
                t("selection.col_account"): now.index,
                t("selection.col_score"): now.to_numpy().round(1),
                t("selection.col_rank"): ranks.iloc[-1][now.index].to_numpy(),
                t("selection.col_base_rank"): ranks.iloc[0][now.index].to_numpy(),
            }
        )
        moves = frame[t("selection.col_base_rank")] - frame[t("selection.col_rank")]
        frame[t("selection.col_move")] = [
            ("\u2191" + str(m)) if m > 0 else ("\u2193" + str(-m)) if m < 0 else "=" for m in moves
        ]
        frame = frame.set_index(t("selection.col_rank"))
        new = selection.rescaled_weights(self.base_weights, criterion, value)
        _table(
            self.output,
            frame,
            t(
                "selection.sens_caption",
                criterion=criterion,
                value=f"{value:g}",
                base=f"{base:g}",
                weights=_weights_text(new.round(1)),
            ),
        )
        if value == base:
            show_text(self.swaps, t("selection.sens_no_change", criterion=criterion, base=f"{base:g}"))
            return frame
        low, high = sorted((base, value))
        flips = selection.crossovers(self.base_weights, self.ratings, criterion, low=low, high=high)
        if flips.empty:
            show_text(self.swaps, t("selection.sens_no_swaps", criterion=criterion, low=f"{low:g}", high=f"{high:g}"))
            return frame
        rising = value > base
        lines = []
        for row in flips.itertuples(index=False):
            winner, loser = (row.above, row.below) if rising else (row.below, row.above)
            lines.append(t("selection.sens_swap", weight=f"{row.weight:.1f}", winner=winner, loser=loser))
        limit = 12
        text = t("selection.sens_swaps", count=len(lines), criterion=criterion, low=f"{low:g}", high=f"{high:g}")
        text += "\n" + "\n".join(f"- {line}" for line in (lines if rising else lines[::-1])[:limit])
        if len(lines) > limit:
            text += "\n" + t("selection.sens_more", count=len(lines) - limit)
        show_text(self.swaps, text)
        return frame


def sensitivity_view(
    weights: Any = None, ratings: Any = None, *, workbook: Workbook | None = None, demo: bool = False
) -> SensitivityView:
    """The sensitivity view. ``weights``: a mapping, a :class:`WeightsEditor` (while its weights
    do not sum to 100, the last ones that did), or by default your saved weights (the case
    weights when they do not sum to 100). ``demo=True``: a demonstration copy that starts
    from the case and saves nothing."""
    return SensitivityView(weights, ratings, workbook=workbook, demo=demo)
