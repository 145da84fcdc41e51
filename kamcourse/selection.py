"""Selecting key accounts: weighted attractiveness scores, relative strength, team
calibration and sensitivity of a ranking to the weights.

Taught in ``notebooks/03_selecting_key_accounts.ipynb`` (attractiveness scoring, team
calibration, sensitivity) and ``notebooks/04_portfolio_matrix.ipynb`` (relative strength,
the case portfolio). The conventions are the course brief's:

* criteria carry weights that sum to 100; each account is rated 0-10 on each criterion;
  the score is the sum of weight x rating, from 0 to 1000 (Woodburn's DHL example gives
  520 and 655, see :func:`dhl_example`);
* relative strength is our weighted score on the customer's critical success factors
  divided by the best competitor's score (1.0 = parity).

Every function is pure: it validates its inputs and raises
:class:`~kamcourse.errors.InputError` with a message naming the criterion, the account and
the value at fault. Validation is vectorised (NumPy min/max over the whole table), so a
widget can call :func:`weighted_scores` on every slider move. Nothing is cached between
calls: every call checks its own inputs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._differences import describe_difference
from ._values import floats, short_repr, to_float
from .content import load, load_table, t
from .errors import ContentError, InputError

__all__ = [
    "SCORE_MAX",
    "RATING_MAX",
    "WEIGHT_TOTAL",
    "validate_weights",
    "validate_ratings",
    "weighted_scores",
    "contributions",
    "relative_strength",
    "relative_strengths",
    "Calibration",
    "calibrate",
    "rescaled_weights",
    "rescale_to_100",
    "sensitivity",
    "crossovers",
    "dhl_example",
    "criteria_families",
    "criteria_table",
    "case_team_ratings",
    "CasePortfolio",
    "case_portfolio",
]

RATING_MAX = 10.0
WEIGHT_TOTAL = 100.0
SCORE_MAX = RATING_MAX * WEIGHT_TOTAL
WEIGHT_TOLERANCE = 1e-9

WeightsLike = Mapping[Any, Any] | pd.Series


# --------------------------------------------------------------------------- weights
def _clean_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InputError(t("selection.criterion_name", name=name))
    return name.strip()


def validate_weights(weights: WeightsLike) -> pd.Series:
    """Check criterion weights and return them as a float Series named ``"weight"``.

    Parameters
    ----------
    weights:
        Mapping (dict or Series) of criterion name to weight. Names are stripped of
        surrounding spaces.

    Raises
    ------
    InputError
        A name that is not non-empty text or appears twice; a weight that is not a
        number (text, ``True``/``False``), not finite or negative; weights whose sum is
        not 100 (tolerance 1e-9, so 99.999999 is rejected).
    """
    if isinstance(weights, pd.Series):
        items = list(weights.items())
    elif isinstance(weights, Mapping):
        items = list(weights.items())
    else:
        raise InputError(t("selection.weights_type", type=type(weights).__name__))
    if not items:
        raise InputError(t("selection.weights_empty"))
    names: list[str] = []
    values: list[float] = []
    for raw_name, raw in items:
        name = _clean_name(raw_name)
        if name in names:
            raise InputError(t("selection.criterion_duplicate", name=name, where="weights"))
        value = to_float(raw)
        if value is None:
            raise InputError(t("selection.weight_not_number", criterion=name, value=raw))
        if not math.isfinite(value):
            raise InputError(t("selection.weight_not_finite", criterion=name, value=raw))
        if value < 0:
            raise InputError(t("selection.weight_negative", criterion=name, value=f"{value:g}"))
        names.append(name)
        values.append(value + 0.0)  # -0.0 becomes 0.0
    total = math.fsum(values)
    if abs(total - WEIGHT_TOTAL) > WEIGHT_TOLERANCE:
        detail = ", ".join(f"{n} {v:g}" for n, v in zip(names, values))
        raise InputError(t("selection.weights_sum", total=f"{total:.12g}", detail=detail))
    return pd.Series(values, index=pd.Index(names, name="criterion"), name="weight", dtype=float)


# --------------------------------------------------------------------------- names


def _check_names(index: pd.Index, what: str) -> None:
    """Account (or supplier) names: text, non-empty and unique after stripping spaces."""
    if index.inferred_type != "string":
        for row, name in enumerate(index, start=1):
            if not isinstance(name, str):
                raise InputError(t("selection.name_not_text", what=what, name=name, row=row))
    stripped = pd.Index(index.str.strip())
    empty = np.flatnonzero(stripped.str.len().to_numpy() == 0)
    if empty.size:
        raise InputError(t("selection.name_empty", what=what, row=int(empty[0]) + 1))
    if not stripped.is_unique:
        dup_mask = stripped.duplicated(keep=False)
        first = stripped[dup_mask][0]
        rows = (np.flatnonzero(stripped == first) + 1).tolist()
        raise InputError(
            t("selection.name_duplicate", what=what, name=first, rows=", ".join(map(str, rows)))
        )


def _check_label_column(frame: pd.DataFrame, column: str, what: str) -> None:
    """A column of names in a long table: non-empty text in every row (header = row 1).

    A row without a name would otherwise be dropped by ``groupby`` and change the result of
    another account without a word.
    """
    for row, name in enumerate(frame[column].tolist(), start=2):
        missing = name is None or (isinstance(name, float) and math.isnan(name))
        if not isinstance(name, str) and not missing:
            raise InputError(t("selection.label_not_text", what=what, column=column, row=row, name=name))
        if missing or not name.strip():
            raise InputError(t("selection.label_empty", what=what, column=column, row=row))


# --------------------------------------------------------------------------- ratings
def _first_bad_object(column: pd.Series) -> tuple[Any, Any] | None:
    _, bad = floats(column)
    if bad is None:
        return None
    return column.index[bad], column.iloc[bad]


def _ratings_matrix(
    weights: pd.Series, ratings: pd.DataFrame, what: str
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Validate ``ratings`` against validated ``weights``.

    Returns the ratings as a float array in the table's own column order (no copy when
    the table is one float block), the weights aligned to that order, and the stripped
    column names.
    """
    if not isinstance(ratings, pd.DataFrame):
        raise InputError(t("selection.ratings_type", what=what, type=type(ratings).__name__))
    if len(ratings.index) == 0:
        raise InputError(t("selection.ratings_empty", what=what))
    columns: list[str] = []
    for col in ratings.columns:
        name = _clean_name(col)
        if name in columns:
            raise InputError(t("selection.criterion_duplicate", name=name, where="ratings table"))
        columns.append(name)
    known = set(weights.index)
    for name in columns:
        if name not in known:
            raise InputError(
                t("selection.criterion_unknown", criterion=name, allowed=", ".join(weights.index))
            )
    if len(columns) != len(known):
        missing = [c for c in weights.index if c not in set(columns)]
        raise InputError(
            t("selection.criterion_unrated", criterion=missing[0], found=", ".join(columns) or "none")
        )
    _check_names(ratings.index, what)
    extension = False
    for pos, dtype in enumerate(ratings.dtypes):
        kind = getattr(dtype, "kind", "O")
        if kind in "fiu":
            extension = extension or not isinstance(dtype, np.dtype)
            continue
        column = ratings.iloc[:, pos]
        if kind == "b":
            raise InputError(
                t(
                    "selection.rating_not_number",
                    what=what,
                    account=column.index[0],
                    criterion=columns[pos],
                    value=column.iloc[0],
                )
            )
        bad = _first_bad_object(column)
        if bad is not None:
            raise InputError(
                t(
                    "selection.rating_not_number",
                    what=what,
                    account=bad[0],
                    criterion=columns[pos],
                    value=bad[1],
                )
            )
        extension = True
    if extension:  # object columns one value at a time: 10**400 must not raise OverflowError
        arr = np.column_stack([
            floats(column)[0] if column.dtype == object else column.to_numpy(dtype=float, na_value=np.nan)
            for column in (ratings.iloc[:, pos] for pos in range(ratings.shape[1]))
        ])
    else:
        arr = ratings.to_numpy(dtype=float, copy=False)
    low = arr.min()
    high = arr.max()
    if not (low >= 0.0 and high <= RATING_MAX):  # also catches NaN and the infinities of overflowing numbers
        with np.errstate(invalid="ignore"):
            bad_cells = np.argwhere(~((arr >= 0.0) & (arr <= RATING_MAX)))
        row, col = (int(v) for v in bad_cells[0])
        value = arr[row, col]
        key = "selection.rating_missing" if math.isnan(value) else "selection.rating_range"
        shown = f"{value:g}" if math.isfinite(value) else short_repr(ratings.iloc[row, col])
        raise InputError(t(key, what=what, account=ratings.index[row], criterion=columns[col], value=shown))
    aligned = weights.reindex(columns).to_numpy()
    return arr, aligned, columns


def validate_ratings(weights: WeightsLike, ratings: pd.DataFrame, *, what: str = "account") -> None:
    """Check ``weights`` and ``ratings`` together; raise :class:`InputError` or return None.

    Rules: one row per account (index = account name: text, non-empty, unique after
    stripping spaces); one column per weighted criterion, no unweighted column; every
    rating a number (not text, not bool, not missing) from 0 to 10 inclusive.
    """
    _ratings_matrix(validate_weights(weights), ratings, what)


def weighted_scores(weights: WeightsLike, ratings: pd.DataFrame) -> pd.Series:
    """Attractiveness score of each account: the sum over criteria of weight x rating.

    Taught in ``notebooks/03_selecting_key_accounts.ipynb``.

    Parameters
    ----------
    weights:
        Criterion -> weight (dict or Series); non-negative finite numbers summing to 100.
    ratings:
        DataFrame with one row per account (index = account name) and one column per
        criterion, ratings from 0 to 10.

    Returns
    -------
    pandas.Series
        Scores from 0 to 1000, indexed like ``ratings``, named ``"score"``.

    Raises
    ------
    InputError
        See :func:`validate_weights` and :func:`validate_ratings`; the message names the
        criterion, the account and the value.
    """
    w = validate_weights(weights)
    arr, aligned, _ = _ratings_matrix(w, ratings, "account")
    return pd.Series(arr @ aligned, index=ratings.index, name="score")


def contributions(weights: WeightsLike, ratings: pd.DataFrame) -> pd.DataFrame:
    """Each criterion's contribution (weight x rating) to each account's score.

    Columns follow the order of ``weights``; each row sums to the account's score
    (:func:`weighted_scores`). Used by the stacked bar chart
    (:func:`kamcourse.plots.selection.scores_chart`) in
    ``notebooks/03_selecting_key_accounts.ipynb``. Raises :class:`InputError` like
    :func:`weighted_scores`.
    """
    w = validate_weights(weights)
    arr, aligned, columns = _ratings_matrix(w, ratings, "account")
    frame = pd.DataFrame(arr * aligned, index=ratings.index, columns=pd.Index(columns, name="criterion"))
    return frame[list(w.index)]


# --------------------------------------------------------------------------- strength
def _find_supplier(index: pd.Index, us: str) -> int:
    if isinstance(us, str):
        matches = np.flatnonzero(pd.Index(index.str.strip()) == us.strip())
        if matches.size:
            return int(matches[0])
    raise InputError(t("selection.us_missing", us=us, found=", ".join(map(str, index))))


def relative_strength(weights: WeightsLike, ratings: pd.DataFrame, us: str) -> float:
    """Our relative strength at one account: our CSF score / the best competitor's score.

    Taught in ``notebooks/04_portfolio_matrix.ipynb``. 1.0 means parity; above 1 we are
    stronger than every competitor in the customer's eyes.

    Parameters
    ----------
    weights:
        The customer's critical success factors (CSFs) -> weight, summing to 100, as the
        customer would weight them.
    ratings:
        One row per supplier (index = supplier name, ``us`` plus at least one
        competitor), one column per CSF, ratings 0-10.
    us:
        Our company's name as it appears in the index.

    Raises
    ------
    InputError
        Invalid weights or ratings (see :func:`weighted_scores`), ``us`` not among the
        suppliers, no competitor, or every competitor scoring 0.
    """
    w = validate_weights(weights)
    arr, aligned, _ = _ratings_matrix(w, ratings, "supplier")
    pos = _find_supplier(ratings.index, us)
    if len(ratings.index) < 2:
        raise InputError(t("selection.no_competitor", us=us))
    scores = arr @ aligned
    others = np.delete(scores, pos)
    best = float(others.max())
    if best <= 0.0:
        names = [str(n) for i, n in enumerate(ratings.index) if i != pos]
        raise InputError(t("selection.best_competitor_zero", competitors=", ".join(names)))
    return float(scores[pos]) / best


def relative_strengths(
    weights: WeightsLike | pd.DataFrame,
    ratings: pd.DataFrame,
    us: str,
    *,
    account: str = "account",
    supplier: str = "supplier",
) -> pd.Series:
    """Relative strength at many accounts at once.

    Parameters
    ----------
    weights:
        Either one CSF weighting for every account (mapping CSF -> weight) or a
        DataFrame with one row per account (index = account) and one column per CSF,
        each row summing to 100 (e.g. the weights of the account's segment).
    ratings:
        Long table with columns ``account``, ``supplier`` and one column per CSF.
    us:
        Our company's name in the ``supplier`` column.

    Returns a Series indexed by account (in order of first appearance) named
    ``"strength"``. Raises :class:`InputError` as :func:`relative_strength` does, with
    the account named in the message.
    """
    if not isinstance(ratings, pd.DataFrame):
        raise InputError(t("selection.ratings_type", what="supplier", type=type(ratings).__name__))
    for column in (account, supplier):
        if not isinstance(column, str) or column not in ratings.columns:
            raise InputError(
                t("selection.strength_column_missing", column=column,
                  needed=f"{short_repr(account)}, {short_repr(supplier)}")
            )
    _check_label_column(ratings, account, "account")
    _check_label_column(ratings, supplier, "supplier")
    result: dict[Any, float] = {}
    for name, group in ratings.groupby(account, sort=False):
        table = group.drop(columns=[account]).set_index(supplier)
        if isinstance(weights, pd.DataFrame):
            if name not in weights.index:
                raise InputError(
                    t("selection.strength_weights_account", account=name, found=", ".join(map(str, weights.index)))
                )
            row = weights.loc[name]
        else:
            row = weights
        try:
            result[name] = relative_strength(row, table, us)
        except InputError as exc:
            raise InputError(t("selection.in_account", account=name, message=str(exc))) from None
    return pd.Series(result, name="strength", dtype=float).rename_axis(account)


# --------------------------------------------------------------------------- calibration
@dataclass(frozen=True)
class Calibration:
    """Several raters' ratings of the same accounts, summarised.

    Attributes
    ----------
    mean, std, range:
        DataFrames account x criterion: mean rating, standard deviation across raters
        (population, ``ddof=0``: it describes this team) and max - min.
    disagreements:
        One row per account x criterion, sorted by range then std (largest first), with
        columns ``account, criterion, mean, std, range, min, max``.
    by_criterion:
        One row per criterion, ranked by disagreement (mean std across accounts, then
        largest range): where the team should talk first.
    """

    mean: pd.DataFrame
    std: pd.DataFrame
    range: pd.DataFrame
    disagreements: pd.DataFrame
    by_criterion: pd.DataFrame
    raters: tuple[str, ...]


def _long_to_dict(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    cols = ("rater", "account", "criterion", "rating")
    for column in cols:
        if column not in frame.columns:
            raise InputError(t("selection.long_missing_column", column=column, columns=", ".join(cols)))
    for column in cols[:3]:
        _check_label_column(frame, column, column)
    result: dict[str, pd.DataFrame] = {}
    for rater, group in frame.groupby("rater", sort=False):
        dup = group.duplicated(["account", "criterion"])
        if dup.any():
            row = group[dup].iloc[0]
            raise InputError(
                t("selection.long_duplicate", rater=rater, account=row["account"], criterion=row["criterion"])
            )
        wide = group.pivot(index="account", columns="criterion", values="rating")
        wide.columns.name = None
        wide.index.name = None
        result[str(rater)] = wide
    return result


def calibrate(team_ratings: Mapping[str, pd.DataFrame] | pd.DataFrame) -> Calibration:
    """Compare several raters' ratings of the same accounts on the same criteria.

    Taught in ``notebooks/03_selecting_key_accounts.ipynb`` (choosing weights and rating
    as a team).

    Parameters
    ----------
    team_ratings:
        Either a dict rater -> ratings DataFrame (accounts x criteria, as for
        :func:`weighted_scores`), or a long DataFrame with columns ``rater, account,
        criterion, rating``.

    Raises
    ------
    InputError
        Fewer than two raters; a rater whose accounts or criteria differ from the first
        rater's (a missing cell in the long form shows up as a missing rating); any
        invalid rating (the message names the rater, account, criterion and value).
    """
    if isinstance(team_ratings, pd.DataFrame):
        team = _long_to_dict(team_ratings)
    elif isinstance(team_ratings, Mapping):
        team = {str(k): v for k, v in team_ratings.items()}
    else:
        raise InputError(
            t("selection.raters_type", columns="rater, account, criterion, rating", type=type(team_ratings).__name__)
        )
    if len(team) < 2:
        raise InputError(t("selection.raters_too_few", count=len(team)))
    raters = tuple(team)
    first = raters[0]
    base = team[first]
    if not isinstance(base, pd.DataFrame):
        raise InputError(t("selection.rater_in", rater=first, message=t(
            "selection.ratings_type", what="account", type=type(base).__name__)))
    criteria = [str(c) for c in base.columns]
    dummy = pd.Series(WEIGHT_TOTAL / max(len(criteria), 1), index=criteria, dtype=float)
    arrays = []
    for rater in raters:
        frame = team[rater]
        if not isinstance(frame, pd.DataFrame):
            raise InputError(t("selection.rater_in", rater=rater, message=t(
                "selection.ratings_type", what="account", type=type(frame).__name__)))
        if set(map(str, frame.columns)) != set(criteria):
            detail = describe_difference(criteria, list(map(str, frame.columns)))
            raise InputError(t("selection.rater_criteria", rater=rater, first=first, detail=detail))
        if set(frame.index) != set(base.index) or len(frame.index) != len(base.index):
            detail = describe_difference(list(base.index), list(frame.index))
            raise InputError(t("selection.rater_accounts", rater=rater, first=first, detail=detail))
        frame = frame.loc[base.index, criteria]
        try:
            arr, _, _ = _ratings_matrix(dummy, frame, "account")
        except InputError as exc:
            raise InputError(t("selection.rater_in", rater=rater, message=str(exc))) from None
        arrays.append(arr)
    stack = np.stack(arrays)  # raters x accounts x criteria
    index = base.index
    cols = pd.Index(criteria, name="criterion")

    def frame_of(values: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(values, index=index, columns=cols)

    mean = frame_of(stack.mean(axis=0))
    std = frame_of(stack.std(axis=0))
    low = frame_of(stack.min(axis=0))
    high = frame_of(stack.max(axis=0))
    rng = high - low
    long = pd.DataFrame(
        {
            "account": np.repeat(np.asarray(index, dtype=object), len(criteria)),
            "criterion": np.tile(np.asarray(criteria, dtype=object), len(index)),
            "mean": mean.to_numpy().ravel(),
            "std": std.to_numpy().ravel(),
            "range": rng.to_numpy().ravel(),
            "min": low.to_numpy().ravel(),
            "max": high.to_numpy().ravel(),
        }
    )
    long = long.sort_values(["range", "std"], ascending=False, kind="stable").reset_index(drop=True)
    by_criterion = pd.DataFrame(
        {"mean_std": std.mean(axis=0), "max_range": rng.max(axis=0), "mean_range": rng.mean(axis=0)}
    ).sort_values(["mean_std", "max_range"], ascending=False, kind="stable")
    by_criterion.insert(0, "rank", np.arange(1, len(by_criterion) + 1))
    return Calibration(mean, std, rng, long, by_criterion, raters)


# --------------------------------------------------------------------------- sensitivity
def rescaled_weights(weights: WeightsLike, criterion: str, value: float) -> pd.Series:
    """Weights with ``criterion`` set to ``value`` and the others rescaled to keep 100.

    The other weights keep their proportions. When they are all zero (``criterion``
    held 100), the remainder is shared equally among them.

    Raises :class:`InputError` for invalid weights, an unknown criterion, or a value
    outside 0-100.
    """
    w = validate_weights(weights)
    name = _sensitivity_criterion(w, criterion)
    v = _sensitivity_value(name, value)
    return _rescale(w, name, np.array([v]))[0]


def rescale_to_100(weights: Mapping[Any, Any], keep: str | None = None, *, integers: bool = False) -> pd.Series:
    """Bring weights whose total is not 100 back to 100 (the "Rescale to 100" button).

    Taught in ``notebooks/03_selecting_key_accounts.ipynb``. The weights are first scaled
    proportionally to sum to 100; when ``keep`` names a criterion, it then gets its
    original weight back and the others are rescaled around it with
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
        name = _clean_name(name)
        if name in raw:
            raise InputError(t("selection.criterion_duplicate", name=name, where="weights"))
        v = to_float(value)
        if v is None:
            raise InputError(t("selection.weight_not_number", criterion=name, value=value))
        if not math.isfinite(v) or v < 0 or v > WEIGHT_TOTAL:
            raise InputError(t("selection.weight_not_finite", criterion=name, value=raw))
        raw[name] = v + 0.0
    total = math.fsum(raw.values())
    if total <= 0:
        raise InputError(t("selection.weights_all_zero"))
    scaled = pd.Series({k: v * WEIGHT_TOTAL / total for k, v in raw.items()}, dtype=float)
    scaled = scaled * (WEIGHT_TOTAL / math.fsum(scaled))  # exact sum despite rounding
    scaled.iloc[-1] = WEIGHT_TOTAL - math.fsum(scaled.iloc[:-1])
    if keep is not None:
        name = _sensitivity_criterion(scaled, keep)
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


def _sensitivity_criterion(w: pd.Series, criterion: Any) -> str:
    name = criterion.strip() if isinstance(criterion, str) else None
    if name is None or name not in w.index:
        raise InputError(t("selection.sensitivity_criterion", criterion=criterion, allowed=", ".join(w.index)))
    return name


def _sensitivity_value(criterion: str, value: Any) -> float:
    v = to_float(value)
    if v is None or not (0.0 <= v <= WEIGHT_TOTAL):
        raise InputError(t("selection.sensitivity_value", criterion=criterion, value=value))
    return v + 0.0


def _rescale(w: pd.Series, criterion: str, values: np.ndarray) -> list[pd.Series]:
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


def _sensitivity_parts(w: pd.Series, ratings: pd.DataFrame, criterion: str) -> tuple[np.ndarray, np.ndarray]:
    """Score(v) = v * a + (100 - v) * b for each account: returns (a, b)."""
    arr, aligned, columns = _ratings_matrix(w, ratings, "account")
    pos = columns.index(criterion)
    a = arr[:, pos].copy()
    others = aligned.copy()
    others[pos] = 0.0
    rest = others.sum()
    if rest > 0:
        shares = others / rest
    else:
        shares = np.where(np.arange(len(others)) == pos, 0.0, 1.0 / max(len(others) - 1, 1))
    b = arr @ shares
    return a, b


def sensitivity(
    weights: WeightsLike,
    ratings: pd.DataFrame,
    criterion: str,
    values: Iterable[float] | None = None,
) -> pd.DataFrame:
    """Ranking of the accounts as the weight of one criterion moves over ``values``.

    Taught in ``notebooks/03_selecting_key_accounts.ipynb``. For each value the weight
    of ``criterion`` is set to it and the other weights are rescaled proportionally to
    keep the sum at 100 (see :func:`rescaled_weights`).

    Parameters
    ----------
    values:
        Weights to try for ``criterion`` (0-100); default 0, 5, ..., 100.

    Returns
    -------
    pandas.DataFrame
        Index = the weight values (``"weight"``), columns = accounts, cells = rank
        (1 = most attractive; ties share the best rank). The scores themselves come
        from :func:`sensitivity_scores`.

    Raises
    ------
    InputError
        Invalid weights or ratings, unknown criterion, no values, or a value outside 0-100.
    """
    scores = sensitivity_scores(weights, ratings, criterion, values)
    return scores.rank(axis=1, ascending=False, method="min").astype(int)


def sensitivity_scores(
    weights: WeightsLike,
    ratings: pd.DataFrame,
    criterion: str,
    values: Iterable[float] | None = None,
) -> pd.DataFrame:
    """Scores of the accounts (columns) for each weight value of ``criterion`` (rows).

    Same parameters and errors as :func:`sensitivity`.
    """
    w = validate_weights(weights)
    name = _sensitivity_criterion(w, criterion)
    if values is not None and (isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable)):
        raise InputError(t("selection.sensitivity_value", criterion=name, value=values))
    grid = np.arange(0.0, 101.0, 5.0) if values is None else [_sensitivity_value(name, v) for v in values]
    if len(grid) == 0:
        raise InputError(t("selection.sensitivity_values_empty", criterion=name))
    grid_arr = np.asarray(grid, dtype=float)
    a, b = _sensitivity_parts(w, ratings, name)
    scores = np.outer(grid_arr, a) + np.outer(WEIGHT_TOTAL - grid_arr, b)
    return pd.DataFrame(scores, index=pd.Index(grid_arr, name="weight"), columns=ratings.index)


def crossovers(
    weights: WeightsLike,
    ratings: pd.DataFrame,
    criterion: str,
    *,
    low: float = 0.0,
    high: float = 100.0,
) -> pd.DataFrame:
    """The weights of ``criterion`` at which two accounts swap places in the ranking.

    With the other weights rescaled proportionally, each score is linear in the weight
    ``v`` of ``criterion``, so two accounts swap at most once. Returns one row per pair
    of accounts that swap strictly between ``low`` and ``high``, sorted by weight, with
    columns ``weight`` (the crossover), ``above`` (the account ranked higher once the
    weight passes the crossover) and ``below``.

    Raises :class:`InputError` for invalid weights or ratings, an unknown criterion or
    a range that is not ``0 <= low < high <= 100``.
    """
    w = validate_weights(weights)
    name = _sensitivity_criterion(w, criterion)
    lo, hi = to_float(low), to_float(high)
    if lo is None or hi is None or not (0.0 <= lo < hi <= WEIGHT_TOTAL):
        raise InputError(t("selection.sensitivity_range", criterion=name, low=low, high=high))
    a, b = _sensitivity_parts(w, ratings, name)
    # score_i(v) - score_j(v) = v (a_i - a_j - b_i + b_j) + 100 (b_i - b_j)
    i, j = np.triu_indices(len(a), k=1)
    slope = (a[i] - a[j]) - (b[i] - b[j])
    offset = WEIGHT_TOTAL * (b[i] - b[j])
    with np.errstate(divide="ignore", invalid="ignore"):
        v = -offset / slope
    keep = (slope != 0) & (v > lo) & (v < hi)
    i, j, v, slope = i[keep], j[keep], v[keep], slope[keep]
    names = np.asarray(ratings.index, dtype=object)
    above = np.where(slope > 0, names[i], names[j])
    below = np.where(slope > 0, names[j], names[i])
    out = pd.DataFrame({"weight": v, "above": above, "below": below})
    return out.sort_values(["weight", "above", "below"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- content
def dhl_example() -> tuple[pd.Series, pd.DataFrame]:
    """Woodburn's DHL example (content ``selection.yaml``): weights and ratings of two
    accounts, which score 520 (Account A) and 655 (Account B).

    Shown in ``notebooks/03_selecting_key_accounts.ipynb``.
    """
    data = load("selection")["dhl_example"]
    weights = pd.Series({c["name"]: c["weight"] for c in data["criteria"]}, name="weight", dtype=float)
    ratings = pd.DataFrame(
        {c["name"]: c["ratings"] for c in data["criteria"]}, index=pd.Index(data["accounts"], name="account")
    ).astype(float)
    return weights, ratings


def criteria_families() -> dict[str, Any]:
    """Capon's and Woodburn's families of selection criteria, from ``selection.yaml``."""
    return load("selection")["families"]


def criteria_table() -> pd.DataFrame:
    """Capon's and Woodburn's selection criteria as one table (columns ``author``
    ("Capon", "Woodburn"), ``family``, ``criterion``; sources in
    :func:`criteria_families`), for ``notebooks/03_selecting_key_accounts.ipynb``."""
    rows = []
    for key, data in criteria_families().items():
        author = key.capitalize()
        for group in data["groups"]:
            for criterion in group["criteria"]:
                rows.append({"author": author, "family": group["name"], "criterion": criterion})
    return pd.DataFrame(rows)


def case_team_ratings() -> pd.DataFrame:
    """Three fictional raters' ratings of six case accounts, long form (columns ``rater,
    account, criterion, rating``) from ``content/case/team_ratings.csv``: the input of
    :func:`calibrate` in ``notebooks/03_selecting_key_accounts.ipynb``."""
    return load_table("case/team_ratings")


@dataclass(frozen=True)
class CasePortfolio:
    """The course's capstone supplier and its 20 fictional accounts.

    Attributes
    ----------
    supplier, competitors:
        Our (fictional) company's name and its two named competitors.
    weights:
        Attractiveness criterion -> weight (sum 100).
    ratings:
        Accounts x attractiveness criteria, 0-10.
    accounts:
        One row per account: ``segment``, ``spend`` (annual revenue with us, EUR).
    csf_weights:
        Segment x critical success factor weights (each row sums to 100): the segment
        profiles the account team starts from.
    csf_ratings:
        Long table ``account, supplier, <CSF columns>``: us and the two competitors.
    csf_own:
        Account x CSF weights of the accounts whose own weights were verified with the
        customer (``content/case/key_accounts.yaml``); they replace the segment profile.
    csf_verified:
        Account -> when and with whom its own weights were verified.
    programme:
        The key accounts of Vellmar's programme today (``content/case/organisation.yaml``).
    managers:
        Key account manager -> the key accounts they manage.
    """

    supplier: str
    competitors: tuple[str, ...]
    description: str
    weights: pd.Series
    ratings: pd.DataFrame
    accounts: pd.DataFrame
    csf_weights: pd.DataFrame
    csf_ratings: pd.DataFrame
    csf_own: pd.DataFrame = field(default_factory=pd.DataFrame)
    csf_verified: Mapping[str, str] = field(default_factory=dict)
    programme: tuple[str, ...] = ()
    managers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def account_csf_weights(self) -> pd.DataFrame:
        """The CSF weights used at each account (account x CSF): the account's own, verified
        with the customer, where there are some, otherwise its segment's profile."""
        per_account = self.csf_weights.loc[self.accounts["segment"]].set_axis(self.accounts.index)
        for account in self.csf_own.index:
            per_account.loc[account] = self.csf_own.loc[account, list(per_account.columns)].to_numpy()
        per_account.columns.name = "criterion"
        return per_account

    def attractiveness(self) -> pd.Series:
        """Attractiveness score of each account (0-1000), named ``"attractiveness"``."""
        return weighted_scores(self.weights, self.ratings).rename("attractiveness")

    def strength(self) -> pd.Series:
        """Relative strength of us at each account, with the CSF weights of
        :meth:`account_csf_weights` (the account's own where verified, else its segment's)."""
        return relative_strengths(self.account_csf_weights(), self.csf_ratings, self.supplier)

    def table(self) -> pd.DataFrame:
        """One row per account: segment, spend, attractiveness, strength."""
        out = self.accounts.copy()
        out["attractiveness"] = self.attractiveness()
        out["strength"] = self.strength().reindex(out.index)
        return out


def case_portfolio() -> CasePortfolio:
    """Load the case portfolio from ``content/case/`` (see :class:`CasePortfolio`).

    Used in ``notebooks/04_portfolio_matrix.ipynb`` and the capstone. Raises
    :class:`~kamcourse.errors.ContentError` when a case file is missing or malformed.
    """
    meta = load("case/company")
    weights = pd.Series(meta["attractiveness_weights"], name="weight", dtype=float)
    accounts = load_table("case/accounts").set_index("account")
    ratings = accounts[list(weights.index)].astype(float)
    info = accounts[["segment", "spend"]].copy()
    csf_weights = pd.DataFrame(meta["csf_weights"]).T.astype(float)
    csf_weights.index.name = "segment"
    csf_ratings = load_table("case/csf_ratings")
    deep = load("case/key_accounts")["accounts"]
    own = {a["name"]: a["csf_weights"]["weights"] for a in deep if a.get("csf_weights")}
    csf_own = pd.DataFrame(own, dtype=float).T.reindex(columns=csf_weights.columns)
    csf_own.index.name = "account"
    for account, row in csf_own.iterrows():
        if account not in info.index or row.isna().any() or abs(float(row.sum()) - WEIGHT_TOTAL) > WEIGHT_TOLERANCE:
            raise ContentError(t("selection.case_bad", file="case/key_accounts.yaml",
                                 detail=t("selection.case_own_csf_bad", account=account)))
    verified = {a["name"]: str(a["csf_weights"].get("verified", "")) for a in deep if a.get("csf_weights")}
    org = load("case/organisation")
    managers = {p["name"]: tuple(p["accounts"]) for p in org["people"] if p.get("accounts")}
    return CasePortfolio(
        supplier=meta["supplier"]["name"],
        competitors=tuple(meta["competitors"]),
        description=meta["supplier"]["description"],
        weights=weights,
        ratings=ratings,
        accounts=info,
        csf_weights=csf_weights,
        csf_ratings=csf_ratings,
        csf_own=csf_own,
        csf_verified=verified,
        programme=tuple(org["kam_programme"]["key_accounts_today"]),
        managers=managers,
    )
