"""Names that would break a chart (issue 9, class 8): learner text is drawn literally.

matplotlib reads text with an even number of ``$`` as math: ``Save_$ Mart_$`` fails to parse
(the chart crashes), ``$\\frac{1}{0}$`` is silently drawn as a fraction. Every chart that draws
learner text (account, criterion and contact names, view labels, titles with a file name) is
drawn here with such names; each text must render, and render as written.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from hostile import LONE_SURROGATE, MATH_NAME
from matplotlib.figure import Figure
from matplotlib.text import Text

from kamcourse import relationships as rel
from kamcourse.plots import literal
from kamcourse.plots import portfolio as pport
from kamcourse.plots import relationships as prel
from kamcourse.plots import selection as psel

NAMES = [
    MATH_NAME,
    "$\\frac{1}{0}$",
    "$$",
    "US$ 5 and $10",
    "a\\$b",
    "$\\undefinedcommand$",
    "^_{}$x$",
    "Caf\u00e9 \u2014 ok",
    LONE_SURROGATE,
]


def _texts(fig: Figure) -> list[Text]:
    fig.savefig(io.BytesIO(), format="png")  # draws every text: a math parse error would raise here
    return [t for t in fig.findobj(Text) if t.get_text()]


def _shown(text: Text) -> str:
    """The string matplotlib draws for ``text`` and whether it is read as math."""
    shown, math = text._preprocess_math(text.get_text())  # noqa: SLF001 - what the renderer does
    assert not math, f"{text.get_text()!r} is drawn as math text"
    return str(shown)


def _charts(name: str) -> dict[str, Callable[[], Figure]]:
    a = pd.Series({name: 620.0, "Plain account": 300.0})
    s = pd.Series({name: 1.2, "Plain account": 0.8})
    contributions = pd.DataFrame({name: [100.0, 200.0], "Size": [50.0, 20.0]}, index=[name, "Plain account"])
    weights = pd.Series({name: 60.0, "Size": 40.0})

    def updated() -> Figure:
        fig = psel.scores_chart(contributions, weights=weights)
        return psel.update_scores_chart(fig, contributions * 0.5, weights=weights)

    return {
        "portfolio_matrix": lambda: pport.portfolio_matrix(a, s, a, title=f"Portfolio \u2014 {name}.xlsx"),
        "portfolio_matrix_color_by": lambda: pport.portfolio_matrix(
            a, s, color_by=pd.Series({name: name, "Plain account": "x"})
        ),
        "scores_chart": lambda: psel.scores_chart(contributions, weights=weights, title=name),
        "update_scores_chart": updated,
        "contact_structure": lambda: prel.contact_structure([(name, "Buyer"), ("Logistics", name)]),
        "view_comparison": lambda: prel.view_comparison(
            rel.compare_views([1] * 6, [2] * 6, first_label=name, second_label="Customer")
        ),
        "fit_grid": lambda: prel.fit_grid({name: ("Strategic", "basic"), "Plain account": ("Star", "basic")}),
    }


CASES = [(chart, name) for chart in _charts("x") for name in NAMES]


@pytest.mark.parametrize(("chart", "name"), CASES, ids=[f"{c}-{i}" for c, i in [(c, NAMES.index(n)) for c, n in CASES]])
def test_learner_text_is_drawn_literally(chart: str, name: str) -> None:
    fig = _charts(name)[chart]()
    shown = [_shown(text) for text in _texts(fig)]
    expected = name.replace(LONE_SURROGATE, "Caf\ufffd")
    assert any(expected in text for text in shown), (expected, shown)


@pytest.mark.parametrize("value", [MATH_NAME, "$$", "a\\$b", 5, LONE_SURROGATE])
def test_literal_round_trips_through_matplotlib(value: Any) -> None:
    fig = Figure()
    text = fig.text(0, 0, literal(value))
    fig.savefig(io.BytesIO(), format="png")
    assert _shown(text) == str(value).replace(LONE_SURROGATE, "Caf\ufffd")
