"""Say in words how two lists of names differ (for error messages of the domain core)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .content import t

__all__ = ["describe_difference"]


def describe_difference(
    expected: Iterable[Any], found: Iterable[Any], *, sides: tuple[str, str] | None = None, limit: int = 5
) -> str:
    """``"missing A, B; extra C"`` -- or, with ``sides=("attractiveness", "strength")``,
    ``"only in attractiveness: A, B; only in strength: C"``; when the same names appear, says
    that one is repeated or the order differs. At most ``limit`` names are listed on each side."""
    expected_list, found_list = [str(x) for x in expected], [str(x) for x in found]
    expected_set, found_set = set(expected_list), set(found_list)
    missing = [x for x in expected_list if x not in found_set][:limit]
    extra = [x for x in found_list if x not in expected_set][:limit]
    parts = []
    if missing:
        parts.append(
            t("differences.only_in", side=sides[0], names=", ".join(missing))
            if sides
            else t("differences.missing", names=", ".join(missing))
        )
    if extra:
        parts.append(
            t("differences.only_in", side=sides[1], names=", ".join(extra))
            if sides
            else t("differences.extra", names=", ".join(extra))
        )
    if not parts:
        parts.append(t("differences.same_names"))
    return "; ".join(parts)
