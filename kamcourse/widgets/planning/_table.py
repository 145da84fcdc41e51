"""An editable table built from plain ipywidgets: one row of controls per item, add and remove.

Used by the plan editors of lessons 07 and 08 (``notebooks/08_key_account_plan.ipynb``).
Rows of ipywidgets rather than a grid library: a data grid (ipydatagrid) draws its cells on a
canvas, which screen readers and the course's browser tests cannot read, edits cells by
double-click, and adds a front-end extension that must stay in step with ipywidgets 8.1.9;
the plan's tables hold 5 to 20 rows, which plain controls handle well.

Every change is checked by ``validate(rows)`` (a core function that raises
:class:`~kamcourse.errors.InputError` naming the row and the field): a refused value goes back
to the previous one and the message says why; an accepted change is passed to
``on_change(rows)`` (which saves it). A row whose required fields are still empty is a draft:
it stays on screen, is left out of ``rows()`` and the message says what it needs.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as W

from ...content import t
from ...errors import InputError
from .._common import output, show_error, show_text

__all__ = ["Col", "TableEditor"]


@dataclass(frozen=True)
class Col:
    """A column: the row key, its header, the kind of control and its options.

    Kinds: ``text`` (one line), ``long`` (a few lines), ``choice`` (``options``), ``number``
    (typed as text, checked by ``validate``), ``date`` (``YYYY-MM-DD`` as text), ``rating``
    (empty or 1-5).
    """

    key: str
    label: str
    kind: str = "text"
    options: tuple[str, ...] = ()
    width: str = "150px"
    placeholder: str = ""


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class TableEditor(W.VBox):
    """Rows of controls with a remove button each, and an add button (see the module docstring)."""

    def __init__(
        self,
        columns: Sequence[Col],
        rows: Sequence[dict[str, Any]] = (),
        *,
        on_change: Callable[[list[dict[str, Any]]], None] | None = None,
        validate: Callable[[list[dict[str, Any]]], None] | None = None,
        required: Sequence[str] = (),
        title: str = "",
        add_label: str | None = None,
        defaults: dict[str, Any] | None = None,
        max_rows: int = 200,
        live_text: bool = False,
    ) -> None:
        self.columns = tuple(columns)
        self.live_text = live_text
        self.required = tuple(required)
        self.defaults = dict(defaults or {})
        self.max_rows = max_rows
        self._on_change = on_change
        self._validate = validate
        self._quiet = False
        self._last: list[dict[str, Any]] | None = None
        self.controls: list[dict[str, W.Widget]] = []
        self.remove_buttons: list[W.Button] = []
        self.row_box = W.VBox([])
        self.message = output()
        self.add_button = W.Button(
            description=add_label or t("planning.w_add_row"), icon="plus", layout=W.Layout(width="auto")
        )
        self.add_button.on_click(lambda _b: self.add_row())
        header = W.HBox(
            [W.HTML("", layout=W.Layout(width="90px", min_width="90px"))]
            + [
                W.HTML(f"<b>{html.escape(c.label)}</b>", layout=W.Layout(width=c.width, min_width=c.width))
                for c in self.columns
            ]
        )
        top = [W.HTML(f"<h4>{html.escape(title)}</h4>")] if title else []
        super().__init__(top + [header, self.row_box, self.add_button, self.message], layout=W.Layout(overflow="auto"))
        self._fill(list(rows))

    # ------------------------------------------------------------------ building rows
    def _control(self, column: Col, value: Any) -> W.Widget:
        layout = W.Layout(width=column.width, min_width=column.width)
        if column.kind == "choice":
            options = list(column.options)
            text = _as_text(value)
            if text and text not in options:
                options.append(text)
            return W.Dropdown(options=options, value=text if text else (options[0] if options else None), layout=layout)
        if column.kind == "rating":
            return W.Dropdown(
                options=[("\u2014", "")] + [(str(i), str(i)) for i in range(1, 6)],
                value=_as_text(value) if _as_text(value) in {"1", "2", "3", "4", "5"} else "",
                layout=layout,
            )
        if column.kind == "long":
            return W.Textarea(
                value=_as_text(value),
                placeholder=column.placeholder,
                continuous_update=self.live_text,
                layout=W.Layout(width=column.width, min_width=column.width, height="3.6em"),
            )
        placeholder = column.placeholder or ("YYYY-MM-DD" if column.kind == "date" else "")
        # A date or a number is refused (and put back) until it is complete: those boxes send
        # their text when the learner leaves them, whatever ``live_text`` says.
        live = self.live_text and column.kind not in ("date", "number")
        return W.Text(value=_as_text(value), placeholder=placeholder, continuous_update=live, layout=layout)

    def _make_row(self, values: dict[str, Any]) -> W.HBox:
        controls = {c.key: self._control(c, values.get(c.key, self.defaults.get(c.key))) for c in self.columns}
        remove = W.Button(
            description=t("planning.w_remove"),
            icon="times",
            layout=W.Layout(width="90px", min_width="90px"),
            tooltip=t("planning.w_remove_tooltip"),
        )
        for key, control in controls.items():
            control.observe(lambda change, c=controls, k=key: self._edited(c, k, change), names="value")
        remove.on_click(lambda _b, c=controls: self.remove_row(self.controls.index(c)))
        self.controls.append(controls)
        self.remove_buttons.append(remove)
        return W.HBox([remove, *controls.values()])  # the button first: visible even when the row scrolls

    def _fill(self, rows: list[dict[str, Any]]) -> None:
        self._quiet = True
        try:
            self.controls, self.remove_buttons = [], []
            self.row_box.children = [self._make_row(r) for r in rows]
        finally:
            self._quiet = False
        self._last = self.rows()

    # ------------------------------------------------------------------ reading
    @staticmethod
    def _value(control: W.Widget) -> Any:
        value = control.value
        return None if value == "" else value

    def all_rows(self) -> list[dict[str, Any]]:
        """Every row as shown, drafts included (empty fields as None)."""
        return [{k: self._value(c) for k, c in row.items()} for row in self.controls]

    def drafts(self) -> list[int]:
        """Numbers (1-based) of the rows whose required fields are still empty."""
        return [
            i for i, row in enumerate(self.all_rows(), start=1) if any(row.get(k) in (None, "") for k in self.required)
        ]

    def rows(self) -> list[dict[str, Any]]:
        """The complete rows (drafts left out), in order."""
        drafts = set(self.drafts())
        return [row for i, row in enumerate(self.all_rows(), start=1) if i not in drafts]

    # ------------------------------------------------------------------ changing
    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """Show ``rows`` instead (checked first: refused rows leave the table as it was)."""
        rows = [dict(r) for r in rows]
        if self._validate is not None:
            self._validate(rows)
        self._fill(rows)
        self._accepted()

    def add_row(self, values: dict[str, Any] | None = None) -> None:
        """Add a row (blank, or ``values``) at the end."""
        if len(self.controls) >= self.max_rows:
            show_error(self.message, t("planning.w_too_many_rows", limit=self.max_rows))
            return
        self.row_box.children = (*self.row_box.children, self._make_row(dict(values or {})))
        self._after_edit()

    def remove_row(self, index: int) -> None:
        """Remove row ``index`` (0-based)."""
        if not 0 <= index < len(self.controls):
            return
        del self.controls[index]
        del self.remove_buttons[index]
        children = list(self.row_box.children)
        del children[index]  # rows and controls are kept in the same order
        self.row_box.children = children
        self._after_edit()

    def _edited(self, controls: dict[str, W.Widget], key: str, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        if not self._after_edit():
            self._quiet = True
            try:
                controls[key].value = change["old"]
            finally:
                self._quiet = False

    def _after_edit(self) -> bool:
        """Check the table; save it when it is accepted. False (message shown) when refused."""
        rows = self.rows()
        try:
            if self._validate is not None:
                self._validate(rows)
        except InputError as exc:
            show_error(self.message, f"{exc} {t('planning.w_previous_kept')}")
            return False
        self._accepted()
        return True

    def _accepted(self) -> None:
        rows = self.rows()
        if self._on_change is not None and rows != self._last:
            try:
                self._on_change(rows)
            except InputError as exc:
                show_error(self.message, str(exc))
                return
            self._last = rows
        drafts = self.drafts()
        needed = ", ".join(next(c.label for c in self.columns if c.key == k) for k in self.required)
        if drafts:
            show_text(self.message, t("planning.w_drafts", rows=", ".join(map(str, drafts)), needed=needed))
        else:
            show_text(self.message, t("planning.w_saved_rows", count=len(rows)))
