"""Reading lesson 09's model from ``content/organising.yaml`` (shared by the organising modules).

Taught in notebooks/09_organising_for_kam.ipynb (part of :mod:`kamcourse.organising`).
"""

from __future__ import annotations

from typing import Any

from ..content import load, t
from ..errors import ContentError

_CONTENT = "organising"


def data() -> dict[str, Any]:
    """The whole of ``content/organising.yaml`` (read afresh, cached by modification time)."""
    loaded = load(_CONTENT)
    if not isinstance(loaded, dict):
        raise ContentError(t("organising.err_content", key="(top level)"))
    return loaded


def section(key: str) -> Any:
    """One top-level entry of the model; :class:`ContentError` naming it when it is missing."""
    value = data().get(key)
    if value is None:
        raise ContentError(t("organising.err_content", key=key))
    return value


def clean(text: Any) -> str:
    """``text`` on one line, spaces collapsed."""
    return " ".join(str(text).split())


def short(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, for error messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
