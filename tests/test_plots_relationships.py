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
    fig = plots.quick_check(rel.quick_check([3, 2, 1, 0, 2, 3]))
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title() == "Quick relationship check: 11/18 - Interdependent"
    assert [label.get_text() for label in ax.get_yticklabels()] == [s.short for s in rel.STATEMENTS]
    assert [label.get_text() for label in ax.get_xticklabels()] == [
        "0\nstrongly disagree",
        "1\ndisagree",
        "2\nagree",
        "3\nstrongly agree",
    ]
    assert [round(p.get_width()) for p in ax.patches] == [3, 2, 1, 0, 2, 3]
    texts = _texts(fig)
    assert sum("pulls the score down" in x for x in texts) == 2
    assert any("illustrative, course-defined" in x for x in texts)
    assert ax.yaxis_inverted()  # first statement on top
    _render(fig)


def test_quick_check_chart_accepts_raw_answers_and_rejects_bad():
    fig = plots.quick_check(["strongly agree"] * 6)
    assert fig.axes[0].get_title() == "Quick relationship check: 18/18 - Integrated"
    with pytest.raises(InputError, match="'exit'.*None"):
        plots.quick_check([None] * 6)


def test_view_comparison_chart():
    comparison = rel.compare_views(
        [3, 3, 2, 2, 3, 3], [1, 1, 1, 1, 1, 1], first_label="Anna", second_label="Customer (expected)"
    )
    fig = plots.view_comparison(comparison)
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
    fig = plots.view_comparison(rel.compare_views([2] * 6, [2] * 6))
    assert fig.axes[0].get_title() == "Both views give the same stage."
    assert _texts(fig).count("no gap") == 6


def test_view_comparison_rejects_other_input():
    with pytest.raises(InputError, match=r"ViewComparison\), got list"):
        plots.view_comparison([2] * 6)


@pytest.mark.parametrize(
    "items, title",
    [
        ([("Key account manager", "Buyer")], "Contact structure: bow-tie"),
        (
            [("Key account manager", "Buyer"), ("Logistics", "Warehouse manager")],
            "Contact structure: mixed (between bow-tie and diamond)",
        ),
        (
            [
                ("Key account manager", "Buyer"),
                ("Logistics", "Warehouse manager"),
                ("R&D", "R&D"),
                ("Key account manager", "Finance"),
            ],
            "Contact structure: diamond",
        ),
    ],
)
def test_contact_structure_drawing(items, title):
    fig = plots.contact_structure(items)
    ax = fig.axes[0]
    assert ax.get_title() == title
    texts = _texts(fig)
    assert "Supplier" in texts and "Customer" in texts
    for supplier, customer in items:
        assert supplier in texts and customer in texts
    assert len(ax.get_lines()) == len(items)  # one solid line per contact
    for line in ax.get_lines():  # supplier on the left, customer on the right
        x0, x1 = line.get_xdata()
        assert x0 < x1
    _render(fig)


def _position(fig, name):
    text = next(t for t in fig.axes[0].texts if t.get_text() == name)
    return text.get_position()


def test_a_bow_tie_puts_the_two_people_at_the_knot():
    fig = plots.contact_structure([("Key account manager", "Buyer")])
    (x0, y0), (x1, y1) = _position(fig, "Key account manager"), _position(fig, "Buyer")
    assert y0 == y1 == 0 and 0.35 <= x0 < 0.5 < x1 <= 0.65  # side by side in the middle
    shapes = [p for p in fig.axes[0].patches if type(p).__name__ == "Polygon"]
    assert len(shapes) == 2  # two triangles meeting at the knot
    tips = sorted(max(shape.get_xy()[:, 0]) for shape in shapes)
    assert tips[0] <= 0.5 and min(shapes[1].get_xy()[:, 0]) >= 0.5
    assert any("two people at the knot" in t for t in _texts(fig))


def test_a_diamond_puts_the_coordinators_at_the_tips_and_links_functions_pairwise():
    items = [
        ("Key account manager", "VP global procurement"),
        ("Chief executive", "Chief executive"),
        ("Head of operations", "Supply chain director"),
        ("Packaging engineer", "EHS manager"),
    ]
    fig = plots.contact_structure(items)
    ax = fig.axes[0]
    kam, buyer = _position(fig, "Key account manager"), _position(fig, "VP global procurement")
    assert kam[0] < 0.15 and buyer[0] > 0.85 and kam[1] == buyer[1] == 0  # the two tips
    for supplier, customer in items[2:]:
        (sx, sy), (cx, cy) = _position(fig, supplier), _position(fig, customer)
        assert sy == cy != 0 and sx < 0.5 < cx  # each pair faces its counterpart across the middle
    coordination = [c for c in ax.collections if type(c).__name__ == "LineCollection"]
    assert len(coordination) == 1 and len(coordination[0].get_segments()) == 6  # 3 + 3 dashed lines to the tips
    assert any("coordinated at the two tips" in t for t in _texts(fig))


def test_contact_names_are_drawn_literally():
    fig = plots.contact_structure([("Cost $x$ team", "Buyer_1 ^2")])
    # drawn as written: either escaped ($ -> \$, which matplotlib shows as $) or with math text off
    shown = {t.get_text().replace("\\$", "$"): t for t in fig.axes[0].texts}
    assert {"Cost $x$ team", "Buyer_1 ^2"} <= set(shown)
    raw = shown["Cost $x$ team"]
    assert raw.get_text() == "Cost \\$x\\$ team" or not raw.get_parse_math()
    _render(fig)


def test_stage_fit_on_the_portfolio_matrix():
    fig = plots.portfolio_stage_fit()
    texts = _texts(fig)
    assert "Marlow Brewing Group (Co-operative: below the fit)" in texts
    assert "Wrenfield Gifts (Interdependent: above the fit)" in texts
    assert "Quintara Chemicals (Interdependent: fits)" in texts
    assert "stage fit: Interdependent to Integrated" in texts and "stage fit: Basic to Co-operative" in texts
    legend = [x.get_text() for x in fig.axes[0].get_legend().get_texts()]
    assert legend == ["below the fit", "fits", "above the fit"]
    assert fig.axes[0].xaxis_inverted()  # lesson 04's axes: high strength on the left
    _render(fig)


def test_stage_fit_needs_a_position_for_every_account():
    with pytest.raises(InputError, match="No attractiveness and strength for: Acme"):
        plots.portfolio_stage_fit({"Acme": ("Star", "basic")})


def test_contact_structure_drawing_rejects_bad_contacts():
    with pytest.raises(InputError, match="'Buyer'"):
        plots.contact_structure([("", "Buyer")])


def test_fit_grid_without_accounts():
    fig = plots.fit_grid()
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
    portfolio = {
        "Nordwind": ("Strategic", "co-operative"),
        "Alba": ("Streamline", "integrated"),
        "Corvo": ("Strategic", "integrated"),
        "Delta": ("Star", "interdependent"),
        "Elm": ("Star", "interdependent"),
    }
    fig = plots.fit_grid(portfolio)
    texts = _texts(fig)
    assert "Nordwind (under -1)" in texts
    assert "Alba (over +2)" in texts
    assert "Corvo (fits, selective)" in texts
    assert "Delta (fits)\nElm (fits)" in texts
    # the same result from portfolio_fit gives the same figure texts
    assert sorted(_texts(plots.fit_grid(rel.portfolio_fit(portfolio)))) == sorted(texts)
    _render(fig)


def test_fit_grid_rejects_bad_portfolio():
    with pytest.raises(InputError, match="Nordwind.*'Gold'"):
        plots.fit_grid({"Nordwind": ("Gold", "basic")})
