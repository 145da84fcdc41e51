"""Adapting the case to a client: which data files hold it, and a check after editing them.

Taught in trainer/guide.ipynb. The case -- Vellmar Packaging, its competitors and accounts --
is data in ``kamcourse/content/case/``; a trainer who replaces it with a client's own (or a
disguised version) edits those files. :func:`case_files` lists them with what each holds (read
from the files themselves); :func:`check_case` runs every loader the lessons use on them and
says, in words, what is wrong where -- so a broken edit shows up before the workshop, not in
front of the room.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import content
from ..content import t
from ..errors import InputError

__all__ = ["case_files", "check_case"]


def _describe(path: Path) -> str:
    """The file's own description: its leading comment lines (YAML) or its columns (CSV)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return t("trainer.adapt_unreadable", reason=exc)
    if path.suffix == ".csv":
        header = text.splitlines()[0] if text.strip() else ""
        return t("trainer.adapt_columns", columns=header.replace(",", ", "))
    comments = []
    for line in text.splitlines():
        if line.startswith("#"):
            comments.append(line.lstrip("#").strip())
        elif line.strip():
            break
    return " ".join(c for c in comments if c) or "-"


def case_files(folder: Path | None = None) -> Any:
    """The case's data files: file, size (rows of a CSV, lines of a YAML file), what it holds."""
    import pandas as pd

    where = folder if folder is not None else content.CONTENT_DIR / "case"
    rows = []
    for path in sorted(where.glob("*")):
        if path.suffix not in (".csv", ".yaml", ".yml"):
            continue
        lines = len(path.read_text(encoding="utf-8-sig", errors="replace").splitlines())
        size = (
            t("trainer.adapt_rows", count=max(lines - 1, 0))
            if path.suffix == ".csv"
            else t("trainer.adapt_lines", count=lines)
        )
        rows.append(
            {
                t("trainer.col_file"): f"kamcourse/content/case/{path.name}",
                t("trainer.col_size"): size,
                t("trainer.col_holds"): _describe(path),
            }
        )
    return pd.DataFrame(rows)


def _checks() -> list[tuple[str, Callable[[], object]]]:
    from .. import portfolio, relationships, selection

    def every_csf() -> object:
        for account in selection.case_portfolio().ratings.index:
            portfolio.case_csf(str(account))
        return None

    return [
        ("case_portfolio", lambda: selection.case_portfolio().table()),
        ("case_csf", every_csf),
        ("team_ratings", lambda: selection.calibrate(selection.case_team_ratings())),
        ("relationships", lambda: relationships.portfolio_fit(relationships.case_portfolio())),
        ("relationship_cases", relationships.cases),
        ("key_accounts", lambda: content.load("case/key_accounts")),
        ("organisation", lambda: content.load("case/organisation")),
    ]


def check_case() -> Any:
    """Run every loader the lessons use on the case files: one row per loader, "OK" or what is wrong.

    Never raises for a problem in the files: a loader's refusal (a weight that does not sum to
    100, a rating above 10, an account missing from a table...) is the row's message.
    """
    import pandas as pd

    rows = []
    for key, run in _checks():
        try:
            run()
            result = t("trainer.adapt_ok")
        except InputError as exc:  # ContentError is an InputError: the file's problem, in words
            result = str(exc)
        except Exception as exc:  # noqa: BLE001 - a malformed file can break a loader in any way; report it
            result = t("trainer.adapt_unexpected", error=f"{type(exc).__name__}: {exc}")
        rows.append({t("trainer.col_loader"): t(f"trainer.adapt_{key}"), t("trainer.col_result"): result})
    return pd.DataFrame(rows)
