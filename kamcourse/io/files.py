"""The file budget and the helpers every reader of an account file shares.

What the readers of :mod:`kamcourse.io` have in common: the error naming a key of
``strings/io.en.yaml``, the byte budget a file (or an unpacked .xlsx) may use, reading a
file's bytes within that budget, Excel's column letters, and the example files shipped for
learners. Used by notebooks/01_why_key_account_management.ipynb and
notebooks/04_portfolio_matrix.ipynb (``kam.io.example``), through :mod:`kamcourse.io`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..content import t
from ..errors import InputError
from ..values import short_repr

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_EXTENSIONS",
    "byte_budget",
    "column_letter",
    "err",
    "example",
    "mb",
    "read_limited",
]

SUPPORTED_EXTENSIONS = (".csv", ".xlsx")


def err(key: str, **values: Any) -> InputError:
    return InputError(t(f"io.{key}", **values))


#: Most bytes a file may hold -- and an .xlsx file may unpack to -- with the default ``max_rows``;
#: a larger ``max_rows`` allows 1 KiB more per row. Checked before anything is read into memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


def byte_budget(max_rows: int) -> int:
    return max(MAX_FILE_BYTES, 1024 * max_rows)


def mb(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def read_limited(path: Path, name: str, budget: int) -> bytes:
    """The file's bytes, refused when it holds more than ``budget`` (checked before reading)."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > budget:
                raise err("too_big", file=name, size=mb(size), limit=mb(budget))
            raw = handle.read(budget + 1)
    except OSError as exc:
        raise err("file_unreadable", file=name, reason=exc.strerror or exc) from None
    if len(raw) > budget:
        raise err("too_big", file=name, size=mb(len(raw)), limit=mb(budget))
    return raw


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def example(name: str) -> Path:
    """Path of an example file shipped for learners (``kamcourse/content/examples/``).

    Used in ``notebooks/04_portfolio_matrix.ipynb``: ``read_accounts(example("accounts_fr.csv"))``.
    Raises :class:`InputError` naming the files available when ``name`` is not one of them.
    """
    folder = Path(__file__).resolve().parent.parent / "content" / "examples"
    available = sorted(p.name for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []
    if not isinstance(name, str) or name not in available:
        shown = name if isinstance(name, str) else short_repr(name)
        raise err("file_missing", file=f"{shown} (examples: {', '.join(available) or 'none'})")
    return folder / name
