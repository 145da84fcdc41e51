"""Widgets of the course: thin views on the domain core, built with ipywidgets.

* one package or module per topic, named as the topic: ``kam.widgets.framework.grid()`` (lesson
  02), ``kam.widgets.relationships.quick_check()`` (lesson 05), ...;
* :func:`exercise` -- an exercise with Check and Hint buttons, answers saved and restored;
* :func:`quiz` -- a lesson's self-check.

They never print: they write into ``Output`` widgets. :mod:`kamcourse.testing` drives them
from code.
"""

from . import framework  # lesson 02: registers the widgets of its exercise kinds (framework.placement, ...)
from .exercises import ExerciseWidget, Quiz, exercise, quiz, register

__all__ = ["ExerciseWidget", "Quiz", "exercise", "quiz", "register", "framework"]


def __getattr__(name: str) -> object:
    """A lesson's widget module (``kam.widgets.portfolio``, ``kam.widgets.relationships``, ...) imports on first use."""
    import importlib

    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f".{name}", __name__)
    except ModuleNotFoundError:
        raise AttributeError(f"module 'kamcourse.widgets' has no attribute {name!r}") from None
