"""Charts of the trainer's compare view, sized and lettered to be projected to a room.

Taught in trainer/guide.ipynb.

* :func:`spread_chart` -- the numbers of an exercise (weights, scores, days): one row per part,
  a box of the middle half of the groups and a dot per answer given, labelled with the groups
  that gave it (or their count in a large room);
* :func:`choices_chart` -- the choices (a category, a stage, a box of the grid): one stacked bar
  per part, each option's count written on it; lists (a top five) as the count of groups
  naming each item;
* :func:`status_chart` -- how many groups are in each status, exercise by exercise;
* :func:`calibration_chart` -- lesson 03's calibration on the groups' ratings: the widest gaps.

Every text that comes from a workbook (group names, answers) is drawn literally: a ``$`` is
escaped so matplotlib never reads it as mathematics. Object-oriented matplotlib only.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib import __version__ as mpl_version
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..content import t
from ..errors import InputError
from ..trainer.compare import STATUSES, Comparison, ExerciseComparison
from ..trainer.facets import SEP

__all__ = ["calibration_chart", "choices_chart", "literal", "spread_chart", "status_chart"]

# matplotlib 3.10 replaced boxplot's vert=False by orientation="horizontal" (and warns on the old one)
_HORIZONTAL: dict[str, Any] = (
    {"orientation": "horizontal"} if tuple(int(p) for p in mpl_version.split(".")[:2]) >= (3, 10) else {"vert": False}
)
WIDTH = 12.0  # inches at 100 dpi: 1200 px, readable from the back of a room
FONT = 13
TITLE = 16
_STATUS_COLOURS = {
    "correct": "#2e7d32",
    "partial": "#f9a825",
    "incorrect": "#c62828",
    "invalid": "#6a1b9a",
    "saved": "#90a4ae",
    "not_answered": "#e0e0e0",
}
_PALETTE = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#393b79",
    "#637939",
]


def literal(text: Any, limit: int = 60) -> str:
    """``text`` as matplotlib should draw it: shortened, ``$`` escaped (never math)."""
    value = " ".join(str(text).split())
    if len(value) > limit:
        value = value[: limit - 1] + "\u2026"
    return value.replace("$", r"\$")


def _figure(height: float) -> Figure:
    fig = Figure(figsize=(WIDTH, max(2.5, min(height, 30.0))), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def _empty(message: str) -> Figure:
    fig = _figure(2.5)
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, literal(message, 120), ha="center", va="center", fontsize=FONT)
    return fig


def _title(ex: ExerciseComparison, key: str) -> str:
    return literal(t(key, title=ex.title, answered=ex.answered, groups=len(ex.groups)), 110)


def _check(ex: Any) -> ExerciseComparison:
    if not isinstance(ex, ExerciseComparison):
        raise InputError(t("trainer.chart_needs_exercise", type=type(ex).__name__))
    return ex


# --------------------------------------------------------------------------- numbers


def _common_prefix(labels: list[str]) -> tuple[str, list[str]]:
    """("weights", ["Size of wallet", ...]) when every label starts with "weights / "."""
    heads = {label.split(SEP, 1)[0] for label in labels}
    if len(heads) == 1 and all(SEP in label for label in labels):
        return heads.pop(), [label.split(SEP, 1)[1] for label in labels]
    return "", list(labels)


def _dot_label(labels: list[str], show_names: bool) -> str:
    if show_names and len(labels) <= 3:
        return literal(", ".join(labels), 40)
    return t("trainer.chart_groups", count=len(labels))


def _span(values: Any, ex: ExerciseComparison, facets: list[Any]) -> float:
    """The x range the labels share (all parts on a shared axis)."""
    every = [float(v) for f in facets for v in f.values.values()] or [float(v) for v in values]
    return max(max(every) - min(every), 1e-9)


def _label_dots(ax: Any, groups: dict[float, list[str]], y: float, show_names: bool, span: float) -> None:
    """Label the dots of one row, above and below in turn, skipping a label that would overlap.

    The biggest dots are labelled first, so in a crowded row the values most groups gave keep
    their label; the table beside the chart names every group anyway.
    """
    char = 6.8 / 800 * span * 1.5  # data units per character at the label font size (generous)
    placed: dict[int, list[tuple[float, float]]] = {1: [], -1: []}
    for value, who in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        text = _dot_label(who, show_names)
        half = len(text) * char / 2
        for side in (1, -1):
            if all(value + half < lo or value - half > hi for lo, hi in placed[side]):
                placed[side].append((value - half, value + half))
                ax.text(
                    value,
                    y + 0.34 * side,
                    text,
                    ha="center",
                    va="bottom" if side > 0 else "top",
                    fontsize=FONT - 3,
                    zorder=4,
                )
                break


def spread_chart(
    ex: ExerciseComparison, *, max_parts: int = 12, name_groups_up_to: int = 30, title: str | None = None
) -> Figure:
    """The spread of the exercise's numbers across groups (see the module's docstring).

    Parts are drawn in the order of :meth:`ExerciseComparison.agreement` (most divergent at
    the top), at most ``max_parts``. Groups are named next to their dots when the room has at
    most ``name_groups_up_to`` groups, counted otherwise. Parts whose numbers differ in size
    by more than ten times get their own axis.
    """
    ex = _check(ex)
    facets = [f for f in ex.facets if f.kind == "number" and f.values]
    if not facets:
        return _empty(t("trainer.chart_no_numbers", title=ex.title))
    order = [row for row in ex.agreement()["facet"] if any(f.label == row for f in facets)]
    by_label = {f.label: f for f in facets}
    chosen = [by_label[label] for label in order[:max_parts]]
    tops = [max(abs(v) for v in f.values.values()) for f in chosen]
    sizes = [top for top in tops if top > 0] or [1.0]
    shared = max(sizes) / min(sizes) <= 10
    prefix, part_names = _common_prefix([f.label for f in chosen])
    show_names = len(ex.groups) <= name_groups_up_to
    rows = len(chosen)
    fig = _figure(1.3 * rows + 1.8 if shared else 1.6 * rows + 1.2)
    axes = [fig.add_subplot()] if shared else list(fig.subplots(rows, 1, squeeze=False)[:, 0])
    for index, facet in enumerate(chosen):
        ax = axes[0] if shared else axes[index]
        y = rows - 1 - index if shared else 0
        values = np.array([float(v) for v in facet.values.values()])
        ax.boxplot(
            values,
            positions=[y],
            **_HORIZONTAL,
            widths=0.5,
            whis=(10, 90),
            showfliers=False,
            patch_artist=True,
            boxprops={"facecolor": "#e3f2fd", "edgecolor": "#1565c0"},
            medianprops={"color": "#0d47a1", "linewidth": 2.5},
        )
        groups: dict[float, list[str]] = {}
        for group, value in facet.values.items():
            groups.setdefault(float(value), []).append(group)
        most = max(len(g) for g in groups.values())
        for value, who in groups.items():
            ax.scatter(
                [value], [y], s=60 + 240 * len(who) / most, color="#ef6c00", edgecolor="white", zorder=3, alpha=0.9
            )
        _label_dots(ax, groups, y, show_names, span=_span(values, ex, facets if shared else [facet]))
        if not shared:
            ax.set_yticks([0], [literal(part_names[index], 45)], fontsize=FONT)
            ax.set_ylim(-0.9, 0.9)
            ax.tick_params(axis="x", labelsize=FONT - 1)
            ax.grid(axis="x", alpha=0.3)
    if shared:
        ax = axes[0]
        ax.set_yticks(range(rows), [literal(n, 45) for n in reversed(part_names)], fontsize=FONT)
        ax.set_ylim(-0.9, rows - 0.1)
        if prefix:
            ax.set_ylabel(literal(prefix, 40), fontsize=FONT)
        ax.tick_params(axis="x", labelsize=FONT - 1)
        ax.grid(axis="x", alpha=0.3)
        ax.set_xlabel(literal(t("trainer.chart_spread_xlabel"), 160), fontsize=FONT)
    fig.suptitle(literal(title, 110) if title else _title(ex, "trainer.chart_spread_title"), fontsize=TITLE)
    note = t("trainer.chart_spread_note", shown=len(chosen), total=len(facets))
    fig.text(0.01, 0.005, literal(note, 160), fontsize=FONT - 4, color="#555555")
    fig.tight_layout(rect=(0, 0.03, 1, 0.97))
    return fig


# --------------------------------------------------------------------------- choices


def choices_chart(
    ex: ExerciseComparison, *, max_parts: int = 15, max_options: int = 8, title: str | None = None
) -> Figure:
    """The distribution of the exercise's choices: one stacked bar per part, most divergent on top.

    Each part's options are counted (the ``max_options`` most common shown, the rest as
    "other"); an option keeps its colour across parts. A list (a top five) becomes one bar per
    item: how many groups named it.
    """
    ex = _check(ex)
    facets = [f for f in ex.facets if f.kind in ("choice", "list") and f.values]
    if not facets:
        return _empty(t("trainer.chart_no_choices", title=ex.title))
    order = [row for row in ex.agreement()["facet"] if any(f.label == row for f in facets)]
    by_label = {f.label: f for f in facets}
    chosen = [by_label[label] for label in order[:max_parts]]
    choice_parts = [f for f in chosen if f.kind == "choice"]
    list_parts = [f for f in chosen if f.kind == "list"]
    heights = [0.6 * len(choice_parts) + 1.4 if choice_parts else 0.0]
    heights += [0.45 * min(len(f.options()), 12) + 1.2 for f in list_parts]
    heights = [h for h in heights if h > 0]
    fig = _figure(sum(heights) + 1.2)
    axes = list(fig.subplots(len(heights), 1, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0])
    index = 0
    if choice_parts:
        _stacked(axes[index], choice_parts, max_options)
        index += 1
    for facet in list_parts:
        _membership(axes[index], facet, len(ex.groups))
        index += 1
    fig.suptitle(literal(title, 110) if title else _title(ex, "trainer.chart_choices_title"), fontsize=TITLE)
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    return fig


def _stacked(ax: Any, facets: list[Any], max_options: int) -> None:
    colours: dict[str, str] = {}
    labelled: set[str] = set()
    other = t("trainer.chart_other")
    rows = len(facets)
    for index, facet in enumerate(facets):
        y = rows - 1 - index
        counts = facet.options()
        shown = counts[:max_options]
        rest = sum(c for _, c in counts[max_options:])
        if rest:
            shown = shown + [(other, rest)]
        total = sum(c for _, c in shown)
        left = 0.0
        for option, count in shown:
            key = option.casefold()
            if key not in colours:
                colours[key] = "#bdbdbd" if option == other else _PALETTE[len(colours) % len(_PALETTE)]
            share = count / total
            ax.barh(
                [y],
                [share],
                left=left,
                color=colours[key],
                edgecolor="white",
                height=0.7,
                label="_nolegend_" if key in labelled else literal(option, 40),
            )
            labelled.add(key)
            if share >= 0.06:
                ax.text(
                    left + share / 2,
                    y,
                    str(count),
                    ha="center",
                    va="center",
                    fontsize=FONT - 2,
                    color="white",
                    fontweight="bold",
                )
            left += share
    _prefix, names = _common_prefix([f.label for f in facets])
    ax.set_yticks(range(rows), [literal(n, 45) for n in reversed(names)], fontsize=FONT)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(_percent)
    ax.tick_params(axis="x", labelsize=FONT - 2)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=FONT - 2,
        frameon=False,
        title=literal(t("trainer.chart_options")),
        title_fontsize=FONT - 1,
    )


def _percent(value: float, _pos: Any = None) -> str:
    return f"{value:.0%}"


def _membership(ax: Any, facet: Any, groups: int) -> None:
    counts = facet.options()[:12]
    names = [literal(o, 40) for o, _ in counts]
    values = [c for _, c in counts]
    y = np.arange(len(counts))[::-1]
    ax.barh(y, values, color="#5c6bc0", height=0.7)
    for yi, value in zip(y, values, strict=True):
        ax.text(value, yi, f" {value}", va="center", fontsize=FONT - 2)
    ax.set_yticks(y, names, fontsize=FONT - 1)
    ax.set_xlim(0, max(values + [1]) * 1.12)
    ax.set_title(
        literal(t("trainer.chart_membership", part=facet.label, answers=len(facet.values)), 100),
        fontsize=FONT,
        loc="left",
    )
    ax.tick_params(axis="x", labelsize=FONT - 2)


# --------------------------------------------------------------------------- statuses


def status_chart(room: Comparison, exercises: list[str] | None = None, *, title: str | None = None) -> Figure:
    """How many groups are in each status, one bar per exercise (correct on the left)."""
    if not isinstance(room, Comparison):
        raise InputError(t("trainer.chart_needs_room", type=type(room).__name__))
    ids = exercises if exercises is not None else room.exercises()
    if not ids:
        return _empty(t("trainer.chart_no_answers"))
    counts = [room.exercise(i).counts() for i in ids]
    fig = _figure(0.5 * len(ids) + 2.0)
    ax = fig.add_subplot()
    y = np.arange(len(ids))[::-1]
    left = np.zeros(len(ids))
    for status in STATUSES:
        values = np.array([c[status] for c in counts], dtype=float)
        ax.barh(
            y,
            values,
            left=left,
            color=_STATUS_COLOURS[status],
            edgecolor="white",
            label=literal(t(f"checks.label_{status}")),
            height=0.75,
        )
        for yi, lo, value in zip(y, left, values, strict=True):
            if value and value >= max(1.0, 0.04 * len(room.groups)):
                ax.text(
                    lo + value / 2,
                    yi,
                    f"{value:.0f}",
                    ha="center",
                    va="center",
                    fontsize=FONT - 3,
                    color="black" if status in ("partial", "not_answered", "saved") else "white",
                )
        left += values
    ax.set_yticks(y, [literal(room.title(i), 55) for i in ids], fontsize=FONT - 2)
    ax.set_xlim(0, max(len(room.groups), 1))
    ax.set_xlabel(literal(t("trainer.chart_status_xlabel", groups=len(room.groups)), 160), fontsize=FONT)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=FONT - 2, frameon=False)
    ax.set_title(literal(title or t("trainer.chart_status_title"), 110), fontsize=TITLE)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- calibration


def calibration_chart(calibration: Any, *, top: int = 10, title: str | None = None) -> Figure:
    """The ``top`` widest gaps of a :class:`kamcourse.selection.Calibration`: min to max, mean marked."""
    frame = getattr(calibration, "disagreements", None)
    if frame is None:
        raise InputError(t("trainer.chart_needs_calibration", type=type(calibration).__name__))
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise InputError(t("trainer.chart_bad_top", value=repr(top)[:40]))
    rows = frame.head(top)
    if rows.empty:
        return _empty(t("trainer.chart_no_answers"))
    fig = _figure(0.55 * len(rows) + 2.0)
    ax = fig.add_subplot()
    y = np.arange(len(rows))[::-1]
    for yi, (_, row) in zip(y, rows.iterrows(), strict=True):
        ax.plot([row["min"], row["max"]], [yi, yi], color="#90caf9", linewidth=10, solid_capstyle="round")
        ax.scatter([row["mean"]], [yi], color="#0d47a1", s=90, zorder=3)
        ax.text(row["max"] + 0.15, yi, f"{row['min']:g}\u2013{row['max']:g}", va="center", fontsize=FONT - 3)
    labels = [literal(f"{r['account']} \u00b7 {r['criterion']}", 60) for _, r in rows.iterrows()]
    ax.set_yticks(y, labels, fontsize=FONT - 2)
    ax.set_xlim(-0.5, 11)
    ax.set_xticks(range(11))
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel(
        literal(t("trainer.chart_calibration_xlabel", raters=len(getattr(calibration, "raters", ()))), 160),
        fontsize=FONT,
    )
    ax.set_title(literal(title or t("trainer.chart_calibration_title"), 110), fontsize=TITLE)
    fig.tight_layout()
    return fig
