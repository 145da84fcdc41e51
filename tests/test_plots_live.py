"""kamcourse.plots._live: a chart redrawn from cached layers shows the pixels a full draw shows."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from kamcourse import selection
from kamcourse.errors import InputError
from kamcourse.plots._live import LiveRender, png_bytes
from kamcourse.plots.selection import scores_chart, scores_chart_changing, update_scores_chart


def full_draw(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.array(fig.canvas.buffer_rgba())


def assert_same_pixels(live: np.ndarray, full: np.ndarray) -> None:
    """Equal up to rounding in the blending of anti-aliased edges (one or two levels of 255)."""
    assert live.shape == full.shape
    diff = np.abs(live.astype(int) - full.astype(int))
    assert diff.max() <= 3, f"{int((diff.max(axis=2) > 3).sum())} pixels differ by up to {diff.max()}"


def test_png_bytes_decode_to_the_same_pixels():
    rng = np.random.default_rng(1)
    opaque = rng.integers(0, 256, size=(7, 5, 4), dtype=np.uint8)
    opaque[..., 3] = 255
    clear = opaque.copy()
    clear[0, 0, 3] = 10
    for image, mode in ((opaque, "RGB"), (clear, "RGBA")):
        decoded = Image.open(io.BytesIO(png_bytes(image)))
        assert decoded.mode == mode
        assert np.array_equal(np.asarray(decoded), image[..., : len(mode)])


def _moves(weights: pd.Series, count: int) -> list[pd.Series]:
    names = list(weights.index)
    w = weights.copy()
    out = []
    for i in range(count):
        down, up = names[i % len(names)], names[(i + 3) % len(names)]
        if w[down] < 7:
            down, up = up, down
        w[down] -= 7
        w[up] += 7
        out.append(w.copy())
    return out


def test_scores_chart_live_matches_a_full_draw_after_each_move():
    case = selection.case_portfolio()
    fig = scores_chart(selection.contributions(case.weights, case.ratings), weights=case.weights)
    live = LiveRender(fig, scores_chart_changing)
    live.rgba()  # the first render is a plain full draw
    live.rgba()  # the second draws the static layers
    first = live.layers_drawn
    assert first > 0
    for w in _moves(case.weights, 6):
        update_scores_chart(fig, selection.contributions(w, case.ratings), weights=w)
        image = np.array(live.rgba())
        # the same pixels as a chart drawn from scratch for these weights (no older picture shows)
        assert_same_pixels(image, full_draw(scores_chart(selection.contributions(w, case.ratings), weights=w)))
    assert live.layers_drawn == first  # static layers drawn once, not at every move
    assert_same_pixels(image, full_draw(fig))


def test_a_static_artist_that_changes_is_drawn_again():
    case = selection.case_portfolio()
    fig = scores_chart(selection.contributions(case.weights, case.ratings), weights=case.weights)
    live = LiveRender(fig, scores_chart_changing)
    live.rgba()
    live.rgba()
    drawn = live.layers_drawn
    fig.axes[0].set_title("A new title")
    image = np.array(live.rgba())
    assert live.layers_drawn > drawn
    assert_same_pixels(image, full_draw(fig))


@pytest.mark.parametrize("changing", [lambda fig: [], lambda fig: fig.axes[0].get_children()])
def test_nothing_or_everything_changing_still_draws_the_figure(changing):
    case = selection.case_portfolio()
    fig = scores_chart(selection.contributions(case.weights, case.ratings), weights=case.weights)
    image = np.array(LiveRender(fig, changing).rgba())
    assert_same_pixels(image, full_draw(fig))


def test_portfolio_matrix_live_matches_a_fresh_chart_for_each_cut():
    from kamcourse.plots.portfolio import LiveMatrix, portfolio_matrix

    table = selection.case_portfolio().table()
    a, s, spend = table["attractiveness"], table["strength"], table["spend"]
    chart = LiveMatrix(a, s, spend)
    chart.png()
    chart.png()
    figure, first = chart.figure, chart.live.layers_drawn
    # attractiveness cuts that move accounts between categories, one that empties a category
    # (the legend loses an entry), strength cuts inside the points' range, then back
    for cuts in [(505, 1.0), (600, 1.0), (700, 1.05), (950, 1.0), (600, 0.9), (500, 1.0)]:
        chart.update(*cuts)
        image = np.array(chart.live.rgba())
        fresh = portfolio_matrix(a, s, spend, attractiveness_cut=cuts[0], strength_cut=cuts[1])
        assert_same_pixels(image, full_draw(fresh))
        decoded = np.asarray(Image.open(io.BytesIO(chart.png())))
        assert np.array_equal(decoded, image[..., :3])
    assert chart.figure is figure and chart.live.layers_drawn == first  # never rebuilt, layers drawn once


def test_portfolio_matrix_live_rebuilds_when_the_strength_axis_changes():
    from kamcourse.plots.portfolio import LiveMatrix, portfolio_matrix

    table = selection.case_portfolio().table()
    a, s = table["attractiveness"], table["strength"]
    chart = LiveMatrix(a, s, title="Ours $x$")
    figure = chart.figure
    chart.update(500, 1.9)  # beyond every account's strength: the axis reaches further
    assert chart.figure is not figure
    fresh = portfolio_matrix(a, s, strength_cut=1.9, title="Ours $x$")
    assert_same_pixels(np.array(chart.live.rgba()), full_draw(fresh))
    with pytest.raises(InputError):
        chart.update(float("nan"), 1.0)
    assert chart.cuts == (500.0, 1.9)


def _shown_png(out) -> np.ndarray:
    import base64

    data = next(o["data"]["image/png"] for o in out.outputs if "image/png" in o.get("data", {}))
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGBA"))


def test_widgets_show_the_chart_of_the_current_slider_values(tmp_path, monkeypatch):
    """After several moves, the PNG each live view shows is the chart drawn from scratch for the
    values the sliders show (the cached layers never leave an older picture)."""
    monkeypatch.setenv("KAMCOURSE_WORKBOOK", str(tmp_path / "workbook.json"))
    from kamcourse import testing
    from kamcourse.plots.portfolio import portfolio_matrix
    from kamcourse.widgets import portfolio as P
    from kamcourse.widgets import selection as S

    view = P.view(demo=True)
    for cut in (505, 510, 700, 695):
        testing.set_value(view.a_slider, cut)
    table = view.table
    fresh = portfolio_matrix(
        table["attractiveness"],
        table["strength"],
        table["spend"],
        attractiveness_cut=695,
        strength_cut=float(view.s_slider.value),
    )
    assert_same_pixels(_shown_png(view.chart), full_draw(fresh))

    editor = S.weights_editor(demo=True)
    for down, up in (("Size of wallet", "Growth of spend"), ("Profit potential", "Size of wallet")) * 2:
        testing.set_value(editor.sliders[down], editor.sliders[down].value - 3)
        testing.set_value(editor.sliders[up], editor.sliders[up].value + 3)
    weights = pd.Series(editor.weights(), dtype=float)
    fresh = scores_chart(selection.contributions(editor.weights(), editor.ratings()), weights=weights)
    assert_same_pixels(_shown_png(editor.chart), full_draw(fresh))
