"""Team calibration: several raters' ratings (the case team's, or pasted), where the team
disagrees most, and the ranking on the mean.

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
    SettledButton,
    answer_text,
    bound_workbook,
    note,
    output,
    safely,
    save_state,
    show_text,
)
from ._tables import STATE_CALIBRATION, _clear, _ranking_frame, _table
from .weights import _resolve_weights


def team_ratings() -> pd.DataFrame:
    """The case team's ratings (three fictional raters, six accounts), long form:
    columns ``rater, account, criterion, rating`` (``content/case/team_ratings.csv``)."""
    return selection.case_team_ratings()


class CalibrationView(W.VBox):
    """Several raters' ratings: where the team disagrees most, and the ranking on the mean."""

    def __init__(
        self,
        team: pd.DataFrame | None = None,
        weights: Any = None,
        *,
        workbook: Workbook | None = None,
        key: str = STATE_CALIBRATION,
        demo: bool = False,
    ) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        self.case_team = team if team is not None else team_ratings()
        self.weights = _resolve_weights(weights, self.workbook)
        self.paste = answer_text(
            placeholder=t("selection.paste_placeholder"), layout=W.Layout(width="100%", max_width="900px", height="8em")
        )
        self.use_pasted = SettledButton(
            description=t("selection.use_pasted"), icon="paste"
        )  # acts on the text just pasted
        self.use_case = W.Button(description=t("selection.use_case_team"), icon="users")
        self.use_pasted.on_click(lambda _b: self.load_pasted())
        self.use_case.on_click(lambda _b: self.load_case())
        self.message = output()
        self.summary = output()
        self.disagreements = output()
        self.scores = output()
        self.calibration: selection.Calibration | None = None
        super().__init__(
            [
                W.HTML(f"<h4>{html.escape(t('selection.cal_title'))}</h4>"),
                self.paste,
                W.HBox([self.use_pasted, self.use_case]),
                self.message,
                self.summary,
                self.disagreements,
                self.scores,
            ],
            layout=W.Layout(max_width="1000px"),
        )
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
        summary = pd.DataFrame(
            {
                t("selection.col_criterion"): by.index,
                t("selection.col_spread"): by["mean_std"].round(2).to_numpy(),
                t("selection.col_max_gap"): by["max_range"].to_numpy(),
            },
            index=pd.Index(by["rank"].to_numpy(), name=t("selection.col_rank")),
        )
        _table(
            self.summary,
            summary,
            t(
                "selection.cal_caption",
                source=source,
                raters=", ".join(cal.raters),
                accounts=len(cal.mean.index),
                first=" and ".join(first),
            ),
        )
        top = cal.disagreements.head(8)
        gaps = pd.DataFrame(
            {
                t("selection.col_account"): top["account"].to_numpy(),
                t("selection.col_criterion"): top["criterion"].to_numpy(),
                t("selection.col_low"): top["min"].to_numpy(),
                t("selection.col_high"): top["max"].to_numpy(),
                t("selection.col_gap"): top["range"].to_numpy(),
            }
        )
        _table(self.disagreements, gaps, t("selection.cal_gaps_caption"))
        criteria = set(cal.mean.columns)
        if criteria == set(self.weights.index):
            scores = selection.weighted_scores(self.weights, cal.mean)
            _table(self.scores, _ranking_frame(scores.round(1)), t("selection.cal_scores_caption"))
        else:
            show_text(self.scores, t("selection.cal_no_scores"))
        _clear(self.message)
        return cal


def calibration_view(
    team: pd.DataFrame | None = None, weights: Any = None, *, workbook: Workbook | None = None, demo: bool = False
) -> CalibrationView:
    """The team calibration view (the case team's ratings by default, or paste your own).
    ``demo=True``: a demonstration copy that starts from the case and saves nothing."""
    return CalibrationView(team, weights, workbook=workbook, demo=demo)
