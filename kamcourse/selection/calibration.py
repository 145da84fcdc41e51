"""Team calibration: several raters' ratings of the same accounts, where they disagree most.

Taught in notebooks/03_selecting_key_accounts.ipynb.

* :func:`calibrate` -- mean, spread and range per account and criterion, criteria ranked by
  disagreement (:class:`Calibration`);
* :func:`read_team_ratings` -- ratings pasted as text (a header line ``rater,account,criterion,
  rating``, then one line per rating), read into the long table :func:`calibrate` takes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import inputs
from .._differences import describe_difference
from ..content import t
from ..errors import InputError
from .scoring import RATING_MAX, WEIGHT_TOTAL, check_label_column, ratings_matrix

__all__ = ["Calibration", "calibrate", "read_team_ratings", "MAX_PASTE_CHARS"]

#: Most characters of pasted ratings read (a team of 300 rating 20 accounts on 10 criteria needs
#: about 3 MB).
MAX_PASTE_CHARS = 5_000_000


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
        check_label_column(frame, column, column)
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
        raise InputError(
            t(
                "selection.rater_in",
                rater=first,
                message=t("selection.ratings_type", what="account", type=type(base).__name__),
            )
        )
    criteria = [str(c) for c in base.columns]
    dummy = pd.Series(WEIGHT_TOTAL / max(len(criteria), 1), index=criteria, dtype=float)
    arrays = []
    for rater in raters:
        frame = team[rater]
        if not isinstance(frame, pd.DataFrame):
            raise InputError(
                t(
                    "selection.rater_in",
                    rater=rater,
                    message=t("selection.ratings_type", what="account", type=type(frame).__name__),
                )
            )
        if set(map(str, frame.columns)) != set(criteria):
            detail = describe_difference(criteria, list(map(str, frame.columns)))
            raise InputError(t("selection.rater_criteria", rater=rater, first=first, detail=detail))
        if set(frame.index) != set(base.index) or len(frame.index) != len(base.index):
            detail = describe_difference(list(base.index), list(frame.index))
            raise InputError(t("selection.rater_accounts", rater=rater, first=first, detail=detail))
        frame = frame.loc[base.index, criteria]
        try:
            arr, _, _ = ratings_matrix(dummy, frame, "account")
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


def read_team_ratings(text: str) -> pd.DataFrame:
    """Team ratings pasted as text, as the long table :func:`calibrate` takes.

    The text has a header line naming the columns ``rater, account, criterion, rating`` (in
    any order, any case) and one line per rating, separated by commas, semicolons or tabs (as
    copied from a spreadsheet). Names stay text (a criterion "7" is a name); a rating is read
    like every number a learner types (:func:`kamcourse.inputs.number`: ``7``, ``7.5``, ``"7,5"``
    in a semicolon-separated paste) and must be from 0 to 10.

    Raises :class:`InputError` for empty or unreadable text, or a rating that is missing or not
    a number from 0 to 10 (naming the rater, account, criterion and value).
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError(t("selection.paste_empty"))
    if len(text) > MAX_PASTE_CHARS:
        raise InputError(t("selection.paste_too_long", count=len(text), limit=MAX_PASTE_CHARS))
    try:
        frame = pd.read_csv(
            io.StringIO(text.strip()),
            sep=None,
            engine="python",
            skipinitialspace=True,
            dtype=str,
            keep_default_na=False,
        )
    except (ValueError, pd.errors.ParserError, csv.Error) as exc:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise InputError(t("selection.paste_unreadable", reason=reason)) from None
    frame.columns = [" ".join(str(c).split()).casefold() for c in frame.columns]
    if "rating" in frame.columns:
        values = []
        for row in frame.itertuples(index=False):
            cells = dict(zip(frame.columns, row, strict=True))
            item = t(
                "selection.paste_rating",
                rater=cells.get("rater", "?"),
                account=cells.get("account", "?"),
                criterion=cells.get("criterion", "?"),
            )
            number = inputs.number(cells["rating"], item, low=0.0, high=RATING_MAX)
            if number is None:
                raise InputError(t("selection.paste_rating_missing", item=item))
            values.append(number)
        frame["rating"] = pd.Series(values, index=frame.index, dtype=float)
    return frame
