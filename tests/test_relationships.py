"""Tests for kamcourse.relationships (lesson notebooks/05_relationship_stages.ipynb)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from kamcourse import portfolio
from kamcourse import relationships as rel
from kamcourse.content import load
from kamcourse.errors import InputError
from kamcourse.relationships import case_study

IDS = ["exit", "trust", "planning", "information", "contact", "benefits"]


# ------------------------------------------------------------------ stages


def test_four_stages_in_order_with_traits():
    assert rel.STAGE_IDS == ("basic", "co-operative", "interdependent", "integrated")
    assert [s.order for s in rel.STAGES] == [0, 1, 2, 3]
    for s in rel.STAGES:
        traits = s.traits()
        assert list(traits) == [
            "contacts",
            "share_of_spend",
            "exit",
            "information",
            "planning",
            "trust",
            "structure_text",
        ]
        assert all(isinstance(v, str) and len(v) > 20 for v in traits.values()), s.id
    assert rel.STAGES[0].structure == "bow-tie"
    assert rel.STAGES[2].structure == "diamond"
    assert "course's own" in rel.STAGES[1].structure_text and "widening" not in rel.STAGES[1].structure_text
    assert "team" in rel.STAGES[3].structure_text.lower()
    assert "rare" in rel.STAGES[3].summary.lower()


def test_stages_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        rel.STAGES[0].name = "x"  # type: ignore[misc]


def test_credit_names_cranfield_and_woodburn():
    credit = load("relationships")["credit"]
    assert "Cranfield" in credit and "Woodburn" in credit


@pytest.mark.parametrize(
    "value, expected",
    [
        ("basic", "basic"),
        ("Co-operative", "co-operative"),
        ("cooperative", "co-operative"),
        (" INTERDEPENDENT ", "interdependent"),
        ("Integrated", "integrated"),
    ],
)
def test_stage_lookup_is_lenient(value, expected):
    assert rel.stage(value).id == expected


@pytest.mark.parametrize("value", ["partnership", "", None, 2])
def test_stage_lookup_rejects(value):
    with pytest.raises(InputError) as err:
        rel.stage(value, item="Account Nordwind")
    assert "Account Nordwind" in str(err.value) and repr(value) in str(err.value)
    assert "co-operative" in str(err.value)


# ------------------------------------------------------------ stage_for_total


@pytest.mark.parametrize(
    "total, expected",
    [
        (0, "basic"),
        (4, "basic"),
        (5, "co-operative"),
        (10, "co-operative"),
        (11, "interdependent"),
        (16, "interdependent"),
        (17, "integrated"),
        (18, "integrated"),
        (2.0, "basic"),
        (np.int64(17), "integrated"),
    ],
)
def test_stage_for_total_boundaries(total, expected):
    assert rel.stage_for_total(total) == expected


@pytest.mark.parametrize("total", [-1, 19, 4.5, True, False, None, float("nan"), "10", math.inf])
def test_stage_for_total_rejects(total):
    with pytest.raises(InputError) as err:
        rel.stage_for_total(total)
    assert repr(total) in str(err.value)
    assert "0 to 18" in str(err.value)


def test_bands_cover_0_to_18_and_are_illustrative():
    covered = [n for _, lo, hi in rel.bands() for n in range(lo, hi + 1)]
    assert covered == list(range(19))
    data = load("relationships")["bands"]
    assert data["illustrative"] is True
    assert "illustrative" in data["note"] and "course" in data["note"]
    assert (
        "illustrative, course-defined" in rel.stage_for_total.__doc__.replace("*", "")
        or "course-defined" in rel.stage_for_total.__doc__
    )


# --------------------------------------------------------------- quick check


def test_six_statements_with_stable_ids():
    assert [s.id for s in rel.STATEMENTS] == IDS
    assert all(s.text.endswith(".") and s.short for s in rel.STATEMENTS)


def test_quick_check_sequence():
    q = rel.quick_check([3, 2, 1, 0, 2, 3])
    assert q.total == 11 and q.stage == "interdependent"
    assert q.answers == (3, 2, 1, 0, 2, 3)
    assert [s.id for s in q.weak] == ["information", "planning"]  # lowest first
    assert q.by_statement == dict(zip(IDS, (3, 2, 1, 0, 2, 3), strict=False))
    assert q.stage_info.name == "Interdependent"


def test_quick_check_weak_ties_in_statement_order():
    q = rel.quick_check([1, 1, 0, 3, 0, 2])
    assert [s.id for s in q.weak] == ["planning", "contact", "exit", "trust"]
    assert rel.quick_check([2] * 6).weak == ()


def test_quick_check_labels_case_and_space_insensitive():
    q = rel.quick_check(["Strongly Agree", "agree", " DISAGREE ", "strongly  disagree", "stronglyagree", "Agree"])
    assert q.answers == (3, 2, 1, 0, 3, 2)
    assert q.total == 11


def test_quick_check_mapping_any_order_and_whole_floats():
    answers = {"benefits": 3, "exit": 2.0, "trust": "agree", "planning": 0, "information": 1, "contact": 3}
    q = rel.quick_check(answers)
    assert q.answers == (2, 2, 0, 1, 3, 3)
    assert q.total == 11


@pytest.mark.parametrize(
    "answers, total, stage",
    [
        ([0] * 6, 0, "basic"),
        ([1, 1, 1, 1, 0, 0], 4, "basic"),
        ([1, 1, 1, 1, 1, 0], 5, "co-operative"),
        ([2, 2, 2, 2, 2, 0], 10, "co-operative"),
        ([2, 2, 2, 2, 2, 1], 11, "interdependent"),
        ([3, 3, 3, 3, 3, 1], 16, "interdependent"),
        ([3, 3, 3, 3, 3, 2], 17, "integrated"),
        ([3] * 6, 18, "integrated"),
    ],
)
def test_quick_check_band_boundaries(answers, total, stage):
    q = rel.quick_check(answers)
    assert (q.total, q.stage) == (total, stage)


def test_quick_check_is_frozen_and_accepts_tuple_and_series():
    q = rel.quick_check((1, 2, 3, 0, 1, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.total = 3  # type: ignore[misc]
    assert rel.quick_check(pd.Series([1, 2, 3, 0, 1, 2])).answers == q.answers


@pytest.mark.parametrize("answers", [[1] * 5, [1] * 7, []])
def test_quick_check_wrong_count(answers):
    with pytest.raises(InputError) as err:
        rel.quick_check(answers)
    assert "exactly 6 answers" in str(err.value) and f"got {len(answers)}" in str(err.value)


@pytest.mark.parametrize("position", [0, 3, 5])
@pytest.mark.parametrize("bad", [True, False, 2.5, -1, 4, float("nan"), None, np.bool_(True), [1]])
def test_quick_check_rejects_bad_answer_naming_statement_and_value(position, bad):
    answers: list = [2] * 6
    answers[position] = bad
    with pytest.raises(InputError) as err:
        rel.quick_check(answers)
    message = str(err.value)
    assert f"'{IDS[position]}'" in message
    assert rel.STATEMENTS[position].short in message
    assert repr(bad) in message
    assert "0-3" in message


@pytest.mark.parametrize("label", ["maybe", "", "strongly", "agreed"])
def test_quick_check_rejects_unknown_label(label):
    with pytest.raises(InputError) as err:
        rel.quick_check(["agree"] * 5 + [label])
    message = str(err.value)
    assert "'benefits'" in message and repr(label) in message and "strongly agree" in message


def test_quick_check_mapping_unknown_missing_or_bad():
    good = dict.fromkeys(IDS, 2)
    with pytest.raises(InputError) as err:
        rel.quick_check({**good, "loyalty": 2})
    assert "'loyalty'" in str(err.value) and "exit" in str(err.value)
    del good["contact"]
    with pytest.raises(InputError) as err:
        rel.quick_check(good)
    assert "missing: contact" in str(err.value)
    with pytest.raises(InputError) as err:
        rel.quick_check({**dict.fromkeys(IDS, 2), "trust": None})
    assert "'trust'" in str(err.value) and "None" in str(err.value)


@pytest.mark.parametrize("answers", ["332211", None, 12, b"123456"])
def test_quick_check_rejects_non_collections(answers):
    with pytest.raises(InputError) as err:
        rel.quick_check(answers)
    assert repr(answers) in str(err.value)


# ------------------------------------------------------------------ two views


def test_compare_views_gaps_stages_and_order():
    ours = [3, 3, 2, 2, 3, 3]  # 16 interdependent
    theirs = [1, 2, 2, 3, 1, 2]  # 11 interdependent
    c = rel.compare_views(ours, theirs)
    assert [g.gap for g in c.gaps] == [2, 1, 0, -1, 2, 1]
    assert [g.statement.id for g in c.largest_first] == [
        "exit",
        "contact",
        "trust",
        "information",
        "benefits",
        "planning",
    ]
    assert c.first.stage == c.second.stage == "interdependent"
    assert c.different_stages is False
    assert c.total_gap == 5
    assert c.first_label == "Our view" and "Customer" in c.second_label
    frame = c.to_frame()
    assert list(frame.columns) == ["statement", "short", "first", "second", "gap"]
    assert frame["statement"].iloc[0] == "exit"


def test_compare_views_different_stages_and_labels():
    c = rel.compare_views(rel.quick_check([2] * 6), [1] * 6, first_label="Anna", second_label="Ben")
    assert (c.first.stage, c.second.stage) == ("interdependent", "co-operative")
    assert c.different_stages is True
    assert (c.first_label, c.second_label) == ("Anna", "Ben")


def test_compare_views_rejects_bad_view():
    with pytest.raises(InputError) as err:
        rel.compare_views([2] * 6, [2, 2, 2, 2, 2, 7])
    assert "'benefits'" in str(err.value) and "7" in str(err.value)
    with pytest.raises(InputError) as err:
        rel.compare_views([2] * 6, [2] * 6, first_label="  ")
    assert "'  '" in str(err.value)


# ------------------------------------------------------------- portfolio fit


def test_fit_table_guidance():
    table = rel.fit_table()
    assert list(table) == list(rel.CATEGORIES) == ["Strategic", "Star", "Status", "Streamline"]
    assert table["Strategic"].stages == ("interdependent", "integrated")
    assert table["Strategic"].core == ("interdependent",)
    assert table["Strategic"].selective == ("integrated",)
    assert table["Star"].stages == ("co-operative", "interdependent")
    assert table["Status"].core == ("co-operative",)
    assert table["Streamline"].stages == ("basic", "co-operative")
    assert table["Streamline"].core == ("basic",)
    # integrated is never a default target
    assert all("integrated" not in f.core for f in table.values())
    assert all(len(f.reasoning) > 80 for f in table.values())
    assert "rare and costly" in table["Strategic"].reasoning
    assert rel.fit_for_category("star").category == "Star"


@pytest.mark.parametrize(
    "category, current, gap",
    [
        ("Strategic", "basic", -2),
        ("Strategic", "co-operative", -1),
        ("Strategic", "interdependent", 0),
        ("Strategic", "integrated", 0),
        ("Star", "basic", -1),
        ("Star", "integrated", 1),
        ("Status", "basic", -1),
        ("Status", "interdependent", 0),
        ("Status", "integrated", 1),
        ("Streamline", "basic", 0),
        ("Streamline", "co-operative", 0),
        ("Streamline", "interdependent", 1),
        ("Streamline", "integrated", 2),
    ],
)
def test_stage_gap(category, current, gap):
    assert rel.stage_gap(category, current) == gap


def test_portfolio_fit_from_mapping():
    result = rel.portfolio_fit(
        {
            "Nordwind": ("Strategic", "co-operative"),
            "Alba": {"category": "Streamline", "stage": "interdependent"},
            "Corvo": ("Strategic", "integrated"),
            "Delta": ("Star", "co-operative"),
        }
    )
    assert list(result["account"]) == ["Nordwind", "Alba", "Corvo", "Delta"]
    assert list(result["gap"]) == [-1, 1, 0, 0]
    assert list(result["verdict"]) == ["under-investing", "over-investing", "within fit", "within fit"]
    assert list(result["selective"]) == [False, False, True, False]
    assert list(result["fit_low"]) == ["interdependent", "basic", "interdependent", "co-operative"]
    texts = list(result["verdict_text"])
    assert "Nordwind" in texts[0] and "1 stage below" in texts[0] and "under-investing" in texts[0]
    assert "over-investing" in texts[1]
    assert "selectively" in texts[2]


def test_portfolio_fit_from_dataframe_index_or_column():
    frame = pd.DataFrame(
        {"Category": ["Streamline", "status"], "Stage": ["integrated", "Co-operative"]}, index=["Elm", "Fir"]
    )
    result = rel.portfolio_fit(frame)
    assert list(result["account"]) == ["Elm", "Fir"]
    assert list(result["gap"]) == [2, 0]
    assert "2 stages above" in result["verdict_text"].iloc[0]
    assert list(result["category"]) == ["Streamline", "Status"]
    with_column = frame.reset_index(names="account")
    pd.testing.assert_frame_equal(rel.portfolio_fit(with_column), result)


def test_portfolio_fit_empty_is_empty_frame():
    result = rel.portfolio_fit({})
    assert result.empty and "verdict" in result.columns


@pytest.mark.parametrize(
    "portfolio, fragments",
    [
        ({"Nordwind": ("Key", "basic")}, ["Nordwind", "'Key'", "Strategic"]),
        ({"Nordwind": ("Strategic", "partnership")}, ["Nordwind", "'partnership'", "interdependent"]),
        ({"Nordwind": ("Strategic", None)}, ["Nordwind", "None"]),
        ({"Nordwind": {"category": "Star"}}, ["Nordwind", "None"]),
        ({"Nordwind": "Strategic"}, ["Nordwind", "'Strategic'"]),
        ({"": ("Star", "basic")}, ["''"]),
        ({3: ("Star", "basic")}, ["3"]),
        ([("Nordwind", "Star", "basic")], ["list"]),
    ],
)
def test_portfolio_fit_rejects(portfolio, fragments):
    with pytest.raises(InputError) as err:
        rel.portfolio_fit(portfolio)
    for fragment in fragments:
        assert fragment in str(err.value)


def test_portfolio_fit_rejects_duplicates_and_missing_column():
    frame = pd.DataFrame({"account": ["Elm", "Elm "], "category": ["Star", "Star"], "stage": ["basic", "basic"]})
    with pytest.raises(InputError, match="'Elm' appears twice"):
        rel.portfolio_fit(frame)
    with pytest.raises(InputError) as err:
        rel.portfolio_fit(pd.DataFrame({"category": ["Star"]}))
    assert "'stage'" in str(err.value)


# ---------------------------------------------------------- six-stage models


def test_stage_model_mapping():
    frame = rel.stage_model_mapping()
    assert list(frame.columns) == ["course_stage", "mmr", "millman_wilson", "note"]
    assert list(frame["mmr"]) == [
        "Exploratory KAM",
        "Basic KAM",
        "Co-operative KAM",
        "Interdependent KAM",
        "Integrated KAM",
        "Disintegrating KAM",
    ]
    assert list(frame["millman_wilson"]) == [
        "Pre-KAM",
        "Early-KAM",
        "Mid-KAM",
        "Partnership-KAM",
        "Synergistic-KAM",
        "Uncoupling-KAM",
    ]
    assert list(frame["course_stage"].iloc[1:5]) == list(rel.STAGE_IDS)
    assert frame["course_stage"].iloc[[0, 5]].isna().all()
    assert frame.attrs["approximate"] is True
    assert "Approximate" in frame.attrs["note"]
    assert "McDonald, Millman & Rogers" in frame.attrs["credit"]


def test_ara_layers_and_credit():
    layers = rel.ara_layers()
    assert [layer.name for layer in layers] == ["Activity links", "Resource ties", "Actor bonds"]
    credit = load("relationships")["ara"]["credit"]
    assert "Håkansson" in credit and "Snehota" in credit and "Gadde" in credit


# -------------------------------------------------------------- contacts


def test_contacts_normalise_and_validate():
    result = rel.contacts([("Key account manager", "Buyer"), rel.Contact(" Logistics ", "Warehouse  manager")])
    assert result == (rel.Contact("Key account manager", "Buyer"), rel.Contact("Logistics", "Warehouse manager"))


@pytest.mark.parametrize(
    "items, fragments",
    [
        ([("Key account manager", "")], ["'Key account manager'", "''"]),
        ([("  ", "Buyer")], ["'Buyer'", "'  '"]),
        ([("Key account manager", None)], ["None"]),
        ([(3, "Buyer")], ["3", "'Buyer'"]),
        ([("KAM", "Buyer"), ("kam", " buyer")], ["Contact 2 'kam' - 'buyer'", "repeats 'KAM' - 'Buyer'"]),
        ([("KAM", "Buyer"), ("Logistics",)], ["Contact 2", "('Logistics',)"]),
        ([("KAM", "Buyer"), "KAM-Buyer"], ["Contact 2", "'KAM-Buyer'"]),
        ([], ["at least one contact"]),
        ("KAM", ["'KAM'"]),
        (None, ["None"]),
    ],
)
def test_contacts_rejects(items, fragments):
    with pytest.raises(InputError) as err:
        rel.contacts(items)
    for fragment in fragments:
        assert fragment in str(err.value)


@pytest.mark.parametrize(
    "items, kind, parallel",
    [
        ([("Key account manager", "Buyer")], "bow-tie", 1),
        ([("Key account manager", "Buyer"), ("Key account manager", "Finance")], "mixed", 1),
        ([("Key account manager", "Buyer"), ("Logistics", "Warehouse manager")], "mixed", 2),
        ([("Key account manager", "Buyer"), ("Logistics", "Buyer"), ("R&D", "Buyer")], "mixed", 1),
        (
            [
                ("Key account manager", "Buyer"),
                ("Logistics", "Warehouse manager"),
                ("R&D", "R&D"),
                ("Key account manager", "R&D"),
            ],
            "diamond",
            3,
        ),
        (
            [
                ("Key account manager", "Buyer"),
                ("Logistics", "Warehouse manager"),
                ("Finance", "Finance"),
                ("Director", "Director"),
            ],
            "diamond",
            4,
        ),
    ],
)
def test_contact_structure(items, kind, parallel):
    structure = rel.contact_structure(items)
    assert structure.kind == kind
    assert structure.parallel_links == parallel


def test_contact_structure_needs_augmenting_path():
    # Greedy matching in input order would pair KAM-Buyer and stop at 2; the best is 3.
    items = [("KAM", "Buyer"), ("KAM", "Finance"), ("Logistics", "Buyer"), ("R&D", "R&D")]
    structure = rel.contact_structure(items)
    assert structure.parallel_links == 3 and structure.kind == "diamond"
    assert structure.supplier_functions == ("KAM", "Logistics", "R&D")
    assert structure.customer_functions == ("Buyer", "Finance", "R&D")


# ------------------------------------------------------------------ case data


def test_cases_cover_every_stage_with_evidence_and_rule_outs():
    all_cases = rel.cases()
    assert len(all_cases) >= 5
    assert {c.stage for c in all_cases} == set(rel.STAGE_IDS)
    assert len({c.id for c in all_cases}) == len(all_cases)
    for case in all_cases:
        assert set(case.evidence) == {"contacts", "share_of_spend", "information", "planning", "exit", "trust"}
        assert set(case.ruled_out) == set(rel.STAGE_IDS) - {case.stage}
        assert case.why_not(case.stage) is None
        for other, reason in case.ruled_out.items():
            assert case.why_not(other) == reason and len(reason) > 30


def test_case_why_not_rejects_unknown_stage():
    case = rel.cases()[0]
    with pytest.raises(InputError) as err:
        case.why_not("friendly")
    assert case.customer in str(err.value) and "'friendly'" in str(err.value)


def test_case_is_the_course_supplier_vellmar():
    assert load("case/relationships")["supplier"] == "Vellmar Packaging"


def test_cases_validation_names_case_and_key(monkeypatch):
    from kamcourse.errors import ContentError

    good = load("case/relationships")
    broken = {**good, "cases": [{**good["cases"][0], "ruled_out": {"co-operative": "x"}}]}
    monkeypatch.setattr(case_study, "load", lambda name: broken)
    with pytest.raises(ContentError) as err:
        rel.cases()
    assert "'corbett'" in str(err.value) and "integrated" in str(err.value)
    broken["cases"] = [{**good["cases"][0], "stage": "friendly"}]
    with pytest.raises(ContentError, match="'corbett'.*'friendly'"):
        rel.cases()
    broken["cases"] = [{**good["cases"][0], "evidence": {"contacts": "a"}}]
    with pytest.raises(ContentError, match="'corbett'.*share_of_spend"):
        rel.cases()


def test_case_portfolio_mixes_verdicts():
    portfolio = rel.case_portfolio()
    assert 6 <= len(portfolio) <= 10
    result = rel.portfolio_fit(portfolio)
    assert set(result["verdict"]) == {"under-investing", "within fit", "over-investing"}
    assert result["selective"].any()
    # accounts that are also cases sit at the stage the case diagnoses
    stage_of_case = {c.customer: c.stage for c in rel.cases()}
    for account, current in zip(portfolio["account"], portfolio["stage"], strict=False):
        if account in stage_of_case:
            assert stage_of_case[account] == current, account


def test_case_decisions_are_checked_against_the_fit(monkeypatch):
    from kamcourse.errors import ContentError

    good = load("case/relationships")
    decisions = rel.case_decisions()
    assert decisions["Ashby Lubricants"].accepted == ("invest less", "hold")
    assert decisions["Quintara Chemicals"].accepted == ("hold",)
    first = good["portfolio"][0]  # Quintara, Strategic, interdependent
    for bad, pattern in [
        ({"decision": "invest less"}, r"'Quintara Chemicals'.*'invest less' is not one.*\(hold\)"),
        ({"also": {"invest more": "why"}}, r"'invest more' is not one"),
        ({"why_not": {"hold": "x"}}, r"why_not may only explain"),
        ({"decision": "sell"}, r"'sell'"),
    ]:
        broken = {**good, "portfolio": [{**first, **bad}]}
        monkeypatch.setattr(
            case_study, "load", lambda name, broken=broken: broken if name == "case/relationships" else load(name)
        )
        with pytest.raises(ContentError, match=pattern):
            rel.case_decisions()
    star = {"account": "X", "category": "Star", "stage": "co-operative", "note": "", "decision": "hold"}
    monkeypatch.setattr(
        case_study, "load", lambda name: {**good, "portfolio": [star]} if name == "case/relationships" else load(name)
    )
    with pytest.raises(ContentError, match="allows invest more; accept it"):
        rel.case_decisions()


@pytest.mark.parametrize(
    "category, current, expected",
    [
        ("Strategic", "co-operative", ("invest more",)),
        ("Strategic", "interdependent", ("hold",)),
        ("Strategic", "integrated", ("hold", "invest less")),
        ("Star", "co-operative", ("invest more", "hold")),
        ("Status", "co-operative", ("hold",)),
        ("Streamline", "co-operative", ("hold", "invest less")),
        ("Streamline", "interdependent", ("invest less",)),
    ],
)
def test_defensible_decisions_follow_the_fit_range(category, current, expected):
    assert rel.defensible_decisions(category, current) == expected


def test_defensible_decisions_reject_bad_input():
    with pytest.raises(InputError, match="Acme: category 'Gold'"):
        rel.defensible_decisions("Gold", "basic", item="Acme")
    with pytest.raises(InputError, match="stage 'friendly'"):
        rel.defensible_decisions("Star", "friendly")


def test_tables_to_read_show_words_not_codes_or_missing_values():
    summary = rel.fit_summary()
    assert list(summary.index) == list(rel.CATEGORIES)
    assert summary.loc["Star", "Only selectively"] == "none"
    assert summary.loc["Strategic", "Fit range"] == "Interdependent to Integrated"
    assert summary.loc["Star", "Aim at"] == "Co-operative, Interdependent"
    assert not summary.isna().any().any()
    assert all(isinstance(v, str) for v in summary.to_numpy().ravel())
    six = rel.stage_model_table()
    assert list(six.columns) == ["Course stage", "McDonald, Millman & Rogers", "Millman & Wilson", "Note"]
    assert list(six["Course stage"]) == [
        "(no equivalent)",
        "Basic",
        "Co-operative",
        "Interdependent",
        "Integrated",
        "(no equivalent)",
    ]
    assert not six.isna().any().any() and six.attrs["approximate"] is True


def test_a_number_typed_as_text_is_read_by_the_shared_reader() -> None:
    """kamcourse.inputs reads typed numbers: "2" and " 3,0 " are points; "7" and "2,5" are refused by name."""
    assert rel.parse_answer("2") == 2
    assert rel.parse_answer(" 3,0 ") == 3
    assert rel.parse_answer("Strongly  AGREE") == 3
    for bad in ("7", "2,5", "", "1e400"):
        with pytest.raises(InputError, match="s1"):
            rel.parse_answer(bad, "s1")
    assert rel.CATEGORIES is portfolio.CATEGORIES
