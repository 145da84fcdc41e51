"""The ratings grid: accounts x criteria, 0-10, a bad value refused with a message naming the
account and the criterion; edits saved to the workbook and restored.

Taught in notebooks/03_selecting_key_accounts.ipynb.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Any

import ipywidgets as W
import pandas as pd

from ... import selection
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
    show_error,
    show_text,
)
from ._tables import STATE_RATINGS


class RatingsGrid(W.VBox):
    """Accounts x criteria, one number box (0-10) per rating; a reset-to-case button.

    A value outside 0-10 is refused: the box goes back to its last valid value and the
    message names the account and the criterion. Valid edits are saved at once.
    """

    def __init__(
        self,
        ratings: pd.DataFrame | None = None,
        *,
        workbook: Workbook | None = None,
        key: str = STATE_RATINGS,
        demo: bool = False,
    ) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.key = key
        if ratings is not None:
            _check_ratings(ratings)
        self.base = (ratings if ratings is not None else selection.case_portfolio().ratings).astype(float)
        self.message = output()
        self._listeners: list[Callable[[], object]] = []
        self._holding = False
        self.boxes: dict[tuple[str, str], W.FloatText] = {}
        criteria = [str(c) for c in self.base.columns]
        cells: list[W.Widget] = [W.HTML(f"<b>{html.escape(t('selection.col_account'))}</b>")]
        cells += [W.HTML(f'<small title="{html.escape(c)}"><b>{html.escape(c)}</b></small>') for c in criteria]
        for account in self.base.index:
            cells.append(W.HTML(html.escape(str(account))))
            for criterion in criteria:
                box = W.FloatText(
                    value=float(self.base.loc[account, criterion]),
                    step=1,
                    layout=W.Layout(width="4.5em"),
                    description_allow_html=False,
                )
                box.observe(lambda change, a=str(account), c=criterion: self._edited(a, c, change), names="value")
                self.boxes[(str(account), criterion)] = box
                cells.append(box)
        self.grid = W.GridBox(
            cells, layout=W.Layout(grid_template_columns=f"14em repeat({len(criteria)}, 6.5em)", grid_gap="2px 6px")
        )
        self.reset_button = W.Button(
            description=t("selection.reset_ratings"),
            icon="undo",
            tooltip=t("selection.reset_ratings_tooltip"),
            layout=W.Layout(width="auto"),
        )
        self.reset_button.on_click(lambda _b: self.reset())
        super().__init__(
            [
                W.HTML(f"<h4>{html.escape(t('selection.ratings_title'))}</h4>"),
                self.grid,
                self.reset_button,
                self.message,
            ],
            layout=W.Layout(max_width="1000px"),
        )
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
            if float(box.value) != float(self.base[criterion][account]):
                changed.setdefault(account, {})[criterion] = float(box.value)
        return save_state(self.workbook, self.key, changed)

    # -- behaviour
    def ratings(self) -> pd.DataFrame:
        """The ratings as the boxes show them now (accounts x criteria)."""
        frame = self.base.copy()
        for (account, criterion), box in self.boxes.items():
            frame.loc[account, criterion] = float(box.value)
        return frame

    def on_change(self, callback: Callable[[], object]) -> None:
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
            raise InputError(
                t("selection.rating_range", what="account", account=account, criterion=criterion, value=value)
            )
        problem = self._save()
        show_text(
            self.message, t("selection.rating_saved", account=account, criterion=criterion, value=f"{float(new):g}")
        )
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
            show_error(
                self.message,
                t("selection.rating_not_number", what="account", account=account, criterion=criterion, value=value),
            )

    @safely("message")
    def reset(self) -> None:
        """Put the case ratings back in every box (the saved edits are forgotten)."""
        self._holding = True
        try:
            for (account, criterion), box in self.boxes.items():
                box.value = float(self.base[criterion][account])
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
        raise InputError(
            t(
                "selection.ratings_type",
                what="account",
                type=type(ratings).__name__ if not isinstance(ratings, pd.DataFrame) else "an empty table",
            )
        )
    even = dict.fromkeys(ratings.columns, selection.WEIGHT_TOTAL / ratings.shape[1])
    keys = list(even)
    even[keys[-1]] = selection.WEIGHT_TOTAL - math.fsum(even[k] for k in keys[:-1])  # exactly 100
    selection.validate_ratings(even, ratings)


def _valid_rating(value: Any) -> bool:
    number = to_float(value) if isinstance(value, (int, float)) else None  # 10**400 -> inf, never an error
    return number is not None and 0.0 <= number <= selection.RATING_MAX


def _resolve_ratings(ratings: Any, workbook: Workbook) -> pd.DataFrame:
    if isinstance(ratings, RatingsGrid):
        return ratings.ratings()
    if isinstance(ratings, pd.DataFrame):
        return ratings
    if ratings is not None:
        raise InputError(t("selection.ratings_type", what="account", type=type(ratings).__name__))
    return RatingsGrid.saved_ratings(workbook)


def ratings_grid(
    ratings: pd.DataFrame | None = None, *, workbook: Workbook | None = None, demo: bool = False
) -> RatingsGrid:
    """The ratings grid (case ratings by default; your saved edits restored).
    ``demo=True``: a demonstration copy that starts from the case and saves nothing."""
    return RatingsGrid(ratings, workbook=workbook, demo=demo)
