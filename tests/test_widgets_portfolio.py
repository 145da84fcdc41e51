"""Lesson 04 widgets, driven from code without a browser."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kamcourse import io, testing, widgets
from kamcourse.widgets import portfolio as port
from kamcourse.workbook import Workbook

DATA = Path(__file__).parent / "data" / "accounts"


def test_csf_editor_reads_out_strength_in_words(book: Workbook) -> None:
    editor = port.csf_editor("Orvale Foods")
    assert "Total: 100 / 100 \u2714" in editor.total.value  # the one weight-total rule (selection.weight_total)
    text = testing.output_text(editor.output)
    assert "0.73: the best competitor, Pelkora Pack, is ahead." in text  # with Orvale's own, verified weights
    assert editor.result is not None and editor.result.best == "Pelkora Pack"
    for supplier in ("Ostrand Containers", "Pelkora Pack"):
        testing.set_value(editor.ratings[supplier]["Price"], 0)
    testing.set_value(editor.ratings["Pelkora Pack"]["Sustainability"], 0)
    assert "Ostrand Containers" in editor.result.readout  # the best competitor changed


def test_csf_editor_refuses_weights_that_do_not_sum_to_100(book: Workbook) -> None:
    editor = port.csf_editor("Orvale Foods")
    testing.set_value(editor.weights["Price"], 30)
    assert "Total: 110 / 100 \u26a0 take away 10 points" in editor.total.value
    text = testing.output_text(editor.output)
    assert "sum to 110, not 100" in text and "take away 10 points" in text
    assert editor.result is None
    testing.set_value(editor.weights["Sustainability"], 15)
    assert editor.result is not None and "\u2714" in editor.total.value


def test_csf_editor_rescale_button_brings_the_total_back_to_100(book: Workbook) -> None:
    editor = port.csf_editor("Orvale Foods")
    assert editor.rescale_button.disabled  # total 100: nothing to rescale
    testing.set_value(editor.weights["Price"], 30)  # total 110; the message says to press "Rescale to 100"
    assert "Rescale to 100" in testing.output_text(editor.output) and editor.result is None
    assert not editor.rescale_button.disabled and editor.rescale_button.description == "Rescale to 100"
    testing.click(editor.rescale_button)
    weights = {f: b.value for f, b in editor.weights.items()}
    assert sum(weights.values()) == 100 and weights["Price"] == 30  # the weight changed last is kept
    assert editor.result is not None and "\u2714" in editor.total.value and editor.rescale_button.disabled
    assert port.csf_editor("Orvale Foods").state()["weights"] == weights  # saved like a typed change
    for box in editor.weights.values():
        testing.set_value(box, 0)
    assert editor.rescale_button.disabled  # all weights 0: nothing to rescale, the message says so
    editor.rescale()  # called from code anyway: a message, no error
    assert editor.result is None and testing.output_text(editor.output)


def test_csf_editor_parity_and_ahead(book: Workbook) -> None:
    editor = port.csf_editor("Brightfield Online")
    assert "we are ahead of the best competitor, Ostrand Containers" in testing.output_text(editor.output)
    testing.set_value(editor.ratings["Vellmar Packaging"]["Price"], 5.5)  # 605 - 15 = 590 vs 600... then back
    testing.set_value(editor.ratings["Vellmar Packaging"]["Price"], 5 + 2 / 3)
    assert editor.result is not None


def test_csf_editor_restores_after_rebuild(book: Workbook) -> None:
    editor = port.csf_editor("Orvale Foods")
    testing.set_value(editor.weights["Price"], 15)
    testing.set_value(editor.ratings["Vellmar Packaging"]["Price"], 9)
    again = port.csf_editor("Orvale Foods")
    assert again.weights["Price"].value == 15
    assert again.ratings["Vellmar Packaging"]["Price"].value == 9
    assert "Total: 95 / 100" in again.total.value and again.result is None
    assert port.csf_editor("Castellan Pharma").weights["Price"].value == 15  # another account, its own state


def _counts(view: port.PortfolioView) -> dict[str, int]:
    return {c: int(n) for c, n in view.summary["accounts"].items()}


def test_portfolio_view_redraws_on_cut_changes(book: Workbook) -> None:
    view = port.view()
    first = testing.output_text(view.chart)
    assert "attractiveness 500, relative strength 1.00" in first
    assert "Strategic 5, Star 6, Status 5, Streamline 4" in first
    assert any("image/png" in o["data"] for o in testing.output_data(view.chart) if "data" in o)
    testing.set_value(view.a_slider, 600)
    assert _counts(view) == {"Strategic": 4, "Star": 4, "Status": 6, "Streamline": 6}
    assert "attractiveness 600" in testing.output_text(view.chart)
    testing.set_value(view.s_slider, 1.1)
    text = testing.output_text(view.chart)
    assert "relative strength 1.10" in text and text != first
    assert "Strategic" in testing.output_text(view.summary_out)


def test_portfolio_view_median_toggle_and_back(book: Workbook) -> None:
    view = port.view()
    testing.set_value(view.a_slider, 700)
    testing.set_value(view.median, True)
    assert view.cuts == pytest.approx((547.5, 0.9783590))
    assert view.a_slider.disabled and view.s_slider.disabled
    assert "portfolio medians" in testing.output_text(view.chart)
    assert _counts(view) == {"Strategic": 5, "Star": 5, "Status": 5, "Streamline": 5}
    testing.set_value(view.median, False)
    assert view.cuts == (700.0, 1.0) and not view.a_slider.disabled


def test_portfolio_view_restores_after_rebuild(book: Workbook) -> None:
    view = port.view()
    testing.set_value(view.a_slider, 650)
    testing.set_value(view.median, True)
    again = port.view()
    assert again.median.value and again.cuts[0] == 547.5
    testing.set_value(again.median, False)
    assert again.cuts[0] == 650.0


def test_allocation_refuses_bad_weights_and_budget(book: Workbook) -> None:
    control = port.allocation(400)  # the twelve key accounts of the programme: no Streamline account
    assert control.accounts == {"Strategic": 5, "Star": 3, "Status": 4, "Streamline": 0}
    assert control.weights["Streamline"].value == 0, "no default days for a category without accounts"
    assert control.result is not None and control.result.loc["Strategic", "days"] == pytest.approx(400 * 50 / 95)
    assert "no account is Streamline here" in testing.output_text(control.output)
    assert "NaN" not in testing.output_text(control.output)
    assert "Service intensity follows the categories" in testing.output_text(control.output)
    testing.set_value(control.weights["Star"], -1)
    assert "Allocation weight of category 'Star' is -1.0" in testing.output_text(control.output)
    assert control.result is None
    for box in control.weights.values():
        testing.set_value(box, 0)
    assert "Every allocation weight is 0" in testing.output_text(control.output)
    testing.set_value(control.weights["Streamline"], 1)
    assert "Check the service intensity" in testing.output_text(control.output)
    assert "Streamline has no account, yet gets 400.0 days" in testing.output_text(control.output)
    testing.set_value(control.budget, -10)
    assert "budget of key account manager days is -10" in testing.output_text(control.output)


def test_allocation_restores_after_rebuild(book: Workbook) -> None:
    control = port.allocation(400)
    testing.set_value(control.budget, 300)
    testing.set_value(control.weights["Star"], 40)
    again = port.allocation(400)
    assert again.budget.value == 300 and again.weights["Star"].value == 40
    assert again.result is not None and again.result["days"].sum() == pytest.approx(300)


def _upload(loader: port.AccountLoader, path: Path) -> None:
    content = path.read_bytes()
    testing.set_value(
        loader.upload,
        (
            {
                "name": path.name,
                "type": "",
                "size": len(content),
                "content": memoryview(content),
                "last_modified": datetime.now(UTC),
            },
        ),
    )


def test_loader_upload_of_good_files_shows_table_and_matrix(book: Workbook) -> None:
    loader = port.account_loader()
    assert "No file loaded yet" in testing.output_text(loader.message)
    _upload(loader, io.example("accounts_fr.csv"))
    assert "Loaded accounts_fr.csv: 10 accounts." in testing.output_text(loader.message)
    assert loader.data.loc["Brasserie Léonce", "spend"] == 1_250_000.0
    assert loader.view is not None and "Strategic 3" in testing.output_text(loader.view.chart)
    _upload(loader, io.example("accounts.xlsx"))
    assert len(loader.data) == 8 and loader.file == "accounts.xlsx"
    _upload(loader, DATA / "good_utf8.csv")  # no attractiveness/strength: table, no matrix
    assert loader.view is None and "needs the columns attractiveness and strength" in testing.output_text(
        loader.table_out
    )


BAD = {
    "bad_corrupt.xlsx": "not a readable Excel workbook",
    "bad_duplicate.csv": "row 4, column 'account'",
    "bad_empty.csv": "is empty",
    "bad_empty_name.csv": "row 3, column 'account'",
    "bad_extension.txt": "type '.txt' is not supported",
    "bad_formula.csv": "row 2, column 'spend': the cell holds a formula",
    "bad_header_only.csv": "no account rows",
    "bad_text_in_number.csv": "row 3, column 'spend': 'twelve' is not a number",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_loader_bad_file_gives_a_message_and_keeps_previous_data(book: Workbook, name: str) -> None:
    loader = port.account_loader()
    _upload(loader, io.example("accounts_fr.csv"))
    _upload(loader, DATA / name)
    text = testing.output_text(loader.message)
    assert f"File {name}" in text and BAD[name] in text
    assert (
        "Traceback" not in text and "Nothing changed: the previous list (accounts_fr.csv, 10 accounts) is kept." in text
    )
    assert loader.file == "accounts_fr.csv" and len(loader.data) == 10


def test_loader_refuses_out_of_range_values_and_keeps_data(book: Workbook, tmp_path: Path) -> None:
    loader = port.account_loader()
    bad = tmp_path / "scores.csv"
    bad.write_text("account,attractiveness,strength\nA,1200,1.1\nB,300,0.9\n", encoding="utf-8")
    loader.load_path(bad)
    text = testing.output_text(loader.message)
    assert "Attractiveness of account 'A' is 1200" in text and "No list is loaded yet" in text
    assert loader.data is None


def test_loader_restores_after_rebuild(book: Workbook) -> None:
    loader = port.account_loader()
    _upload(loader, io.example("accounts.xlsx"))
    again = port.account_loader()
    assert "Restored your list from accounts.xlsx: 8 accounts" in testing.output_text(again.message)
    assert again.data.loc["Northgate Foods", "strength"] == 1.02 and again.view is not None


def test_exercise_widgets_save_and_restore(book: Workbook) -> None:
    ex = widgets.exercise("port.classify")
    assert isinstance(ex, port.ClassifyExercise)
    testing.set_value(ex.dropdowns["Orvale Foods"], "Status")
    testing.click(ex.check_button)
    assert "axis-direction trap" in testing.output_text(ex.feedback)
    assert widgets.exercise("port.classify").dropdowns["Orvale Foods"].value == "Status"
    days = widgets.exercise("port.allocation")
    assert isinstance(days, port.AllocationExercise)
    testing.set_value(days.days["Strategic"], "150")
    testing.set_value(days.days["Star"], "1x")
    assert "1x" in days.total.value and "is not a number" in days.total.value
    testing.set_value(days.days["Star"], "100")
    assert "250 of 400" in days.total.value
    assert widgets.exercise("port.allocation").days["Star"].value == "100"
    number = widgets.exercise("port.strength")
    assert number.fill("0,99").status == "incorrect"
