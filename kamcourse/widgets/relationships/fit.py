"""The case portfolio on the stage-by-category grid, with a category and a stage to change per account.

Taught in notebooks/05_relationship_stages.ipynb.

The plain function is :func:`kamcourse.relationships.portfolio_fit`; the chart is
:func:`kamcourse.plots.relationships.fit_grid`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as W

from ... import relationships as rel
from ...content import t
from ...plots import relationships as plots
from ...workbook import Workbook
from .._common import bound_workbook, md, note, output, safely, save_state, show_figure, show_markdown
from .questionnaire import esc

__all__ = ["FitGridWidget", "fit_grid"]


class FitGridWidget(W.VBox):
    """The case portfolio on the stage-by-category grid; change an account's category or stage."""

    def __init__(
        self, *, key: str = "rel.lesson.fit_grid", workbook: Workbook | None = None, demo: bool = False
    ) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        self._building = True
        self.case = rel.case_portfolio()
        self.result = output()
        self.chart = output()
        self._quiet = False
        stage_options = [(s.name, s.id) for s in rel.all_stages()]
        self.categories: dict[str, W.Dropdown] = {}
        self.stages: dict[str, W.Dropdown] = {}
        rows = [
            W.HBox(
                [
                    W.HTML(f"<b>{esc(h)}</b>", layout=W.Layout(width=w))
                    for h, w in (
                        (t("relationships.col_account"), "260px"),
                        (t("relationships.col_category"), "150px"),
                        (t("relationships.col_stage"), "170px"),
                    )
                ]
            )
        ]
        for record in self.case.itertuples(index=False):
            category = W.Dropdown(options=list(rel.CATEGORIES), value=record.category, layout=W.Layout(width="150px"))
            current = W.Dropdown(options=stage_options, value=record.stage, layout=W.Layout(width="170px"))
            for control in (category, current):
                control.observe(lambda _c: self.update(), names="value")
            self.categories[record.account], self.stages[record.account] = category, current
            rows.append(W.HBox([W.HTML(esc(record.account), layout=W.Layout(width="260px")), category, current]))
        self.reset_button = W.Button(description=t("relationships.reset_case"), icon="undo")
        self.reset_button.on_click(lambda _b: self.reset())
        super().__init__(
            [
                W.HTML(f"<h4>{esc(t('relationships.grid_title'))}</h4>"),
                W.VBox(rows),
                self.reset_button,
                self.chart,
                self.result,
            ],
            layout=W.Layout(max_width="980px"),
        )
        saved = self.workbook.get_state(self.key)
        try:
            if isinstance(saved, Mapping):
                self._fill(saved)
            else:
                self.update()
        finally:
            self._building = False

    @safely("result")
    def _fill(self, saved: Mapping[str, Any]) -> None:
        self._quiet = True
        try:
            for account, pair in saved.items():
                if account in self.categories and isinstance(pair, (list, tuple)) and len(pair) == 2:
                    self.categories[account].value = rel.category_name(pair[0], account)
                    self.stages[account].value = rel.stage(pair[1], item=account).id
        finally:
            self._quiet = False
        self.update()

    def portfolio(self) -> dict[str, tuple[str, str]]:
        """The portfolio as shown: account -> (category, stage)."""
        return {a: (self.categories[a].value, self.stages[a].value) for a in self.categories}

    def reset(self) -> None:
        """Back to the case's categories and stages."""
        self._fill({r.account: [r.category, r.stage] for r in self.case.itertuples(index=False)})

    @safely("result")
    def update(self) -> None:
        if self._quiet:
            return
        current = self.portfolio()
        problem = (
            save_state(self.workbook, self.key, {a: list(v) for a, v in current.items()}) if not self._building else ""
        )
        fit = rel.portfolio_fit(current)
        show_figure(self.chart, plots.fit_grid(fit))
        show_markdown(
            self.result,
            "\n".join(f"- {md(line)}" for line in fit["verdict_text"]),
            plain="\n".join(fit["verdict_text"]),
        )
        note(self.result, problem)


def fit_grid(
    *, key: str = "rel.lesson.fit_grid", workbook: Workbook | None = None, demo: bool = False
) -> FitGridWidget:
    """Build the stage-by-category grid of the case portfolio (changes saved and restored).

    ``demo=True``: a demonstration copy that starts from the case and saves nothing.
    """
    return FitGridWidget(key=key, workbook=workbook, demo=demo)
