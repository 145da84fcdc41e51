"""Type, then click Check at once: the feedback shown is about the text in the box, or says it is not.

A browser can deliver a Check click before a text box's last change (the box's update waits
while the kernel is still busy with its previous one, the click does not wait). Exercise text
boxes therefore send what is typed as it is typed, and a change that arrives after a Check
marks the feedback as being about the answer checked before. These tests type as a person
does, key by key, and click Check immediately, several times in a row, alternating a right and
a wrong answer: once the kernel holds the last text, the feedback must give the verdict on that
text or carry the "changed since it was checked" notice -- never a silent verdict on the
previous text. (With the boxes sending on leaving and a plain Check button, both tests failed in
their second round: the number check showed "Correct: 605" for a box holding 601.) Run with
``-s`` to see, round by round, whether the check judged the text shown.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

from labpage import (
    CALLBACK_TIMEOUT_MS,
    Lab,
    assert_no_problems,
    button,
    cells,
    open_notebook,
    reporting_problems,
    restart_and_run_all,
    wait_for_text,
    widget_outputs,
)

EXERCISE_02 = "exercises/02_kap_framework.ipynb"
EXERCISE_03 = "exercises/03_selecting_key_accounts.ipynb"
STALE = "Your answer has changed since it was checked"
ROUNDS = 6


def _record(lab: Lab, exercise_id: str) -> dict[str, Any]:
    if not lab.workbook.exists():
        return {}
    try:
        data = json.loads(lab.workbook.read_text(encoding="utf-8"))
    except ValueError:  # caught between two writes
        return {}
    return dict(data.get("exercises", {}).get(exercise_id, {}))


def _judged(lab: Lab, exercise_id: str, tries: int, final: Any, timeout_s: float = 20.0) -> bool:
    """Wait until the kernel has checked ``tries`` times and holds the ``final`` answer; return
    whether the last check judged that final answer (False: it judged an earlier text)."""
    deadline = time.monotonic() + timeout_s
    record = _record(lab, exercise_id)
    while len(record.get("attempts", [])) != tries or record.get("answer") != final:
        if time.monotonic() > deadline:
            raise AssertionError(f"the kernel never checked {tries} times holding {final!r}: {record!r}")
        time.sleep(0.05)
        record = _record(lab, exercise_id)
    return bool(record["attempts"][-1]["answer"] == final)


def _retype(box: Any, text: str) -> None:
    """Select what the box holds and type ``text`` over it, key by key."""
    box.click()
    box.press("Control+a")
    box.press_sequentially(text, delay=5)


def _shows(feedback: Any, fresh: bool, verdict: str) -> str:
    """The feedback gives the verdict on the text shown, or -- when the check judged an earlier
    text -- opens with the out-of-date notice; never a silent verdict on the earlier text."""
    first = re.compile(rf"^\s*[^\w\s]?\s*{re.escape(verdict)}") if fresh else re.compile(rf"^\s*{re.escape(STALE)}")
    wait_for_text(feedback, first, timeout_ms=CALLBACK_TIMEOUT_MS)
    return "judged the text shown" if fresh else "judged an earlier text, said so"


def test_typing_then_checking_at_once_in_the_strategy_exercise(page: Any, lab: Lab) -> None:
    open_notebook(page, lab, EXERCISE_02)
    restart_and_run_all(page)
    with reporting_problems(page, EXERCISE_02):
        exercise = (
            cells(page)
            .filter(has_text="Turn an objective into a conditional strategy")
            .filter(has=page.locator(".widget-textarea"))
            .first
        )
        select = exercise.locator(".widget-dropdown select")
        select.select_option(
            label=next(o.strip() for o in select.locator("option").all_text_contents() if "Brenna" in o)
        )
        boxes = exercise.locator(".widget-textarea textarea")
        feedback = widget_outputs(exercise).first
        good = (
            "we propose packaging for the Brenna plant-based range from its first day, with a line trial {n}",
            "we use the extra months to certify our recycled content for all six plants {n}",
        )
        bad = ("we will sell umbrellas {n}", "we will sell sunglasses {n}")
        seen = []
        for n in range(ROUNDS):
            texts = [t.format(n=n) for t in (good if n % 2 == 0 else bad)]
            _retype(boxes.nth(0), texts[0])
            _retype(boxes.nth(1), texts[1])
            button(exercise, "Check").click()  # at once: no Tab, no waiting
            fresh = _judged(
                lab,
                "kap.strategy",
                n + 1,
                {"condition": "brenna_opening", "response": texts[0], "alternative": texts[1]},
            )
            seen.append(_shows(feedback, fresh, "Correct" if n % 2 == 0 else "Not yet"))
        print(f"strategy exercise, {ROUNDS} quick checks: {seen}")  # shown with -s
        assert_no_problems(page, EXERCISE_02)


def test_typing_a_number_then_checking_at_once(page: Any, lab: Lab) -> None:
    open_notebook(page, lab, EXERCISE_03)
    restart_and_run_all(page)
    with reporting_problems(page, EXERCISE_03):
        exercise = (
            cells(page)
            .filter(has_text="A hand calculation on the DHL example")
            .filter(has=page.locator(".widget-text input"))
            .first
        )
        box = exercise.locator(".widget-text input")
        feedback = widget_outputs(exercise).first
        seen = []
        for n in range(ROUNDS):
            value = "605" if n % 2 == 0 else f"60{n}"
            _retype(box, value)
            button(exercise, "Check").click()
            fresh = _judged(lab, "sel.hand.account_c", n + 1, value)
            seen.append(_shows(feedback, fresh, "Correct: 605" if value == "605" else "Not yet"))
        print(f"number exercise, {ROUNDS} quick checks: {seen}")
        assert_no_problems(page, EXERCISE_03)
