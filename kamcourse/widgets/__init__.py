"""Widgets of the course: thin views on the domain core, built with ipywidgets.

* :func:`framework_grid` -- the interactive 3x3 grid (lesson 02);
* :func:`exercise` -- an exercise with Check and Hint buttons, answers saved and restored;
* :func:`quiz` -- a lesson's self-check.

They never print: they write into ``Output`` widgets. :mod:`kamcourse.testing` drives them
from code.
"""

from .exercises import ExerciseWidget, Quiz, exercise, quiz, register
from .framework import FrameworkGrid, framework_grid

__all__ = ["ExerciseWidget", "Quiz", "FrameworkGrid", "exercise", "quiz", "register", "framework_grid"]


def __getattr__(name: str) -> object:
    """A lesson's widget module (``kam.widgets.portfolio``, ``kam.widgets.selection``) imports on first use."""
    import importlib

    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f".{name}", __name__)
    except ModuleNotFoundError:
        raise AttributeError(f"module 'kamcourse.widgets' has no attribute {name!r}") from None
