"""Widgets of lesson 01 (why key account management), driven without a browser."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kamcourse import io, testing, widgets
from kamcourse.errors import InputError
from kamcourse.widgets import fundamentals as fw
from kamcourse.workbook import Workbook


def _png(out) -> bool:  # type: ignore[no-untyped-def]
    return any("image/png" in o.get("data", {}) for o in testing.output_data(out))


def test_view_reads_the_cut_and_redraws_on_every_change(book: Workbook) -> None:
    view = fw.concentration_view()
    assert view.cut.value == 10 and view.cut.max == 180
    assert "The top 10 of 180 customers (5.6% of them) make 32% of the revenue" in testing.output_text(view.reading)
    assert _png(view.chart)
    assert "Top 20" in testing.output_text(view.summary)
    testing.set_value(view.cut, 36)
    assert "The top 36 of 180 customers (20% of them) make 61% of the revenue" in testing.output_text(view.reading)
    top = testing.output_text(view.top)
    assert "Quintara Chemicals" in top and top.count("\n") == 26  # header, index name and 25 rows


def test_the_cut_is_saved_and_restored_but_a_demo_view_saves_nothing(book: Workbook) -> None:
    view = fw.concentration_view()
    testing.set_value(view.cut, 20)
    assert book.get_state("fundamentals.lesson.cut") == {"cut": 20}
    assert fw.concentration_view().cut.value == 20  # a re-run restores it
    demo = fw.concentration_view(key=None)
    testing.set_value(demo.cut, 5)
    assert book.get_state("fundamentals.lesson.cut") == {"cut": 20}


@pytest.mark.parametrize("saved", [{"cut": "ten"}, {"cut": True}, [3], "x", {"cut": 10**6}, {"cut": -4}])
def test_a_bad_saved_cut_is_ignored_or_clamped(book: Workbook, saved: object) -> None:
    book.set_state("fundamentals.lesson.cut", saved)
    view = fw.concentration_view()
    assert 1 <= view.cut.value <= 180
    assert "Please check" not in testing.output_text(view.reading)


def test_a_bad_base_is_refused_before_the_widget_exists() -> None:
    with pytest.raises(InputError, match="negative revenue"):
        fw.concentration_view({"A": -1}, key=None)


def test_learner_text_is_shown_as_text(book: Workbook) -> None:
    view = fw.concentration_view(
        {"<img src=x onerror=alert(1)>": 5, "Save_$ Mart_$": 3, "**bold**": 1}, name="$x$ <b>list</b>", key=None
    )
    html = next(o["data"]["text/html"] for o in testing.output_data(view.top))
    assert "<img" not in html and "&lt;img src=x" in html and "**bold**" in html
    assert _png(view.chart)


# --------------------------------------------------------------------------- loader


def _upload(loader: fw.CustomerListLoader, name: str, content: bytes) -> None:
    testing.set_value(
        loader.upload,
        (
            {
                "name": name,
                "type": "",
                "size": len(content),
                "content": memoryview(content),
                "last_modified": datetime.now(UTC),
            },
        ),
    )


def test_loader_shows_the_curve_of_an_uploaded_list_and_restores_it(book: Workbook) -> None:
    loader = fw.customer_loader()
    assert "No file loaded yet" in testing.output_text(loader.message)
    _upload(loader, "accounts_fr.csv", io.example("accounts_fr.csv").read_bytes())
    assert "Loaded accounts_fr.csv: 10 customers, column 'spend'." in testing.output_text(loader.message)
    assert loader.view is not None and loader.view.cut.value == 2
    assert "The top 2 of 10 customers" in testing.output_text(loader.view.reading)
    testing.set_value(loader.view.cut, 3)
    again = fw.customer_loader()
    assert "Showing accounts_fr.csv again (10 customers)" in testing.output_text(again.message)
    assert again.view is not None and again.view.cut.value == 3
    _upload(again, "accounts.xlsx", io.example("accounts.xlsx").read_bytes())
    assert "Loaded accounts.xlsx" in testing.output_text(again.message)


@pytest.mark.parametrize(
    ("name", "content", "pattern"),
    [
        ("list.csv", b"account,revenue\nA,-3\nB,4\n", "Customer 'A' has a negative revenue (-3)"),
        ("list.csv", b"account,segment\nA,x\n", "No revenue column found"),
        ("list.csv", b"account,revenue\nA,=HYPERLINK(1)\n", "holds a formula"),
        ("list.csv", b"account,revenue\nA,0\nB,0\n", "All 2 customers have a revenue of 0"),
        ("list.csv", b"", "is empty"),
        ("list.txt", b"account,revenue\nA,1\n", "type '.txt' is not supported"),
        ("list.xlsx", b"not a zip", "not a readable Excel workbook"),
        ("", b"account,revenue\nA,1\n", "has no file name"),
        ("x" * 300 + ".csv", b"account,revenue\nA,1\nB,2\n", None),
    ],
)
def test_loader_refuses_bad_files_with_a_message_and_keeps_the_last_list(
    book: Workbook, name: str, content: bytes, pattern: str | None
) -> None:
    loader = fw.customer_loader()
    loader.load_path(io.example("accounts_fr.csv"))
    _upload(loader, name, content)
    text = testing.output_text(loader.message)
    if pattern is None:  # a name too long for the file system is shortened, not a crash
        assert text.startswith("Loaded x") and "2 customers" in text
        return
    assert text.startswith("Please check your input") and pattern in text, text
    assert "The list shown is still accounts_fr.csv (10 customers)." in text
    assert loader.file == "accounts_fr.csv" and book.get_state("fundamentals.loader")["file"] == "accounts_fr.csv"


def test_loader_with_no_key_saves_nothing(book: Workbook) -> None:
    loader = fw.customer_loader(key=None)
    loader.load_path(io.example("accounts_fr.csv"))
    assert loader.view is not None
    assert book.get_state("fundamentals.loader") is None
    testing.set_value(loader.view.cut, 4)
    assert book.load()["state"] == {}


def test_loader_missing_path_and_a_bad_saved_state(book: Workbook, tmp_path: Path) -> None:
    book.set_state("fundamentals.loader", {"file": "x.csv", "column": "revenue", "customers": ["A"], "revenues": [-1]})
    loader = fw.customer_loader()
    assert "No file loaded yet" in testing.output_text(loader.message)
    loader.load_path(tmp_path / "nowhere.csv")
    assert "not found" in testing.output_text(loader.message)


# --------------------------------------------------------------------------- exercises


def test_candidates_widget_saves_each_change_and_restores(book: Workbook) -> None:
    w = widgets.exercise("fundamentals.candidates")
    assert isinstance(w, fw.CandidatesExercise) and len(w.decisions) == 8
    testing.set_value(w.decisions["Orvale Foods"], "candidate")
    testing.set_value(w.reason_boxes["Orvale Foods"], "potential")
    assert book.answer("fundamentals.candidates")["Orvale Foods"] == {"decision": "candidate", "reason": "potential"}
    again = widgets.exercise("fundamentals.candidates")
    assert again.decisions["Orvale Foods"].answer == "candidate"
    assert again.reason_boxes["Orvale Foods"].answer == "potential"
    testing.click(again.check_button)
    assert "1 of 8 decisions hold" in testing.output_text(again.feedback)


def test_statements_widget_fill_checks_and_hints_one_at_a_time(book: Workbook) -> None:
    w = widgets.exercise("fundamentals.am_or_kam")
    feedback = w.fill({"s1": "AM", "s2": "KAM"})
    assert feedback is not None and feedback.status == "partial"
    testing.click(w.hint_button)
    assert "Hint 1 of 3" in testing.output_text(w.hints)
    testing.click(w.hint_button)
    testing.click(w.hint_button)
    assert "The worked answer" in testing.output_text(w.hints)


def test_a_bad_saved_answer_gives_a_message_not_a_traceback(book: Workbook) -> None:
    book.save_answer("fundamentals.am_or_kam", {"s1": "maybe"})
    w = widgets.exercise("fundamentals.am_or_kam")
    text = testing.output_text(w.feedback)
    assert text.startswith("Please check your input") and "fundamentals.am_or_kam" in text
    book.save_answer("fundamentals.candidates", ["not", "a", "dict"])
    w = widgets.exercise("fundamentals.candidates")
    assert testing.output_text(w.feedback)
