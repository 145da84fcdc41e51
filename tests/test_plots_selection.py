"""kamcourse.plots.selection (stacked score bars) and kamcourse.plots.portfolio (the portfolio matrix)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from kamcourse import selection as sel
from kamcourse.errors import InputError
from kamcourse.plots import portfolio as pmatrix
from kamcourse.plots import selection as plots


def label_boxes(fig: Figure):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_gid() == pmatrix.LABEL_GID]
    quads = [t for t in ax.texts if t.get_gid() == pmatrix.QUADRANT_GID]
    return ax, labels, [t.get_window_extent(renderer) for t in labels], [t.get_window_extent(renderer) for t in quads]


def assert_no_overlap(boxes, others=()):
    for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
        assert not a.overlaps(b), f"labels {i} and {j} overlap: {a} {b}"
    for a in boxes:
        for q in others:
            assert not a.overlaps(q), f"label {a} overlaps quadrant text {q}"


def test_scores_chart_sorted_and_stacked():
    case = sel.case_portfolio()
    contrib = sel.contributions(case.weights, case.ratings)
    fig = plots.scores_chart(contrib, weights=case.weights)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    totals = contrib.sum(axis=1)
    assert names[-1] == totals.idxmax() and names[0] == totals.idxmin()  # highest at the top
    assert len(ax.patches) == contrib.size
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "Size of wallet (20)"
    with pytest.raises(InputError):
        plots.scores_chart(contrib.iloc[0:0])


def test_matrix_axes_directions_cuts_and_quadrants():
    table = sel.case_portfolio().table()
    fig = pmatrix.portfolio_matrix(table["attractiveness"], table["strength"], table["spend"])
    ax = fig.axes[0]
    left, right = ax.get_xlim()
    assert left > right  # high strength on the left
    assert ax.get_ylim() == (0, 1000)
    assert "high" in ax.get_xticklabels()[0].get_text()
    quads = [t.get_text() for t in ax.texts if t.get_gid() == pmatrix.QUADRANT_GID]
    assert "Strategic\nstrategic investment" in quads and "Streamline\nmanage for cash" in quads
    lines = [(tuple(line.get_xdata()), tuple(line.get_ydata())) for line in ax.get_lines()]
    assert ((0, 1), (500, 500)) in lines and ((1.0, 1.0), (0, 1)) in lines
    # Strategic quadrant text sits where high attractiveness and high strength are.
    strategic = next(t for t in ax.texts if t.get_text().startswith("Strategic"))
    x, y = strategic.xy
    assert x > 1.0 and y == 1000


def test_case_labels_do_not_overlap():
    table = sel.case_portfolio().table()
    fig = pmatrix.portfolio_matrix(table["attractiveness"], table["strength"], table["spend"])
    _, labels, boxes, quads = label_boxes(fig)
    assert len(labels) == 20
    assert_no_overlap(boxes, quads)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_35_random_accounts_labels_do_not_overlap(seed):
    rng = np.random.default_rng(seed)
    names = [f"Account {chr(65 + i % 26)}{i} Holdings" for i in range(35)]
    a = pd.Series(rng.uniform(100, 900, 35), index=names)
    s = pd.Series(rng.uniform(0.6, 1.4, 35), index=names)
    spend = pd.Series(rng.uniform(1e5, 5e6, 35), index=names)
    fig = pmatrix.portfolio_matrix(a, s, spend)
    ax, labels, boxes, quads = label_boxes(fig)
    assert len(labels) == 35
    assert_no_overlap(boxes, quads)
    axes_box = ax.get_window_extent()
    assert all(axes_box.x0 - 1 <= b.x0 and b.x1 <= axes_box.x1 + 1 for b in boxes)


def test_color_by_gives_one_legend_entry_per_label():
    table = sel.case_portfolio().table()
    fit = pd.Series(np.where(table["spend"] > 1e6, "fits", "over-invested"), index=table.index)
    fig = pmatrix.portfolio_matrix(table["attractiveness"], table["strength"], color_by=fit)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["fits", "over-invested"]


def test_matrix_rejects_bad_input():
    with pytest.raises(InputError, match="same accounts"):
        pmatrix.portfolio_matrix(pd.Series({"A": 600.0}), pd.Series({"B": 1.0}))
