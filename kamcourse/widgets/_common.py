"""Shared pieces of the widgets: writing into an Output, safe callbacks, feedback display.

Used by every widget module of :mod:`kamcourse.widgets`.

Widgets never ``print``: they replace the ``outputs`` of an :class:`ipywidgets.Output`,
which renders in JupyterLab and can be read back in tests without a browser.
"""

from __future__ import annotations

import asyncio
import functools
import html
import io
import logging
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as W

from ..checks import Feedback
from ..content import t
from ..errors import InputError
from ..values import display_text, markdown_text
from ..workbook import Workbook, scratch

__all__ = [
    "show_text",
    "show_markdown",
    "show_feedback",
    "show_error",
    "show_figure",
    "show_png",
    "safely",
    "output",
    "ChoiceDropdown",
    "bound_workbook",
    "md",
    "save_state",
    "note",
    "answer_text",
    "mark_stale",
    "SettledButton",
    "SETTLE_S",
]

log = logging.getLogger("kamcourse.widgets")
F = TypeVar("F", bound=Callable[..., Any])


def output(**layout: Any) -> W.Output:
    """A fresh Output widget."""
    return W.Output(layout=W.Layout(**layout)) if layout else W.Output()


def _bundle(plain: str, markdown: str | None = None, html_text: str | None = None) -> dict[str, Any]:
    """One output. Every text goes through :func:`display_text`: a lone surrogate in learner text
    (half an emoji) would make the kernel fail to send the message to the browser."""
    data: dict[str, Any] = {"text/plain": display_text(plain)}
    if markdown is not None:
        data["text/markdown"] = display_text(markdown)
    if html_text is not None:
        data["text/html"] = display_text(html_text)
    return {"output_type": "display_data", "data": data, "metadata": {}}


def _html(text: Any) -> str:
    """Learner or message text as HTML text (escaped, broken characters replaced)."""
    return html.escape(display_text(str(text)))


def md(text: Any) -> str:
    """Learner text (an account or criterion name, a file name) to put inside Markdown: shown
    literally, never as an image, a link, emphasis, HTML or a table cell break."""
    return markdown_text(text)


def show_text(out: W.Output, text: str) -> None:
    """Replace what ``out`` shows with plain ``text``."""
    out.outputs = (_bundle(text),)


def show_markdown(out: W.Output, markdown: str, plain: str | None = None) -> None:
    """Replace what ``out`` shows with ``markdown`` (``plain`` is the text fallback)."""
    out.outputs = (_bundle(plain if plain is not None else markdown, markdown=markdown),)


_SYMBOL = {
    "correct": "\u2714",
    "partial": "\u25d1",
    "incorrect": "\u2718",
    "not_answered": "\u2026",
    "invalid": "\u26a0",
}


def feedback_html(feedback: Feedback) -> str:
    """Feedback as HTML: a symbol and the status in words, then the explanation."""
    items = "".join(f"<li>{_html(d)}</li>" for d in feedback.details)
    details = f"<ul>{items}</ul>" if items else ""
    notice = f'<p class="kam-notice"><em>{_html(feedback.notice)}</em></p>' if feedback.notice else ""
    return (
        f'<div class="kam-feedback kam-{feedback.status}" data-status="{feedback.status}">'
        f"<strong>{_SYMBOL.get(feedback.status, '')} {_html(feedback.label)}:</strong> "
        f"{_html(feedback.message)}{details}{notice}</div>"
    )


def show_feedback(out: W.Output, feedback: Feedback) -> None:
    """Show ``feedback`` in ``out`` (HTML, with a plain-text copy)."""
    out.outputs = (_bundle(feedback.text(), html_text=feedback_html(feedback)),)


def show_error(out: W.Output, message: str) -> None:
    """Show a clear message for input the learner must correct (no traceback)."""
    label = t("widgets.input_problem")
    out.outputs = (
        _bundle(
            f"{label}: {message}",
            html_text=f'<div class="kam-feedback kam-invalid"><strong>\u26a0 {_html(label)}:</strong> '
            f"{_html(message)}</div>",
        ),
    )


#: How long a :class:`SettledButton` waits after a click from the browser before it acts (seconds).
SETTLE_S = 0.15


def answer_text(*, multiline: bool = True, **kwargs: Any) -> W.Textarea | W.Text:
    """A text box for an answer that a button acts on (Check, Use the pasted ratings).

    It sends what is typed as it is typed (``continuous_update=True``), so the kernel has the text
    before the learner reaches the button, and feedback given earlier is marked out of date at the
    first new key (:func:`mark_stale`), not only when the learner leaves the box. The button is a
    :class:`SettledButton`: see there why that is needed too.
    """
    kwargs["continuous_update"] = True
    return W.Textarea(**kwargs) if multiline else W.Text(**kwargs)


class SettledButton(W.Button):
    """A Button that acts on what the learner typed just before clicking it.

    A browser can deliver a click before a text box's last change: a widget sends at most one
    change at a time and holds the next until the kernel has finished with the previous one, while
    a click goes out at once. So a click that comes from the browser runs the button's handlers
    :data:`SETTLE_S` seconds later on the kernel's event loop, after the changes sent with it have
    arrived. Measured in Chromium here, typing key by key into two boxes and clicking at once with
    a kernel that takes 50 ms per change: 3 clicks in 20 judged the previous text with a plain
    button (whether the boxes sent as typed or on leaving), none in 20 with the delay. Outside a
    running event loop, and for :meth:`click` from code (a notebook cell, a test), the handlers run
    at once. If a change still arrives later, exercise widgets mark their feedback out of date
    (:func:`mark_stale`); ``tests/browser/test_browser_answer_race.py`` types and checks at once.
    """

    def _handle_button_msg(self, _widget: Any, content: dict[str, Any], buffers: Any) -> None:
        if content.get("event", "") != "click":
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.click()
            return
        loop.call_later(SETTLE_S, self.click)


def mark_stale(out: W.Output, notice: str) -> None:
    """Put ``notice`` (Markdown) above what ``out`` shows, keeping the rest: used when the answer
    changed after its feedback was given (a change that arrives after the Check click, or the
    learner editing on), so the feedback shown never passes for feedback on the answer shown."""
    kept = tuple(item for item in out.outputs if not item.get("metadata", {}).get("kam-stale"))
    note = _bundle(notice, markdown=notice)
    note["metadata"] = {"kam-stale": True}
    out.outputs = (note,) + kept


def show_figure(out: W.Output, figure: Any, caption: str = "", *, tight: bool = True) -> None:
    """Render a matplotlib ``figure`` as a PNG into ``out``, with an optional text caption.

    ``tight=True`` crops the margins (``bbox_inches="tight"``), which costs a second draw of
    the figure; a chart that sets its own margins and is redrawn on every slider move passes
    ``tight=False`` (one draw, half the time: ``bench/bench_widget_update.py``). The PNG is
    written with fast compression for the same reason.
    """
    buffer = io.BytesIO()
    with warnings.catch_warnings():  # a name in a script the font lacks is drawn as boxes, not a warning
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        warnings.filterwarnings("ignore", message="constrained_layout not applied", category=UserWarning)
        figure.savefig(
            buffer,
            format="png",
            dpi=int(figure.dpi),
            bbox_inches="tight" if tight else None,
            pil_kwargs={"compress_level": 1},
        )
    show_png(out, buffer.getvalue(), caption)


def show_png(out: W.Output, png: bytes, caption: str = "") -> None:
    """Show ``png`` (PNG bytes) in ``out`` with an optional text caption, in one update: a chart
    that follows a slider renders its PNG itself (``kamcourse.plots._live.LiveRender``)."""
    import base64

    items: list[dict[str, Any]] = [
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {
                "image/png": base64.b64encode(png).decode("ascii"),
                "text/plain": display_text(caption) or "<figure>",
            },
        }
    ]
    if caption:
        items.append(_bundle(caption))
    out.outputs = tuple(items)


def save_state(workbook: Any, key: str, value: Any) -> str:
    """Save a widget's input with ``workbook.set_state``; "" when it was saved, otherwise the
    message saying why not (a read-only or locked workbook, text that cannot be written). The
    widget keeps working: it shows the message under its result with :func:`note`."""
    try:
        workbook.set_state(key, value)
    except InputError as exc:  # WorkbookError is an InputError: both are messages for the learner
        return str(exc)
    return ""


def note(out: W.Output, message: str) -> None:
    """Add ``message`` under what ``out`` shows (a notice that does not replace the result)."""
    if message:
        out.outputs = tuple(out.outputs) + (
            _bundle(message, html_text=f'<p class="kam-notice"><em>{_html(message)}</em></p>'),
        )


def safely(out_attr: str) -> Callable[[F], F]:
    """Decorate a widget method so that errors land in ``self.<out_attr>`` as a message.

    :class:`InputError` (bad input) is shown as a clear message to correct. Any other
    exception is a bug: it is shown as an internal error in the Output's error stream
    (so that tests and trainers see it), naming the widget, and logged.
    """

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except InputError as exc:
                show_error(getattr(self, out_attr), str(exc))
            except Exception as exc:  # a bug: make it visible, never a silent blank widget
                log.exception("kamcourse widget callback failed")
                getattr(self, out_attr).outputs = (
                    {
                        "output_type": "stream",
                        "name": "stderr",
                        "text": display_text(
                            t(
                                "widgets.internal_error",
                                widget=type(self).__name__,
                                error=f"{type(exc).__name__}: {exc}",
                            )
                        ),
                    },
                )
            return None

        return wrapper  # type: ignore[return-value]

    return decorate


class ChoiceDropdown(W.Dropdown):
    """A Dropdown that starts on "(choose)"; :attr:`answer` is None until something is chosen.

    (A plain Dropdown shows a value of None as a blank box, so "(choose)" has the value "".)
    """

    def __init__(self, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(options=[(t("widgets.choose"), "")] + list(choices), value="", **kwargs)

    @property
    def answer(self) -> str | None:
        """The chosen value, or None while "(choose)" is showing."""
        return self.value or None

    @answer.setter
    def answer(self, value: str | None) -> None:
        self.value = value or ""


def bound_workbook(workbook: Workbook | None, demo: bool) -> Workbook:
    """The workbook a lesson widget reads and writes.

    ``demo=True`` builds a demonstration copy: it is bound to a throwaway workbook
    (:func:`kamcourse.workbook.scratch`), so it starts from the case values, not from what the
    learner saved, and nothing done to it reaches the learner's workbook. Notebook cells that
    show an interaction from code use such a copy, never the learner's own widget. Otherwise
    ``workbook``, or the default one.
    """
    if not isinstance(demo, bool):
        raise InputError(t("widgets.demo_not_bool", value=repr(demo)))
    if demo:
        if workbook is not None:
            raise InputError(t("widgets.demo_with_workbook"))
        return scratch()
    return workbook if workbook is not None else Workbook()
