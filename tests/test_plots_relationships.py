"""Tests for kamcourse.plots.relationships: figures carry the expected texts."""

from __future__ import annotations

import io

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from kamcourse import relationships as rel
from kamcourse.errors import InputError
from kamcourse.plots import relationships as plots


def _texts(fig: Figure) -> list[str]:
    return [text.get_text() for text in fig.findobj(match=Text)]


def _render(fig: Figure) -> None:
    fig.savefig(io.BytesIO(), format="png", dpi=40)


def test_quick_check_chart():
    fig = plots.plot_quick_check(rel.quick_check([3, 2, 1, 0, 2, 3]))
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title() == "Quick relationship check: 11/18 - Interdependent"
    assert [label.get_text() for label in ax.get_yticklabels()] == [s.short for s in rel.STATEMENTS]
    assert [label.get_text() for label in ax.get_xticklabels()] == [
        "0\nstrongly disagree", "1\ndisagree", "2\nagree", "3\nstrongly agree"]
    assert [round(p.get_width()) for p in ax.patches] == [3, 2, 1, 0, 2, 3]
    texts = _texts(fig)
    assert sum("pulls the score down" in x for x in texts) == 2
    assert any("illustrative, course-defined" in x for x in texts)
    assert ax.yaxis_inverted()  # first statement on top
    _render(fig)


def test_quick_check_chart_accepts_raw_answers_and_rejects_bad():
    fig = plots.plot_quick_check(["strongly agree"] * 6)
    assert fig.axes[0].get_title() == "Quick relationship check: 18/18 - Integrated"
    with pytest.raises(InputError, match="'exit'.*None"):
        plots.plot_quick_check([None] * 6)


def test_view_comparison_chart():
    comparison = rel.compare_views([3, 3, 2, 2, 3, 3], [1, 1, 1, 1, 1, 1], first_label="Anna",
                                   second_label="Customer (expected)")
    fig = plots.plot_view_comparison(comparison)
    ax = fig.axes[0]
    assert fig.get_suptitle() == ("Anna: 16/18 (Interdependent) vs Customer (expected): 6/18 (Co-operative)")
    assert ax.get_title() == "The views give different stages: talk it through."
    assert [label.get_text() for label in ax.get_yticklabels()] == [s.short for s in rel.STATEMENTS]
    texts = _texts(fig)
    assert texts.count("gap +2") == 4 and texts.count("gap +1") == 2
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert legend == ["Anna", "Customer (expected)"]
    _render(fig)


def test_view_comparison_same_stage_and_no_gap():
    fig = plots.plot_view_comparison(rel.compare_views([2] * 6, [2] * 6))
    assert fig.axes[0].get_title() == "Both views give the same stage."
    assert _texts(fig).count("no gap") == 6


def test_view_comparison_rejects_other_input():
    with pytest.raises(InputError, match=r"ViewComparison\), got list"):
        plots.plot_view_comparison([2] * 6)


@pytest.mark.parametrize("items, title", [
    ([("Key account manager", "Buyer")], "Contact structure: bow-tie"),
    ([("Key account manager", "Buyer"), ("Logistics", "Warehouse manager")],
     "Contact structure: mixed (between bow-tie and diamond)"),
    ([("Key account manager", "Buyer"), ("Logistics", "Warehouse manager"), ("R&D", "R&D"),
      ("Key account manager", "Finance")], "Contact structure: diamond"),
])
def test_contact_structure_drawing(items, title):
    fig = plots.plot_contact_structure(items)
    ax = fig.axes[0]
    assert ax.get_title() == title
    texts = _texts(fig)
    assert "Supplier" in texts and "Customer" in texts
    for supplier, customer in items:
        assert supplier in texts and customer in texts
    assert len(ax.get_lines()) == len(items)
    for line in ax.get_lines():  # supplier on the left, customer on the right
        x0, x1 = line.get_xdata()
        assert x0 < x1
    _render(fig)


def test_contact_structure_drawing_rejects_bad_contacts():
    with pytest.raises(InputError, match="'Buyer'"):
        plots.plot_contact_structure([("", "Buyer")])


def test_fit_grid_without_accounts():
    fig = plots.plot_fit_grid()
    ax = fig.axes[0]
    assert ax.get_title() == "Relationship stage by portfolio category: the course's guidance"
    assert [x.get_text() for x in ax.get_xticklabels()] == ["Basic", "Co-operative", "Interdependent", "Integrated"]
    assert [x.get_text().split("\n")[0] for x in ax.get_yticklabels()] == list(rel.CATEGORIES)
    texts = _texts(fig)
    # recommended cells: Strategic 1, Star 2, Status 1, Streamline 1 (+1 legend entry)
    assert texts.count("Recommended") == 5 + 1
    # selective cells: Strategic-integrated, Status-interdependent, Streamline-co-operative (+1 legend)
    assert texts.count("Selectively only") == 3 + 1
    _render(fig)


def test_fit_grid_places_accounts_with_text_verdicts():
    portfolio = {"Nordwind": ("Strategic", "co-operative"), "Alba": ("Streamline", "integrated"),
                 "Corvo": ("Strategic", "integrated"), "Delta": ("Star", "interdependent"),
                 "Elm": ("Star", "interdependent")}
    fig = plots.plot_fit_grid(portfolio)
    texts = _texts(fig)
    assert "Nordwind (under -1)" in texts
    assert "Alba (over +2)" in texts
    assert "Corvo (fits, selective)" in texts
    assert "Delta (fits)\nElm (fits)" in texts
    # the same result from portfolio_fit gives the same figure texts
    assert sorted(_texts(plots.plot_fit_grid(rel.portfolio_fit(portfolio)))) == sorted(texts)
    _render(fig)


def test_fit_grid_rejects_bad_portfolio():
    with pytest.raises(InputError, match="Nordwind.*'Gold'"):
        plots.plot_fit_grid({"Nordwind": ("Gold", "basic")})
