"""Every widget, fed the same hostile inputs as the core (issue 9): a message, never "Internal
error", never a traceback out of a callback -- from arguments, from a person's actions
(typing, uploading), from a workbook holding state of the wrong shape, and with a read-only
workbook. A widget constructor may refuse a bad argument with InputError (the message a
notebook cell shows); anything else fails the test.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ipywidgets as W
import pandas as pd
import pytest
from hostile import HUGE_INT, LONE_SURROGATE, LONG_TEXT, MARKDOWN_IMAGE, MATH_NAME, SCALARS, deep_list

from kamcourse import checks, io, selection, testing, widgets
from kamcourse.content import CONTENT_DIR
from kamcourse.errors import InputError
from kamcourse.widgets import portfolio as port
from kamcourse.widgets import relationships as rel
from kamcourse.widgets import selection as sel
from kamcourse.workbook import Workbook, WorkbookWarning

HOSTILE_FILES = Path(__file__).parent / "data" / "hostile"
ACCOUNT_FILES = Path(__file__).parent / "data" / "accounts"
GROUPS = sorted(p.stem for p in (CONTENT_DIR / "exercises").glob("*.yaml"))
EXERCISES = [e.id for g in GROUPS for e in checks.exercises(g)]
VALUES = [v for _, v in SCALARS]
CRITERION = str(selection.case_portfolio().weights.index[0])
VALUE_IDS = [i for i, _ in SCALARS]
TEXTS = [LONG_TEXT, LONE_SURROGATE, MATH_NAME, MARKDOWN_IMAGE, "", "   ", "a\x00b", "\n\n\n", "=1+1", "1e400"]


def _problems(widget: W.Widget) -> list[str]:
    """Internal errors and tracebacks shown anywhere in ``widget``."""
    found = []
    for part in testing.walk(widget):
        if isinstance(part, W.Output):
            text = testing.output_text(part)
            if "Internal error" in text or "Traceback" in text:
                found.append(text[:300])
    return found


def _build(factory: Callable[[], W.Widget]) -> W.Widget | None:
    """Build a widget; an InputError from the constructor is a message, anything else a failure."""
    try:
        return factory()
    except InputError:
        return None


def _run(label: str, action: Callable[[], W.Widget | None], failures: list[str], *, code: bool = False) -> None:
    """Run ``action``; record an exception or an internal error it leaves in a widget. With
    ``code`` (a method a notebook cell calls) an InputError is the message and is accepted; what a
    person does (typing, clicking, a workbook being read) must raise nothing at all."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", WorkbookWarning)
            widget = action()
    except InputError as exc:
        if not code:
            failures.append(f"{label}: InputError escaped a callback: {str(exc)[:160]}")
        return
    except Exception as exc:  # noqa: BLE001 - the point of the test
        failures.append(f"{label}: {type(exc).__name__}: {str(exc)[:160]}")
        return
    if widget is not None:
        failures += [f"{label}: shows {p!r}" for p in _problems(widget)]


# ----------------------------------------------------------------- exercises: fill, check, hint
def _shapes(value: Any) -> list[Any]:
    return [
        value,
        {"p1": value},
        {"weights": {"Size": value}, "justification": value},
        {"top": [value] * 5},
        {"days": {"Strategic": value}, "why": value},
        [value] * 6,
    ]


#: The values an exercise widget is filled with (the checks behind it get every value of the corpus
#: in test_workbook_hostile.py).
FILL = [
    (i, v)
    for i, v in SCALARS
    if i
    in {
        "none",
        "true",
        "huge_int",
        "huge_digits",
        "nan",
        "text_number",
        "lone_surrogate",
        "long_text",
        "math_text",
        "list",
        "dict_int_keys",
        "object",
        "series_nan",
    }
] + [("deep", deep_list(3000))]


@pytest.fixture()
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workbook]:
    """A workbook in memory (/dev/shm when there is one): these tests save thousands of times."""
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() and os.access(shm, os.W_OK) else tmp_path
    path = folder / "work" / "workbook.json"
    monkeypatch.setenv("KAMCOURSE_WORKBOOK", str(path))
    yield Workbook(path)
    if folder != tmp_path:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_exercise_widgets_fill_check_and_hint_with_hostile_answers(book: Workbook, exercise_id: str) -> None:
    failures: list[str] = []
    widget = widgets.exercise(exercise_id, workbook=book)
    for value_id, value in FILL:
        for n, answer in enumerate(_shapes(value)):

            def act(answer: Any = answer) -> W.Widget:
                widget.fill(answer)
                widget.check()
                return widget

            _run(f"{exercise_id} fill {value_id}/{n}", act, failures, code=True)
    _run(f"{exercise_id} hint", lambda: (widget.next_hint(), widget)[1], failures)
    assert not failures, "\n".join(failures)


# ----------------------------------------------------------------- lesson widgets: arguments and actions
def _frames() -> list[Any]:
    ratings = selection.case_portfolio().ratings
    bad = ratings.astype(object).copy()
    bad.iloc[0, 0] = HUGE_INT
    mixed = ratings.copy()
    mixed.index = pd.Index([1, *ratings.index[1:]], dtype=object)
    return [
        bad,
        mixed,
        ratings.iloc[:0],
        ratings.set_axis([MATH_NAME, *ratings.index[1:]]),
        pd.DataFrame({"attractiveness": [HUGE_INT, 5], "strength": ["x", 1]}, index=["a", "b"]),
    ]


def _table_with(names: list[Any], a: list[Any], s: list[Any]) -> pd.DataFrame:
    return pd.DataFrame(
        {"attractiveness": a, "strength": s, "spend": [1.0] * len(names)},
        index=pd.Index(names, dtype=object, name="account"),
    )


# name -> (build the widget once, or None when the value goes to the constructor; act with one value)
ARGUMENTS: dict[str, tuple[Callable[[], W.Widget] | None, Callable[[Any, Any], W.Widget | None]]] = {
    "framework_grid.select": (widgets.framework.grid, lambda g, v: (g.select(v), g)[1]),
    "quiz(prefix)": (None, lambda _w, v: widgets.quiz(v)),
    "ratings_grid(ratings)": (None, lambda _w, v: sel.ratings_grid(v)),
    "ratings_grid.set_rating(value)": (
        sel.ratings_grid,
        lambda g, v: (g.set_rating("Orvale Foods", CRITERION, v), g)[1],
    ),
    "ratings_grid.set_rating(account)": (sel.ratings_grid, lambda g, v: (g.set_rating(v, CRITERION, 5), g)[1]),
    "weights_editor(weights)": (None, lambda _w, v: sel.weights_editor(weights=v)),
    "weights_editor(ratings)": (None, lambda _w, v: sel.weights_editor(v)),
    "weights_editor.set_weights(value)": (sel.weights_editor, lambda e, v: (e.set_weights({CRITERION: v}), e)[1]),
    "weights_editor.set_weights(mapping)": (sel.weights_editor, lambda e, v: (e.set_weights(v), e)[1]),
    "sensitivity_view(weights)": (None, lambda _w, v: sel.sensitivity_view(v)),
    "sensitivity_view(ratings)": (None, lambda _w, v: sel.sensitivity_view(None, v)),
    "calibration_view(team)": (None, lambda _w, v: sel.calibration_view(v)),
    "calibration_view(weights)": (None, lambda _w, v: sel.calibration_view(None, v)),
    "csf_editor(account)": (None, lambda _w, v: port.csf_editor(v)),
    "portfolio_view(table)": (None, lambda _w, v: port.view(v)),
    "allocation(total_days)": (None, lambda _w, v: port.allocation(v)),
    "account_loader.load_bytes(name)": (port.account_loader, lambda lo, v: (lo.load_bytes(v, b"account\nA\n"), lo)[1]),
    "account_loader.load_bytes(content)": (port.account_loader, lambda lo, v: (lo.load_bytes("a.csv", v), lo)[1]),
    "account_loader.load_path": (port.account_loader, lambda lo, v: (lo.load_path(v), lo)[1]),
    "quick_check(answers)": (None, lambda _w, v: rel.quick_check(v)),
    "two_views(first)": (None, lambda _w, v: rel.two_views(v, [1] * 6)),
    "two_views(label)": (None, lambda _w, v: rel.two_views([1] * 6, [2] * 6, first_label=v)),
    "contact_editor(text)": (None, lambda _w, v: rel.contact_editor(v)),
    "questionnaire.set_values": (rel.quick_check, lambda q, v: (q.questionnaire.set_values(v), q)[1]),
}
EXTRA: dict[str, list[Any]] = {
    "ratings_grid(ratings)": _frames(),
    "weights_editor(ratings)": _frames(),
    "sensitivity_view(ratings)": _frames(),
    "weights_editor.set_weights(mapping)": [{CRITERION: "thirty"}, {("a",): 1}, {"Unknown": 5}],
    "weights_editor(weights)": [{CRITERION: "thirty"}, {1: 50, 2: 50}, {CRITERION: HUGE_INT, "Growth": 0}],
    "calibration_view(team)": [
        pd.DataFrame({"rater": ["a", None], "account": ["x", "x"], "criterion": [1, 1], "rating": [1, 2]})
    ],
    "portfolio_view(table)": [
        _table_with([MATH_NAME, 1], [600, 400], [1.2, 0.8]),
        _table_with(["a", "b"], [HUGE_INT, 400], [1.2, "x"]),
        _table_with([["x"], "b"], [600, 400], [1.2, 0.8]),
        _table_with([], [], []),
        pd.DataFrame({"x": [1]}),
    ],
    "account_loader.load_bytes(content)": [
        (HOSTILE_FILES / n).read_bytes() for n in sorted(p.name for p in HOSTILE_FILES.iterdir())
    ]
    + [(ACCOUNT_FILES / "bad_corrupt.xlsx").read_bytes()],
    "account_loader.load_bytes(name)": [
        "../../etc/passwd.csv",
        "x" * 300 + ".csv",
        "é" * 200 + ".csv",
        f"{LONE_SURROGATE}.csv",
        "a/b/c.csv",
        ".csv",
        "con.csv",
        "a\x00.csv",
    ],
    "account_loader.load_path": ["/", "/etc/shadow.csv", "/tmp/" + "x" * 300 + ".csv", HOSTILE_FILES],
    "contact_editor(text)": TEXTS,
    "quick_check(answers)": [{"q1": HUGE_INT}, ["agree"] * 5, {LONE_SURROGATE: 1}],
}


@pytest.mark.parametrize("name", sorted(ARGUMENTS))
def test_lesson_widgets_refuse_hostile_arguments_with_a_message(book: Workbook, name: str) -> None:
    failures: list[str] = []
    values = list(zip(VALUE_IDS, VALUES, strict=True)) + [(f"extra{i}", v) for i, v in enumerate(EXTRA.get(name, []))]
    factory, act = ARGUMENTS[name]
    widget = factory() if factory is not None else None  # one widget takes every value in turn
    for value_id, value in values:
        _run(f"{name} {value_id}", lambda value=value: act(widget, value), failures, code=True)
    assert not failures, "\n".join(failures)


TYPED: dict[str, Callable[[str], W.Widget]] = {
    "contact_editor.text": lambda v: (c := rel.contact_editor(), testing.set_value(c.text, v), c)[2],
    "calibration_view.paste": lambda v: (
        c := sel.calibration_view(),
        testing.set_value(c.paste, v),
        c.load_pasted(),
        c,
    )[3],
    "exercise text": lambda v: (e := widgets.exercise("kap.strategy"), testing.set_value(e.response, v), e.check(), e)[
        3
    ],
    "allocation exercise days": lambda v: (
        e := widgets.exercise("port.allocation"),
        testing.set_value(e.days["Star"], v),
        e.check(),
        e,
    )[3],
}
PASTES = [
    "rater,account,criterion,rating\na,X,1,5\nb,X,1,6",
    "rater,account,criterion,rating\na,X,,5\nb,X,,6",
    "rater;account;criterion;rating\na;X;Size;1e400\nb;X;Size;5",
    "rater,account\n" + "a,b\n" * 3,
    f"rater,account,criterion,rating\na,{MATH_NAME},Size,5\nb,{MATH_NAME},Size,6",
    '"unclosed,quote\na,b',
    "rater\tcriterion\n" + "\x00" * 10,
]


@pytest.mark.parametrize("name", sorted(TYPED))
def test_what_a_person_can_type_never_gives_an_internal_error(book: Workbook, name: str) -> None:
    failures: list[str] = []
    for n, text in enumerate(TEXTS + PASTES + ["0", "-5", "1" * 500, "nan", "inf"]):
        _run(f"{name} #{n}", lambda text=text: TYPED[name](text), failures)
    assert not failures, "\n".join(failures)


def test_allocation_budget_boxes_take_any_float(book: Workbook) -> None:
    failures: list[str] = []
    for value in [1e308, -1.0, float("nan"), float("inf"), 0.0, 1e-300]:

        def act(value: float = value) -> W.Widget:
            control = port.allocation()
            testing.set_value(control.budget, value)
            testing.set_value(control.weights["Star"], value)
            return control

        _run(f"allocation {value}", act, failures)
    assert not failures, "\n".join(failures)


# ----------------------------------------------------------------- hostile saved state
STATE_FACTORIES: dict[str, tuple[str, Callable[[Workbook], W.Widget]]] = {
    "weights_editor": (sel.STATE_WEIGHTS, lambda b: sel.weights_editor(workbook=b)),
    "ratings_grid": (sel.STATE_RATINGS, lambda b: sel.ratings_grid(workbook=b)),
    "sensitivity_view": (sel.STATE_SENSITIVITY, lambda b: sel.sensitivity_view(workbook=b)),
    "calibration_view": (sel.STATE_CALIBRATION, lambda b: sel.calibration_view(workbook=b)),
    "csf_editor": ("port.csf_editor.Orvale Foods", lambda b: port.csf_editor(workbook=b)),
    "portfolio_view": ("port.portfolio_view", lambda b: port.view(workbook=b)),
    "allocation": ("port.allocation", lambda b: port.allocation(workbook=b)),
    "account_loader": ("port.loader", lambda b: port.account_loader(workbook=b)),
    "quick_check": ("rel.lesson.quick_check", lambda b: rel.quick_check(workbook=b)),
    "two_views": ("rel.lesson.two_views", lambda b: rel.two_views(workbook=b)),
    "contact_editor": ("rel.lesson.contacts", lambda b: rel.contact_editor(workbook=b)),
    "fit_grid": ("rel.lesson.fit_grid", lambda b: rel.fit_grid(workbook=b)),
}
BIG = 10**400
#: Saved state of the wrong shape for any widget: what a hand-edited or older workbook may hold.
STATES: list[Any] = [None, True, BIG, "text", [1, 2], deep_list(15), {"a": [1, {"b": BIG}]}]
#: Saved state of the right shape holding wrong values, per widget.
STATES_FOR: dict[str, list[Any]] = {
    "weights_editor": [{CRITERION: BIG, "Growth": "x"}, {CRITERION: -1e308}],
    "ratings_grid": [{"Orvale Foods": {CRITERION: BIG, "Growth": [1]}, "Nobody": 5}, {"Orvale Foods": {CRITERION: 11}}],
    "sensitivity_view": [{"criterion": CRITERION, "weight": BIG}, {"criterion": [CRITERION], "weight": 10}],
    "calibration_view": [{"source": "pasted", "text": "rater,account\n1,2"}, {"source": "pasted", "text": 5}],
    "csf_editor": [
        {"weights": {"Quality": BIG, "Price": "x"}, "ratings": {"Vellmar": {"Quality": BIG}}},
        {"weights": [1], "ratings": "x"},
    ],
    "portfolio_view": [
        {"attractiveness_cut": BIG, "strength_cut": 1e308, "median": "yes"},
        {"attractiveness_cut": "x", "strength_cut": None},
    ],
    "allocation": [
        {"total_days": BIG, "weights": {"Strategic": BIG, "Star": 1e308}},
        {"total_days": 1e308, "weights": dict.fromkeys(["Strategic", "Star", "Status", "Streamline"], 1e308)},
    ],
    "account_loader": [
        {"file": MARKDOWN_IMAGE, "frame": {"columns": 5}},
        {
            "file": "x",
            "index_name": ["x"],
            "frame": {
                "columns": ["account", "attractiveness", "strength"],
                "data": [[MATH_NAME, BIG, 1.0], ["b", 500, "x"]],
            },
        },
    ],
    "quick_check": [{"q1": BIG, "q2": "agree"}, {"exit": "agree", "trust": BIG}],
    "two_views": [{"first": {"q1": 9}, "second": [BIG] * 6}, {"first": "x", "second": None}],
    "contact_editor": [MATH_NAME + " - Buyer", "no separator here"],
    "fit_grid": [{"Hexfield": ["Star", "nope"], "x": BIG}, {"a": [1, 2, 3]}],
}
#: Saved answers of the wrong shape, for every exercise.
ANSWERS: list[Any] = [
    *STATES,
    {"weights": {CRITERION: BIG}, "top": [BIG], "days": {"Star": "x"}},
    {"p1": MATH_NAME, "weights": [1], "top": "x", "days": [1]},
    [BIG] * 6,
]


@pytest.mark.parametrize("name", sorted(STATE_FACTORIES))
def test_widgets_survive_saved_state_of_any_shape(book: Workbook, name: str) -> None:
    key, factory = STATE_FACTORIES[name]
    failures: list[str] = []
    for n, state in enumerate(STATES + STATES_FOR[name]):
        book.set_state(key, state)
        _run(f"{name} state #{n} {json.dumps(state)[:60]}", lambda: factory(book), failures)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_exercise_widgets_survive_saved_answers_of_any_shape(book: Workbook, exercise_id: str) -> None:
    failures: list[str] = []
    for n, state in enumerate(ANSWERS):
        book.save_answer(exercise_id, state)
        _run(f"{exercise_id} saved #{n}", lambda: widgets.exercise(exercise_id, workbook=book), failures)
    assert not failures, "\n".join(failures)


# ----------------------------------------------------------------- read-only workbook
READ_ONLY_ACTIONS: dict[str, Callable[[Workbook], W.Widget]] = {
    **{f"build {k}": f for k, (_, f) in STATE_FACTORIES.items()},
    "weights slider": lambda b: (e := sel.weights_editor(workbook=b), testing.set_value(e.sliders[CRITERION], 40), e)[
        2
    ],
    "rating box": lambda b: (g := sel.ratings_grid(workbook=b), g.set_rating("Orvale Foods", CRITERION, 3), g)[2],
    "portfolio cut": lambda b: (v := port.view(workbook=b), testing.set_value(v.a_slider, 600), v)[2],
    "allocation budget": lambda b: (a := port.allocation(workbook=b), testing.set_value(a.budget, 300.0), a)[2],
    "upload": lambda b: (lo := port.account_loader(workbook=b), lo.load_path(io.example("accounts_fr.csv")), lo)[2],
    "contacts text": lambda b: (c := rel.contact_editor(workbook=b), testing.set_value(c.text, "KAM - Buyer"), c)[2],
    "exercise check": lambda b: (
        e := widgets.exercise("kap.quiz.horizontal", workbook=b),
        testing.set_value(e.radio, "c"),
        e.check(),
        e,
    )[3],
    "exercise hint": lambda b: (e := widgets.exercise("kap.placement", workbook=b), e.next_hint(), e)[2],
}


@pytest.mark.parametrize("name", sorted(READ_ONLY_ACTIONS))
def test_widgets_with_a_read_only_workbook_say_so_and_keep_working(book: Workbook, name: str) -> None:
    book.save_answer("kap.quiz.horizontal", "a")
    before = book.path.read_bytes()
    book.path.chmod(0o444)
    failures: list[str] = []
    try:
        _run(name, lambda: READ_ONLY_ACTIONS[name](book), failures)
    finally:
        book.path.chmod(0o644)
    assert not failures, "\n".join(failures)
    assert book.path.read_bytes() == before


def test_read_only_exercise_check_shows_the_feedback_and_where_it_was_not_saved(book: Workbook) -> None:
    book.save_answer("kap.quiz.horizontal", "a")
    book.path.chmod(0o444)
    try:
        ex = widgets.exercise("kap.quiz.horizontal", workbook=book)
        testing.set_value(ex.radio, "c")
        ex.check()
    finally:
        book.path.chmod(0o644)
    text = testing.output_text(ex.feedback)
    assert text.startswith("Correct:") and "not saved" in text and str(book.path) in text
    html = testing.output_data(ex.feedback)[0]["data"]["text/html"]
    assert 'data-status="correct"' in html and "kam-notice" in html


# ----------------------------------------------------------------- markdown injection (class 11)
def test_uploaded_names_are_shown_as_text_never_as_markdown(book: Workbook) -> None:
    loader = port.account_loader(workbook=book)
    loader.load_path(HOSTILE_FILES / "markup_names.csv")
    data = testing.output_data(loader.table_out)[0]["data"]
    shown = data.get("text/markdown") or data.get("text/html", "")
    assert "![x](" not in shown and "<img" not in shown and "$" not in shown.replace("\\$", "")
    assert "Save\\_\\$ Mart\\_\\$" in shown and "track\\.png" in shown and "\\| pipe \\|" in shown
    assert loader.view is not None and not _problems(loader)


# ----------------------------------------------------------------- the widget examples
def test_a_weight_of_thirty_through_set_weights_is_a_message_and_moves_nothing(book: Workbook) -> None:
    editor = sel.weights_editor(workbook=book)
    before = editor.weights()
    editor.set_weights({CRITERION: 10, "Growth of spend": "thirty"})
    text = testing.output_text(editor.message)
    assert "Please check your input" in text and "thirty" in text and not _problems(editor)
    assert editor.weights() == before


def test_calibration_paste_with_criteria_named_by_numbers_or_left_blank(book: Workbook) -> None:
    view = sel.calibration_view(workbook=book)
    testing.set_value(view.paste, "rater,account,criterion,rating\nAnn,X,1,5\nBen,X,1,7\nAnn,Y,1,2\nBen,Y,1,3")
    view.load_pasted()
    assert view.calibration is not None and list(view.calibration.mean.columns) == ["1"]
    testing.set_value(view.paste, "rater,account,criterion,rating\nAnn,X,,5\nBen,X,,7")
    view.load_pasted()
    text = testing.output_text(view.message)
    assert "Row 2" in text and "'criterion'" in text and not _problems(view)


def test_portfolio_view_and_contact_editor_draw_names_with_dollars(book: Workbook) -> None:
    table = _table_with([MATH_NAME, "$\\frac{1}{0}$", "Plain"], [600, 400, 700], [1.2, 0.8, 0.9])
    view = port.view(table, workbook=book)
    assert view.chart.outputs and not _problems(view)
    editor = rel.contact_editor(f"{MATH_NAME} - Buyer\nLogistics - $x$", workbook=book)
    assert editor.drawing.outputs and "Structure:" in testing.output_text(editor.message) and not _problems(editor)


def test_half_an_emoji_typed_in_an_answer_is_a_message(book: Workbook) -> None:
    ex = widgets.exercise("kap.strategy", workbook=book)
    testing.set_value(ex.response, "If the buyer \ud83d agrees, we expand; otherwise we hold.")
    assert "half of a character" in testing.output_text(ex.feedback)
    ex.check()
    assert "half of a character" in testing.output_text(ex.feedback) and not _problems(ex)
