"""Widgets of lesson 01, why key account management.

Taught in notebooks/01_why_key_account_management.ipynb. Thin views on
:mod:`kamcourse.fundamentals`, drawn with :mod:`kamcourse.plots.fundamentals`:

* :func:`concentration_view` -- the concentration curve of a customer base with a slider for the
  cut (the top *n* customers), the cut's meaning in words and the top customers as a table
  (plain functions: :func:`kamcourse.fundamentals.concentration`,
  :meth:`~kamcourse.fundamentals.Concentration.reading`,
  :func:`kamcourse.plots.fundamentals.pareto_curve`);
* :func:`customer_loader` -- upload a CSV or XLSX customer list and see its curve (plain
  function: :func:`kamcourse.fundamentals.read_revenues`, through :func:`kamcourse.io.read_accounts`).

The cut and the loaded list are saved in the workbook under ``key`` and restored when the widget
is built again; ``key=None`` builds a widget of its own that saves nothing (for a lesson cell that
demonstrates an interaction). The module also registers the exercise widgets of the kinds
``fundamentals.candidates`` and ``fundamentals.am_or_kam``.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path
from typing import Any

import ipywidgets as W
import pandas as pd

from .. import fundamentals as fu
from ..checkers import fundamentals as checker
from ..content import t
from ..errors import InputError
from ..plots import fundamentals as plots
from ..workbook import Workbook
from ._common import ChoiceDropdown, output, safely, show_error, show_figure, show_text
from .exercises import ExerciseWidget, register

__all__ = [
    "MAX_UPLOAD_BYTES",
    "TOP_ROWS",
    "CandidatesExercise",
    "ConcentrationView",
    "CustomerListLoader",
    "StatementsExercise",
    "concentration_view",
    "customer_loader",
]

#: Largest upload accepted, in bytes.
MAX_UPLOAD_BYTES = 20_000_000
#: Most rows of the top-customers table shown under the chart.
TOP_ROWS = 25


def _esc(text: Any) -> str:
    return html.escape(str(text))


def _show_html(out: W.Output, html_text: str, plain: str) -> None:
    """Replace what ``out`` shows with ``html_text`` (learner text already escaped) and a plain copy."""
    out.outputs = (
        {"output_type": "display_data", "data": {"text/plain": plain, "text/html": html_text}, "metadata": {}},
    )


def _table_html(frame: pd.DataFrame) -> str:
    """A table as HTML with every cell escaped: learner names are shown as text, never as markup."""
    return str(frame.to_html(escape=True, border=0, classes="kam-table"))


# --------------------------------------------------------------------------- concentration view


class ConcentrationView(W.VBox):
    """The concentration curve with a slider for the cut, its reading and the top customers."""

    def __init__(
        self,
        revenues: Any = None,
        *,
        name: str | None = None,
        cut: int = 10,
        key: str | None = "fundamentals.lesson.cut",
        workbook: Workbook | None = None,
    ) -> None:
        # Validate first: bad revenues raise InputError here, before any control exists.
        self.base = fu.concentration(revenues if revenues is not None else fu.case_customers())
        self.name = name
        self.key = key
        self.workbook = workbook if workbook is not None else Workbook()
        count = self.base.count
        start = cut if isinstance(cut, int) and not isinstance(cut, bool) and cut >= 1 else 10
        if key is not None:
            saved = self.workbook.get_state(key)
            if isinstance(saved, dict) and isinstance(saved.get("cut"), int) and not isinstance(saved["cut"], bool):
                start = saved["cut"]
        self.cut = W.IntSlider(
            value=max(1, min(start, count)),
            min=1,
            max=max(count, 1),
            step=1,
            description=t("fundamentals.view_cut"),
            continuous_update=False,
            style={"description_width": "120px"},
            layout=W.Layout(width="520px"),
        )
        self.chart = output()
        self.reading = output()
        self.top = output()
        self.summary = output()
        self.cut.observe(self._changed, names="value")
        super().__init__(
            [
                W.HTML(f"<h4>{_esc(t('fundamentals.view_title'))}</h4>"),
                self.cut,
                self.reading,
                self.chart,
                self.summary,
                self.top,
            ],
            layout=W.Layout(max_width="900px"),
        )
        summary = self.base.summary()
        _show_html(self.summary, _table_html(summary), summary.to_string())
        self.redraw()

    @safely("reading")
    def _changed(self, _change: Any = None) -> None:
        if self.key is not None:
            self.workbook.set_state(self.key, {"cut": int(self.cut.value)})
        self.redraw()

    @safely("reading")
    def redraw(self) -> None:
        """Draw the curve and write the reading and the table for the current cut."""
        n = int(self.cut.value)
        text = self.base.reading(n)
        show_text(self.reading, text)
        show_figure(self.chart, plots.pareto_curve(self.base, n, name=self.name))
        shown = self.base.positions(list(self.base.customers[: min(n, TOP_ROWS)]))
        title = f"<b>{_esc(t('fundamentals.view_top_table', n=n))}</b>"
        more = f"<p>\u2026 {n - TOP_ROWS:,} more</p>" if n > TOP_ROWS else ""
        _show_html(self.top, title + _table_html(shown) + more, shown.to_string())


def concentration_view(
    revenues: Any = None,
    *,
    name: str | None = None,
    cut: int = 10,
    key: str | None = "fundamentals.lesson.cut",
    workbook: Workbook | None = None,
) -> ConcentrationView:
    """The concentration view of Vellmar's customers (or of ``revenues``), cut at the top ``cut``."""
    return ConcentrationView(revenues, name=name, cut=cut, key=key, workbook=workbook)


# --------------------------------------------------------------------------- the learner's list


def read_upload(name: str, content: bytes) -> tuple[pd.Series, str]:
    """Read uploaded bytes as a customer list; return its revenues and the revenue column.

    The bytes are written to a temporary file named like the upload (shortened when the name is
    too long for the file system) and read with :func:`kamcourse.fundamentals.read_revenues`.
    """
    base = Path(str(name or "")).name.strip()
    if not base:
        raise InputError(t("fundamentals.loader_no_name"))
    if len(content) > MAX_UPLOAD_BYTES:
        raise InputError(t("fundamentals.loader_too_big", file=base, size=len(content), limit=MAX_UPLOAD_BYTES))
    suffix = Path(base).suffix
    stem = base[: len(base) - len(suffix)] if suffix else base
    if len(base.encode("utf-8", "replace")) > 120:
        base = stem.encode("utf-8", "ignore")[:100].decode("utf-8", "ignore") + suffix[:10]
    with tempfile.TemporaryDirectory(prefix="kamcourse-upload-") as folder:
        path = Path(folder) / base
        try:
            path.write_bytes(bytes(content))
        except (OSError, ValueError) as exc:
            raise InputError(t("io.file_unreadable", file=base, reason=str(exc)[:80])) from None
        first = fu.read_revenues(path)
        return first, str(first.name)


class CustomerListLoader(W.VBox):
    """Upload a .csv or .xlsx customer list and see its concentration curve.

    A file that cannot be used leaves a message naming the file, row and column, and the list
    loaded before stays on screen.
    """

    def __init__(self, *, key: str | None = "fundamentals.loader", workbook: Workbook | None = None) -> None:
        self.key = key
        self.workbook = workbook if workbook is not None else Workbook()
        self.upload = W.FileUpload(accept=".csv,.xlsx", multiple=False, description=t("fundamentals.loader_button"))
        self.upload.observe(self._uploaded, names="value")
        self.message = output()
        self.view_box = W.VBox([])
        self.view: ConcentrationView | None = None
        self.revenues: pd.Series | None = None
        self.file: str | None = None
        super().__init__(
            [
                W.HTML(f"<h4>{_esc(t('fundamentals.loader_title'))}</h4><p>{_esc(t('fundamentals.loader_intro'))}</p>"),
                self.upload,
                self.message,
                self.view_box,
            ],
            layout=W.Layout(max_width="900px"),
        )
        self._restore()

    def _restore(self) -> None:
        saved = self.workbook.get_state(self.key) if self.key is not None else None
        if isinstance(saved, dict):
            try:
                revenues = pd.Series(
                    [float(v) for v in saved["revenues"]],
                    index=[str(c) for c in saved["customers"]],
                    name=str(saved["column"]),
                )
                self._show(revenues, str(saved["file"]))
                show_text(self.message, t("fundamentals.loader_restored", file=self.file, count=len(revenues)))
                return
            except (InputError, KeyError, TypeError, ValueError):
                pass
        show_text(self.message, t("fundamentals.loader_none"))

    @safely("message")
    def _uploaded(self, change: Any) -> None:
        files = change.get("new") or ()
        if files:
            item = files[-1]
            self.load_bytes(str(item.get("name", "")), bytes(item.get("content", b"")))

    def _kept(self) -> str:
        if self.revenues is None:
            return t("fundamentals.loader_kept_none")
        return t("fundamentals.loader_kept", file=self.file, count=len(self.revenues))

    def load_bytes(self, name: str, content: bytes) -> pd.Series | None:
        """Load a customer list from bytes (as the upload button does); None when it is refused."""
        try:
            revenues, column = read_upload(name, content)
            self._show(revenues, Path(str(name)).name)
        except InputError as exc:
            show_error(self.message, f"{exc} {self._kept()}")
            return None
        show_text(self.message, t("fundamentals.loader_loaded", file=self.file, count=len(revenues), column=column))
        if self.key is not None:
            self.workbook.set_state(
                self.key,
                {
                    "file": self.file,
                    "column": column,
                    "customers": [str(c) for c in revenues.index],
                    "revenues": [float(v) for v in revenues],
                },
            )
        return revenues

    def load_path(self, path: str | Path) -> pd.Series | None:
        """Load a customer list from a file on disk."""
        p = Path(path)
        try:
            content = p.read_bytes()
        except OSError:
            show_error(self.message, f"{t('io.file_missing', file=p.name)} {self._kept()}")
            return None
        return self.load_bytes(p.name, content)

    def _show(self, revenues: pd.Series, file: str) -> None:
        """Build the view first (bad revenues raise here); replace what is shown only when it works."""
        cut = max(1, round(len(revenues) * 0.2))  # start at the top fifth, the "20" of 80/20
        view = ConcentrationView(
            revenues,
            name=t("fundamentals.view_name_yours", file=file),
            cut=cut,
            key=None if self.key is None else self.key + ".cut",
            workbook=self.workbook,
        )
        self.revenues, self.file, self.view = revenues, file, view
        self.view_box.children = [view]


def customer_loader(*, key: str | None = "fundamentals.loader", workbook: Workbook | None = None) -> CustomerListLoader:
    """The upload widget for the learner's own customer list."""
    return CustomerListLoader(key=key, workbook=workbook)


# --------------------------------------------------------------------------- exercises


class CandidatesExercise(ExerciseWidget):
    """One row per customer: its facts, a decision and the reason that decides it."""

    def _build_controls(self) -> W.Widget:
        self.items = checker.candidate_items(self.exercise)
        self.reasons = checker.candidate_reasons(self.exercise)
        decisions = [
            (t("fundamentals.candidates_decision_yes"), "candidate"),
            (t("fundamentals.candidates_decision_no"), "not a candidate"),
        ]
        reasons = [(r["text"], rid) for rid, r in self.reasons.items()]
        self.decisions: dict[str, ChoiceDropdown] = {}
        self.reason_boxes: dict[str, ChoiceDropdown] = {}
        rows = []
        for item in self.items:
            pick = ChoiceDropdown(decisions, layout=W.Layout(width="170px"))
            why = ChoiceDropdown(reasons, layout=W.Layout(width="620px"))
            for control in (pick, why):
                control.observe(self._changed, names="value")
            self.decisions[item["name"]] = pick
            self.reason_boxes[item["name"]] = why
            rows.append(
                W.VBox(
                    [W.HTML(f"<b>{_esc(item['name'])}</b> \u2014 {_esc(item['facts'])}"), W.HBox([pick, why])],
                    layout=W.Layout(margin="0 0 8px 0"),
                )
            )
        return W.VBox(rows, layout=W.Layout(max_width="900px"))

    def get_answer(self) -> dict[str, dict[str, str | None]]:
        return {
            name: {"decision": self.decisions[name].answer, "reason": self.reason_boxes[name].answer}
            for name in self.decisions
        }

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            raise InputError(t("fundamentals.candidates_not_mapping", value=type(answer).__name__))
        names = {" ".join(n.split()).casefold(): n for n in self.decisions}
        for key, entry in answer.items():
            name = names.get(" ".join(str(key).split()).casefold())
            if name is None:
                raise InputError(
                    t(
                        "fundamentals.candidates_unknown_customer",
                        value=repr(key)[:60],
                        allowed=", ".join(self.decisions),
                    )
                )
            entry = entry if isinstance(entry, dict) else {"decision": entry}
            picked, given = entry.get("decision"), entry.get("reason")
            self.decisions[name].answer = checker.decision(picked, name) if picked else None
            self.reason_boxes[name].answer = checker.reason(given, name, self.reasons) if given else None


class StatementsExercise(ExerciseWidget):
    """One dropdown per statement: account management or key account management."""

    def _build_controls(self) -> W.Widget:
        self.items = checker.statement_items(self.exercise)
        sides = [(t("fundamentals.side_am") + " (AM)", "AM"), (t("fundamentals.side_kam") + " (KAM)", "KAM")]
        self.sides: dict[str, ChoiceDropdown] = {}
        rows = []
        for number, item in enumerate(self.items, start=1):
            dropdown = ChoiceDropdown(sides, layout=W.Layout(width="290px"))
            dropdown.observe(self._changed, names="value")
            self.sides[item["id"]] = dropdown
            label = W.HTML(f"<b>{number}.</b> {_esc(item['text'])}", layout=W.Layout(width="100%"))
            rows.append(W.HBox([label, dropdown], layout=W.Layout(justify_content="space-between", width="100%")))
        return W.VBox(rows, layout=W.Layout(max_width="900px"))

    def get_answer(self) -> dict[str, str | None]:
        return {sid: dropdown.answer for sid, dropdown in self.sides.items()}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            raise InputError(t("fundamentals.statements_not_mapping", value=type(answer).__name__))
        by_key = {}
        for item in self.items:
            by_key[" ".join(item["id"].split()).casefold()] = item["id"]
            by_key[" ".join(item["text"].split()).casefold()] = item["id"]
        for key, value in answer.items():
            sid = by_key.get(" ".join(str(key).split()).casefold())
            if sid is None:
                raise InputError(
                    t("fundamentals.statements_unknown", value=repr(key)[:60], allowed=", ".join(self.sides))
                )
            self.sides[sid].answer = checker.side(value, sid) if value else None


register("fundamentals.candidates", CandidatesExercise)
register("fundamentals.am_or_kam", StatementsExercise)
