"""Draw a chart again and again, fast, for a widget that redraws it on every slider move (issue 15).

A chart that follows a slider changes only a few of its artists at each move (the cut lines,
bubble colours and cut ticks of the portfolio matrix; the bars, totals and names of the score
chart), while most of its pixels -- above all its text, which is what matplotlib's Agg backend
spends its time on -- stay as they were. :class:`LiveRender` keeps, for one figure:

* the **static layers**: every run of unchanging artists between two changing ones (in
  matplotlib's own drawing order: figure, then each axes' children by ``zorder``), each drawn
  once into a transparent RGBA image and composited back at each render (so a label drawn above
  the bubbles stays above them). A static artist that changes is seen through matplotlib's own
  ``stale`` flag and its layer is drawn again;
* **sprites** of the changing artists that are costly to draw (an axis with its tick labels, a
  legend), keyed by what they show (tick positions and texts, legend texts and colours), so the
  legend is drawn once per set of entries, not once per move;

and encodes the result as a PNG with no row filter and zlib level 1 (about 3x faster than
Pillow's adaptive filtering for these flat-coloured charts, and no larger).

The image is the one ``savefig`` would give at the figure's dpi, pixel for pixel up to rounding
(``tests/test_plots_live.py`` compares them after updates). Exported documents never use this
module: they call the plot functions and ``savefig`` as before. Everything is held by the
:class:`LiveRender` object of one widget: no global state.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.legend import Legend

__all__ = ["LiveRender", "png_bytes"]

#: Sprites kept per figure (axes and legends in the states met lately).
MAX_SPRITES = 32


def png_bytes(rgba: np.ndarray) -> bytes:
    """An (h, w, 4) uint8 image as PNG bytes: RGB when fully opaque, else RGBA; no row filter, zlib level 1."""
    height, width = rgba.shape[:2]
    opaque = bool(rgba[..., 3].min() == 255)
    channels = 3 if opaque else 4
    raw = np.empty((height, width * channels + 1), np.uint8)
    raw[:, 0] = 0  # filter type "none" on every row
    raw[:, 1:].reshape(height, width, channels)[...] = rgba[..., :channels]
    data = zlib.compress(raw.tobytes(), 1)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def _cropped(image: np.ndarray) -> tuple[int, int, np.ndarray]:
    """(column, row from the top, copy of the pixels) of the smallest box holding every pixel
    that is not fully transparent (the whole image when there is none)."""
    rows = np.flatnonzero(image[..., 3].any(axis=1))
    cols = np.flatnonzero(image[..., 3].any(axis=0))
    if not rows.size:
        return 0, 0, image[:1, :1].copy()
    r0, r1, c0, c1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    return c0, r0, image[r0:r1, c0:c1].copy()


def _draw_sequence(figure: Figure) -> list[Artist] | None:
    """The artists of ``figure`` in the order ``Figure.draw`` draws them, or None when the figure
    holds something this module does not re-create (images, sub-figures, animated artists)."""
    sequence: list[Artist] = [figure.patch]
    children = [c for c in figure.get_children() if c is not figure.patch]
    for child in sorted(children, key=lambda a: a.get_zorder()):
        if not isinstance(child, Axes):
            if figure.images or figure.subfigs:
                return None
            sequence.append(child)
            continue
        if child.images or child.child_axes or not child.axison:
            return None
        kids = [k for k in child.get_children() if k is not child.patch]
        if any(k.get_animated() for k in kids):
            return None
        if child.get_frame_on():
            sequence.append(child.patch)
        sequence.extend(sorted(kids, key=lambda a: a.get_zorder()))
    return sequence


def _sprite_key(artist: Artist) -> Hashable | None:
    """What a costly changing artist shows (its sprite is reused while this is equal), or None
    to draw the artist itself at each render."""
    if isinstance(artist, Axis):
        return (
            "axis",
            id(artist),
            tuple(float(v) for v in artist.get_majorticklocs()),
            tuple(t.get_text() for t in artist.get_majorticklabels()),
            artist.label.get_text(),
            tuple(float(v) for v in artist.get_view_interval()),
            artist.get_visible(),
        )
    if isinstance(artist, Legend):
        handles = tuple(
            (
                np.asarray(h.get_facecolor()).tobytes() if hasattr(h, "get_facecolor") else b"",
                np.asarray(h.get_sizes()).tobytes() if hasattr(h, "get_sizes") else b"",
            )
            for h in artist.legend_handles
            if h is not None
        )
        # Not the legend object's identity: a widget that re-creates an identical legend at each
        # move (same entries, same place) reuses the sprite.
        return (
            "legend",
            str(artist.get_bbox_to_anchor()),
            str(getattr(artist, "_loc", "")),
            tuple(t.get_text() for t in artist.get_texts()),
            artist.get_title().get_text(),
            handles,
            artist.get_visible(),
        )
    return None


class LiveRender:
    """Renders one figure as PNG bytes, again and again, drawing only what changed.

    ``changing(figure)`` names the artists that change between renders (the widget's update moves
    them in place); everything else is drawn once into static layers. A figure this class cannot
    re-create (see :func:`_draw_sequence`) is drawn in full each time, as ``savefig`` does.
    """

    def __init__(self, figure: Figure, changing: Callable[[Figure], Iterable[Artist]]) -> None:
        self.figure = figure
        self._changing = changing
        self._layers: dict[tuple[int, ...], tuple[list[Artist], tuple[int, int, np.ndarray]]] = {}
        self._sprites: dict[Hashable, tuple[int, int, np.ndarray] | None] = {}
        #: Static layers drawn so far (a figure whose "static" artists keep changing shows here).
        self.layers_drawn = 0
        #: Renders so far.
        self.renders = 0

    # -- drawing ------------------------------------------------------------------------------
    def _full(self) -> np.ndarray:
        self.figure.canvas.draw()
        return np.asarray(self.figure.canvas.buffer_rgba())  # type: ignore[attr-defined]

    def _alone(self, artists: set[Artist], sequence: list[Artist]) -> np.ndarray:
        """Draw only ``artists`` (the others hidden) on a transparent canvas; a copy of the pixels."""
        shown = {a: a.get_visible() for a in sequence}
        stale = {a: a.stale for a in sequence}
        try:
            for artist in sequence:
                if artist not in artists and shown[artist]:
                    artist.set_visible(False)
            image = np.array(self._full())
        finally:
            for artist, visible in shown.items():
                if artist.get_visible() != visible:
                    artist.set_visible(visible)
        for artist in sequence:  # hiding marked them stale; only a real change (later) marks them again
            if not stale[artist] or artist in artists:
                artist.stale = False
        self.layers_drawn += 1
        return image

    def _sprite(
        self, artist: Artist, key: Hashable, renderer: Any, buffer: np.ndarray
    ) -> tuple[int, int, np.ndarray] | None:
        """The artist drawn alone, cropped to its pixels: (column, row from the top, RGBA)."""
        if key in self._sprites:
            return self._sprites[key]
        saved = buffer.copy()
        renderer.clear()
        artist.draw(renderer)
        sprite = _cropped(buffer) if buffer[..., 3].any() else None
        np.copyto(buffer, saved)
        if len(self._sprites) >= MAX_SPRITES:
            self._sprites.clear()
        self._sprites[key] = sprite
        return sprite

    @staticmethod
    def _composite(renderer: Any, height: int, column: int, row: int, image: np.ndarray) -> None:
        gc = renderer.new_gc()
        try:  # draw_image takes the image bottom row first, placed from the bottom-left corner
            renderer.draw_image(gc, column, height - row - image.shape[0], image[::-1])
        finally:
            gc.restore()

    def rgba(self) -> np.ndarray:
        """The figure's pixels now: an (h, w, 4) uint8 array (a view of the canvas buffer)."""
        figure = self.figure
        sequence = _draw_sequence(figure)
        changing = set(self._changing(figure))
        self.renders += 1
        if sequence is None or not changing or self.renders == 1:
            # The first render is a plain full draw: a widget that is built and shown once (a
            # notebook run from top to bottom) costs no more than before; the layers are drawn at
            # the first change (bench/bench_startup.py, bench/bench_kernel_update.py).
            return self._full()
        canvas = figure.canvas
        renderer = canvas.get_renderer()  # type: ignore[attr-defined]
        buffer = np.asarray(renderer.buffer_rgba())
        # Runs of static artists between the changing ones, in drawing order.
        plan: list[tuple[list[Artist], Artist | None]] = []
        run: list[Artist] = []
        for artist in sequence:
            if artist in changing:
                plan.append((run, artist))
                run = []
            else:
                run.append(artist)
        plan.append((run, None))
        layers: list[tuple[int, int, np.ndarray] | None] = []
        drawn = self.layers_drawn
        kept: dict[tuple[int, ...], tuple[list[Artist], tuple[int, int, np.ndarray]]] = {}
        for index, (run, _artist) in enumerate(plan):  # every layer first: drawing one clears the canvas
            key = tuple(id(a) for a in run)
            layer = self._layers.get(key)
            if run and (layer is None or any(a.stale for a in run)):
                image = self._alone(set(run), sequence)
                # the bottom layer covers the canvas; the others are kept cropped to their pixels
                layer = (run, (0, 0, image) if index == 0 else _cropped(image))
            if run and layer is not None:
                kept[key] = layer
            layers.append(layer[1] if run and layer is not None else None)
        self._layers = kept  # layers of runs that no longer exist are dropped
        if self.layers_drawn != drawn or not self._layers:
            # A full draw with everything shown lays out what depends on the rest (the title above
            # the ticks, the axis labels beside the tick labels), as savefig does, before the
            # changing artists are drawn alone.
            self._full()
            for artist in sequence:
                if artist not in changing:
                    artist.stale = False
        height = buffer.shape[0]
        first = True
        for (_run, changed), placed in zip(plan, layers, strict=True):
            if placed is not None:
                if first:
                    np.copyto(buffer, placed[2])
                else:
                    self._composite(renderer, height, *placed)
            elif first:
                renderer.clear()
            first = False
            if changed is None or not changed.get_visible():
                continue
            sprite_key = _sprite_key(changed)
            if sprite_key is None:
                changed.draw(renderer)
                continue
            sprite = self._sprite(changed, sprite_key, renderer, buffer)
            if sprite is not None:
                self._composite(renderer, height, *sprite)
        return buffer

    def png(self) -> bytes:
        """The figure now, as PNG bytes (see :func:`png_bytes`)."""
        return png_bytes(self.rgba())
