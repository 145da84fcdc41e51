"""The plan as a whole: completeness and pitfalls, the plan on a page, the export panel, all parts.

Taught in notebooks/08_key_account_plan.ipynb.

Plain functions behind them:
:func:`kamcourse.planning.completeness`, :func:`kamcourse.planning.audit`,
:func:`kamcourse.plots.planning.plan_on_a_page` and :func:`kamcourse.planning.export`.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import time
from typing import Any

import ipywidgets as W

from ... import planning as P
from ...content import t
from ...errors import InputError
from ...plots import planning as plots
from ...workbook import Workbook
from .._common import SettledButton, answer_text, output, safely, show_error, show_figure, show_markdown
from . import editors as E
from ._binding import PlanBinding

__all__ = ["CompletenessView", "ExportPanel", "completeness_view", "export_panel", "plan_editor", "plan_on_a_page"]

MIME = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".html": "text/html",
}


def _esc(text: Any) -> str:
    return html.escape(str(text))


def _md(text: str) -> str:
    return html.escape(text).replace("*", "\\*").replace("_", "\\_").replace("|", "\\|")


class CompletenessView(W.VBox):
    """What the plan holds, lacks and contradicts, and the ten pitfalls answered from it."""

    def __init__(self, binding: PlanBinding) -> None:
        self.binding = binding
        self.output = output()
        self.refresh_button = W.Button(
            description=t("planning.w_refresh"), icon="refresh", layout=W.Layout(width="auto")
        )
        self.refresh_button.on_click(lambda _b: self.refresh(reload=True))
        super().__init__(
            [W.HTML(f"<h4>{_esc(t('planning.w_completeness_title'))}</h4>"), self.refresh_button, self.output],
            layout=W.Layout(max_width="1100px"),
        )
        binding.on_change(lambda _p: self.refresh())
        self.refresh()

    @safely("output")
    def refresh(self, reload: bool = False) -> None:
        """Show the completeness view and the audit (``reload``: read the saved plan again first)."""
        if reload and not self.binding.demo:
            self.binding.plan = P.load(self.binding.account, workbook=self.binding.workbook, start=self.binding.start)
        view = P.completeness(self.binding.plan)
        answers = P.audit(self.binding.plan)
        lines = [_md(view.text().splitlines()[0]), ""]
        for kind in ("missing", "inconsistent", "warning"):
            found = view.of_kind(kind)
            if found:
                lines += [f"**{_md(t('planning.cv_head_' + kind, count=len(found)))}**", ""]
                lines += [f"- {_md(f.text)}" for f in found] + [""]
        lines += [
            f"**{_md(t('planning.x_pitfalls_title'))}**",
            "",
            (
                f"| {_md(t('planning.col_pitfall'))} | {_md(t('planning.x_verdict'))} | "
                f"{_md(t('planning.x_evidence'))} | {_md(t('planning.x_advice'))} |"
            ),
            "|---|---|---|---|",
        ]
        lines += [
            f"| {_md(a.name)} | {_md(t('planning.verdict_' + a.verdict.replace(' ', '_')))} | {_md(a.evidence)} | "
            f"{_md(a.advice)} |"
            for a in answers
        ]
        plain = view.text() + "\n\n" + "\n".join(a.text() for a in answers)
        show_markdown(self.output, "\n".join(lines), plain=plain)


def completeness_view(
    binding: PlanBinding | None = None, *, plan: P.Plan | None = None, workbook: Workbook | None = None
) -> CompletenessView:
    """The completeness view and the pitfalls audit of the learner's plan (or of ``plan``)."""
    return CompletenessView(E.resolve(binding, plan=plan, workbook=workbook))


class ExportPanel(W.VBox):
    """A file name, one button per format, a progress message and a download link."""

    def __init__(self, binding: PlanBinding, *, name: str | None = None) -> None:
        self.binding = binding
        stem = name or binding.account.split()[0].casefold() + "_plan"
        self.name = answer_text(
            multiline=False,
            value=stem,
            description=t("planning.w_file_name"),
            style={"description_width": "90px"},
            layout=W.Layout(width="360px"),
        )
        self.buttons = {
            suffix: SettledButton(
                description=t(f"planning.w_export{suffix.replace('.', '_')}"),
                icon="download",
                layout=W.Layout(width="auto"),
            )
            for suffix in P.FORMATS
        }
        for suffix, button in self.buttons.items():
            button.on_click(lambda _b, s=suffix: self.export(s))
        self.status = W.HTML()
        self.link = W.HTML()
        self.message = output()
        self.written: dict[str, Any] = {}
        super().__init__(
            [
                W.HTML(
                    f"<h4>{_esc(t('planning.w_export_title'))}</h4><p>"
                    f"{_esc(t('planning.w_export_intro', folder=P.export_folder()))}</p>"
                ),
                self.name,
                W.HBox(list(self.buttons.values())),
                self.status,
                self.link,
                self.message,
            ],
            layout=W.Layout(max_width="950px"),
        )

    def export(self, suffix: str, folder: str | None = None) -> Any:
        """Write the plan as ``suffix`` (.docx, .xlsx, .html); offer it for download. None when refused."""
        file_name = (self.name.value or "plan").strip()
        target = f"{folder}/{file_name}{suffix}" if folder else f"{file_name}{suffix}"
        self.message.outputs = ()
        self.link.value = ""
        self.status.value = f"<i>{_esc(t('planning.w_exporting', file=file_name + suffix))}</i>"
        for button in self.buttons.values():
            button.disabled = True
        start = time.perf_counter()
        try:
            if "/" in file_name or "\\" in file_name:
                raise InputError(t("planning.w_bad_file_name", value=file_name))
            if not self.binding.demo:
                self.binding.plan = P.load(
                    self.binding.account, workbook=self.binding.workbook, start=self.binding.start
                )
            path = P.export(self.binding.plan, target)
        except InputError as exc:
            self.status.value = ""
            show_error(self.message, str(exc))
            return None
        finally:
            for button in self.buttons.values():
                button.disabled = False
        seconds = time.perf_counter() - start
        data = path.read_bytes()
        mime = MIME.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        href = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        self.status.value = _esc(
            t("planning.w_exported", path=path, size=f"{len(data) / 1024:.0f}", seconds=f"{seconds:.1f}")
        )
        self.link.value = (
            f'<a class="kam-download" download="{_esc(path.name)}" href="{href}">'
            f"\u2b07 {_esc(t('planning.w_download', file=path.name))}</a>"
        )
        self.written[suffix] = path
        return path


def export_panel(
    binding: PlanBinding | None = None,
    *,
    plan: P.Plan | None = None,
    workbook: Workbook | None = None,
    name: str | None = None,
) -> ExportPanel:
    """The export panel for the learner's plan (or ``plan``): Word, Excel, HTML, with a download link."""
    return ExportPanel(E.resolve(binding, plan=plan, workbook=workbook), name=name)


class _PageView(W.VBox):
    def __init__(self, binding: PlanBinding) -> None:
        self.binding = binding
        self.output = output()
        super().__init__([self.output])
        binding.on_change(lambda _p: self.redraw())
        self.redraw()

    @safely("output")
    def redraw(self) -> None:
        show_figure(self.output, plots.plan_on_a_page(self.binding.plan), t("planning.w_page_caption"))


def plan_on_a_page(
    binding: PlanBinding | None = None, *, plan: P.Plan | None = None, workbook: Workbook | None = None
) -> W.VBox:
    """The plan on a page, redrawn after every change made through the same binding."""
    return _PageView(E.resolve(binding, plan=plan, workbook=workbook))


def plan_editor(
    binding: PlanBinding | None = None, *, plan: P.Plan | None = None, workbook: Workbook | None = None
) -> W.Tab:
    """Every part of the plan in one set of tabs, sharing one binding (lesson 08)."""
    b = E.resolve(binding, plan=plan, workbook=workbook)
    parts = [
        (t("planning.w_tab_database"), E.database_editor(b)),
        (t("planning.w_tab_analysis"), E.analysis_editor(b)),
        (t("planning.w_tab_position"), E.position_view(b)),
        (t("planning.w_tab_strategy"), E.strategy_editor(b)),
        (t("planning.w_tab_objectives"), E.objectives_editor(b)),
        (t("planning.w_tab_opportunities"), E.opportunities_editor(b)),
        (t("planning.w_tab_stakeholders"), E.stakeholders_editor(b)),
        (t("planning.w_tab_actions"), E.actions_editor(b)),
        (t("planning.w_tab_review"), E.review_editor(b)),
        (t("planning.w_tab_check"), CompletenessView(b)),
        (t("planning.w_tab_export"), ExportPanel(b)),
    ]
    tabs = W.Tab(children=[w for _n, w in parts], titles=[n for n, _w in parts])
    tabs.binding = b
    tabs.parts = dict(parts)
    return tabs
