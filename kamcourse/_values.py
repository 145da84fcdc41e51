"""Old name of :mod:`kamcourse.values`, kept while modules still import it from here.

Used by the modules of issue 10's other branches until they import ``kamcourse.values``; remove
this file once nothing does (``grep -rn "_values import" kamcourse``).
"""

from .values import (
    check_path,
    display_text,
    encodable,
    floats,
    is_huge_int,
    is_number,
    markdown_text,
    short_repr,
    to_float,
)

__all__ = ["to_float", "floats", "short_repr", "is_number", "is_huge_int", "check_path", "encodable",
           "markdown_text", "display_text"]
