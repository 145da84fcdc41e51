"""A lesson presented as slides in Chromium, with a widget used on its slide.

The slide metadata is generated on a copy of the lesson (the committed lessons get theirs
when ``python -m kamcourse.trainer.slides`` is run on them), then the copy is opened in
JupyterLab, run, and turned into a deck with the notebook toolbar's deck button
(jupyterlab-slideshow). The test moves through the deck with the keyboard, as a presenter
does, to the slide of the 3x3 grid widget, clicks a box of the grid and reads the explanation
the widget writes -- on the slide.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator

import pytest
from labpage import (
    ARTIFACTS,
    ROOT,
    Lab,
    assert_no_problems,
    button,
    expect,
    open_notebook,
    reporting_problems,
    restart_and_run_all,
    wait_for_text,
    widget_outputs,
)

from kamcourse import framework
from kamcourse.trainer import slides

LESSON = "02_kap_framework.ipynb"
VISIBLE = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell.jp-deck-mod-visible"


@pytest.fixture()
def deck_copy() -> Iterator[str]:
    """The lesson (it carries the generator's slide metadata, `make slides`), in a folder of its own."""
    folder = ARTIFACTS / f"slides-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    target = folder / LESSON
    shutil.copyfile(ROOT / "notebooks" / LESSON, target)
    assert slides.apply(target, write=False) == [], "the committed lesson carries the generated slide metadata"
    try:
        yield str(target.relative_to(ROOT))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _visible_text(page) -> str:
    return " ".join(page.locator(VISIBLE).all_text_contents())


def test_a_lesson_presents_as_slides_with_a_live_widget(page, lab: Lab, deck_copy: str) -> None:
    data = json.loads((ROOT / deck_copy).read_text(encoding="utf-8"))
    kinds = [((c.get("metadata") or {}).get("slideshow") or {}).get("slide_type", "-") for c in data["cells"]]
    assert kinds[0] == "slide" and "notes" in kinds and "skip" in kinds

    open_notebook(page, lab, deck_copy)
    restart_and_run_all(page)
    with reporting_problems(page, deck_copy):
        # Start the deck on the title slide: select the first cell, then press the deck button.
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.click()
        page.keyboard.press("Escape")
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) [data-command='deck:toggle']").first.click()
        expect(page.locator(VISIBLE).first).to_contain_text("Plan a key account in three dimensions")

        seen = []
        for _ in range(30):  # Space: the next fragment, subslide or slide
            text = _visible_text(page)
            seen.append(text)
            if "Explore the grid" in text:
                break
            page.keyboard.press("Space")
            page.wait_for_timeout(150)
        assert "Explore the grid" in _visible_text(page), "the deck never reached the grid's slide"
        assert not any("For trainers" in text for text in seen), "a trainer's box was shown to the room"
        assert "kam.testing" not in _visible_text(page), "the code-driven demonstration is skipped in the deck"

        grid = page.locator(VISIBLE, has=page.locator(".widget-button")).first
        out = widget_outputs(grid).first
        button(grid, "Strategy formulation").click()
        wait_for_text(out, framework.element("Strategy formulation").question)
        button(grid, "Key account director").click()
        wait_for_text(out, framework.element("Key account director").question)
        expect(out).not_to_contain_text(framework.element("Strategy formulation").question)

        page.locator(".jp-deck-mod-stop").first.click()
        expect(page.locator(VISIBLE)).to_have_count(0)
        assert_no_problems(page, deck_copy)
