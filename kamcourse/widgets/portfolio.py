"""Widgets of the portfolio matrix: CSF editor, matrix view, days allocation, account loader.

Taught in notebooks/04_portfolio_matrix.ipynb.

* :func:`csf_editor` -- the customer's critical success factors at one account: weights
  (total 100, refused while it is not) and 0-10 ratings for us and each named competitor,
  giving our score, the best competitor and the relative strength in words
  (plain function: :func:`kamcourse.portfolio.compare_suppliers`);
* :func:`view` -- the bubble matrix with sliders for the two cuts, a "cut at the
  portfolio medians" toggle and the summary per category
  (plain functions: :func:`kamcourse.plots.portfolio.portfolio_matrix`,
  :func:`kamcourse.portfolio.summary`);
* :func:`allocation` -- a budget of key account manager days split across the categories
  (plain function: :func:`kamcourse.portfolio.allocate_days`);
* :func:`account_loader` -- upload a CSV or XLSX account list, see its table and matrix
  (plain function: :func:`kamcourse.io.read_accounts`).

Every input a person changes is saved to the workbook
(:meth:`~kamcourse.workbook.Workbook.set_state`) and restored when the widget is built again;
building a widget writes nothing. ``demo=True`` builds a demonstration copy bound to a
throwaway workbook (:func:`kamcourse.widgets._common.bound_workbook`): it starts from the case
values and never touches what the learner saved, so a notebook cell can drive it from code.
The module also registers the exercise widgets of kinds ``portfolio.strength``,
``portfolio.classify`` and ``portfolio.allocation`` (exercise ids and workbook state keys keep
their ``port.`` prefix, so saved workbooks load).
"""

from __future__ import annotations

import html
import math
import tempfile
from pathlib import Path
from typing import Any

import ipywidgets as W
import pandas as pd

from .. import io as kio
from .. import portfolio, selection
from ..values import display_text, short_repr, to_float
from ..checkers import portfolio as portfolio_checkers
from ..content import t
from ..errors import InputError
from ..plots import portfolio as plots
from ..workbook import Workbook
from ._common import (
    ChoiceDropdown,
    answer_text,
    bound_workbook,
    md,
    note,
    output,
    safely,
    save_state,
    show_error,
    show_markdown,
    show_png,
    show_text,
)
from .exercises import ExerciseWidget, NumberExercise, register

__all__ = [
    "CsfEditor", "PortfolioView", "AllocationControl", "AccountLoader",
    "csf_editor", "view", "allocation", "days_table", "account_loader", "case_table", "programme_counts",
    "ClassifyExercise", "AllocationExercise",
]

#: Largest upload accepted, in bytes.
MAX_UPLOAD_BYTES = 20_000_000
DEFAULT_ACCOUNT = "Orvale Foods"


def _esc(text: Any) -> str:
    return html.escape(str(text))


def case_table() -> pd.DataFrame:
    """The case portfolio: one row per account with segment, spend, attractiveness, strength."""
    from ..selection import case_portfolio

    return case_portfolio().table()


def programme_counts() -> dict[str, int]:
    """Key accounts per category (default cuts) in Vellmar's programme today: the twelve
    accounts its three key account managers serve (``content/case/organisation.yaml``)."""
    from ..selection import case_portfolio

    case = case_portfolio()
    table = case.table().loc[list(case.programme)]
    summary = portfolio.summary(table["attractiveness"], table["strength"])
    return {str(c): int(n) for c, n in summary["accounts"].items()}


def _markdown_table(frame: pd.DataFrame) -> str:
    """``frame`` as a Markdown table whose every cell is text: a name that is a Markdown image, a
    link, HTML or holds a ``|`` is shown as written, never loaded or rendered (issue 9)."""
    cols = [md(c) for c in frame.columns]
    head = "| " + " | ".join([md(frame.index.name or "")] + cols) + " |"
    rule = "|" + "---|" * (len(cols) + 1)
    rows = ["| " + " | ".join([md(i)] + [md(v) for v in row]) + " |" for i, row in zip(frame.index, frame.to_numpy(),
                                                                                       strict=False)]
    return "\n".join([head, rule, *rows])


# --------------------------------------------------------------------------- CSF editor
class CsfEditor(W.VBox):
    """Weights and ratings of the customer's CSFs at one account, with the strength readout."""

    def __init__(self, account: str = DEFAULT_ACCOUNT, *, weights: pd.Series | None = None,
                 ratings: pd.DataFrame | None = None, us: str | None = None,
                 workbook: Workbook | None = None, state_key: str | None = None, demo: bool = False) -> None:
        if weights is None or ratings is None or us is None:
            weights, ratings, us = portfolio.case_csf(account)
        self.account = account
        self.us = us
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.state_key = state_key or f"port.csf_editor.{account}"
        self.factors = [str(c) for c in weights.index]
        self.suppliers = [str(s) for s in ratings.index]
        self._restoring = True
        self.weights: dict[str, W.BoundedIntText] = {}
        self.ratings: dict[str, dict[str, W.BoundedFloatText]] = {s: {} for s in self.suppliers}
        cells: list[W.Widget] = [W.HTML(f"<b>{_esc(t('portfolio.csf_factor'))}</b>"),
                                 W.HTML(f"<b>{_esc(t('portfolio.csf_weight'))}</b>")]
        cells += [W.HTML(f"<b>{_esc(s)}</b>") for s in self.suppliers]
        small = W.Layout(width="90px")
        for factor in self.factors:
            cells.append(W.Label(factor))
            box = W.BoundedIntText(value=int(round(float(weights[factor]))), min=0, max=100, layout=small)
            box.observe(self._changed, names="value")
            self.weights[factor] = box
            cells.append(box)
            for supplier in self.suppliers:
                rating = W.BoundedFloatText(value=float(ratings.loc[supplier, factor]), min=0, max=10, step=0.5,
                                            layout=small)
                rating.observe(self._changed, names="value")
                self.ratings[supplier][factor] = rating
                cells.append(rating)
        grid = W.GridBox(cells, layout=W.Layout(
            grid_template_columns=f"220px 100px repeat({len(self.suppliers)}, 150px)", grid_gap="4px"))
        self.total = W.HTML()
        self.output = output(min_height="3em")
        self.result: portfolio.SupplierComparison | None = None
        super().__init__([
            W.HTML(f"<h4>{_esc(t('portfolio.csf_title', account=account))}</h4>"
                   f"<p>{_esc(t('portfolio.csf_intro'))}</p>"),
            grid, self.total, self.output,
        ], layout=W.Layout(max_width="900px"))
        self._restore()
        self._restoring = False
        self.update()

    def _restore(self) -> None:
        saved = self.workbook.get_state(self.state_key)
        if not isinstance(saved, dict):
            return
        weights, ratings = saved.get("weights"), saved.get("ratings")
        for factor, value in (weights.items() if isinstance(weights, dict) else ()):
            number = to_float(value)
            if factor in self.weights and number is not None and 0 <= number <= 100:
                self.weights[factor].value = int(number)
        for supplier, row in (ratings.items() if isinstance(ratings, dict) else ()):
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

    def _changed(self, _change: Any = None) -> None:
        if self._restoring:
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
        if not total.ok:
            self.result = None
            show_error(self.output, total.problem)
            return None
        ratings = pd.DataFrame(state["ratings"]).T[self.factors]
        result = portfolio.compare_suppliers(pd.Series(state["weights"], dtype=float), ratings, self.us)
        self.result = result
        scores = ", ".join(f"{s} {v:g}" for s, v in result.scores.items())
        text = t("portfolio.csf_result", scores=scores, readout=result.readout)
        show_markdown(self.output,
                      f"**{_esc(result.readout)}**\n\n{_esc(t('portfolio.csf_result', scores=scores, readout=''))}",
                      plain=text)
        return result


def csf_editor(account: str = DEFAULT_ACCOUNT, *, workbook: Workbook | None = None, demo: bool = False) -> CsfEditor:
    """The CSF editor for one case account (default Orvale Foods). ``demo=True``: a
    demonstration copy that starts from the case and saves nothing."""
    return CsfEditor(account, workbook=workbook, demo=demo)


# --------------------------------------------------------------------------- portfolio view
class PortfolioView(W.VBox):
    """The portfolio matrix with its two cuts as sliders, a median toggle and the summary."""

    def __init__(self, table: pd.DataFrame | None = None, *, workbook: Workbook | None = None,
                 state_key: str = "port.portfolio_view", title: str | None = None, demo: bool = False) -> None:
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
        self.a_slider = W.FloatSlider(value=portfolio.DEFAULT_ATTRACTIVENESS_CUT, min=0, max=1000, step=5,
                                      description=t("portfolio.view_a_cut"), continuous_update=False,
                                      style={"description_width": "140px"}, layout=W.Layout(width="420px"))
        self.s_slider = W.FloatSlider(value=portfolio.DEFAULT_STRENGTH_CUT, min=0.3, max=s_max, step=0.01,
                                      readout_format=".2f", description=t("portfolio.view_s_cut"),
                                      continuous_update=False, style={"description_width": "140px"},
                                      layout=W.Layout(width="420px"))
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
            if (a_cut is not None and s_cut is not None and self.a_slider.min <= a_cut <= self.a_slider.max
                    and self.s_slider.min <= s_cut <= self.s_slider.max):
                self._manual = (a_cut, s_cut)
                self.a_slider.value, self.s_slider.value = self._manual
                self.median.value = saved.get("median") is True
        for control in (self.a_slider, self.s_slider, self.median):
            control.observe(self._changed, names="value")
        self._quiet = False
        header = [W.HTML(f"<h4>{_esc(title or t('portfolio.view_title'))}</h4>")]
        super().__init__(header + [W.HBox([self.a_slider, self.s_slider]), self.median, self.chart,
                                   self.summary_out], layout=W.Layout(max_width="1000px"))
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
        problem = save_state(self.workbook, self.state_key, {"attractiveness_cut": self._manual[0],
                                                             "strength_cut": self._manual[1],
                                                             "median": bool(self.median.value)})
        self.redraw()
        note(self.summary_out, problem)

    def caption(self) -> str:
        """The text written under the chart: the cuts in use and the accounts per category."""
        counts = ", ".join(f"{portfolio.category_label(c)} {int(n)}" for c, n in self.summary["accounts"].items())
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
            self._matrix = plots.LiveMatrix(a, s, spend, attractiveness_cut=a_cut, strength_cut=s_cut,
                                            title=self.title)
        else:
            self._matrix.update(a_cut, s_cut)
        show_png(self.chart, self._matrix.png(), self.caption())
        shares = self.summary["share_of_accounts"].map("{:.0%}".format)
        shown = pd.DataFrame({t("portfolio.col_accounts"): self.summary["accounts"],
                              t("portfolio.col_share_accounts"): shares})
        if "spend" in self.summary.columns:
            shown[t("portfolio.col_spend")] = self.summary["spend"].map("{:,.0f}".format)
            shown[t("portfolio.col_share_spend")] = self.summary["share_of_spend"].map("{:.0%}".format)
        shown[t("portfolio.col_strategy")] = self.summary["strategy"]
        shown.index = pd.Index([portfolio.category_label(c) for c in shown.index], name=t("portfolio.col_category"))
        show_markdown(self.summary_out, f"**{t('portfolio.view_table_caption')}**\n\n{_markdown_table(shown)}",
                      plain=shown.to_string())


def view(table: pd.DataFrame | None = None, *, workbook: Workbook | None = None,
                   demo: bool = False) -> PortfolioView:
    """The portfolio view of the case portfolio (or of ``table``: attractiveness, strength, spend).
    ``demo=True``: a demonstration copy that starts from the default cuts and saves nothing."""
    return PortfolioView(table, workbook=workbook, demo=demo)


# --------------------------------------------------------------------------- allocation
DEFAULT_WEIGHTS = {"Strategic": 50.0, "Star": 25.0, "Status": 20.0, "Streamline": 5.0}


class AllocationControl(W.VBox):
    """A budget of key account manager days split across the categories by weights."""

    def __init__(self, total_days: float = 400, *, accounts: dict[str, int] | None = None,
                 weights: dict[str, float] | None = None, workbook: Workbook | None = None,
                 state_key: str = "port.allocation", demo: bool = False) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.state_key = state_key
        if accounts is None:
            accounts = programme_counts()
        self.accounts = accounts
        if weights is not None:  # checked as allocate_days checks them, before any box shows them
            portfolio.allocate_days(0, weights)
        if weights is None:  # a category without accounts gets no days
            weights = {c: (w if accounts.get(c, 0) else 0.0) for c, w in DEFAULT_WEIGHTS.items()}
        weights = dict(weights)
        budget = to_float(total_days)
        if budget is None or not math.isfinite(budget):
            raise InputError(t("portfolio.days_bad", value=total_days, limit=f"{portfolio.MAX_DAYS:,.0f}"))
        saved = self.workbook.get_state(self.state_key)
        if isinstance(saved, dict):  # what was saved, as far as it is numbers a box can show
            saved_budget = to_float(saved.get("total_days"))
            if saved_budget is not None and math.isfinite(saved_budget):
                budget = saved_budget
            if isinstance(saved.get("weights"), dict):
                weights.update({k: v for k, v in saved["weights"].items() if k in portfolio.CATEGORIES
                                and _box_number(v) is not None})
        shown = {c: _box_number(weights.get(c, 0.0)) for c in portfolio.CATEGORIES}
        style = {"description_width": "140px"}
        self.budget = W.FloatText(value=budget, description=t("portfolio.alloc_budget"), style=style,
                                  layout=W.Layout(width="260px"))
        self.weights = {c: W.FloatText(value=shown[c] if shown[c] is not None else 0.0,
                                       description=f"{portfolio.category_label(c)} ({accounts.get(c, 0)})",
                                       style=style, layout=W.Layout(width="260px"))
                        for c in portfolio.CATEGORIES}
        for control in (self.budget, *self.weights.values()):
            control.observe(self._changed, names="value")
        self.output = output()
        self.result: pd.DataFrame | None = None
        super().__init__([W.HTML(f"<h4>{_esc(t('portfolio.alloc_title'))}</h4><p>{_esc(t('portfolio.alloc_intro'))}</p>"),
                          self.budget, *self.weights.values(), self.output], layout=W.Layout(max_width="900px"))
        self.update()

    def state(self) -> dict[str, Any]:
        return {"total_days": float(self.budget.value), "weights": {c: float(w.value) for c, w in self.weights.items()}}

    def _changed(self, _change: Any = None) -> None:
        problem = save_state(self.workbook, self.state_key, self.state())
        self.update()
        note(self.output, problem)

    @safely("output")
    def update(self) -> pd.DataFrame | None:
        """Allocate the days; show the table, or a message when the inputs are refused."""
        state = self.state()
        self.result = None
        table = portfolio.allocate_days(state["total_days"], state["weights"], accounts=self.accounts)
        self.result = table
        label = portfolio.category_label
        shown = days_table(table)
        problems = portfolio.intensity_problems(table["days"].to_dict(), self.accounts)
        if problems:
            note = t("portfolio.alloc_intensity_warn", detail=" ".join(p.text for p in problems))
        elif self.accounts.get("Streamline", 0):
            note = t("portfolio.alloc_intensity_ok")
        else:
            note = t("portfolio.alloc_intensity_ok_no_streamline")
        head = t("portfolio.alloc_summary", total=state["total_days"],
                 parts=", ".join(f"{label(c)} {d:.1f}" for c, d in table["days"].items()))
        show_markdown(self.output, f"{_esc(head)}\n\n{_markdown_table(shown)}\n\n{_esc(note)}",
                      plain=f"{head}\n{shown.to_string()}\n{note}")
        return table


def days_table(table: pd.DataFrame) -> pd.DataFrame:
    """A table of :func:`kamcourse.portfolio.allocate_days` as a learner reads it: category names
    and strategies in words, days to one decimal, and "no account in this category" instead of a
    missing value."""
    if not isinstance(table, pd.DataFrame) or not {"weight", "share", "days"} <= set(table.columns):
        raise InputError(t("portfolio.alloc_table_bad", type=type(table).__name__))
    shown = pd.DataFrame({
        t("portfolio.col_weight"): table["weight"].map("{:g}".format),
        t("portfolio.col_share"): table["share"].map("{:.0%}".format),
        t("portfolio.col_days"): table["days"].map("{:.1f}".format),
    })
    if "accounts" in table.columns:
        shown[t("portfolio.col_accounts")] = table["accounts"].astype(int)
        shown[t("portfolio.col_days_per_account")] = [
            t("portfolio.alloc_no_accounts") if not n else f"{d / n:.1f}"
            for d, n in zip(table["days"], table["accounts"], strict=False)
        ]
    shown[t("portfolio.col_strategy")] = [portfolio.STRATEGIES[str(c)] for c in table.index]
    shown.index = pd.Index([portfolio.category_label(str(c)) for c in table.index], name=t("portfolio.col_category"))
    return shown


def allocation(total_days: float = 400, *, workbook: Workbook | None = None, demo: bool = False) -> AllocationControl:
    """The allocation control for the key accounts of Vellmar's programme today (categories at
    the default cuts, see :func:`programme_counts`), ``total_days`` to share.
    ``demo=True``: a demonstration copy that starts from the default split and saves nothing."""
    return AllocationControl(total_days, workbook=workbook, demo=demo)


# --------------------------------------------------------------------------- file loader
def read_upload(name: str, content: bytes) -> pd.DataFrame:
    """Read uploaded bytes as an account list (read once, from a temporary copy).

    Numeric columns among ``attractiveness``, ``strength`` and ``spend`` are read as numbers
    (every row must hold one). Messages name the uploaded file as the learner named it; the
    temporary copy has a short safe name (an uploaded name of 300 bytes, with a NUL or a broken
    character, or with folders in it, never reaches the file system). Raises
    :class:`InputError` naming the file, row and column.
    """
    if not isinstance(name, str):
        raise InputError(t("portfolio.loader_no_name"))
    if not isinstance(content, (bytes, bytearray, memoryview)):
        raise InputError(t("portfolio.loader_not_bytes", type=type(content).__name__))
    base = " ".join(name.replace("\\", "/").rpartition("/")[2].split())
    if not base:
        raise InputError(t("portfolio.loader_no_name"))
    shown = display_text(base if len(base) <= 120 else base[:100] + "\u2026" + base[-19:])
    if len(content) > MAX_UPLOAD_BYTES:
        raise InputError(t("portfolio.loader_too_big", file=shown, size=len(content), limit=MAX_UPLOAD_BYTES))
    ext = base.rpartition(".")[2].lower() if "." in base else ""
    if f".{ext}" not in kio.SUPPORTED_EXTENSIONS:
        raise InputError(t("io.extension", file=shown, ext=f".{ext}" if ext else "(none)"))
    with tempfile.TemporaryDirectory(prefix="kamcourse-upload-") as folder:
        path = Path(folder) / f"upload.{ext}"
        path.write_bytes(bytes(content))
        return kio.read_accounts(path, display_name=shown)  # attractiveness, strength, spend: numbers by default


class AccountLoader(W.VBox):
    """Upload a .csv or .xlsx account list; see its table and, when it has the columns, its matrix.

    A file that cannot be used leaves a message naming the file, row and column, and the
    previously loaded list stays.
    """

    def __init__(self, *, workbook: Workbook | None = None, state_key: str = "port.loader", demo: bool = False) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.state_key = state_key
        self.upload = W.FileUpload(accept=".csv,.xlsx", multiple=False, description=t("portfolio.loader_button"))
        self.upload.observe(self._uploaded, names="value")
        self.message = output()
        self.table_out = output()
        self.view_box = W.VBox([])
        self.view: PortfolioView | None = None
        self.data: pd.DataFrame | None = None
        self.file: str | None = None
        super().__init__([W.HTML(f"<h4>{_esc(t('portfolio.loader_title'))}</h4><p>{_esc(t('portfolio.loader_intro'))}</p>"),
                          self.upload, self.message, self.table_out, self.view_box],
                         layout=W.Layout(max_width="1000px"))
        self._restore()

    def _restore(self) -> None:
        saved = self.workbook.get_state(self.state_key)
        if isinstance(saved, dict) and isinstance(saved.get("frame"), dict):
            try:
                frame = pd.DataFrame(**saved["frame"]).set_index(saved.get("index_name", "account"))
                self._show(frame, str(saved.get("file", "?")))
                show_text(self.message, t("portfolio.loader_restored", file=self.file, count=len(frame)))
                return
            except (InputError, KeyError, TypeError, ValueError):
                pass
        show_text(self.message, t("portfolio.loader_none"))

    def _uploaded(self, change: Any) -> None:
        files = change.get("new") or ()
        if not files:
            return
        item = files[-1]
        self.load_bytes(item.get("name", ""), bytes(item.get("content", b"")))

    def _kept(self) -> str:
        if self.data is None:
            return t("portfolio.loader_kept_none")
        return t("portfolio.loader_kept", file=self.file, count=len(self.data))

    def load_bytes(self, name: str, content: bytes) -> pd.DataFrame | None:
        """Load an account list from bytes (as the upload button does). None when refused."""
        try:
            frame = read_upload(name, content)
            self._show(frame, display_text(name.replace("\\", "/").rpartition("/")[2]))
        except InputError as exc:
            show_error(self.message, f"{exc} {self._kept()}")
            return None
        show_text(self.message, t("portfolio.loader_loaded", file=self.file, count=len(frame)))
        note(self.message, save_state(self.workbook, self.state_key, {
            "file": self.file, "index_name": frame.index.name or "account",
            "frame": frame.reset_index().to_dict(orient="split", index=False),
        }))
        return frame

    def load_path(self, path: str | Path) -> pd.DataFrame | None:
        """Load an account list from a file on disk."""
        try:
            p = kio.check_path(path)
            if p.stat().st_size > MAX_UPLOAD_BYTES:
                raise InputError(t("portfolio.loader_too_big", file=p.name, size=p.stat().st_size,
                                   limit=MAX_UPLOAD_BYTES))
            content = p.read_bytes()
        except InputError as exc:
            show_error(self.message, f"{exc} {self._kept()}")
            return None
        except OSError as exc:
            name = p.name
            if isinstance(exc, FileNotFoundError):
                problem = t("io.file_missing", file=name)
            elif isinstance(exc, IsADirectoryError):
                problem = t("io.not_a_file", file=name)
            else:
                problem = t("io.file_unreadable", file=name, reason=exc.strerror or exc)
            show_error(self.message, f"{problem} {self._kept()}")
            return None
        return self.load_bytes(p.name, content)

    def _show(self, frame: pd.DataFrame, file: str) -> None:
        """Build everything for ``frame`` first; replace what is shown only when all of it works."""
        view = None
        if {"attractiveness", "strength"} <= set(frame.columns):
            view = PortfolioView(frame, workbook=self.workbook, state_key=self.state_key + ".view",
                                 title=t("portfolio.matrix_title") + f" \u2014 {file}")
            remark = ""
        else:
            remark = t("portfolio.loader_no_matrix", found=", ".join(map(str, frame.columns)) or "-")
        self.data, self.file, self.view = frame, file, view
        body = _markdown_table(frame.head(50))
        show_markdown(self.table_out, body + (f"\n\n{md(remark)}" if remark else ""),
                      plain=frame.head(50).to_string() + (f"\n{remark}" if remark else ""))
        self.view_box.children = [view] if view is not None else []


def account_loader(*, workbook: Workbook | None = None, demo: bool = False) -> AccountLoader:
    """The upload widget for the learner's own account list. ``demo=True``: a demonstration
    copy that starts empty and saves nothing."""
    return AccountLoader(workbook=workbook, demo=demo)


# --------------------------------------------------------------------------- exercises
class ClassifyExercise(ExerciseWidget):
    """One dropdown of the four categories per account, the account's pair in its label."""

    def _build_controls(self) -> W.Widget:
        self.items = portfolio_checkers.classify_items(self.exercise)
        choices = [(portfolio.category_label(c), c) for c in portfolio.CATEGORIES]
        self.dropdowns: dict[str, ChoiceDropdown] = {}
        rows = []
        for item in self.items:
            dropdown = ChoiceDropdown(choices, layout=W.Layout(width="180px"))
            dropdown.observe(self._changed, names="value")
            self.dropdowns[item["account"]] = dropdown
            label = W.HTML(_esc(t("portfolio.ex_account_values", **{k: item[k] for k in ("account", "attractiveness",
                                                                                         "strength")})),
                           layout=W.Layout(width="100%"))
            rows.append(W.HBox([label, dropdown], layout=W.Layout(justify_content="space-between", width="100%")))
        return W.VBox(rows, layout=W.Layout(max_width="760px"))

    def get_answer(self) -> dict[str, str | None]:
        return {name: d.answer for name, d in self.dropdowns.items()}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            raise InputError(t("portfolio.classify_not_mapping", value=type(answer).__name__))
        for key, value in answer.items():
            if key not in self.dropdowns:
                raise InputError(t("portfolio.classify_unknown_account", value=key, allowed=", ".join(self.dropdowns)))
            self.dropdowns[key].answer = None if value is None else portfolio_checkers.category_of(value, key)


class AllocationExercise(ExerciseWidget):
    """One box of days per category, a running total and a justification."""

    def _build_controls(self) -> W.Widget:
        self.budget = float(self.exercise.key["budget"])
        counts = portfolio_checkers.allocation_accounts(self.exercise)
        style = {"description_width": "160px"}
        self.days = {c: answer_text(multiline=False, value="", placeholder="0", style=style,
                                    description=f"{portfolio.category_label(c)} ({counts[c]})",
                                    layout=W.Layout(width="280px"))
                     for c in portfolio.CATEGORIES}
        self.why = answer_text(placeholder=t("portfolio.ex_why"), layout=W.Layout(width="100%", max_width="760px",
                                                                                  height="6em"))
        self.total = W.HTML()
        for control in (*self.days.values(), self.why):
            control.observe(self._changed, names="value")
            control.observe(self._show_total, names="value")
        self._show_total()
        return W.VBox([*self.days.values(), self.total, self.why])

    def _show_total(self, _change: Any = None) -> None:
        total = 0.0
        for box in self.days.values():
            text = box.value.strip()
            if not text:
                continue
            value = portfolio_checkers.number(text)
            if value is None:
                self.total.value = _esc(t("portfolio.ex_total_unreadable", value=text))
                return
            total += value
        self.total.value = _esc(t("portfolio.ex_total", total=total, budget=self.budget))

    def get_answer(self) -> dict[str, Any]:
        return {"days": {c: (b.value.strip() or None) for c, b in self.days.items()}, "why": self.why.value}

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, dict) or not isinstance(answer.get("days") or {}, dict):
            raise InputError(t("portfolio.alloc_not_mapping", value=type(answer).__name__))
        texts = {}
        for category, value in (answer.get("days") or {}).items():  # every value read first
            if category not in self.days:
                raise InputError(t("portfolio.alloc_category", category=category,
                                   allowed=", ".join(portfolio.CATEGORIES)))
            texts[category] = _days_text(value)
        for category, text in texts.items():
            self.days[category].value = text
        self.why.value = str(answer.get("why") or "")


def _box_number(value: Any) -> float | None:
    """``value`` as a number box can show it: a finite float, or None."""
    number = to_float(value)
    return number if number is not None and math.isfinite(number) else None


def _days_text(value: Any) -> str:
    """A saved number of days as its box shows it; what is not a finite number is shown as it is
    (quoted), for the checker to name."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    number = to_float(value) if not isinstance(value, bool) else None
    return f"{number:g}" if number is not None and math.isfinite(number) else short_repr(value)


register("portfolio.strength", NumberExercise)
register("portfolio.classify", ClassifyExercise)
register("portfolio.allocation", AllocationExercise)
