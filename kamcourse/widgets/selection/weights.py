"""The weights editor: one slider per criterion, the total in words, a "Rescale to 100" button;
when the weights sum to 100 the ranking and the stacked score chart redraw.

Taught in notebooks/03_selecting_key_accounts.ipynb.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as W
import pandas as pd

from ... import selection
from ...content import t
from ...errors import InputError
from ...plots._live import LiveRender
from ...plots.selection import scores_chart, scores_chart_changing, update_scores_chart
from ...values import to_float
from ...workbook import Workbook
from .._common import (
    bound_workbook,
    note,
    output,
    safely,
    save_state,
    show_png,
)
from ._tables import STATE_WEIGHTS, _clear, _ranking_frame, _table, _weights_text
from .ratings import RatingsGrid, _resolve_ratings


class WeightsEditor(W.VBox):
    """One slider per criterion; scores, ranking and chart redraw when the total is 100."""

    def __init__(
        self,
        ratings: pd.DataFrame | RatingsGrid | None = None,
        weights: Any = None,
        *,
        workbook: Workbook | None = None,
        key: str = STATE_WEIGHTS,
        top: int | None = None,
        demo: bool = False,
    ) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        self.top = top
        self._grid = ratings if isinstance(ratings, RatingsGrid) else None
        self._ratings: RatingsGrid | pd.DataFrame = (
            self._grid if self._grid is not None else _resolve_ratings(ratings, self.workbook)
        )
        start = selection.validate_weights(weights) if weights is not None else selection.case_portfolio().weights
        self.default = start
        self.sliders: dict[str, W.IntSlider] = {}
        self._last: str | None = None
        self._holding = False
        self._figure: Any = None
        self._live: LiveRender | None = None
        self._valid_weights: dict[str, int] | None = None
        rows = []
        for criterion, value in start.items():
            slider = W.IntSlider(
                value=int(round(value)),
                min=0,
                max=100,
                step=1,
                continuous_update=False,
                description=str(criterion),
                style={"description_width": "20em"},
                layout=W.Layout(width="40em"),
            )
            slider.observe(lambda change, c=str(criterion): self._moved(c, change), names="value")
            self.sliders[str(criterion)] = slider
            rows.append(slider)
        self.total = W.HTML()
        self.rescale_button = W.Button(
            description=t("selection.rescale"),
            icon="balance-scale",
            tooltip=t("selection.rescale_tooltip"),
            layout=W.Layout(width="auto"),
        )
        self.rescale_button.on_click(lambda _b: self.rescale())
        self.message = output()
        self.table = output()
        self.chart = output()
        super().__init__(
            [
                W.HTML(f"<h4>{html.escape(t('selection.weights_title'))}</h4>"),
                *rows,
                W.HBox([self.total, self.rescale_button]),
                self.message,
                self.chart,
                self.table,
            ],
            layout=W.Layout(max_width="1000px"),
        )
        self._restore()
        if self._grid is not None:
            self._grid.on_change(self.update)
        self.update()

    def _restore(self) -> None:
        saved = self.workbook.get_state(self.key)
        if not isinstance(saved, dict):
            return
        self._holding = True
        try:
            for criterion, value in saved.items():
                if criterion in self.sliders and isinstance(value, (int, float)) and 0 <= value <= 100:
                    self.sliders[criterion].value = int(round(value))
        finally:
            self._holding = False

    def weights(self) -> dict[str, int]:
        """The weights as the sliders show them now (they may not sum to 100)."""
        return {c: int(s.value) for c, s in self.sliders.items()}

    def ratings(self) -> pd.DataFrame:
        """The ratings being scored (from the linked ratings grid when there is one)."""
        return self._ratings.ratings() if isinstance(self._ratings, RatingsGrid) else self._ratings

    def _moved(self, criterion: str, _change: dict[str, Any]) -> None:
        if self._holding:
            return
        self._last = criterion
        self._save_and_update()

    @safely("message")
    def _save_and_update(self) -> None:
        problem = save_state(self.workbook, self.key, self.weights())
        self.update()
        note(self.message, problem)

    @safely("message")
    def update(self) -> pd.Series | None:
        """Show the total; when it is 100, redraw the ranking and the chart. Returns the scores."""
        weights = self.weights()
        total = selection.weight_total(weights)
        self.total.value = f"<b>{html.escape(total.label)}</b>"
        self.rescale_button.disabled = not total.can_rescale
        if not total.ok:
            self._mark_chart_stale(total)
            _clear(self.table)
            raise InputError(total.problem)
        ratings = self.ratings()
        contrib = selection.contributions(weights, ratings)
        scores = contrib.sum(axis=1).rename("score")
        shown = contrib if self.top is None else contrib.loc[scores.nlargest(self.top).index]
        series = pd.Series(weights, dtype=float)
        figure = None
        if self._figure is not None:
            try:
                figure = update_scores_chart(self._figure, shown, weights=series)
            except InputError:  # the chart cannot be updated in place (other accounts): draw anew
                figure = None
        if figure is None or self._live is None:
            figure = self._figure = scores_chart(shown, weights=series)
            # the frame, title and score axis are drawn once; bars, totals, names and legend at each move
            self._live = LiveRender(figure, scores_chart_changing)
        best = scores.idxmax()
        best_score = float(scores.max())
        caption = t(
            "selection.chart_caption",
            weights=_weights_text(weights),
            total=f"{total.total:g}",
            count=len(scores),
            best=best,
            best_score=f"{best_score:g}",
        )
        show_png(self.chart, self._live.png(), caption)
        self._valid_weights = dict(weights)
        _table(self.table, _ranking_frame(scores), t("selection.ranking_caption"))
        _clear(self.message)
        return scores

    def _mark_chart_stale(self, total: selection.WeightTotal) -> None:
        """Keep the last valid chart in place (no jump of the page while the learner
        adjusts the sliders) but say in its caption that it shows the last weights that
        summed to 100, not the current ones."""
        if not self.chart.outputs or self._valid_weights is None:
            return
        image = self.chart.outputs[0].get("data", {}).get("image/png")
        if image is None:
            return
        caption = total.stale(self._valid_weights)
        self.chart.outputs = (
            {"output_type": "display_data", "data": {"image/png": image, "text/plain": caption}, "metadata": {}},
            {"output_type": "display_data", "data": {"text/plain": caption}, "metadata": {}},
        )

    @safely("message")
    def rescale(self) -> None:
        """Bring the total back to 100, keeping the weight moved last (whole numbers)."""
        new = selection.rescale_to_100(self.weights(), keep=self._last, integers=True)
        self.set_weights({str(k): v for k, v in new.items()})

    @safely("message")
    def set_weights(self, weights: dict[str, Any]) -> None:
        """Set several sliders at once (one redraw), save and update. A criterion that is not a
        slider or a weight that is not a number from 0 to 100 is refused with a message, and no
        slider moves."""
        if not isinstance(weights, (dict, pd.Series)):
            raise InputError(t("selection.weights_type", type=type(weights).__name__))
        values: dict[str, int] = {}
        for criterion, value in weights.items():
            if not isinstance(criterion, str) or criterion not in self.sliders:
                raise InputError(
                    t("selection.sensitivity_criterion", criterion=criterion, allowed=", ".join(self.sliders))
                )
            number = to_float(value)
            if number is None or not 0 <= number <= selection.WEIGHT_TOTAL:
                raise InputError(t("selection.weight_not_finite", criterion=criterion, value=value))
            values[criterion] = int(round(number))
        self._holding = True
        try:
            for criterion, number in values.items():
                self.sliders[criterion].value = number
        finally:
            self._holding = False
        self._save_and_update()


def _editor_weights(editor: WeightsEditor) -> tuple[pd.Series, str | None]:
    """The editor's weights, or -- while they do not sum to 100 -- the last ones that did (or
    the case team's), with a sentence saying so."""
    current = editor.weights()
    try:
        return selection.validate_weights(current), None
    except InputError:
        total = sum(current.values())
    if editor._valid_weights is not None:
        return selection.validate_weights(editor._valid_weights), t("selection.editor_not_100_last", total=total)
    return selection.case_portfolio().weights, t("selection.editor_not_100_case", total=total)


def _resolve_weights(weights: Any, workbook: Workbook) -> pd.Series:
    if isinstance(weights, WeightsEditor):
        return _editor_weights(weights)[0]
    if weights is not None:
        return selection.validate_weights(weights)
    saved = workbook.get_state(STATE_WEIGHTS)
    case = selection.case_portfolio().weights
    if isinstance(saved, dict) and set(saved) == set(case.index):
        try:
            return selection.validate_weights(saved)
        except InputError:
            pass
    return case


def weights_editor(
    ratings: pd.DataFrame | RatingsGrid | None = None,
    weights: Any = None,
    *,
    workbook: Workbook | None = None,
    top: int | None = None,
    demo: bool = False,
) -> WeightsEditor:
    """The weights editor, scoring ``ratings`` (a table, a :class:`RatingsGrid` to follow,
    or by default the case ratings with your saved edits). ``top`` limits the chart.
    ``demo=True``: a demonstration copy that starts from the case and saves nothing."""
    return WeightsEditor(ratings, weights, workbook=workbook, top=top, demo=demo)
