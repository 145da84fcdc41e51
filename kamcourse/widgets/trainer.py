"""The trainer's widgets: collect the groups' workbooks and compare them; hand in a workbook.

Taught in trainer/guide.ipynb.

* :func:`compare_view` -- a folder box and **Collect**, then an exercise to pick and the view to
  project: a chart (spread of numbers, distribution of choices), the answers side by side,
  each group's status, where the groups agree and diverge; an overview of every exercise; and
  lesson 03's calibration on the groups' ratings. **Anonymise** shows Group A, B, C...
  (plain functions: :func:`kamcourse.trainer.compare.compare`, :mod:`kamcourse.plots.trainer`);
* :func:`hand_in` -- a trainee's one-click hand-in to the exchange folder
  (plain function: :func:`kamcourse.exchange.submit`).

The collecting and the handing in are done by :mod:`kamcourse.exchange` (``collect``,
``submit``), which reads hand-ins read-only; both can be replaced by a callable of the same
shape (tests, or another way of gathering workbooks).
"""

from __future__ import annotations

import html
import importlib
import os
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as W

from ..content import t
from ..errors import InputError
from ..plots import trainer as plots
from ..trainer import compare as core
from ._common import SettledButton, output, safely, show_error, show_figure, show_text

__all__ = ["CALIBRATION", "OVERVIEW", "CompareView", "HandIn", "compare_view", "hand_in"]

OVERVIEW = "__overview__"
CALIBRATION = "__calibration__"
VIEWS = ("chart", "answers", "status", "agreement")
#: With more groups than this, tables list one group per row instead of one per column.
COLUMNS_UP_TO = 12


def _exchange() -> Any:
    """:mod:`kamcourse.exchange`, imported when first needed."""
    try:
        return importlib.import_module("kamcourse.exchange")
    except ModuleNotFoundError:
        raise InputError(t("trainer.no_exchange")) from None


def _default_collect(folder: str | None) -> Any:
    return _exchange().collect(folder or None)


def _html_table(frame: Any, caption: str = "") -> dict[str, Any]:
    """A DataFrame as an Output item: escaped HTML (learner text never becomes markup) and plain text."""
    body = frame.to_html(escape=True, na_rep="", border=0, classes="kam-table")
    head = f"<p><b>{html.escape(caption)}</b></p>" if caption else ""
    markup = f'{head}<div style="max-height:520px;overflow:auto;font-size:14px">{body}</div>'
    plain = (caption + "\n" if caption else "") + frame.to_string(max_rows=60, max_cols=20)
    return {"output_type": "display_data", "data": {"text/html": markup, "text/plain": plain}, "metadata": {}}


def _show_tables(out: W.Output, *tables: tuple[Any, str]) -> None:
    out.outputs = tuple(_html_table(frame, caption) for frame, caption in tables)


def _problem_lines(problems: Any) -> list[str]:
    lines = []
    for problem in problems or ():
        message = getattr(problem, "message", None)
        lines.append(str(message if message is not None else problem))
    return lines


class CompareView(W.VBox):
    """Collect a folder of workbooks and compare the groups' answers (see the module's docstring)."""

    def __init__(
        self,
        workbooks: Mapping[str, Any] | None = None,
        *,
        folder: str | os.PathLike[str] | None = None,
        collect: Callable[[str | None], Any] | None = None,
        anonymise: bool = False,
        seed: int | None = None,
    ) -> None:
        self._collect = collect if collect is not None else _default_collect
        self._seed = seed
        self.room: core.Comparison | None = None
        self._skipped: list[str] = []
        start = str(folder) if folder is not None else os.environ.get("KAMCOURSE_EXCHANGE", "")
        self.folder = W.Text(
            value=start,
            description=t("trainer.w_folder"),
            placeholder=t("trainer.w_folder_hint"),
            layout=W.Layout(width="34em"),
            style={"description_width": "initial"},
        )
        self.collect_button = SettledButton(
            description=t("trainer.w_collect"),
            icon="download",
            button_style="primary",
            tooltip=t("trainer.w_collect_tooltip"),
        )
        self.anonymise = W.Checkbox(
            value=anonymise, description=t("trainer.w_anonymise"), indent=False, layout=W.Layout(width="auto")
        )
        self.pick = W.Dropdown(
            options=[(t("trainer.w_nothing"), OVERVIEW)],
            value=OVERVIEW,
            description=t("trainer.w_exercise"),
            layout=W.Layout(width="48em"),
            style={"description_width": "initial"},
        )
        self.view = W.ToggleButtons(
            options=[(t(f"trainer.w_view_{v}"), v) for v in VIEWS], value="chart", style={"button_width": "auto"}
        )
        self.message = output()
        self.problems = output()
        self.chart = output()
        self.chart2 = output()
        self.table = output()
        self.collect_button.on_click(lambda _b: self.collect())
        self.anonymise.observe(lambda _c: self._rebuild(), names="value")
        self.pick.observe(lambda _c: self.show(), names="value")
        self.view.observe(lambda _c: self.show(), names="value")
        super().__init__(
            [
                W.HTML(f"<h3>{html.escape(t('trainer.w_title'))}</h3>"),
                W.HBox([self.folder, self.collect_button, self.anonymise]),
                self.message,
                self.problems,
                W.HBox([self.pick]),
                self.view,
                self.chart,
                self.chart2,
                self.table,
            ]
        )
        if workbooks is not None:
            self.load(workbooks)
        else:
            self.show()

    # ------------------------------------------------------------------ input
    @safely("message")
    def collect(self) -> core.Comparison | None:
        """Collect the folder in the box (read-only) and show what was found."""
        result = self._collect(self.folder.value.strip() or None)
        workbooks = result.workbooks if hasattr(result, "workbooks") else result
        if not isinstance(workbooks, Mapping):
            raise InputError(t("trainer.bad_workbooks", type=type(workbooks).__name__))
        skipped = _problem_lines(getattr(result, "problems", ()))
        where = getattr(result, "folder", None) or self.folder.value.strip()
        return self._load(workbooks, skipped, where)

    @safely("message")
    def load(self, workbooks: Mapping[str, Any]) -> core.Comparison | None:
        """Compare ``workbooks`` (a mapping submitter -> workbook) given directly, without collecting."""
        return self._load(workbooks, [], "")

    def _load(self, workbooks: Mapping[str, Any], skipped: list[str], where: Any) -> core.Comparison:
        self._workbooks = workbooks
        self._skipped = skipped
        room = self._build()
        key = "trainer.w_collected" if where else "trainer.w_loaded"
        show_text(self.message, t(key, count=len(room), folder=where, skipped=len(skipped) + len(room.problems)))
        return room

    def _build(self) -> core.Comparison:
        room = core.compare(self._workbooks, anonymise=self.anonymise.value, seed=self._seed)
        self.room = room
        lines = self._skipped + list(room.problems)
        if lines:
            text = t("trainer.w_problems", count=len(lines)) + "\n" + "\n".join(f"- {line}" for line in lines)
            self.problems.outputs = (
                {
                    "output_type": "display_data",
                    "data": {
                        "text/plain": text,
                        "text/html": "<details><summary>"
                        + html.escape(t("trainer.w_problems", count=len(lines)))
                        + "</summary><ul>"
                        + "".join(f"<li>{html.escape(line)}</li>" for line in lines)
                        + "</ul></details>",
                    },
                    "metadata": {},
                },
            )
        else:
            self.problems.outputs = ()
        current = self.pick.value
        options = [(t("trainer.w_overview", groups=len(room)), OVERVIEW)]
        if room.state("sel.ratings_grid"):
            options.append((t("trainer.w_calibration"), CALIBRATION))
        for exercise_id in room.exercises():
            ex = room.exercise(exercise_id)
            options.append((t("trainer.w_option", title=ex.title, answered=ex.answered, groups=len(room)), exercise_id))
        values = [v for _, v in options]
        self.pick.unobserve_all("value")
        self.pick.options = options
        self.pick.value = current if current in values else OVERVIEW
        self.pick.observe(lambda _c: self.show(), names="value")
        self.show()
        return room

    @safely("message")
    def _rebuild(self) -> None:
        if getattr(self, "_workbooks", None) is not None:
            self._build()

    # ------------------------------------------------------------------ output
    @safely("table")
    def show(self) -> None:
        """Draw what the exercise picker and the view buttons ask for."""
        room = self.room
        if room is None:
            self.chart.outputs = ()
            show_text(self.table, t("trainer.w_start"))
            return
        choice = self.pick.value
        self.view.disabled = choice in (OVERVIEW, CALIBRATION)
        self.chart2.outputs = ()
        if choice == OVERVIEW:
            show_figure(self.chart, plots.status_chart(room))
            _show_tables(self.table, (room.overview(), ""))
        elif choice == CALIBRATION:
            self._show_calibration(room)
        else:
            self._show_exercise(room, room.exercise(choice))

    def _show_exercise(self, room: core.Comparison, ex: core.ExerciseComparison) -> None:
        wide = len(room) <= COLUMNS_UP_TO
        self.chart.outputs = ()
        if self.view.value == "chart":
            kinds = {f.kind for f in ex.facets if f.values}
            charts = []
            if "number" in kinds:
                charts.append(plots.spread_chart(ex))
            if kinds & {"choice", "list"}:
                charts.append(plots.choices_chart(ex))
            for out, figure in zip((self.chart, self.chart2), charts, strict=False):
                show_figure(out, figure)
            texts = ex.side_by_side().loc[[f.label for f in ex.facets if f.kind == "text"]]
            tables = [(ex.agreement().head(8), t("trainer.w_most_divergent"))]
            if not texts.empty:
                tables.append((texts if wide else texts.T, t("trainer.w_texts")))
            _show_tables(self.table, *tables)
        elif self.view.value == "answers":
            frame = ex.side_by_side()
            _show_tables(self.table, (frame if wide else frame.T, t("trainer.w_answers", title=ex.title)))
        elif self.view.value == "status":
            show_figure(self.chart, plots.status_chart(room, [ex.exercise_id]))
            _show_tables(self.table, (ex.status_table(), t("trainer.w_status", title=ex.title)))
        else:
            tables = [(ex.agreement(), t("trainer.w_agreement"))]
            if ex.problems:
                import pandas as pd

                tables.append((pd.DataFrame({t("trainer.w_problem_col"): list(ex.problems)}), ""))
            _show_tables(self.table, *tables)

    def _show_calibration(self, room: core.Comparison) -> None:
        try:
            calibration = room.calibration()
        except InputError as exc:
            self.chart.outputs = ()
            show_error(self.table, str(exc))
            return
        show_figure(self.chart, plots.calibration_chart(calibration))
        _show_tables(
            self.table,
            (calibration.by_criterion.round(2), t("trainer.w_by_criterion")),
            (calibration.disagreements.head(10).round(2), t("trainer.w_top_gaps")),
        )

    def key(self) -> dict[str, str]:
        """The names behind the letters when anonymised (for the trainer's eyes, not the projector)."""
        return self.room.key() if self.room is not None else {}


class HandIn(W.VBox):
    """A trainee's hand-in: name, exchange folder, one button (see :func:`kamcourse.exchange.submit`)."""

    def __init__(
        self,
        name: str | None = None,
        *,
        folder: str | os.PathLike[str] | None = None,
        submit: Callable[..., Any] | None = None,
    ) -> None:
        self._submit = submit
        self.name = W.Text(
            value=name if name is not None else _default_name(),
            description=t("trainer.w_name"),
            placeholder=t("trainer.w_name_hint"),
            style={"description_width": "initial"},
        )
        start = str(folder) if folder is not None else os.environ.get("KAMCOURSE_EXCHANGE", "")
        self.folder = W.Text(
            value=start,
            description=t("trainer.w_folder"),
            placeholder=t("trainer.w_folder_hint"),
            layout=W.Layout(width="34em"),
            style={"description_width": "initial"},
        )
        self.button = SettledButton(
            description=t("trainer.w_hand_in"),
            icon="upload",
            button_style="primary",
            tooltip=t("trainer.w_hand_in_tooltip"),
        )  # acts on the name just typed
        self.out = output()
        self.button.on_click(lambda _b: self.hand_in())
        super().__init__([W.HBox([self.name, self.folder]), self.button, self.out])

    @safely("out")
    def hand_in(self) -> Any:
        """Copy the workbook into the exchange folder and say where it went."""
        name = self.name.value.strip()
        if not name:  # never hand in under a name nobody chose (every laptop in a room may share a login)
            raise InputError(t("trainer.w_name_needed"))
        submit = self._submit if self._submit is not None else _exchange().submit
        receipt = submit(self.folder.value.strip() or None, name=name)
        show_text(self.out, str(getattr(receipt, "message", receipt)))
        return receipt


def _default_name() -> str:
    """The workbook's name (``group-3.json`` gives ``group-3``), else the login name (on a hub, the trainee)."""
    import getpass

    from .. import workbook

    stem = workbook.location().stem
    if stem != "workbook":
        return stem
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name known: the trainee types one
        return ""


def compare_view(
    workbooks: Mapping[str, Any] | None = None,
    *,
    folder: str | os.PathLike[str] | None = None,
    collect: Callable[[str | None], Any] | None = None,
    anonymise: bool = False,
    seed: int | None = None,
) -> CompareView:
    """The collect-and-compare view (see :class:`CompareView`)."""
    return CompareView(workbooks, folder=folder, collect=collect, anonymise=anonymise, seed=seed)


def hand_in(
    name: str | None = None, *, folder: str | os.PathLike[str] | None = None, submit: Callable[..., Any] | None = None
) -> HandIn:
    """A trainee's one-click hand-in (see :class:`HandIn`)."""
    return HandIn(name, folder=folder, submit=submit)
