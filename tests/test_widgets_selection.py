"""Lesson 03 widgets, tested without a browser: set values, click, read the Outputs."""

from __future__ import annotations

import pytest

import kamcourse.widgets.selection as S
from kamcourse import selection, testing, widgets
from kamcourse.errors import InputError
from kamcourse.workbook import Workbook


def text(out) -> str:
    return testing.output_text(out)


def test_editor_starts_valid_with_chart_caption_and_ranking(book: Workbook) -> None:
    editor = S.weights_editor()
    assert "Total: 100 / 100" in editor.total.value
    assert editor.rescale_button.disabled
    caption = text(editor.chart)
    assert "Size of wallet 20" in caption and "(total 100)" in caption and "Orvale Foods (810)" in caption
    assert any("image/png" in o["data"] for o in testing.output_data(editor.chart))
    ranking = text(editor.table)
    assert ranking.index("Orvale Foods") < ranking.index("Quintara Chemicals") < ranking.index("Pinecrest")


def test_editor_refuses_scores_while_total_is_not_100_then_rescales(book: Workbook) -> None:
    editor = S.weights_editor()
    testing.set_value(editor.sliders["Size of wallet"], 30)
    assert "Total: 110 / 100" in editor.total.value
    message = text(editor.message)
    assert "sum to 110, not 100" in message and "take away 10 points" in message and "Traceback" not in message
    assert editor.table.outputs == ()  # no scores for weights that do not sum to 100
    stale = text(editor.chart)  # the last valid chart stays, labelled as such (the page does not jump)
    assert "Not updated: the weights sum to 110" in stale and "Size of wallet 20" in stale
    assert "(total 100)" not in stale
    assert not editor.rescale_button.disabled
    testing.click(editor.rescale_button)
    weights = editor.weights()
    assert sum(weights.values()) == 100 and weights["Size of wallet"] == 30  # the weight moved last is kept
    assert "Total: 100 / 100" in editor.total.value
    assert "Size of wallet 30" in text(editor.chart) and "(total 100)" in text(editor.chart)
    assert text(editor.message) == ""


def test_editor_below_100_and_all_zero(book: Workbook) -> None:
    editor = S.weights_editor()
    testing.set_value(editor.sliders["Growth of spend"], 10)
    assert "Total: 95 / 100" in editor.total.value and "add 5 points" in text(editor.message)
    editor.set_weights({c: 0 for c in editor.sliders})
    testing.click(editor.rescale_button)
    assert "Every weight is 0" in text(editor.message)


def test_editor_chart_caption_follows_a_valid_two_slider_change(book: Workbook) -> None:
    editor = S.weights_editor()
    testing.set_value(editor.sliders["Size of wallet"], 10)
    testing.set_value(editor.sliders["Growth of spend"], 25)
    caption = text(editor.chart)
    assert "Size of wallet 10, Growth of spend 25" in caption
    scores = selection.weighted_scores(editor.weights(), selection.case_portfolio().ratings)
    assert f"{scores.idxmax()} ({scores.max():g})" in caption


def test_editor_weights_restored_after_rebuild(book: Workbook) -> None:
    editor = S.weights_editor()
    testing.set_value(editor.sliders["Size of wallet"], 35)
    again = S.weights_editor()
    assert again.sliders["Size of wallet"].value == 35
    assert "Total: 115 / 100" in again.total.value and "not 100" in text(again.message)
    assert book.get_state(S.STATE_WEIGHTS)["Size of wallet"] == 35


def test_ratings_grid_refuses_bad_values_naming_account_and_criterion(book: Workbook) -> None:
    grid = S.ratings_grid()
    box = grid.boxes[("Orvale Foods", "Growth of spend")]
    testing.set_value(box, 12)
    message = text(grid.message)
    assert "'Orvale Foods'" in message and "'Growth of spend'" in message and "12" in message
    assert box.value == 7  # refused: back to the last valid value
    testing.set_value(box, -1)
    assert "is -1" in text(grid.message) and box.value == 7
    grid.set_rating("Corbett Snacks", "Size of wallet", "ten")
    assert "'Corbett Snacks'" in text(grid.message) and "'ten'" in text(grid.message)
    grid.set_rating("Nobody", "Size of wallet", 3)
    assert "'Nobody'" in text(grid.message)
    assert book.get_state(S.STATE_RATINGS, {}) == {}  # nothing bad was saved


def test_ratings_grid_saves_restores_and_resets(book: Workbook) -> None:
    grid = S.ratings_grid()
    testing.set_value(grid.boxes[("Wrenfield Gifts", "Size of wallet")], 9.5)
    assert "Saved: Wrenfield Gifts, Size of wallet = 9.5" in text(grid.message)
    again = S.ratings_grid()
    assert again.boxes[("Wrenfield Gifts", "Size of wallet")].value == 9.5
    testing.click(again.reset_button)
    assert again.boxes[("Wrenfield Gifts", "Size of wallet")].value == 2
    assert S.ratings_grid().boxes[("Wrenfield Gifts", "Size of wallet")].value == 2


def test_editor_follows_the_ratings_grid(book: Workbook) -> None:
    grid = S.ratings_grid()
    editor = S.weights_editor(ratings=grid)
    testing.set_value(grid.boxes[("Orvale Foods", "Growth of spend")], 0)
    assert text(editor.table).index("Quintara Chemicals") < text(editor.table).index("Orvale Foods")
    # A new editor without the grid picks up the saved edit too.
    assert "Most attractive: Quintara Chemicals" in text(S.weights_editor().chart)


def test_sensitivity_view_lists_swaps_and_restores(book: Workbook) -> None:
    view = S.sensitivity_view()
    assert "current weight" in text(view.swaps)
    testing.set_value(view.criterion, "Size of wallet")
    testing.set_value(view.weight, 60)
    swaps = text(view.swaps)
    assert "swap places while 'Size of wallet' moves between 20 and 60" in swaps
    expected = selection.crossovers(
        selection.case_portfolio().weights, selection.case_portfolio().ratings, "Size of wallet", low=20, high=60
    )
    assert f"{len(expected)} pair(s)" in swaps
    assert "Ranking with 'Size of wallet' at 60 (was 20)" in text(view.output)
    again = S.sensitivity_view()
    assert again.criterion.value == "Size of wallet" and again.weight.value == 60
    testing.set_value(view.weight, 15)  # moving down lists the swaps the other way
    assert "between 15 and 20" in text(view.swaps)


def test_calibration_view_case_team_and_pasted_ratings(book: Workbook) -> None:
    view = S.calibration_view()
    summary = text(view.summary)
    assert "talk about Strategic fit with our plans and Attitude to relationships first" in summary
    assert "Castellan Pharma     Attitude to relationships" in text(view.disagreements)
    assert "Ranking on the team's mean ratings" in text(view.scores)
    view.paste.value = "rater;account;criterion;rating\nA;X;Growth;5\nB;X;Growth;9"
    testing.click(view.use_pasted)
    assert "Ratings of A, B" in text(view.summary) and "no scores are computed" in text(view.scores)
    again = S.calibration_view()
    assert "Ratings of A, B" in text(again.summary)  # restored from the workbook
    again.paste.value = "rater,account,criterion,rating\nA,X,Growth,5\nB,X,Growth,lots"
    testing.click(again.use_pasted)
    assert "Rater 'B', account 'X', criterion 'Growth': the rating: 'lots' is not a number" in text(again.message)
    again.paste.value = "rater,account,criterion,rating\nA,X,Growth,5"
    testing.click(again.use_pasted)
    assert "at least two raters" in text(again.message)
    again.paste.value = ""
    testing.click(again.use_pasted)
    assert "Nothing pasted yet" in text(again.message)
    testing.click(again.use_case)
    assert "the case team" in text(again.summary) and text(again.message) == ""


def test_weights_exercise_widget_total_rescale_check_restore(book: Workbook) -> None:
    ex = widgets.exercise("sel.weights")
    assert isinstance(ex, S.WeightsExercise)
    testing.set_value(ex.sliders["Size of wallet"], 40)
    testing.set_value(ex.sliders["Growth of spend"], 40)
    assert "Total: 80 / 100" in ex.total.value
    testing.click(ex.rescale_button)
    assert "Total: 100 / 100" in ex.total.value and ex.sliders["Growth of spend"].value == 40
    testing.click(ex.check_button)
    assert "justification has 0 words" in text(ex.feedback)
    again = widgets.exercise("sel.weights")
    assert again.sliders["Size of wallet"].value == 60 and again.sliders["Growth of spend"].value == 40


def test_ranking_exercise_widget_with_case_and_own_weights(book: Workbook) -> None:
    ex = widgets.exercise("sel.ranking")
    feedback = ex.fill(
        {"top": ["Orvale Foods", "Quintara Chemicals", "Castellan Pharma", "Halvorsen Dairies", "Brightfield Online"]}
    )
    assert feedback.correct
    testing.set_value(ex.source, "mine")
    testing.click(ex.check_button)
    assert "answer part (a) first" in text(ex.feedback)
    widgets.exercise("sel.weights").fill(
        {"weights": {"Size of wallet": 50, "Growth of spend": 50}, "justification": "x"}
    )
    testing.click(ex.check_button)
    assert "with your own weights" in text(ex.feedback)
    again = widgets.exercise("sel.ranking")
    assert again.source.value == "mine" and again.dropdowns[0].value == "Orvale Foods"


def test_rescale_to_100_keeps_the_moved_weight_and_sums_to_100() -> None:
    out = selection.rescale_to_100({"a": 30, "b": 30, "c": 35}, keep="c", integers=True)
    assert out.to_dict() == {"a": 33.0, "b": 32.0, "c": 35.0}
    assert selection.rescale_to_100({"a": 33, "b": 33, "c": 33}, integers=True).sum() == 100
    assert selection.rescale_to_100({"a": 0, "b": 0, "c": 40}, keep="c", integers=True).to_dict() == {
        "a": 30.0,
        "b": 30.0,
        "c": 40.0,
    }
    for bad in ({"a": 0, "b": 0}, {"a": "x"}, {"a": -1}, {"a": 150}, {}):
        with pytest.raises(InputError):
            selection.rescale_to_100(bad)
    with pytest.raises(InputError, match="'zz'"):
        selection.rescale_to_100({"a": 10}, keep="zz")


def test_update_scores_chart_matches_a_new_chart_pixel_for_pixel() -> None:

    import numpy as np

    from kamcourse.plots.selection import scores_chart, update_scores_chart

    case = selection.case_portfolio()
    new_weights = selection.rescaled_weights(case.weights, "Size of wallet", 50)
    old = scores_chart(selection.contributions(case.weights, case.ratings), weights=case.weights)
    updated = update_scores_chart(old, selection.contributions(new_weights, case.ratings), weights=new_weights)
    fresh = scores_chart(selection.contributions(new_weights, case.ratings), weights=new_weights)

    def pixels(fig) -> np.ndarray:
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba())

    assert np.array_equal(pixels(updated), pixels(fresh))
    with pytest.raises(InputError, match="do not fit the chart"):
        update_scores_chart(fresh, selection.contributions(case.weights, case.ratings.iloc[:5]))
