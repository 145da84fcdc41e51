"""The compare view's charts: what they draw, literally, for small and large rooms."""

from __future__ import annotations

from typing import Any

import pytest
from matplotlib.figure import Figure

from kamcourse.errors import InputError
from kamcourse.plots import trainer as plots
from kamcourse.trainer import compare, sample


@pytest.fixture(scope="module")
def small() -> compare.Comparison:
    books = sample.room(6, seed=3)
    books["$cash$ team"] = books.pop("group-01")
    return compare.compare(books)


def texts(fig: Figure) -> list[str]:
    found = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    return [t for t in found if t]


def test_spread_chart_names_each_group_and_never_reads_math(small: compare.Comparison) -> None:
    fig = plots.spread_chart(small.exercise("sel.weights"))
    shown = "\n".join(texts(fig))
    assert "Size of wallet" in shown and "weights /" not in shown, "the common 'weights /' goes to the axis title"
    assert r"\$cash\$ team" in shown, "a $ in a group name is escaped, never read as mathematics"
    assert "group-0" in shown
    fig.canvas.draw()  # draws without a mathtext error


def test_spread_chart_counts_groups_in_a_large_room() -> None:
    room = compare.compare(sample.room(300, seed=4, exercises=["port.allocation"]))
    fig = plots.spread_chart(room.exercise("port.allocation"))
    shown = "\n".join(texts(fig))
    assert "groups" in shown and "group-0" not in shown
    assert "of 300 groups" in shown


def test_choices_chart_one_bar_per_part_and_lists_as_counts(small: compare.Comparison) -> None:
    fig = plots.choices_chart(small.exercise("rel.diagnose"))
    shown = "\n".join(texts(fig))
    assert "Corbett Snacks" in shown and "basic" in shown
    fig = plots.choices_chart(small.exercise("sel.ranking"))
    assert len(fig.axes) == 2, "the source as a bar, the top five as counts"


def test_empty_and_text_only_exercises_draw_a_message(small: compare.Comparison) -> None:
    fig = plots.spread_chart(small.exercise("kap.strategy"))
    assert any("No group gave a number" in t for t in texts(fig))
    fig = plots.choices_chart(small.exercise("sel.hand.account_c"))
    assert any("No group made a choice" in t for t in texts(fig))
    empty = compare.compare({})
    assert any("Nothing to show" in t for t in texts(plots.status_chart(empty)))


def test_status_and_calibration_charts(small: compare.Comparison) -> None:
    fig = plots.status_chart(small)
    assert len(fig.axes[0].get_yticklabels()) == len(small.exercises())
    fig = plots.calibration_chart(small.calibration(), top=5)
    assert len(fig.axes[0].get_yticklabels()) == 5


@pytest.mark.parametrize(
    "call",
    [
        lambda: plots.spread_chart("sel.weights"),
        lambda: plots.choices_chart(None),
        lambda: plots.status_chart({}),
        lambda: plots.calibration_chart(object()),
    ],
)
def test_wrong_arguments_are_refused(call: Any) -> None:
    with pytest.raises(InputError):
        call()
