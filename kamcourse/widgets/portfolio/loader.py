"""The account loader: upload a CSV or XLSX account list, see its table and, when it has the
columns, its portfolio matrix.

Taught in notebooks/04_portfolio_matrix.ipynb.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import ipywidgets as W
import pandas as pd

from ... import io as kio
from ...content import t
from ...errors import InputError
from ...values import display_text
from ...workbook import Workbook
from .._common import (
    bound_workbook,
    md,
    note,
    output,
    save_state,
    show_error,
    show_markdown,
    show_text,
)
from ._shared import _esc, _markdown_table
from .matrix import PortfolioView

#: Largest upload accepted, in bytes.
MAX_UPLOAD_BYTES = 20_000_000


def read_upload(name: str, content: bytes) -> pd.DataFrame:
    """Read uploaded bytes as an account list (read once, from a temporary copy).

    Numeric columns among ``attractiveness``, ``strength`` and ``spend`` are read as numbers
    (every row must hold one). Messages name the uploaded file as the learner named it; the
    temporary copy has a short safe name (an uploaded name of 300 bytes, with a NUL or a broken
    character, or with folders in it, never reaches the file system). Raises
    :class:`InputError` naming the file, row and column.
    """
    if not isinstance(name, str):
        raise InputError(t("portfolio.loader_no_name"))
    if not isinstance(content, (bytes, bytearray, memoryview)):
        raise InputError(t("portfolio.loader_not_bytes", type=type(content).__name__))
    base = " ".join(name.replace("\\", "/").rpartition("/")[2].split())
    if not base:
        raise InputError(t("portfolio.loader_no_name"))
    shown = display_text(base if len(base) <= 120 else base[:100] + "\u2026" + base[-19:])
    if len(content) > MAX_UPLOAD_BYTES:
        raise InputError(t("portfolio.loader_too_big", file=shown, size=len(content), limit=MAX_UPLOAD_BYTES))
    ext = base.rpartition(".")[2].lower() if "." in base else ""
    if f".{ext}" not in kio.SUPPORTED_EXTENSIONS:
        raise InputError(t("io.extension", file=shown, ext=f".{ext}" if ext else "(none)"))
    with tempfile.TemporaryDirectory(prefix="kamcourse-upload-") as folder:
        path = Path(folder) / f"upload.{ext}"
        path.write_bytes(bytes(content))
        return kio.read_accounts(path, display_name=shown)  # attractiveness, strength, spend: numbers by default


class AccountLoader(W.VBox):
    """Upload a .csv or .xlsx account list; see its table and, when it has the columns, its matrix.

    A file that cannot be used leaves a message naming the file, row and column, and the
    previously loaded list stays.
    """

    def __init__(self, *, workbook: Workbook | None = None, state_key: str = "port.loader", demo: bool = False) -> None:
        self.workbook = bound_workbook(workbook, demo)
        self.demo = demo
        self.state_key = state_key
        self.upload = W.FileUpload(accept=".csv,.xlsx", multiple=False, description=t("portfolio.loader_button"))
        self.upload.observe(self._uploaded, names="value")
        self.message = output()
        self.table_out = output()
        self.view_box = W.VBox([])
        self.view: PortfolioView | None = None
        self.data: pd.DataFrame | None = None
        self.file: str | None = None
        super().__init__(
            [
                W.HTML(f"<h4>{_esc(t('portfolio.loader_title'))}</h4><p>{_esc(t('portfolio.loader_intro'))}</p>"),
                self.upload,
                self.message,
                self.table_out,
                self.view_box,
            ],
            layout=W.Layout(max_width="1000px"),
        )
        self._restore()

    def _restore(self) -> None:
        saved = self.workbook.get_state(self.state_key)
        if isinstance(saved, dict) and isinstance(saved.get("frame"), dict):
            try:
                frame = pd.DataFrame(**saved["frame"]).set_index(saved.get("index_name", "account"))
                self._show(frame, str(saved.get("file", "?")))
                show_text(self.message, t("portfolio.loader_restored", file=self.file, count=len(frame)))
                return
            except (InputError, KeyError, TypeError, ValueError):
                pass
        show_text(self.message, t("portfolio.loader_none"))

    def _uploaded(self, change: Any) -> None:
        files = change.get("new") or ()
        if not files:
            return
        item = files[-1]
        self.load_bytes(item.get("name", ""), bytes(item.get("content", b"")))

    def _kept(self) -> str:
        if self.data is None:
            return t("portfolio.loader_kept_none")
        return t("portfolio.loader_kept", file=self.file, count=len(self.data))

    def load_bytes(self, name: str, content: bytes) -> pd.DataFrame | None:
        """Load an account list from bytes (as the upload button does). None when refused."""
        try:
            frame = read_upload(name, content)
            self._show(frame, display_text(name.replace("\\", "/").rpartition("/")[2]))
        except InputError as exc:
            show_error(self.message, f"{exc} {self._kept()}")
            return None
        show_text(self.message, t("portfolio.loader_loaded", file=self.file, count=len(frame)))
        note(
            self.message,
            save_state(
                self.workbook,
                self.state_key,
                {
                    "file": self.file,
                    "index_name": frame.index.name or "account",
                    "frame": frame.reset_index().to_dict(orient="split", index=False),
                },
            ),
        )
        return frame

    def load_path(self, path: str | Path) -> pd.DataFrame | None:
        """Load an account list from a file on disk."""
        try:
            p = kio.check_path(path)
            if p.stat().st_size > MAX_UPLOAD_BYTES:
                raise InputError(
                    t("portfolio.loader_too_big", file=p.name, size=p.stat().st_size, limit=MAX_UPLOAD_BYTES)
                )
            content = p.read_bytes()
        except InputError as exc:
            show_error(self.message, f"{exc} {self._kept()}")
            return None
        except OSError as exc:
            name = p.name
            if isinstance(exc, FileNotFoundError):
                problem = t("io.file_missing", file=name)
            elif isinstance(exc, IsADirectoryError):
                problem = t("io.not_a_file", file=name)
            else:
                problem = t("io.file_unreadable", file=name, reason=exc.strerror or exc)
            show_error(self.message, f"{problem} {self._kept()}")
            return None
        return self.load_bytes(p.name, content)

    def _show(self, frame: pd.DataFrame, file: str) -> None:
        """Build everything for ``frame`` first; replace what is shown only when all of it works."""
        view = None
        if {"attractiveness", "strength"} <= set(frame.columns):
            view = PortfolioView(
                frame,
                workbook=self.workbook,
                state_key=self.state_key + ".view",
                title=t("portfolio.matrix_title") + f" \u2014 {file}",
            )
            remark = ""
        else:
            remark = t("portfolio.loader_no_matrix", found=", ".join(map(str, frame.columns)) or "-")
        self.data, self.file, self.view = frame, file, view
        body = _markdown_table(frame.head(50))
        show_markdown(
            self.table_out,
            body + (f"\n\n{md(remark)}" if remark else ""),
            plain=frame.head(50).to_string() + (f"\n{remark}" if remark else ""),
        )
        self.view_box.children = [view] if view is not None else []


def account_loader(*, workbook: Workbook | None = None, demo: bool = False) -> AccountLoader:
    """The upload widget for the learner's own account list. ``demo=True``: a demonstration
    copy that starts empty and saves nothing."""
    return AccountLoader(workbook=workbook, demo=demo)
