"""The weight total: weights share out 100 points, and what an editor does while they do not.

Taught in notebooks/03_selecting_key_accounts.ipynb.

One rule for every weights editor of the course (the attractiveness weights of lesson 03, the
customer's CSF weights of lesson 04, and any editor of shares that must make 100):
:func:`weight_total` reads the weights as typed and returns a :class:`WeightTotal` that says

* the total, in words, next to the editor (:attr:`WeightTotal.label`);
* while the total is not 100: nothing is computed from these weights -- the editor keeps its
  last results on screen marked "not updated" (:meth:`WeightTotal.stale`) and says how many
  points to add or take away (:attr:`WeightTotal.problem`); what the learner set is saved as it
  is, never corrected behind their back;
* "Rescale to 100" is offered while the total is not 100 and above 0
  (:attr:`WeightTotal.can_rescale`); it keeps the weight moved last and rescales the others
  proportionally to whole numbers (:func:`rescale_to_100`).

Also here: :func:`rescaled_weights` (one weight set, the others rescaled to keep 100), used by
the sensitivity analysis.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import inputs
from ..content import t
from ..errors import InputError
from ..values import to_float
from .scoring import WEIGHT_TOLERANCE, WEIGHT_TOTAL, WeightsLike, clean_name, validate_weights

__all__ = [
    "WeightTotal",
    "weight_total",
    "rescaled_weights",
    "rescale_to_100",
    "criterion_of",
    "weight_value",
    "rescale_around",
]


@dataclass(frozen=True)
class WeightTotal:
    """Weights as typed, with their total and what an editor shows about it (see the module)."""

    weights: Mapping[str, float]
    target: float = WEIGHT_TOTAL

    @property
    def total(self) -> float:
        """The sum of the weights."""
        return math.fsum(self.weights.values())

    @property
    def ok(self) -> bool:
        """True when the weights sum to the target (100)."""
        return abs(self.total - self.target) <= WEIGHT_TOLERANCE

    @property
    def gap(self) -> float:
        """Points to add (positive) or take away (negative) to reach the target."""
        return self.target - self.total

    @property
    def can_rescale(self) -> bool:
        """Whether "Rescale to 100" is offered: the total is not 100 and some weight is above 0."""
        return not self.ok and self.total > 0

    @property
    def label(self) -> str:
        """The total in words, shown next to the editor: "Total: 110 / 100 ... take away 10 points"."""
        if self.ok:
            return t("selection.total_ok", total=_g(self.total), target=_g(self.target))
        return t("selection.total_off", total=_g(self.total), target=_g(self.target), move=self.move)

    @property
    def problem(self) -> str:
        """Why nothing is computed from these weights ("" when they sum to 100)."""
        if self.ok:
            return ""
        key = "selection.total_refused" if self.can_rescale else "selection.total_refused_zero"
        return t(key, total=_g(self.total), target=_g(self.target), move=self.move)

    def stale(self, last: Mapping[str, Any]) -> str:
        """The caption of results kept on screen from ``last``, the last weights that summed to 100."""
        shown = ", ".join(f"{name} {_g(float(value))}" for name, value in last.items())
        return t("selection.total_stale", total=_g(self.total), target=_g(self.target), weights=shown)

    def rescaled(self, keep: str | None = None) -> dict[str, float]:
        """The weights brought back to 100 as whole numbers, ``keep`` (the weight moved last) untouched."""
        rescaled = rescale_to_100(dict(self.weights), keep=keep, integers=True)
        return {str(name): float(value) for name, value in rescaled.items()}

    @property
    def move(self) -> str:
        """What to do to reach the target: "add 10 points" / "take away 10 points" ("" at the target)."""
        if self.ok:
            return ""
        key = "selection.total_add" if self.gap > 0 else "selection.total_take_away"
        return t(key, points=_g(abs(self.gap)))


def weight_total(weights: Mapping[Any, Any], *, target: float = WEIGHT_TOTAL) -> WeightTotal:
    """Read the weights of an editor (numbers, or text as typed: ``"12,5"``; blank = 0) and
    say where their total stands (:class:`WeightTotal`).

    Raises :class:`InputError` for a name that is not text, or a weight that is not a number
    from 0 to ``target`` (the message names the criterion and the value).
    """
    if not isinstance(weights, (Mapping, pd.Series)):
        raise InputError(t("selection.weights_type", type=type(weights).__name__))
    limit = inputs.number(target, "target", low=0)
    if limit is None or limit <= 0:
        raise InputError(t("selection.weights_target", value=target))
    read: dict[str, float] = {}
    for raw_name, value in weights.items():
        name = clean_name(raw_name)
        if name in read:
            raise InputError(t("selection.criterion_duplicate", name=name, where="weights"))
        read[name] = (
            inputs.number(value, t("selection.weight_item", criterion=name), blank=0.0, low=0.0, high=limit) + 0.0
        )
    return WeightTotal(read, limit)


def _g(value: float) -> str:
    return f"{value:g}"


def rescaled_weights(weights: WeightsLike, criterion: str, value: float) -> pd.Series:
    """Weights with ``criterion`` set to ``value`` and the others rescaled to keep 100.

    The other weights keep their proportions. When they are all zero (``criterion``
    held 100), the remainder is shared equally among them.

    Raises :class:`InputError` for invalid weights, an unknown criterion, or a value
    outside 0-100.
    """
    w = validate_weights(weights)
    name = criterion_of(w, criterion)
    v = weight_value(name, value)
    return rescale_around(w, name, np.array([v]))[0]


def rescale_to_100(weights: Mapping[Any, Any], keep: str | None = None, *, integers: bool = False) -> pd.Series:
    """Bring weights whose total is not 100 back to 100 (the "Rescale to 100" button).

    The weights are first scaled proportionally to sum to 100; when ``keep`` names a criterion,
    it then gets its original weight back and the others are rescaled around it with
    :func:`rescaled_weights` (so the weight the learner just set stays put). With
    ``integers=True`` the result is rounded to whole numbers that still sum to 100
    (largest remainders, ``keep`` untouched).

    Raises :class:`InputError` for a weight that is not a finite number from 0 to 100,
    an unknown ``keep``, or weights that are all 0 (nothing to scale).
    """
    if not isinstance(weights, Mapping) or not weights:
        raise InputError(t("selection.weights_type", type=type(weights).__name__))
    raw: dict[str, float] = {}
    for name, value in weights.items():
        name = clean_name(name)
        if name in raw:
            raise InputError(t("selection.criterion_duplicate", name=name, where="weights"))
        v = to_float(value)
        if v is None:
            raise InputError(t("selection.weight_not_number", criterion=name, value=value))
        if not math.isfinite(v) or v < 0 or v > WEIGHT_TOTAL:
            raise InputError(t("selection.weight_not_finite", criterion=name, value=value))
        raw[name] = v + 0.0
    total = math.fsum(raw.values())
    if total <= 0:
        raise InputError(t("selection.weights_all_zero"))
    scaled = pd.Series({k: v * WEIGHT_TOTAL / total for k, v in raw.items()}, dtype=float)
    scaled = scaled * (WEIGHT_TOTAL / math.fsum(scaled))  # exact sum despite rounding
    scaled.iloc[-1] = WEIGHT_TOTAL - math.fsum(scaled.iloc[:-1])
    if keep is not None:
        name = criterion_of(scaled, keep)
        scaled = rescaled_weights(scaled.clip(lower=0.0), name, raw[name])
    if not isinstance(integers, (bool, np.bool_)):
        raise InputError(t("selection.flag_not_bool", name="integers", value=integers))
    if integers:
        scaled = _round_to_total(scaled, keep)
    return scaled.rename("weight").rename_axis("criterion")


def _round_to_total(w: pd.Series, keep: str | None) -> pd.Series:
    floors = np.floor(w.to_numpy() + 1e-9)
    if keep is not None:
        floors[list(w.index).index(keep)] = round(float(w[keep]))
    short = int(round(WEIGHT_TOTAL - floors.sum()))
    remainders = w.to_numpy() - floors
    if keep is not None:
        remainders[list(w.index).index(keep)] = -np.inf
    order = np.argsort(-remainders, kind="stable")
    for pos in order[: max(short, 0)]:
        floors[pos] += 1
    return pd.Series(floors, index=w.index, dtype=float)


def criterion_of(w: pd.Series, criterion: Any) -> str:
    """``criterion`` as named among the weights ``w`` (spaces stripped), or :class:`InputError`."""
    name = criterion.strip() if isinstance(criterion, str) else None
    if name is None or name not in w.index:
        raise InputError(t("selection.sensitivity_criterion", criterion=criterion, allowed=", ".join(w.index)))
    return name


def weight_value(criterion: str, value: Any) -> float:
    """A weight to try for ``criterion``: a number from 0 to 100, or :class:`InputError`."""
    v = to_float(value)
    if v is None or not (0.0 <= v <= WEIGHT_TOTAL):
        raise InputError(t("selection.sensitivity_value", criterion=criterion, value=value))
    return v + 0.0


def rescale_around(w: pd.Series, criterion: str, values: np.ndarray) -> list[pd.Series]:
    """For each of ``values``: the weights with ``criterion`` at it, the others in proportion."""
    others = w.drop(criterion)
    rest = float(others.sum())
    if rest > 0:
        shares = others / rest
    else:
        shares = pd.Series(1.0 / len(others), index=others.index) if len(others) else others
    out = []
    for v in values:
        new = shares * (WEIGHT_TOTAL - v)
        new[criterion] = v
        out.append(new.reindex(w.index).rename("weight"))
    return out
