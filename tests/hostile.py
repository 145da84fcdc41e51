"""A corpus of hostile values for the hardening tests (issue 9): what a careless or hostile
learner, file or notebook cell can hand to the course.

Each value comes with a short id for test names. The corpus covers the classes of the issue:
wrong types, non-finite and overflowing numbers, text that cannot be encoded, text that is
markup or math, over-long text, blank names, containers of the wrong shape.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

HUGE_INT = 10**400  # does not fit in a float: float(HUGE_INT) raises OverflowError
HUGE_DIGITS = 10**5000  # str() and repr() raise ValueError (more than 4300 digits)
LONG_TEXT = "x" * 5000  # an answer pasted where an id or a name belongs
LONE_SURROGATE = "Caf\ud800"  # half of a UTF-16 pair: cannot be encoded as UTF-8
HALF_EMOJI = "smile \ud83d"  # the first half of an emoji, as a browser may send it
MATH_NAME = "Save_$ Mart_$"  # matplotlib would parse it as math text
MARKDOWN_IMAGE = "![x](https://example.invalid/track.png)"
HTML_TAG = "<img src=x onerror=alert(1)>"

#: Values of every kind, for a parameter whatever its type.
SCALARS: list[tuple[str, Any]] = [
    ("none", None),
    ("true", True),
    ("zero", 0),
    ("negative", -1),
    ("huge_int", HUGE_INT),
    ("minus_huge_int", -HUGE_INT),
    ("huge_digits", HUGE_DIGITS),
    ("huge_fraction", Fraction(HUGE_INT, 3)),
    ("max_float", 1e308),
    ("overflowed_sum", 1e308 + 1e308),
    ("nan", float("nan")),
    ("minus_inf", float("-inf")),
    ("np_nan", np.float64("nan")),
    ("np_int", np.int64(7)),
    ("complex", complex(1, 2)),
    ("text_number", "thirty"),
    ("empty_text", ""),
    ("blank_text", "   "),
    ("lone_surrogate", LONE_SURROGATE),
    ("half_emoji", HALF_EMOJI),
    ("long_text", LONG_TEXT),
    ("math_text", MATH_NAME),
    ("markdown", MARKDOWN_IMAGE),
    ("nul", "a\x00b"),
    ("bytes", b"bytes"),
    ("object", object()),
    ("list", [1, 2]),
    ("list_of_text", ["a", "b"]),
    ("nested_list", [[["deep"]]]),
    ("dict_int_keys", {1: 2}),
    ("dict_bad_values", {"a": HUGE_INT, "b": float("nan")}),
    ("set", {1, 2}),
    ("tuple", ("a",)),
    ("ellipsis", ...),
    ("series_nan", pd.Series([1.0, None], index=["a", "b"])),
    ("empty_frame", pd.DataFrame()),
]


def deep_list(depth: int = 100_000) -> list[Any]:
    """A list nested ``depth`` times: valid JSON that recursion cannot walk."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value
