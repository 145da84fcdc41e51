"""Lesson 09's core (kamcourse.organising): roles, congruence, success factors, reward, scorecard."""

from __future__ import annotations

import pytest

from kamcourse import content
from kamcourse import organising as org
from kamcourse.errors import InputError

ALL_THREE = {sid: 3 for sid in org.congruence_statements().index}


# --------------------------------------------------------------------------- roles


def test_roles_cover_the_four_levels_and_place_them_in_the_3x3_framework() -> None:
    table = org.roles()
    assert list(table.index) == [
        "Top management and executive sponsors",
        "Key account director",
        "Key account manager",
        "Key account coordinator",
    ]
    levels = {e["name"] for e in content.load("framework")["dimensions"][2]["elements"]}
    for level in levels:  # the three organisational levels of lesson 02 are named
        assert any(f'"{level}"' in text for text in table.iloc[:, 1]), level


# --------------------------------------------------------------------------- congruence


def test_case_congruence_finds_human_resources_as_the_misfit() -> None:
    result = org.congruence(org.case_congruence())
    assert list(result.scores) == ["strategy", "organisation", "human_resources", "systems"]
    assert result.strongest == "organisation" and result.misfits == ("human_resources",)
    text = result.reading()
    assert "Misfit: Human resources (1.7) is 2.0 points below Organisation." in text
    assert "reward the multi-year development" in text


def test_congruence_without_misfit_and_weak_everywhere() -> None:
    assert "fit one another" in org.congruence(ALL_THREE).reading()
    low = org.congruence({k: 1 for k in ALL_THREE}).reading()
    assert "at a low level everywhere" in low


def test_exactly_one_point_below_is_not_a_misfit_and_strategy_behind_is_named() -> None:
    ratings = dict(ALL_THREE, o1=4, o2=4, o3=4)  # organisation 4, others 3: exactly 1 below
    assert org.congruence(ratings).misfits == ()
    behind = dict(ALL_THREE, s1=1, s2=1, s3=1)
    result = org.congruence(behind)
    assert result.misfits == ("strategy",) and "settle the strategy first" in result.reading()


def test_ratings_are_read_as_numbers_or_words() -> None:
    words = {k: "partly" for k in ALL_THREE}
    assert org.congruence(words).scores["strategy"] == 3
    assert org.rating("Fully") == 5 and org.rating(2.0) == 2 and org.rating("4") == 4


@pytest.mark.parametrize(
    ("ratings", "pattern"),
    [
        ([3] * 12, r"as a dictionary"),
        (dict(ALL_THREE, s1=6), r"s1 \(Top management has said.*rating 6 is not on the scale"),
        (dict(ALL_THREE, s1=0), r"rating 0 is not on the scale"),
        (dict(ALL_THREE, s1=True), r"rating True is not on the scale"),
        (dict(ALL_THREE, s1=2.5), r"rating 2.5 is not on the scale"),
        (dict(ALL_THREE, s1=float("nan")), r"rating nan is not on the scale"),
        (dict(ALL_THREE, s1="sometimes"), r"rating 'sometimes' is not on the scale"),
        (dict(ALL_THREE, s1=None), r"rating None is not on the scale"),
        (dict(ALL_THREE, x9=3), r"'x9' is not a statement"),
        ({"s1": 3}, r"missing: s2, s3, o1"),
    ],
)
def test_bad_congruence_ratings_are_refused(ratings: object, pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        org.congruence(ratings)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- success factors


def test_case_success_factors_name_the_weakest_with_advice() -> None:
    result = org.success_factors(org.case_success_factors())
    assert result.weakest == ("quality", "segmentation", "budget") and result.unsupported == ()
    text = result.reading()
    assert "Weakest: Business quality over quantity (1 of 5)." in text and "steering committee" in text


def test_high_ratings_without_evidence_are_flagged() -> None:
    answers = {f["id"]: {"rating": 5, "evidence": ""} for f in org.factors()}
    answers["rituals"] = {"rating": 4, "evidence": "Quarterly business reviews at all twelve accounts"}
    result = org.success_factors(answers)
    assert "rituals" not in result.unsupported and len(result.unsupported) == 5
    assert "No factor is rated below 4" in result.reading() and "Rated high without evidence" in result.reading()
    assert org.success_factors({f["id"]: 2 for f in org.factors()}).unsupported == ()


@pytest.mark.parametrize(
    ("answers", "pattern"),
    [
        ("good", r"as a dictionary"),
        ({"luck": 3}, r"'luck' is not one of the six success factors"),
        ({"anchorage": {"rating": 9}}, r"Anchorage to the top: rating 9 is not on the scale"),
        ({"anchorage": {"rating": 3, "evidence": 42}}, r"Anchorage to the top: the evidence 42 is not text"),
        ({"anchorage": 3}, r"missing: Business quality over quantity"),
    ],
)
def test_bad_success_factor_answers_are_refused(answers: object, pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        org.success_factors(answers)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- reward


def test_case_reward_is_read_from_the_organisation() -> None:
    mix = org.case_reward()
    assert (mix.base, mix.commission, mix.bonus, mix.bonus_on) == (60, 35, 5, ("company",))
    lines = mix.encourages()
    assert "35% commission on this year's revenue" in lines[1] and "hardly move it" in lines[2]


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        ((60, 35, 4), r"add up to 99%, not 100% \(1 points missing\)"),
        ((60, 35, 15), r"add up to 110%, not 100% \(10 points too many\)"),
        ((-10, 60, 50), r"Base salary share \(percent\): -10 is outside the range allowed, 0 to 100"),
        ((150, -50, 0), r"Base salary share \(percent\): 150 is outside the range allowed, 0 to 100"),
        (("sixty", 35, 5), r"Base salary share \(percent\): 'sixty' is not a number"),
        ((True, 35, 5), r"Base salary share \(percent\): True is not a number"),
        ((float("inf"), 0, 0), r"Base salary share \(percent\): inf is not a finite number"),
        ((10**400, 0, 0), r"Base salary share \(percent\): .* is not a finite number"),
        ((60, "1,234", 5), r"Commission share \(percent\): '1,234' could mean 1234"),
        ((60, 35, 5, ["luck"]), r"'luck' is not one of the measures"),
        ((60, 35, 5, "profit"), r"'profit' is not one of the measures"),
    ],
)
def test_bad_reward_mixes_are_refused(args: tuple, pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        org.reward_mix(*args)


def test_reward_shares_as_text_and_measures_by_name() -> None:
    mix = org.reward_mix("70 %", "7,5", "22.5", ["the account's profit contribution", "team", "team"])
    assert (mix.base, mix.commission, mix.bonus, mix.bonus_on) == (70, 7.5, 22.5, ("profit", "team"))


# --------------------------------------------------------------------------- scorecard


def test_the_worked_scorecard_passes_every_test() -> None:
    result = org.assess_scorecard(org.example_scorecard())
    assert result.ok and result.problems == () and len(result.metrics) == 6
    assert result.reading() == "6 of 6 metrics pass all four tests."
    assert list(result.table().columns) == ["Perspective", "Metric", "Aligned", "Controllable", "Trackable", "Focused"]


CAPON_IN_PLAIN_WORDS = {
    "financial": ["Sales revenue from the account (EUR)", "Gross margin per key account (%)"],
    "growth": [
        "Number of new applications developed with the customer",
        "Sales to divisions we do not serve yet (EUR)",
    ],
    "customer": ["Customer satisfaction survey score", "Number of complaints per quarter"],
    "internal": ["Account team engagement score from the yearly survey", "Inventory turns at our plants"],
}


def test_capons_own_examples_phrased_plainly_are_accepted() -> None:
    result = org.assess_scorecard(CAPON_IN_PLAIN_WORDS)
    failing = [m.summary() for m in result.metrics if not m.ok]
    assert result.ok, failing


@pytest.mark.parametrize(
    ("metric", "perspective", "failed", "reason"),
    [
        ("Be the best", "customer", {"trackable", "aligned"}, "'best' states a wish, not a measure"),
        ("A great relationship with the buyer", "customer", {"trackable"}, "'great' states a wish"),
        ("Vellmar's share price", "financial", {"controllable"}, "'share price' depends on things beyond"),
        (
            "Growth of the packaging market (%)",
            "growth",
            {"controllable"},
            "'packaging market' depends on things beyond",
        ),
        ("Revenue and customer satisfaction and training hours", "financial", {"focused"}, "bundles several measures"),
        ("Customer satisfaction score, target 8", "financial", {"aligned"}, "belongs to the Customer perspective"),
        ("Discounts granted to win volume (EUR)", "financial", {"aligned"}, "'discount' rewards volume or price"),
        ("Zorblat 10%", "growth", {"aligned"}, "does not say what result it tracks"),
    ],
)
def test_each_test_fails_with_its_reason(metric: str, perspective: str, failed: set[str], reason: str) -> None:
    result = org.assess_metric(metric, perspective)
    assert {n for n, c in result.criteria().items() if not c.ok} == failed, result.summary()
    assert reason in result.summary()


def test_market_growth_is_named_even_in_other_words() -> None:
    assert not org.assess_metric("Market growth in packaging (%)", "growth").controllable.ok


def test_a_scorecard_is_balanced_and_focused_as_a_whole() -> None:
    lopsided = org.assess_scorecard({"financial": ["Revenue (EUR)", "Profit (EUR)", "Margin (%)", "Cash (EUR)"]})
    assert not lopsided.ok
    text = lopsided.reading()
    assert "no metric for Growth, Customer, Internal" in text and "4 metrics under Financial" in text
    many = org.assess_scorecard(
        {p: [f"Revenue {i} (EUR)" for i in range(3)] for p in ("financial",)}
        | {
            "growth": ["Number of new applications", "Share of wallet (%)", "New plants served"],
            "customer": ["Satisfaction score"],
            "internal": ["Forecast accuracy (%)"],
        }
    )
    assert "Not focused: 8 metrics" not in many.reading()
    twice = org.assess_scorecard([("customer", "Satisfaction score"), ("customer", "satisfaction  score")])
    assert "'satisfaction score' appears twice" in twice.reading()


@pytest.mark.parametrize(
    ("metrics", "pattern"),
    [
        ("revenue", r"cannot be read from str"),
        (5, r"cannot be read from int"),
        ({"finance": ["Revenue"]}, r"'finance' is not a perspective"),
        ({"financial": [42]}, r"Financial: the metric 42 is not usable"),
        ({"financial": ["x" * 301]}, r"301 characters is too long"),
        ([("financial",)], r"cannot be read"),
        ({"financial": [f"Revenue {i}" for i in range(41)]}, r"41 metrics are more than this check reads"),
    ],
)
def test_bad_scorecards_are_refused(metrics: object, pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        org.assess_scorecard(metrics)
