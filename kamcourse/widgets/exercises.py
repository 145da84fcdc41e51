"""Exercise widgets: answer controls, a Check button, a Hint button, saved answers.

Used by every exercise notebook (``exercises/*.ipynb``) and by the lessons' self-checks.

Every exercise widget saves the learner's answer to the workbook as soon as it changes
and restores it when it is built again (a re-run or a kernel restart loses nothing). Text
boxes send what is typed as it is typed (:func:`~kamcourse.widgets._common.answer_text`), a
Check click from the browser waits for the changes sent with it
(:class:`~kamcourse.widgets._common.SettledButton`), and when the answer changes after a Check
anyway (a change that reached the kernel later still, or the learner editing on) the feedback is
marked as being about the answer checked before.
The feedback comes from :func:`kamcourse.checks.check`; hints from
:func:`kamcourse.checks.hint`, one at a time.
"""

from __future__ import annotations

import copy
import importlib
from typing import Any

import ipywidgets as W

from .. import checks
from ..checks import Exercise
from ..content import t
from ..errors import InputError
from ..values import short_repr
from ..workbook import Workbook
from ._common import (
    SettledButton,
    answer_text,
    mark_stale,
    output,
    safely,
    show_error,
    show_feedback,
    show_markdown,
)

__all__ = [
    "ExerciseWidget",
    "TextExercise",
    "ChoiceExercise",
    "NumberExercise",
    "exercise",
    "quiz",
]


class ExerciseWidget(W.VBox):
    """Base class: prompt, controls, Check and Hint buttons, feedback and hints outputs.

    Subclasses build ``controls`` and implement :meth:`get_answer` and :meth:`set_answer`,
    and call :meth:`_changed` when the learner changes something.
    """

    _checked: Any

    def __init__(self, exercise_id: str, *, workbook: Workbook | None = None, title: bool = True) -> None:
        self.exercise: Exercise = checks.exercise(exercise_id)
        self.workbook = workbook if workbook is not None else Workbook()
        self.feedback = output()
        self.hints = output()
        self._quiet = False  # the one name, in every widget, for "ignore this change"
        self._checked = _NOTHING  # the answer the feedback shown is about
        self.check_button = SettledButton(
            description=t("widgets.check"), tooltip=t("widgets.check_tooltip"), icon="check"
        )
        self.hint_button = W.Button(
            description=t("widgets.hint"), tooltip=t("widgets.hint_tooltip"), icon="lightbulb-o"
        )
        self.check_button.on_click(lambda _b: self.check())
        self.hint_button.on_click(lambda _b: self.next_hint())
        controls = self._build_controls()
        header: list[W.Widget] = []
        if title:
            header.append(W.HTML(f"<h4>{_esc(self.exercise.title)}</h4>"))
        header.append(W.HTML(f"<p>{_esc(self.exercise.prompt)}</p>"))
        buttons = [self.check_button] + ([self.hint_button] if self.exercise.hints else [])
        super().__init__(header + [controls, W.HBox(buttons), self.feedback, self.hints])
        self._restore()

    # -- to implement
    def _build_controls(self) -> W.Widget:
        raise NotImplementedError

    def get_answer(self) -> Any:
        """The answer as the controls show it now."""
        raise NotImplementedError

    def set_answer(self, answer: Any) -> None:
        """Show ``answer`` in the controls (no saving)."""
        raise NotImplementedError

    # -- behaviour
    def _restore(self) -> None:
        saved = self.workbook.answer(self.exercise.id)
        if saved is not None:
            self._quiet = True
            try:
                self.set_answer(saved)
            except (InputError, ValueError, TypeError, KeyError):
                show_error(self.feedback, t("widgets.restore_failed", exercise=self.exercise.id))
            finally:
                self._quiet = False
        shown = checks.hints_shown(self.exercise.id, workbook=self.workbook)
        if shown:
            self._show_hints(shown)

    @safely("feedback")
    def _changed(self, _change: Any = None) -> None:
        if self._quiet:
            return
        answer = self.get_answer()
        self.workbook.save_answer(self.exercise.id, answer)
        if self._checked is not _NOTHING and answer != self._checked:
            self._checked = _NOTHING
            mark_stale(self.feedback, t("widgets.changed_since_check"))

    @safely("feedback")
    def check(self) -> checks.Feedback:
        """Check the current answer, show the feedback and return it.

        The answer checked is remembered: if a change arrives afterwards (a browser can deliver
        the click before a text box's last change), the feedback is marked as out of date
        instead of silently judging what the learner no longer sees."""
        answer = self.get_answer()
        result = checks.check(self.exercise.id, answer, workbook=self.workbook)
        show_feedback(self.feedback, result)
        self._checked = copy.deepcopy(answer)
        return result

    @safely("hints")
    def next_hint(self) -> str:
        """Reveal the next hint (all hints revealed so far stay visible)."""
        message = checks.hint(self.exercise.id, workbook=self.workbook)
        shown = checks.hints_shown(self.exercise.id, workbook=self.workbook)
        self._show_hints(shown, extra=message)
        return message

    def _show_hints(self, shown: tuple[str, ...], extra: str | None = None) -> None:
        lines = [t("checks.hint", number=i + 1, count=len(self.exercise.hints), text=h) for i, h in enumerate(shown)]
        if extra and extra not in lines:
            lines.append(extra)
        show_markdown(self.hints, "\n\n".join(f"> {_md(line)}" for line in lines), plain="\n".join(lines))

    @safely("feedback")
    def fill(self, answer: Any) -> checks.Feedback | None:
        """Set the answer from code (as a person would with the controls), save it and check it."""
        self.set_answer(answer)
        self._changed()
        return self.check()


_NOTHING = object()  # no feedback shown yet, or it is already marked out of date


def _esc(text: str) -> str:
    import html

    return html.escape(text)


def _md(text: str) -> str:
    return text.replace("<", "&lt;").replace("*", "\\*")


class TextExercise(ExerciseWidget):
    """A text area for a written answer (saved as it is typed)."""

    def _make_text(self) -> W.Widget:
        return answer_text(
            placeholder=t("widgets.your_answer"), layout=W.Layout(width="100%", max_width="900px", height="8em")
        )

    def _build_controls(self) -> W.Widget:
        self.text = self._make_text()
        self.text.observe(self._changed, names="value")
        return self.text

    def get_answer(self) -> str:
        return str(self.text.value)

    def set_answer(self, answer: Any) -> None:
        self.text.value = "" if answer is None else str(answer)


class NumberExercise(TextExercise):
    """A one-line box for a number (typed as the learner likes: '0.85' or '0,85')."""

    def _make_text(self) -> W.Widget:
        return answer_text(multiline=False, placeholder=t("widgets.your_answer"))


class ChoiceExercise(ExerciseWidget):
    """Radio buttons, one per option; each option's explanation comes with the feedback."""

    def _build_controls(self) -> W.Widget:
        options = [(f"{o['id']}) {o['text']}", o["id"]) for o in self.exercise.key["options"]]
        self.radio = W.RadioButtons(options=options, value=None, layout=W.Layout(width="100%"))
        self.radio.observe(self._changed, names="value")
        return self.radio

    def get_answer(self) -> str | None:
        return self.radio.value  # type: ignore[no-any-return]

    def set_answer(self, answer: Any) -> None:
        ids = [o["id"] for o in self.exercise.key["options"]]
        if answer not in ids:
            raise InputError(
                t("checks.choice_unknown", value=short_repr(answer), title=self.exercise.title, allowed=", ".join(ids))
            )
        self.radio.value = answer


_WIDGET_FOR_KIND: dict[str, type[ExerciseWidget]] = {
    "generic.choice": ChoiceExercise,
    "generic.number": NumberExercise,
}


def register(kind: str, widget_class: type[ExerciseWidget]) -> None:
    """Use ``widget_class`` for exercises of ``kind`` (for lesson modules that add kinds)."""
    _WIDGET_FOR_KIND[kind] = widget_class


def exercise(exercise_id: str, *, workbook: Workbook | None = None) -> ExerciseWidget:
    """Build the widget for ``exercise_id`` (chosen by the exercise's kind), answers restored."""
    item = checks.exercise(exercise_id)
    if item.kind not in _WIDGET_FOR_KIND:
        # A lesson's widget module registers its kinds when imported: kind "relationships.x" -> widgets.relationships.
        # Only a kind with no widget module at all ("generic.number") gets the text box; a widget
        # module that fails to import is an error to see, not a text box in place of the lesson's widget.
        module = f"kamcourse.widgets.{item.kind.rpartition('.')[0]}"
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    widget_class = _WIDGET_FOR_KIND.get(item.kind, TextExercise)
    return widget_class(exercise_id, workbook=workbook)


class Quiz(W.VBox):
    """A self-check: every question of a group prefix, each with its own Check button."""

    def __init__(self, prefix: str, *, workbook: Workbook | None = None) -> None:
        if not isinstance(prefix, str) or not prefix.strip():
            raise InputError(t("widgets.no_questions", prefix=short_repr(prefix)))
        group = prefix.split(".", 1)[0]
        items = [e for e in checks.exercises(group) if e.id.startswith(prefix + ".")]
        if not items:
            raise InputError(t("widgets.no_questions", prefix=prefix))
        self.questions = [exercise(e.id, workbook=workbook) for e in items]
        super().__init__(self.questions, layout=W.Layout(max_width="900px"))

    def answers(self) -> dict[str, Any]:
        """The current answer to each question, by exercise id."""
        return {q.exercise.id: q.get_answer() for q in self.questions}


def quiz(prefix: str, *, workbook: Workbook | None = None) -> Quiz:
    """Build the self-check quiz made of the exercises whose id starts with ``prefix + '.'``."""
    return Quiz(prefix, workbook=workbook)
