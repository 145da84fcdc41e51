"""Charts of the key account plan: readable without colour, learner text drawn literally."""

from __future__ import annotations

import io

import pytest
from matplotlib.figure import Figure

from kamcourse import planning as P
from kamcourse.errors import InputError
from kamcourse.plots import planning as plots
from kamcourse.workbook import Workbook


@pytest.fixture(scope="module")
def worked() -> P.Plan:
    return P.worked_plan(workbook=Workbook("/nonexistent-kamcourse/wb.json"))


def _texts(fig: Figure) -> list[str]:
    return (
        [t.get_text() for ax in fig.axes for t in ax.texts]
        + [t.get_text() for t in fig.texts]
        + [ax.get_title() for ax in fig.axes]
    )


def _draw(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=50)
    return buffer.getvalue()


def test_org_levels_follow_reports_to(worked: P.Plan) -> None:
    levels = plots.org_levels(worked)
    assert levels[0] == ["Henrik Orvale"]
    assert set(levels[1]) == {"Claire Dubois", "Rafael Ortiz", "Sanna Virtanen", "Paul Lenz"}
    assert "Nina Hoffmann" in levels[3]


def test_stakeholder_map_says_attitude_and_coverage_in_words_and_marks_uncovered_people(book: Workbook) -> None:
    plan = P.case_plan(workbook=book)
    text = "\n".join(_texts(plots.stakeholder_map(plan)))
    assert "attitude: non-supporter" in text and "covered by Ines Varga\n(monthly)" in text
    assert text.count("NOT COVERED") >= 4  # Henrik Orvale, Rafael Ortiz, Sanna Virtanen, Paul Lenz
    assert "Thick dashed box: high influence and nobody covers them." in text
    fig = plots.stakeholder_map(plan)
    dashed = [p for p in fig.axes[0].patches if p.get_linestyle() == "--"]
    assert len(dashed) == 3  # the three uncovered people of high influence
    assert _draw(fig).startswith(b"\x89PNG")


def test_reports_to_cycles_and_unknown_bosses_still_draw() -> None:
    plan = P.Plan(
        account="Loop",
        stakeholders=[
            {"name": "A", "reports_to": "B"},
            {"name": "B", "reports_to": "A"},
            {"name": "C", "reports_to": "Ghost"},
            {"name": "D", "reports_to": "D"},
        ],
    )
    assert sorted(n for level in plots.org_levels(plan) for n in level) == ["A", "B", "C", "D"]
    assert _draw(plots.stakeholder_map(plan)).startswith(b"\x89PNG")
    assert _draw(plots.stakeholder_map(P.Plan(account="Empty"))).startswith(b"\x89PNG")


def test_opportunity_matrix_labels_each_rated_opportunity_and_lists_unrated_ones(
    worked: P.Plan, book: Workbook
) -> None:
    fig = plots.opportunity_matrix(worked)
    labels = [a.get_text() for a in fig.axes[0].texts]
    assert {"certified_cases", "fibre_tray", "carbon_data", "line_audit"} <= set(labels)
    assert "PURSUE FIRST" in labels and "DROP WITHOUT REGRET" in labels
    text = "\n".join(_texts(plots.opportunity_matrix(P.case_plan(workbook=book))))
    assert "Not rated yet, so not drawn: brenna_launch, carbon_data, certified_cases" in text


def test_learner_text_is_drawn_literally_not_as_math(worked: P.Plan) -> None:
    nasty = r"$\frac{1}{$ and $x$"
    plan = worked.replace(
        account=nasty,
        stakeholders=[*worked.stakeholders, P.Stakeholder(name=nasty, title="$5")],
        opportunities=[*worked.opportunities, P.Opportunity(id=nasty, profit=1, strategic=1, effort=5, risk=5)],
    )
    for fig in (plots.stakeholder_map(plan), plots.opportunity_matrix(plan), plots.plan_on_a_page(plan)):
        assert any(nasty in text for text in _texts(fig))
        assert _draw(fig).startswith(b"\x89PNG")  # an unbalanced $ would make mathtext raise


def test_plan_on_a_page_and_chart_images(worked: P.Plan) -> None:
    text = "\n".join(_texts(plots.plan_on_a_page(worked)))
    assert "Key account plan: Orvale Foods" in text and "Star" in text and "share of wallet from 5 to 15 %" in text
    images = plots.chart_images(worked)
    assert set(images) == {"stakeholders", "opportunities"} and all(v.startswith(b"\x89PNG") for v in images.values())


def test_charts_refuse_what_is_not_a_plan() -> None:
    with pytest.raises(InputError, match="Give a key account plan"):
        plots.stakeholder_map("Orvale")  # type: ignore[arg-type]
