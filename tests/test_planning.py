"""The key account plan's core: validation at the boundary, JSON round trip, the case, the
position from the learner's lesson work, priorities, completeness and the pitfalls audit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from kamcourse import planning as P
from kamcourse import portfolio, relationships
from kamcourse.errors import InputError
from kamcourse.planning.export import tables as export_tables
from kamcourse.workbook import Workbook


@pytest.fixture(scope="module")
def worked() -> P.Plan:
    return P.worked_plan(workbook=Workbook("/nonexistent-kamcourse/wb.json"))


# ----------------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("changes", "pattern"),
    [
        ({"account": ""}, "Account must not be empty"),
        ({"account": 42}, "Account must be text; got 42"),
        ({"prepared": "31/12/2026"}, "Date of the plan must be a date written YYYY-MM-DD"),
        ({"prepared": "1899-01-01"}, "between 2000 and 2100"),
        ({"horizon_years": 0}, r"Horizon \(years\) must be between 1 and 10"),
        ({"horizon_years": float("nan")}, r"Horizon \(years\): nan is not a finite number"),
        ({"objectives": [{"text": "Grow", "baseline": "five"}]}, "Objectives, row 1: Baseline: 'five' is not a number"),
        ({"objectives": [{"target": float("inf")}]}, "Target: inf is not a finite number"),
        ({"objectives": [{"target": 10**400}]}, "Target: .* is not a finite number"),
        ({"objectives": [{"target": 1e13}]}, "Target is too large"),
        ({"objectives": [{"target": "1,500"}]}, "Target: '1,500' could mean 1500"),
        ({"objectives": [{"level": "tactical"}]}, "Level cannot be 'tactical': choose one of strategic, operational"),
        ({"objectives": [{"id": "A"}, {"id": "a"}]}, "Two rows of the objectives share the name or id a"),
        (
            {"stakeholders": [{"name": "Sanna", "attitude": "friend"}]},
            r"Stakeholder map, row 1 \(Sanna\): Attitude towards us cannot be 'friend'",
        ),
        ({"stakeholders": [{"title": "Boss"}]}, "Stakeholder map, row 1: Name must not be empty"),
        ({"stakeholders": "Sanna"}, "The stakeholder map must be a list of rows"),
        ({"actions": [{"what": "x", "due": "2027-02-30"}]}, "Action plan, row 1: Due date must be a date"),
        ({"actions": [{"what": "x", "status": "finished"}]}, "Status cannot be 'finished'"),
        ({"opportunities": [{"id": "x", "profit": 6}]}, "Profit potential must be a whole number from 1 to 5"),
        ({"opportunities": [{"id": "x", "risk": 2.5}]}, "Risk must be a whole number from 1 to 5"),
        ({"priority_rule": {"profit_weight": 0, "strategic_weight": 0}}, "cannot both be 0"),
        ({"priority_rule": {"value_cut": 9}}, "Value cut must be between 1 and 5"),
        ({"team": {"ower": "Ines"}}, "The plan team has no field called ower"),
        ({"team": {"customer_reviewed": "yes"}}, r"Reviewed with the customer must be yes \(True\) or no \(False\)"),
        ({"position": {"stage": "friends"}}, "Relationship stage today cannot be 'friends'"),
        ({"position": {"attractiveness": 1200}}, "Attractiveness must be between 0 and 1000"),
        ({"review": {"plan_review": "sometimes"}}, "Plan review cannot be 'sometimes'"),
        ({"profile": {"customer": "x" * 5000}}, "is 5000 characters long; at most 4000"),
        ({"analysis": {"threats": {"a": 1}}}, "Threats must be a list of texts"),
        ({"objectives": [{}] * 201}, "has 201 items; at most 200"),
    ],
)
def test_bad_values_are_refused_naming_the_part_row_and_field(changes: dict, pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        P.Plan.from_dict({"account": "Orvale Foods", **changes})


def test_plan_refuses_a_foreign_format_and_unknown_top_level_keys() -> None:
    with pytest.raises(InputError, match="not a saved key account plan"):
        P.Plan.from_dict({"format": "something-else", "version": 1, "account": "x"})
    with pytest.raises(InputError, match="has no field called colour"):
        P.Plan.from_dict({"account": "x", "colour": "red"})
    with pytest.raises(InputError, match="must be given as a dictionary"):
        P.Plan.from_dict(["account"])


def test_text_is_kept_as_typed_but_unwritable_characters_are_replaced() -> None:
    plan = P.Plan.from_dict({"account": "  Orvale \t Foods ", "profile": {"customer": "a\x0bb\x00c\ud800 =1+1 <b>"}})
    assert plan.account == "Orvale Foods"
    assert plan.profile.customer == "a b c\ufffd =1+1 <b>"


def test_choices_ignore_case_and_separators() -> None:
    person = P.Stakeholder(name="X", role="Decision_Maker", attitude="NON-SUPPORTER", influence="High")
    assert (person.role, person.attitude, person.influence) == ("decision maker", "non-supporter", "high")


def test_objectives_without_id_get_free_ones_so_actions_can_name_them() -> None:
    plan = P.Plan.from_dict({"account": "a", "objectives": [{"text": "x"}, {"id": "O1"}, {"text": "y"}]})
    assert [o.id for o in plan.objectives] == ["O2", "O1", "O3"]


def test_numbers_accept_text_with_a_decimal_comma() -> None:
    objective = P.Objective(baseline="91,5", target=" 97 % ")
    assert (objective.baseline, objective.target) == (91.5, 97.0)


# ----------------------------------------------------------------------------- JSON round trip
def test_the_worked_plan_survives_a_json_round_trip(worked: P.Plan) -> None:
    text = json.dumps(worked.to_dict(), allow_nan=False)
    again = P.Plan.from_dict(json.loads(text))
    assert again == worked
    assert json.loads(text)["format"] == "kamcourse-plan"
    assert isinstance(again.objectives[0].due, dt.date)


def test_save_and_load_through_the_workbook(book: Workbook, worked: P.Plan) -> None:
    assert P.saved(workbook=book) is None
    key = P.save(worked, workbook=book)
    assert key == "planning.plan.Orvale Foods"
    # a fresh Workbook object on the same file, as after a kernel restart
    again = P.load(workbook=Workbook(book.path))
    assert again == worked
    assert P.saved(workbook=book) == worked


def test_a_saved_plan_that_cannot_be_read_is_reported_and_left_alone(book: Workbook) -> None:
    book.set_state("planning.plan.Orvale Foods", {"format": "kamcourse-plan", "version": 1, "account": 7})
    with pytest.raises(InputError, match="cannot be read any more"):
        P.load(workbook=book)
    assert book.get_state("planning.plan.Orvale Foods")["account"] == 7


def test_load_without_saved_work_starts_from_the_case_or_the_worked_plan(book: Workbook, worked: P.Plan) -> None:
    assert P.load(workbook=book) == P.case_plan(workbook=book)
    assert P.load(workbook=book, start="worked") == worked
    with pytest.raises(InputError, match="start cannot be 'blank'"):
        P.load(workbook=book, start="blank")
    assert not book.path.exists(), "reading never writes"


# ----------------------------------------------------------------------------- the case
def test_the_case_plan_holds_the_database_people_uncertainties_and_opportunities(book: Workbook) -> None:
    plan = P.case_plan(workbook=book)
    record = P.case_account("Orvale Foods")
    assert plan.account == "Orvale Foods" and plan.supplier == "Vellmar Packaging"
    assert plan.team.owner == "Ines Varga"
    assert "Pack 2030" in plan.profile.customer and "re-tendered in 2027" in plan.profile.needs
    assert (
        "5% of its packaging spend" in plan.profile.history
        and "Pelkora Pack (15% of the spend)" in plan.profile.competition
    )
    assert [p.name for p in plan.stakeholders] == [p["name"] for p in record["people"]]
    assert {u.id for u in plan.uncertainties} == {u["id"] for u in record["uncertainties"]}
    assert all(not o.rated for o in plan.opportunities)
    assert plan.objectives == () and plan.actions == ()


@pytest.mark.parametrize("account", ["Quintara Chemicals", "halvorsen  dairies"])
def test_every_deep_case_account_gives_a_plan(account: str, book: Workbook) -> None:
    plan = P.case_plan(account, workbook=book)
    assert plan.stakeholders and plan.uncertainties and plan.position.category is not None


def test_unknown_accounts_are_refused_with_the_known_ones(book: Workbook) -> None:
    with pytest.raises(InputError, match="Choose one of: Orvale Foods, Quintara Chemicals, Halvorsen Dairies"):
        P.case_plan("Acme", workbook=book)
    with pytest.raises(InputError, match="worked plans exist for: Orvale Foods"):
        P.worked_plan("Quintara Chemicals", workbook=book)


def test_worked_plan_baselines_restate_the_case_facts(worked: P.Plan) -> None:
    record = P.case_account()
    by_id = {o.id: o for o in worked.objectives}
    assert by_id["S1"].baseline == record["history"]["share_of_wallet_pct"]
    assert by_id["O1"].baseline == 91 and "91%" in record["history"]["events"][-1]["what"]
    high = [p for p in record["people"] if p["influence"] == "high"]
    quarterly = {"monthly", "quarterly", "weekly"}
    assert by_id["O3"].baseline == sum(1 for p in high if p["contact_frequency"] in quarterly)
    assert worked.position.target_stage == record["relationship"]["target_stage"]
    vellmar = {p["name"] for p in P.case_account.__globals__["load"]("case/organisation")["people"]}
    owners = {a.owner for a in worked.actions} | {o.owner for o in worked.objectives} | {worked.team.sponsor}
    assert owners <= vellmar, "every owner is one of Vellmar's people"
    assert {p.covered_by for p in worked.stakeholders if p.covered_by} <= vellmar


def test_vocabularies_match_the_lessons_they_come_from() -> None:
    assert P.STAGES == relationships.STAGE_IDS
    assert P.CATEGORIES == portfolio.CATEGORIES


# ----------------------------------------------------------------------------- position and its sources
def test_position_from_the_case_is_a_star_with_its_sources(book: Workbook) -> None:
    pos = P.position(workbook=book)
    assert pos.attractiveness == 810.0 and pos.strength == pytest.approx(515 / 705, abs=1e-3)
    assert pos.category == "Star" == portfolio.classify(pos.attractiveness, pos.strength)
    assert "The case" in pos.attractiveness_source and "verified at the 2026-10 meeting" in pos.strength_source
    assert "Pelkora Pack" in pos.strength_source and "default cuts" in pos.cuts_source
    assert pos.stage == "co-operative" and "evidence" in pos.stage_source
    assert not book.path.exists()


def test_position_table_shows_each_figure_with_its_source_in_the_catalogue_s_words(book: Workbook) -> None:
    table = P.position_table(workbook=book)
    pos = P.position(workbook=book)
    assert list(table.columns) == ["Value", "Where it comes from"]
    assert list(table.index) == [what for what, _, _ in pos.rows()]
    assert table.loc["Attractiveness", "Value"] == 810.0 and table.loc["Portfolio category", "Value"] == "Star"
    assert table.loc["Relative strength", "Where it comes from"] == pos.strength_source
    summary = export_tables(P.case_plan(workbook=book))[0].rows
    assert set(pos.rows()) <= set(summary), "the export's summary shows the same rows"
    assert not book.path.exists()


def test_position_cuts_follow_lesson_04_s_rule() -> None:
    assert P.Position(attractiveness=500, strength=1.0, strength_cut="1,2").category == "Star"  # on a cut is high
    for cuts in (
        {"strength_cut": 0},
        {"strength_cut": -1},
        {"attractiveness_cut": 1001},
        {"attractiveness_cut": "high"},
    ):
        with pytest.raises(InputError, match="cut"):
            P.Position(**cuts)


def test_position_takes_the_learners_lesson_work_and_says_so(book: Workbook) -> None:
    weights = {
        "Size of wallet": 100,
        "Growth of spend": 0,
        "Profit potential": 0,
        "Financial security": 0,
        "Need for differentiated solutions": 0,
        "Strategic fit with our plans": 0,
        "Attitude to relationships": 0,
        "Values us as a partner": 0,
    }
    book.set_state("sel.weights_editor", weights)
    book.set_state("sel.ratings_grid", {"Orvale Foods": {"Size of wallet": 4}})
    book.set_state(
        "port.csf_editor.Orvale Foods",
        {
            "account": "Orvale Foods",
            "weights": {
                "Price": 10,
                "Product quality": 10,
                "Delivery reliability": 10,
                "Technical support": 10,
                "Sustainability": 50,
                "Ease of doing business": 10,
            },
            "ratings": {
                "Vellmar Packaging": dict.fromkeys(
                    [
                        "Price",
                        "Product quality",
                        "Delivery reliability",
                        "Technical support",
                        "Sustainability",
                        "Ease of doing business",
                    ],
                    9.0,
                ),
                "Ostrand Containers": dict.fromkeys(
                    [
                        "Price",
                        "Product quality",
                        "Delivery reliability",
                        "Technical support",
                        "Sustainability",
                        "Ease of doing business",
                    ],
                    5.0,
                ),
                "Pelkora Pack": dict.fromkeys(
                    [
                        "Price",
                        "Product quality",
                        "Delivery reliability",
                        "Technical support",
                        "Sustainability",
                        "Ease of doing business",
                    ],
                    6.0,
                ),
            },
        },
    )
    book.set_state("port.portfolio_view", {"attractiveness_cut": 300.0, "strength_cut": 1.2, "median": False})
    book.set_state(
        "planning.quick_check.Orvale Foods",
        dict.fromkeys(["exit", "trust", "planning", "information", "contact", "benefits"], "agree"),
    )
    pos = P.position(workbook=book)
    assert pos.attractiveness == 400.0 and "Your work in lesson 03" in pos.attractiveness_source
    assert "your criterion weights and 1 of your ratings" in pos.attractiveness_source
    assert pos.strength == pytest.approx(1.5) and "lesson 04" in pos.strength_source
    assert (pos.attractiveness_cut, pos.strength_cut) == (300.0, 1.2) and "Your cuts" in pos.cuts_source
    assert pos.category == "Strategic"
    assert pos.stage == "interdependent" and "total 12/18" in pos.stage_source


def test_incomplete_or_broken_lesson_work_falls_back_to_the_case_and_says_why(book: Workbook) -> None:
    book.set_state(
        "sel.weights_editor",
        {
            "Size of wallet": 60,
            "Growth of spend": 0,
            "Profit potential": 0,
            "Financial security": 0,
            "Need for differentiated solutions": 0,
            "Strategic fit with our plans": 0,
            "Attitude to relationships": 0,
            "Values us as a partner": 0,
        },
    )
    book.set_state("port.csf_editor.Orvale Foods", {"weights": {"Price": "lots"}, "ratings": []})
    book.set_state("planning.quick_check.Orvale Foods", {"exit": "agree", "trust": None})
    book.set_state("port.portfolio_view", {"attractiveness_cut": "high", "strength_cut": -1})
    pos = P.position(workbook=book)
    assert pos.attractiveness == 810.0 and "total 60, not 100" in pos.attractiveness_source
    assert "The case" in pos.strength_source and "default cuts" in pos.cuts_source and "The case" in pos.stage_source


def test_median_cuts_chosen_in_lesson_04_are_used(book: Workbook) -> None:
    book.set_state("port.portfolio_view", {"attractiveness_cut": 500, "strength_cut": 1.0, "median": True})
    pos = P.position(workbook=book)
    table = __import__("kamcourse.selection", fromlist=["x"]).case_portfolio().table()
    assert (pos.attractiveness_cut, pos.strength_cut) == portfolio.median_cuts(
        table["attractiveness"], table["strength"]
    )
    assert "medians" in pos.cuts_source


def test_load_refreshes_the_position_but_keeps_the_learners_target(book: Workbook, worked: P.Plan) -> None:
    P.save(worked.replace(position={**worked.position.to_dict(), "target_stage": "co-operative"}), workbook=book)
    book.set_state(
        "planning.quick_check.Orvale Foods",
        dict.fromkeys(["exit", "trust", "planning", "information", "contact", "benefits"], "disagree"),
    )
    plan = P.load(workbook=book)
    assert plan.position.stage == "co-operative" and "lesson 06" in plan.position.stage_source
    assert plan.position.target_stage == "co-operative"


# ----------------------------------------------------------------------------- priorities
def test_priority_rule_ranks_the_worked_opportunities(worked: P.Plan) -> None:
    ranked = P.rank(worked)
    assert [(r.opportunity.id, r.priority) for r in ranked] == [
        ("carbon_data", "pursue first"),
        ("vmi_north", "pursue first"),
        ("certified_cases", "plan and resource"),
        ("brenna_launch", "plan and resource"),
        ("fibre_tray", "plan and resource"),
        ("line_audit", "only if cheap"),
    ]
    assert ranked[0].value == 3.0 and ranked[0].cost == 1.0 and ranked[0].label == "pursue first"


def test_changing_the_rule_changes_the_priorities(worked: P.Plan) -> None:
    rule = P.PriorityRule(profit_weight=100, strategic_weight=0, value_cut=4)
    priorities = {r.opportunity.id: r.priority for r in P.rank(worked, rule)}
    assert priorities["carbon_data"] == "only if cheap" and priorities["certified_cases"] == "plan and resource"
    assert priorities["fibre_tray"] == "drop"


def test_unrated_opportunities_come_last_and_bad_input_is_refused() -> None:
    ranked = P.rank([P.Opportunity(id="a"), P.Opportunity(id="b", profit=5, strategic=5, effort=1, risk=1)])
    assert [(r.opportunity.id, r.priority) for r in ranked] == [("b", "pursue first"), ("a", "not rated")]
    with pytest.raises(InputError):
        P.rank(42)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="Profit potential"):
        P.rank([{"id": "c", "profit": 0}])  # type: ignore[list-item]


# ----------------------------------------------------------------------------- completeness
def test_the_thin_case_plan_names_what_is_missing(book: Workbook) -> None:
    view = P.completeness(P.case_plan(workbook=book))
    text = view.text()
    for expected in (
        "'The customer's mission and strategy' is empty",
        "No strategy is written as a conditional plan",
        "No objectives yet",
        "Opportunity fibre_tray is not rated",
        "The action plan is empty",
        "No plan review cadence",
        "Sanna Virtanen (Sustainability director) has high influence but nobody",
    ):
        assert expected in text
    assert "profile" in view.filled and "objectives" not in view.filled
    assert 0 < view.share_filled < 1


def test_the_worked_plan_is_complete_and_only_asks_about_unknown_attitudes(worked: P.Plan) -> None:
    view = P.completeness(worked)
    assert view.missing == () and view.inconsistent == ()
    assert [f.text for f in view.warnings] == [
        "Henrik Orvale has high influence and an unknown attitude towards us: find out.",
        "Rafael Ortiz has high influence and an unknown attitude towards us: find out.",
    ]
    assert view.share_filled == 1


def _with(plan: P.Plan, **changes: object) -> P.Plan:
    return plan.replace(**changes)


def test_inconsistencies_are_named(worked: P.Plan) -> None:
    objectives = [
        dataclasses.replace(worked.objectives[0], baseline=None, due=None),
        dataclasses.replace(worked.objectives[1], target=worked.objectives[1].baseline),
        P.Objective(id="X9", text="Nobody serves me", metric="m", baseline=1, target=2, due="2027-05-01"),
    ]
    actions = [
        dataclasses.replace(worked.actions[0], owner=""),
        dataclasses.replace(worked.actions[1], objective="Z1"),
        dataclasses.replace(worked.actions[2], due="2031-01-01"),
    ]
    strategy = {
        "orientation": "x",
        "conditional": [
            {"uncertainty": "tender_scope", "then": "bid", "otherwise": "bid"},
            {"uncertainty": "weather", "condition": "rain", "then": "a", "otherwise": "b"},
        ],
    }
    people = [
        dataclasses.replace(p, reports_to="Nobody Known") if p.name == "Nina Hoffmann" else p
        for p in worked.stakeholders
    ]
    text = P.completeness(
        _with(worked, objectives=objectives, actions=actions, strategy=strategy, stakeholders=people)
    ).text()
    for expected in (
        "Objective S1 (Grow Vellmar's share of Orvale's packaging spend) is not measurable yet: missing baseline, due date",  # noqa: E501 (a literal line of data)
        "Objective S2 (Win the 2027 secondary-packaging framework for more plants) has its target equal to its baseline (2)",  # noqa: E501 (a literal line of data)
        "Objective X9 (Nobody serves me) has no action serving it",
        "Action 1 ('Obtain recycled-content certificates for every case…') has no owner",
        "serves objective 'Z1', which the plan does not have",
        "is due on 2031-01-01, outside the plan's period",
        "Strategy 1 ('bid') has no condition",
        "does the same thing whatever happens",
        "names the uncertainty 'weather', which is not among the plan's uncertainties",
        "Nina Hoffmann reports to Nobody Known, who is not on the map",
    ):
        assert expected in text, expected


def test_a_map_with_only_friends_asks_whether_it_is_honest(worked: P.Plan) -> None:
    friends = [dataclasses.replace(p, attitude="supporter") for p in worked.stakeholders]
    text = P.completeness(_with(worked, stakeholders=friends)).text()
    assert "Is the map honest?" in text and "Nobody on the map is a champion" in text
    honest = P.completeness(worked).text()
    assert "Is the map honest?" not in honest


def test_target_stage_beyond_the_category_is_flagged(worked: P.Plan) -> None:
    plan = _with(worked, position={**worked.position.to_dict(), "target_stage": "integrated"})
    assert "goes beyond what a Star account justifies (at most interdependent)" in P.completeness(plan).text()
    plan = _with(worked, position={**worked.position.to_dict(), "target_stage": "basic"})
    text = P.completeness(plan).text()
    assert "below what a Star account deserves" in text and "looser than today's (co-operative)" in text


def test_completeness_refuses_what_is_not_a_plan() -> None:
    with pytest.raises(InputError, match="Give a key account plan"):
        P.completeness({"account": "x"})  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- pitfalls audit
def test_audit_answers_the_ten_pitfalls_from_the_worked_plan(worked: P.Plan) -> None:
    answers = P.audit(worked)
    assert [a.id for a in answers] == list(P.PITFALLS) and len(answers) == 10
    assert all(a.verdict == "ok" for a in answers), [a.text() for a in answers if a.verdict != "ok"]
    by_id = {a.id: a for a in answers}
    assert "Katrin Aalto" in by_id["seniors_uninterested"].evidence
    assert "next review on 2027-03-01" in by_id["never_reviewed"].evidence


def test_audit_names_the_risks_of_the_thin_case_plan(book: Workbook) -> None:
    by_id = {a.id: a for a in P.audit(P.case_plan(workbook=book))}
    assert by_id["written_alone"].verdict == "at risk" and "Name the colleagues" in by_id["written_alone"].advice
    assert by_id["never_reviewed"].verdict == "at risk" and "next review: none" in by_id["never_reviewed"].evidence
    assert by_id["supplier_only"].verdict == "at risk"
    assert by_id["seniors_uninterested"].verdict == "at risk"
    assert by_id["kam_only"].verdict == "cannot tell" and by_id["box_filling"].verdict == "cannot tell"
    assert by_id["no_owner"].verdict == "ok"


def test_audit_spots_box_filling_and_a_plan_kept_internal(worked: P.Plan) -> None:
    plan = _with(
        worked,
        analysis={**worked.analysis.to_dict(), "external": "TBD", "internal": "n/a"},
        team={**worked.team.to_dict(), "customer_reviewed": False},
    )
    by_id = {a.id: a for a in P.audit(plan)}
    assert by_id["box_filling"].verdict == "at risk" and "Placeholder texts: 2" in by_id["box_filling"].evidence
    assert (
        by_id["close_to_chest"].verdict == "cannot tell"
        and "not yet reviewed with the customer" in by_id["close_to_chest"].evidence
    )


# ----------------------------------------------------------------------------- layers
def test_the_keys_read_from_lessons_03_04_are_the_ones_their_widgets_save(book: Workbook) -> None:
    from kamcourse.widgets import portfolio as port
    from kamcourse.widgets import selection as sel

    assert P.case.SEL_WEIGHTS == sel.STATE_WEIGHTS and P.case.SEL_RATINGS == sel.STATE_RATINGS
    assert port.csf_editor("Orvale Foods", workbook=book).state_key == P.case.csf_key("Orvale Foods")
    assert port.PortfolioView.__init__.__kwdefaults__["state_key"] == P.case.PORT_VIEW


def test_the_core_imports_no_ui_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kamcourse.planning as p; p.completeness(p.case_plan()); "
        "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'kamcourse.plots', 'kamcourse.widgets') if m in sys.modules))"  # noqa: E501 (a literal line of data)
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "KAMCOURSE_WORKBOOK": "/nonexistent-kamcourse/wb.json"},
    )
    assert done.stdout.strip() == "[]"


def test_numbers_in_a_plan_are_read_as_everywhere_in_the_course() -> None:
    """kamcourse.inputs reads a plan's numbers: thousands separators, decimal commas, a percent sign."""
    objective = P.Objective.from_dict({"text": "Grow", "baseline": "1 234,5", "target": "1.500,25", "unit": "EUR"})
    assert (objective.baseline, objective.target) == (1234.5, 1500.25)
    assert P.Objective.from_dict({"text": "Share", "baseline": "12,5 %"}).baseline == 12.5
    assert P.Objective.from_dict({"text": "Blank", "baseline": "  "}).baseline is None
