from __future__ import annotations

import pytest

from kamcourse import framework
from kamcourse.errors import InputError


def test_dimensions_in_the_prescribed_order() -> None:
    assert dict(framework.DIMENSIONS) == {
        "process stages": ("Situational analysis", "Strategy formulation", "Operations"),
        "supporting documents": ("Key account database", "Strategy formulation process document", "Key account plan"),
        "organisational levels": ("Top management", "Key account director", "Key account managers"),
    }
    with pytest.raises(TypeError):
        framework.DIMENSIONS["x"] = ()  # type: ignore[index]


def test_every_element_has_a_question_and_an_explanation() -> None:
    assert len(framework.elements()) == 9
    for item in framework.elements():
        assert item.question.strip() and len(item.explanation.split()) >= 20, item.name


def test_process_stages_carry_their_guiding_questions() -> None:
    questions = [framework.element(n).question for n in framework.DIMENSIONS["process stages"]]
    assert questions == ["Where are we in the relationship?", "Where do we want to go?", "How do we get there?"]


@pytest.mark.parametrize("name", ["key account plan", "  Key   account PLAN ", "Key-account plan"])
def test_element_lookup_is_forgiving(name: str) -> None:
    assert framework.element(name).name == "Key account plan"


@pytest.mark.parametrize("bad", ["Key account", "", None, 3, "Sales"])
def test_unknown_elements_are_rejected_with_the_list(bad: object) -> None:
    with pytest.raises(
        InputError, match=r"is not an element of the 3x3 framework\. Choose one of: Situational analysis"
    ):
        framework.element(bad)  # type: ignore[arg-type]


def test_unknown_dimension_and_detail() -> None:
    with pytest.raises(InputError, match="'rows' is not a dimension"):
        framework.dimension("rows")
    with pytest.raises(InputError, match="detail must be"):
        framework.table("colour")


def test_table_is_column_by_column() -> None:
    frame = framework.table()
    assert list(frame.columns) == list(framework.DIMENSIONS)
    assert frame["supporting documents"].tolist() == list(framework.DIMENSIONS["supporting documents"])
    assert framework.table("question").loc[1, "process stages"] == "Where are we in the relationship?"


def test_strategy_is_defined_as_a_conditional_plan_and_credit_and_warning() -> None:
    terms = framework.terms_table()
    assert list(terms.index) == ["Objective", "Action plan", "Strategy"]
    assert "conditional" in terms.loc["Strategy", "meaning"]
    assert "If" in terms.loc["Strategy", "example"]
    assert "Faucher" in framework.credit()
    assert "not linked" in framework.warning()
