"""Widgets of selecting key accounts: ratings grid, weights editor, sensitivity, team calibration.

Taught in notebooks/03_selecting_key_accounts.ipynb.

* :func:`weights_editor` -- one slider per criterion, the total in words, a "Rescale to
  100" button; when the weights sum to 100, the ranking and the stacked score chart redraw
  (plain functions: :func:`kamcourse.selection.weighted_scores`,
  :func:`kamcourse.plots.selection.scores_chart`);
* :func:`ratings_grid` -- accounts x criteria, 0-10; a bad value is refused with a message
  naming the account and the criterion;
* :func:`sensitivity_view` -- one criterion's weight on a slider: the ranking and the pairs
  of accounts that swap (:func:`kamcourse.selection.crossovers`);
* :func:`calibration_view` -- several raters' ratings: mean, spread, where they disagree
  most (:func:`kamcourse.selection.calibrate`).

Every input a person changes is saved to the workbook (``Workbook.set_state``) and restored
when the widget is built again; building a widget writes nothing. ``demo=True`` builds a
demonstration copy bound to a throwaway workbook (:func:`kamcourse.widgets._common.bound_workbook`):
it starts from the case values and never touches what the learner saved, so a notebook cell can
drive it from code. The exercise widgets of kinds ``selection.weights`` and ``selection.ranking``
are registered when this module is imported (exercise ids and workbook state keys keep their
``sel.`` prefix, so saved workbooks load). Every weights editor follows the one weight-total rule
of :func:`kamcourse.selection.weight_total`.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Any

import ipywidgets as W
import pandas as pd

from .. import checks, inputs, selection
from ..values import short_repr, to_float
from ..checkers.selection import candidate_criteria
from ..content import t
from ..errors import InputError
from ..plots._live import LiveRender
from ..plots.selection import scores_chart, scores_chart_changing, update_scores_chart
from ..workbook import Workbook
from ._common import (
    ChoiceDropdown,
    SettledButton,
    answer_text,
    bound_workbook,
    note,
    output,
    safely,
    save_state,
    show_error,
    show_png,
    show_text,
)
from .exercises import ExerciseWidget, NumberExercise, register

__all__ = [
    "WeightsEditor", "RatingsGrid", "SensitivityView", "CalibrationView",
    "weights_editor", "ratings_grid", "sensitivity_view", "calibration_view",
    "WeightsExercise", "RankingExercise", "team_ratings",
]

STATE_WEIGHTS = "sel.weights_editor"
STATE_RATINGS = "sel.ratings_grid"
STATE_SENSITIVITY = "sel.sensitivity"
STATE_CALIBRATION = "sel.calibration"


# --------------------------------------------------------------------------- helpers
def _table(out: W.Output, frame: pd.DataFrame, caption: str = "") -> None:
    """Show ``frame`` as an HTML table with a plain-text copy (tests read the text)."""
    plain = frame.to_string()
    html_text = frame.to_html(classes="kam-table", border=0, float_format=lambda v: f"{v:g}")
    if caption:
        plain = f"{caption}\n{plain}"
        html_text = f"<p>{html.escape(caption)}</p>{html_text}"
    out.outputs = ({"output_type": "display_data", "data": {"text/plain": plain, "text/html": html_text},
                    "metadata": {}},)


def _clear(out: W.Output) -> None:
    out.outputs = ()


def _weights_text(weights: pd.Series | dict[str, float]) -> str:
    items = weights.items() if isinstance(weights, (pd.Series, dict)) else weights
    return ", ".join(f"{k} {float(v):g}" for k, v in items)


def _ranking_frame(scores: pd.Series) -> pd.DataFrame:
    order = scores.sort_values(ascending=False, kind="stable")
    ranks = order.rank(ascending=False, method="min").astype(int)
    return pd.DataFrame({t("selection.col_rank"): ranks.to_numpy(), t("selection.col_account"): order.index,
                         t("selection.col_score"): order.to_numpy()}).set_index(t("selection.col_rank"))


def _resolve_ratings(ratings: Any, workbook: Workbook) -> pd.DataFrame:
    if isinstance(ratings, RatingsGrid):
        return ratings.ratings()
    if isinstance(ratings, pd.DataFrame):
        return ratings
    if ratings is not None:
        raise InputError(t("selection.ratings_type", what="account", type=type(ratings).__name__))
    return RatingsGrid.saved_ratings(workbook)


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


# --------------------------------------------------------------------------- ratings grid
class RatingsGrid(W.VBox):
    """Accounts x criteria, one number box (0-10) per rating; a reset-to-case button.

    A value outside 0-10 is refused: the box goes back to its last valid value and the
    message names the account and the criterion. Valid edits are saved at once.
    """

    def __init__(self, ratings: pd.DataFrame | None = None, *, workbook: Workbook | None = None,
                 key: str = STATE_RATINGS, demo: bool = False) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        if ratings is not None:
            _check_ratings(ratings)
        self.base = (ratings if ratings is not None else selection.case_portfolio().ratings).astype(float)
        self.message = output()
        self._listeners: list[Callable[[], None]] = []
        self._holding = False
        self.boxes: dict[tuple[str, str], W.FloatText] = {}
        criteria = [str(c) for c in self.base.columns]
        cells: list[W.Widget] = [W.HTML(f"<b>{html.escape(t('selection.col_account'))}</b>")]
        cells += [W.HTML(f'<small title="{html.escape(c)}"><b>{html.escape(c)}</b></small>') for c in criteria]
        for account in self.base.index:
            cells.append(W.HTML(html.escape(str(account))))
            for criterion in criteria:
                box = W.FloatText(value=float(self.base.loc[account, criterion]), step=1,
                                  layout=W.Layout(width="4.5em"), description_allow_html=False)
                box.observe(lambda change, a=str(account), c=criterion: self._edited(a, c, change), names="value")
                self.boxes[(str(account), criterion)] = box
                cells.append(box)
        self.grid = W.GridBox(cells, layout=W.Layout(
            grid_template_columns=f"14em repeat({len(criteria)}, 6.5em)", grid_gap="2px 6px"))
        self.reset_button = W.Button(description=t("selection.reset_ratings"), icon="undo",
                                     tooltip=t("selection.reset_ratings_tooltip"), layout=W.Layout(width="auto"))
        self.reset_button.on_click(lambda _b: self.reset())
        super().__init__([W.HTML(f"<h4>{html.escape(t('selection.ratings_title'))}</h4>"), self.grid,
                          self.reset_button, self.message], layout=W.Layout(max_width="1000px"))
        self._restore()

    # -- state
    @classmethod
    def saved_ratings(cls, workbook: Workbook, key: str = STATE_RATINGS) -> pd.DataFrame:
        """The case ratings with the learner's saved edits applied (invalid ones ignored)."""
        frame = selection.case_portfolio().ratings.astype(float).copy()
        saved = workbook.get_state(key, {})
        if isinstance(saved, dict):
            for account, row in saved.items():
                if account in frame.index and isinstance(row, dict):
                    for criterion, value in row.items():
                        if criterion in frame.columns and _valid_rating(value):
                            frame.loc[account, criterion] = float(value)
        return frame

    def _restore(self) -> None:
        saved = self.workbook.get_state(self.key, {})
        if not isinstance(saved, dict):
            return
        self._holding = True
        try:
            for account, row in saved.items():
                if not isinstance(row, dict):
                    continue
                for criterion, value in row.items():
                    box = self.boxes.get((account, criterion))
                    if box is not None and _valid_rating(value):
                        box.value = float(value)
        finally:
            self._holding = False

    def _save(self) -> str:
        changed: dict[str, dict[str, float]] = {}
        for (account, criterion), box in self.boxes.items():
            if float(box.value) != float(self.base.loc[account, criterion]):
                changed.setdefault(account, {})[criterion] = float(box.value)
        return save_state(self.workbook, self.key, changed)

    # -- behaviour
    def ratings(self) -> pd.DataFrame:
        """The ratings as the boxes show them now (accounts x criteria)."""
        frame = self.base.copy()
        for (account, criterion), box in self.boxes.items():
            frame.loc[account, criterion] = float(box.value)
        return frame

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after every accepted edit or reset (e.g. to redraw scores)."""
        self._listeners.append(callback)

    def _edited(self, account: str, criterion: str, change: dict[str, Any]) -> None:
        if self._holding:
            return
        self._accept(account, criterion, change["new"], change["old"])

    @safely("message")
    def _accept(self, account: str, criterion: str, new: Any, old: Any) -> None:
        if not _valid_rating(new):
            self._holding = True
            try:
                self.boxes[(account, criterion)].value = float(old)
            finally:
                self._holding = False
            value = new if isinstance(new, str) else f"{float(new):g}"
            raise InputError(t("selection.rating_range", what="account", account=account, criterion=criterion,
                               value=value))
        problem = self._save()
        show_text(self.message, t("selection.rating_saved", account=account, criterion=criterion,
                                  value=f"{float(new):g}"))
        note(self.message, problem)
        self._notify()

    def set_rating(self, account: str, criterion: str, value: Any) -> None:
        """Type ``value`` into the box of ``account`` x ``criterion``, as a person would."""
        box = self.boxes.get((account, criterion)) if isinstance(account, str) and isinstance(criterion, str) else None
        if box is None:
            show_error(self.message, t("selection.no_such_cell", account=account, criterion=criterion))
            return
        try:
            box.value = value
        except Exception:  # traitlets refuses text: same message as for a number out of range
            show_error(self.message, t("selection.rating_not_number", what="account", account=account,
                                       criterion=criterion, value=value))

    @safely("message")
    def reset(self) -> None:
        """Put the case ratings back in every box (the saved edits are forgotten)."""
        self._holding = True
        try:
            for (account, criterion), box in self.boxes.items():
                box.value = float(self.base.loc[account, criterion])
        finally:
            self._holding = False
        problem = self._save()
        show_text(self.message, t("selection.ratings_reset_done"))
        note(self.message, problem)
        self._notify()

    def _notify(self) -> None:
        for callback in self._listeners:
            callback()


def _check_ratings(ratings: Any) -> None:
    """A ratings table the grid can show: accounts x criteria named by text, ratings 0-10."""
    if not isinstance(ratings, pd.DataFrame) or ratings.shape[1] == 0:
        raise InputError(t("selection.ratings_type", what="account",
                           type=type(ratings).__name__ if not isinstance(ratings, pd.DataFrame) else "an empty table"))
    even = dict.fromkeys(ratings.columns, selection.WEIGHT_TOTAL / ratings.shape[1])
    keys = list(even)
    even[keys[-1]] = selection.WEIGHT_TOTAL - math.fsum(even[k] for k in keys[:-1])  # exactly 100
    selection.validate_ratings(even, ratings)


def _valid_rating(value: Any) -> bool:
    number = to_float(value) if isinstance(value, (int, float)) else None  # 10**400 -> inf, never an error
    return number is not None and 0.0 <= number <= selection.RATING_MAX


# --------------------------------------------------------------------------- weights editor
class WeightsEditor(W.VBox):
    """One slider per criterion; scores, ranking and chart redraw when the total is 100."""

    def __init__(self, ratings: pd.DataFrame | RatingsGrid | None = None, weights: Any = None, *,
                 workbook: Workbook | None = None, key: str = STATE_WEIGHTS, top: int | None = None,
                 demo: bool = False) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        self.top = top
        self._grid = ratings if isinstance(ratings, RatingsGrid) else None
        self._ratings = None if self._grid is not None else _resolve_ratings(ratings, self.workbook)
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
            slider = W.IntSlider(value=int(round(value)), min=0, max=100, step=1, continuous_update=False,
                                 description=str(criterion), style={"description_width": "20em"},
                                 layout=W.Layout(width="40em"))
            slider.observe(lambda change, c=str(criterion): self._moved(c, change), names="value")
            self.sliders[str(criterion)] = slider
            rows.append(slider)
        self.total = W.HTML()
        self.rescale_button = W.Button(description=t("selection.rescale"), icon="balance-scale",
                                       tooltip=t("selection.rescale_tooltip"), layout=W.Layout(width="auto"))
        self.rescale_button.on_click(lambda _b: self.rescale())
        self.message = output()
        self.table = output()
        self.chart = output()
        super().__init__([W.HTML(f"<h4>{html.escape(t('selection.weights_title'))}</h4>"), *rows,
                          W.HBox([self.total, self.rescale_button]), self.message, self.chart, self.table],
                         layout=W.Layout(max_width="1000px"))
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
        return self._grid.ratings() if self._grid is not None else self._ratings

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
        caption = t("selection.chart_caption", weights=_weights_text(weights), total=f"{total.total:g}",
                    count=len(scores),
                    best=best, best_score=f"{scores[best]:g}")
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
        self.set_weights(new.to_dict())

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
                raise InputError(t("selection.sensitivity_criterion", criterion=criterion,
                                   allowed=", ".join(self.sliders)))
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


# --------------------------------------------------------------------------- sensitivity
class SensitivityView(W.VBox):
    """Move one criterion's weight (the others rescaled to keep 100): ranking and swaps."""

    def __init__(self, weights: Any = None, ratings: Any = None, *, workbook: Workbook | None = None,
                 key: str = STATE_SENSITIVITY, demo: bool = False) -> None:
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
        first = saved.get("criterion") if isinstance(saved,
                                                     dict) and saved.get("criterion") in criteria else criteria[0]
        self._holding = True
        self.criterion = W.Dropdown(options=criteria, value=first, description=t("selection.sens_criterion"),
                                    style={"description_width": "8em"}, layout=W.Layout(width="34em"))
        self.weight = W.IntSlider(value=int(round(self.base_weights[first])), min=0, max=100, step=1,
                                  continuous_update=False, description=t("selection.sens_weight"),
                                  style={"description_width": "8em"}, layout=W.Layout(width="34em"))
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
        super().__init__([W.HTML(f"<h4>{html.escape(t('selection.sens_title'))}</h4>"), self.message, self.criterion,
                          self.weight, self.swaps, self.output], layout=W.Layout(max_width="1000px"))
        self.update()

    def _save(self) -> None:
        """Save the criterion and weight (after a person's change); a problem shows under the swaps."""
        problem = save_state(self.workbook, self.key,
                             {"criterion": self.criterion.value, "weight": int(self.weight.value)})
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
        frame = pd.DataFrame({
            t("selection.col_account"): now.index,
            t("selection.col_score"): now.to_numpy().round(1),
            t("selection.col_rank"): ranks.iloc[-1][now.index].to_numpy(),
            t("selection.col_base_rank"): ranks.iloc[0][now.index].to_numpy(),
        })
        moves = frame[t("selection.col_base_rank")] - frame[t("selection.col_rank")]
        frame[t("selection.col_move")] = [("\u2191" + str(m)) if m > 0 else ("\u2193" + str(-m)) if m < 0 else "="
                                    for m in moves]
        frame = frame.set_index(t("selection.col_rank"))
        new = selection.rescaled_weights(self.base_weights, criterion, value)
        _table(self.output, frame, t("selection.sens_caption", criterion=criterion, value=f"{value:g}",
                                     base=f"{base:g}",
                                     weights=_weights_text(new.round(1))))
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


# --------------------------------------------------------------------------- calibration
def team_ratings() -> pd.DataFrame:
    """The case team's ratings (three fictional raters, six accounts), long form:
    columns ``rater, account, criterion, rating`` (``content/case/team_ratings.csv``)."""
    return selection.case_team_ratings()


class CalibrationView(W.VBox):
    """Several raters' ratings: where the team disagrees most, and the ranking on the mean."""

    def __init__(self, team: pd.DataFrame | None = None, weights: Any = None, *, workbook: Workbook | None = None,
                 key: str = STATE_CALIBRATION, demo: bool = False) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        self.case_team = team if team is not None else team_ratings()
        self.weights = _resolve_weights(weights, self.workbook)
        self.paste = answer_text(placeholder=t("selection.paste_placeholder"),
                                 layout=W.Layout(width="100%", max_width="900px", height="8em"))
        self.use_pasted = SettledButton(description=t("selection.use_pasted"),
                                        icon="paste")  # acts on the text just pasted
        self.use_case = W.Button(description=t("selection.use_case_team"), icon="users")
        self.use_pasted.on_click(lambda _b: self.load_pasted())
        self.use_case.on_click(lambda _b: self.load_case())
        self.message = output()
        self.summary = output()
        self.disagreements = output()
        self.scores = output()
        self.calibration: selection.Calibration | None = None
        super().__init__([W.HTML(f"<h4>{html.escape(t('selection.cal_title'))}</h4>"), self.paste,
                          W.HBox([self.use_pasted, self.use_case]), self.message, self.summary,
                          self.disagreements, self.scores], layout=W.Layout(max_width="1000px"))
        saved = self.workbook.get_state(key, {})
        if isinstance(saved, dict) and isinstance(saved.get("text"), str):
            self.paste.value = saved["text"]
        if isinstance(saved, dict) and saved.get("source") == "pasted":
            self.load_pasted(record=False)
        else:
            self.load_case(record=False)

    @safely("message")
    def load_case(self, *, record: bool = True) -> selection.Calibration:
        """Calibrate the case team's ratings (the "Use the case team's ratings" button).

        The pasted text stays in the box and in the workbook. ``record=False`` (when the widget
        is built) shows the calibration without writing the choice to the workbook."""
        problem = save_state(self.workbook, self.key, {"source": "case", "text": self.paste.value}) if record else ""
        calibration = self._show(self.case_team, t("selection.cal_source_case"))
        note(self.message, problem)
        return calibration

    @safely("message")
    def load_pasted(self, *, record: bool = True) -> selection.Calibration:
        """Calibrate the ratings pasted in the box (long form: rater, account, criterion, rating);
        ``record=False`` as in :meth:`load_case`."""
        frame = selection.read_team_ratings(self.paste.value)
        calibration = self._show(frame, t("selection.cal_source_pasted"))
        if record:
            note(self.message, save_state(self.workbook, self.key, {"source": "pasted", "text": self.paste.value}))
        return calibration

    def _show(self, frame: pd.DataFrame, source: str) -> selection.Calibration:
        cal = selection.calibrate(frame)
        self.calibration = cal
        by = cal.by_criterion
        first = list(by.index[:2])
        summary = pd.DataFrame({
            t("selection.col_criterion"): by.index,
            t("selection.col_spread"): by["mean_std"].round(2).to_numpy(),
            t("selection.col_max_gap"): by["max_range"].to_numpy(),
        }, index=pd.Index(by["rank"].to_numpy(), name=t("selection.col_rank")))
        _table(self.summary, summary, t("selection.cal_caption", source=source, raters=", ".join(cal.raters),
                                        accounts=len(cal.mean.index), first=" and ".join(first)))
        top = cal.disagreements.head(8)
        gaps = pd.DataFrame({
            t("selection.col_account"): top["account"].to_numpy(),
            t("selection.col_criterion"): top["criterion"].to_numpy(),
            t("selection.col_low"): top["min"].to_numpy(),
            t("selection.col_high"): top["max"].to_numpy(),
            t("selection.col_gap"): top["range"].to_numpy(),
        })
        _table(self.disagreements, gaps, t("selection.cal_gaps_caption"))
        criteria = set(cal.mean.columns)
        if criteria == set(self.weights.index):
            scores = selection.weighted_scores(self.weights, cal.mean)
            _table(self.scores, _ranking_frame(scores.round(1)), t("selection.cal_scores_caption"))
        else:
            show_text(self.scores, t("selection.cal_no_scores"))
        _clear(self.message)
        return cal


# --------------------------------------------------------------------------- exercises
class WeightsExercise(ExerciseWidget):
    """Exercise ``sel.weights``: one slider per candidate criterion, the total, a text box."""

    def _build_controls(self) -> W.Widget:
        self.criteria = candidate_criteria(self.exercise)
        self.sliders: dict[str, W.IntSlider] = {}
        rows: list[W.Widget] = []
        for c in self.criteria:
            slider = W.IntSlider(value=0, min=0, max=100, step=1, continuous_update=False, description=c["name"],
                                 style={"description_width": "22em"}, layout=W.Layout(width="42em"))
            slider.observe(self._moved, names="value")
            self.sliders[c["name"]] = slider
            rows.append(slider)
        self.total = W.HTML(selection.weight_total({}).label)
        self._last: str | None = None
        self.rescale_button = W.Button(description=t("selection.rescale"), icon="balance-scale",
                                       tooltip=t("selection.rescale_tooltip"))
        self.rescale_button.on_click(lambda _b: self.rescale())
        self.text = answer_text(placeholder=t("selection.justify_placeholder"),
                                layout=W.Layout(width="100%", max_width="900px", height="6em"))
        self.text.observe(self._changed, names="value")
        return W.VBox(rows + [W.HBox([self.total, self.rescale_button]), self.text])

    def _moved(self, change: dict[str, Any]) -> None:
        owner = change.get("owner")
        self._last = next((k for k, s in self.sliders.items() if s is owner), self._last)
        self.total.value = selection.weight_total({k: s.value for k, s in self.sliders.items()}).label
        self._changed()

    def rescale(self) -> None:
        """Bring the total back to 100, keeping the weight moved last."""
        try:
            new = selection.rescale_to_100(self.get_answer()["weights"], keep=self._last, integers=True)
        except InputError as exc:
            show_error(self.feedback, str(exc))
            return
        self.set_answer({"weights": new.to_dict(), "justification": self.text.value})
        self._changed()

    def get_answer(self) -> dict[str, Any]:
        return {"weights": {k: int(s.value) for k, s in self.sliders.items()}, "justification": str(self.text.value)}

    def set_answer(self, answer: Any) -> None:
        if checks.is_unanswered(answer):
            return  # nothing to show (e.g. ``fill(...)`` in the learner's copy)
        if not isinstance(answer, dict):
            raise InputError(t("selection.answer_not_mapping", value=type(answer).__name__,
                               keys="weights, justification"))
        weights = answer.get("weights") or {}
        if not isinstance(weights, dict):
            raise InputError(t("selection.weights_not_mapping", value=type(weights).__name__))
        values = {}
        for name, value in weights.items():  # every value read first: a bad one moves no slider
            if not isinstance(name, str) or name not in self.sliders:
                raise InputError(t("selection.weights_unknown_criterion", value=short_repr(name),
                                   allowed=", ".join(self.sliders)))
            values[name] = _slider_number(value, name)
        restoring, self._restoring = self._restoring, True
        try:
            for name, number in values.items():
                self.sliders[name].value = number
            self.text.value = str(answer.get("justification") or "")
        finally:
            self._restoring = restoring
        self.total.value = selection.weight_total({k: s.value for k, s in self.sliders.items()}).label


def _slider_number(value: Any, criterion: str) -> int:
    """A weight as a learner may have saved it (30, 30.0, "30", "12,5", blank = 0) as a slider's
    whole number from 0 to 100; refused with a message naming the criterion otherwise."""
    number = inputs.number(value, t("selection.weight_item", criterion=criterion), blank=0.0, low=0.0,
                           high=selection.WEIGHT_TOTAL)
    return int(round(number))


class RankingExercise(ExerciseWidget):
    """Exercise ``sel.ranking``: five dropdowns of accounts; the case weights or the learner's."""

    def _build_controls(self) -> W.Widget:
        accounts = sorted(selection.case_portfolio().ratings.index)
        top = int(self.exercise.key.get("top", 5))
        self.dropdowns = [ChoiceDropdown([(a, a) for a in accounts], description=f"{i + 1}.",
                                         layout=W.Layout(width="28em")) for i in range(top)]
        for dropdown in self.dropdowns:
            dropdown.observe(self._changed, names="value")
        self.source = W.ToggleButtons(options=[(t("selection.source_case"), "case"), (t("selection.source_mine"),
                                                                                      "mine")],
                                      value="case", description=t("selection.source_label"),
                                      style={"description_width": "8em", "button_width": "16em"})
        self.source.observe(self._changed, names="value")
        return W.VBox([self.source, *self.dropdowns])

    def _my_weights(self) -> dict[str, Any] | None:
        saved = self.workbook.answer("sel.weights")
        if isinstance(saved, dict) and isinstance(saved.get("weights"), dict):
            return saved["weights"]
        return None

    def get_answer(self) -> dict[str, Any]:
        answer: dict[str, Any] = {"top": [d.answer for d in self.dropdowns], "source": self.source.value}
        if self.source.value == "mine":
            mine = self._my_weights()
            if mine is None:
                raise InputError(t("selection.no_own_weights"))
            answer["weights"] = mine
        return answer

    def set_answer(self, answer: Any) -> None:
        if checks.is_unanswered(answer):
            return  # nothing to show (e.g. ``fill(...)`` in the learner's copy)
        if isinstance(answer, (list, tuple)):
            answer = {"top": list(answer)}
        if not isinstance(answer, dict):
            raise InputError(t("selection.ranking_not_list", value=type(answer).__name__))
        top = answer.get("top") or []
        if not isinstance(top, (list, tuple)) or not all(n is None or isinstance(n, str) for n in top):
            raise InputError(t("selection.ranking_not_list", value=type(top).__name__))
        names = list(top)
        restoring, self._restoring = self._restoring, True
        try:
            self.source.value = "mine" if answer.get("source") == "mine" or answer.get("weights") else "case"
            allowed = {v for _l, v in self.dropdowns[0].options}
            for dropdown, name in zip(self.dropdowns, names + [None] * len(self.dropdowns), strict=False):
                if name is not None and name not in allowed:
                    raise InputError(t("selection.ranking_unknown_account", value=short_repr(name),
                                       position=self.dropdowns.index(dropdown) + 1,
                                       allowed=", ".join(sorted(a for a in allowed if a))))
                dropdown.answer = name
        finally:
            self._restoring = restoring


register("selection.weights", WeightsExercise)
register("selection.ranking", RankingExercise)
register("selection.weighted_sum", NumberExercise)
register("selection.score_change", NumberExercise)


# --------------------------------------------------------------------------- factories
def ratings_grid(ratings: pd.DataFrame | None = None, *, workbook: Workbook | None = None,
                 demo: bool = False) -> RatingsGrid:
    """The ratings grid (case ratings by default; your saved edits restored).
    ``demo=True``: a demonstration copy that starts from the case and saves nothing."""
    return RatingsGrid(ratings, workbook=workbook, demo=demo)


def weights_editor(ratings: pd.DataFrame | RatingsGrid | None = None, weights: Any = None, *,
                   workbook: Workbook | None = None, top: int | None = None, demo: bool = False) -> WeightsEditor:
    """The weights editor, scoring ``ratings`` (a table, a :class:`RatingsGrid` to follow,
    or by default the case ratings with your saved edits). ``top`` limits the chart.
    ``demo=True``: a demonstration copy that starts from the case and saves nothing."""
    return WeightsEditor(ratings, weights, workbook=workbook, top=top, demo=demo)


def sensitivity_view(weights: Any = None, ratings: Any = None, *, workbook: Workbook | None = None,
                     demo: bool = False) -> SensitivityView:
    """The sensitivity view. ``weights``: a mapping, a :class:`WeightsEditor` (while its weights
    do not sum to 100, the last ones that did), or by default your saved weights (the case
    weights when they do not sum to 100). ``demo=True``: a demonstration copy that starts
    from the case and saves nothing."""
    return SensitivityView(weights, ratings, workbook=workbook, demo=demo)


def calibration_view(team: pd.DataFrame | None = None, weights: Any = None, *,
                     workbook: Workbook | None = None, demo: bool = False) -> CalibrationView:
    """The team calibration view (the case team's ratings by default, or paste your own).
    ``demo=True``: a demonstration copy that starts from the case and saves nothing."""
    return CalibrationView(team, weights, workbook=workbook, demo=demo)
