"""XLSX files: unpacking the parts needed within a byte budget, and scanning for formula cells.

The first worksheet is read with python-calamine (chosen on the measurements in
``bench/README.md``) from the parts inflated once, counted against the budget (a "zip bomb"
is refused); formula and error cells are found in the sheet's XML, because python-calamine
returns the value Excel cached for a formula. Nothing is ever evaluated.
Used by notebooks/03_selecting_key_accounts.ipynb and notebooks/04_portfolio_matrix.ipynb,
through :func:`kamcourse.io.read_accounts`.
"""

from __future__ import annotations

import io as _io
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from ..errors import InputError
from .files import byte_budget, column_letter, err, mb

__all__ = ["MAX_XLSX_PARTS", "refuse_special", "xlsx_rows"]

#: Most parts an .xlsx archive may list (a real workbook has a few dozen).
MAX_XLSX_PARTS = 10_000
_CHUNK = 1024 * 1024

_SPECIAL_MARKERS = (b"<f", b":f", b't="e"', b"t='e'")
_FORBIDDEN_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")


class _Unpacked:
    """The parts of an .xlsx file that the reader needs, each inflated once, with a byte budget.

    ``archive`` is a new zip holding those parts *stored* (not compressed), so python-calamine
    reads them without inflating anything again; ``sheet`` is the first worksheet's part name;
    ``special`` says whether that sheet may hold formula or error cells (then it is scanned).
    """

    def __init__(self, path: Path, name: str, budget: int) -> None:
        self.name = name
        self.budget = budget
        self.used = 0
        self.archive = _io.BytesIO()
        self.special = False
        self.sheet: str | None = None
        try:
            self._source = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise err("xlsx_corrupt", file=name, reason=f"{type(exc).__name__}: {exc}") from None

    def unpack(self) -> None:
        with self._source as source, zipfile.ZipFile(self.archive, "w", zipfile.ZIP_STORED) as out:
            infos = {info.filename: info for info in source.infolist()}
            if len(infos) > MAX_XLSX_PARTS:
                raise err("xlsx_too_many_parts", file=self.name, count=len(infos), limit=MAX_XLSX_PARTS)
            root_rels = self._copy(source, out, infos, "_rels/.rels", keep=True) or b""
            self._copy(source, out, infos, "[Content_Types].xml")
            book_name = _target(root_rels, rb"officeDocument", "") or "xl/workbook.xml"
            book = self._copy(source, out, infos, book_name, keep=True)
            if book is None:
                raise err("xlsx_corrupt", file=self.name, reason=f"the part {book_name} is missing")
            folder = book_name.rpartition("/")[0]
            rels_name = f"{folder}/_rels/{book_name.rpartition('/')[2]}.rels" if folder else f"_rels/{book_name}.rels"
            rels = self._copy(source, out, infos, rels_name, keep=True) or b""
            first = re.search(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"", book)
            sheet = _target(rels, None, folder, rid=first.group(1) if first else None)
            wanted = [_target(rels, rb"sharedStrings", folder), _target(rels, rb"styles", folder), sheet]
            declared = self.used + sum(infos[n].file_size for n in wanted if n in infos)
            if declared > self.budget:
                raise err("xlsx_too_big", file=self.name, size=mb(declared), limit=mb(self.budget))
            for part in wanted[:2]:
                self._copy(source, out, infos, part)
            if sheet is not None and sheet in infos:
                self.sheet = sheet
                self._copy(source, out, infos, sheet, scan=True)
        self.archive.seek(0)

    def _copy(
        self,
        source: zipfile.ZipFile,
        out: zipfile.ZipFile,
        infos: dict[str, zipfile.ZipInfo],
        part: str | None,
        *,
        keep: bool = False,
        scan: bool = False,
    ) -> bytes | None:
        """Inflate ``part`` once into ``out``, counting every byte against the budget."""
        if part is None or part not in infos:
            return None
        info = infos[part]
        if self.used + info.file_size > self.budget:  # the size the archive declares
            raise err("xlsx_too_big", file=self.name, size=mb(self.used + info.file_size), limit=mb(self.budget))
        kept = bytearray() if keep else None
        tail = b""
        try:
            with source.open(info) as src, out.open(part, "w", force_zip64=True) as dst:
                while chunk := src.read(_CHUNK):
                    self.used += len(chunk)
                    if self.used > self.budget:  # the size it really inflates to
                        raise err("xlsx_too_big", file=self.name, size=f"> {mb(self.budget)}", limit=mb(self.budget))
                    window = tail + chunk
                    if any(marker in window for marker in _FORBIDDEN_MARKERS):
                        raise err(
                            "xlsx_corrupt",
                            file=self.name,
                            reason=f"the part {part} declares a document type, which Excel never writes",
                        )
                    if scan and not self.special:
                        self.special = any(marker in window for marker in _SPECIAL_MARKERS)
                    tail = chunk[-16:]
                    dst.write(chunk)
                    if kept is not None:
                        kept += chunk
        except InputError:
            raise
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            ValueError,
            RuntimeError,
            NotImplementedError,
            zlib.error,
        ) as exc:
            raise err("xlsx_corrupt", file=self.name, reason=f"{type(exc).__name__}: {exc}") from None
        return bytes(kept) if kept is not None else None


def _target(rels: bytes, kind: bytes | None, folder: str, *, rid: bytes | None = None) -> str | None:
    """The part a relationship points to, by its type (``kind``) or its id (``rid``), as a zip name."""
    for match in re.finditer(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        tag = match.group(0)
        target = re.search(rb"\bTarget=\"([^\"]+)\"", tag)
        if target is None:
            continue
        if rid is not None:
            found = re.search(rb"\bId=\"([^\"]+)\"", tag)
            if found is None or found.group(1) != rid:
                continue
        elif kind is not None:
            found = re.search(rb"\bType=\"([^\"]+)\"", tag)
            if found is None or not found.group(1).endswith(b"/" + kind):
                continue
        else:
            return None
        name = target.group(1).decode("utf-8", "replace")
        if name.startswith("/"):
            return name.lstrip("/")
        return f"{folder}/{name}" if folder else name
    return None


def _column_index(letters: str) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col - 1


def _xlsx_special_cells(unpacked: _Unpacked) -> dict[tuple[int, int], tuple[str, str]]:
    """Formula and error cells of the first worksheet: (row, column index) -> (kind, text).

    Read from the sheet's XML (already inflated, stored in ``unpacked.archive``), because
    python-calamine returns the value Excel cached for a formula and an empty cell for an error
    such as ``#DIV/0!``. Cells without an ``r`` reference are counted as Excel counts them.
    """
    if unpacked.sheet is None or not unpacked.special:
        return {}
    found: dict[tuple[int, int], tuple[str, str]] = {}
    row = col = 0
    with zipfile.ZipFile(unpacked.archive) as archive, archive.open(unpacked.sheet) as data:
        for event, elem in ElementTree.iterparse(data, events=("start", "end")):
            tag = elem.tag.rpartition("}")[2]
            if event == "start":
                if tag == "row":
                    number = elem.get("r", "")
                    row = int(number) if number.isdigit() else row + 1
                    col = -1
                elif tag == "c":
                    ref = re.fullmatch(r"([A-Z]{1,3})(\d+)", elem.get("r", ""))
                    col = _column_index(ref.group(1)) if ref else col + 1
                continue
            if tag == "c":
                formula = next((child for child in elem if child.tag.rpartition("}")[2] == "f"), None)
                value = next((child for child in elem if child.tag.rpartition("}")[2] == "v"), None)
                if formula is not None:
                    found[(row, col)] = ("formula", "=" + (formula.text or ""))
                elif elem.get("t") == "e":
                    found[(row, col)] = ("error", value.text or "" if value is not None else "")
                elem.clear()
            elif tag == "row":
                elem.clear()
    return found


def xlsx_rows(
    path: Path, name: str, max_rows: int
) -> tuple[list[str], list[tuple[int, list[Any]]], dict[tuple[int, int], tuple[str, str]]]:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise err("file_unreadable", file=name, reason=f"python-calamine is not installed: {exc}") from None
    budget = byte_budget(max_rows)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise err("file_unreadable", file=name, reason=exc.strerror or exc) from None
    if size == 0:
        raise err("empty", file=name)
    if size > budget:
        raise err("too_big", file=name, size=mb(size), limit=mb(budget))
    unpacked = _Unpacked(path, name, budget)
    unpacked.unpack()
    try:
        workbook = CalamineWorkbook.from_filelike(unpacked.archive)
        if not workbook.sheet_names:
            raise err("xlsx_no_sheet", file=name)
        sheet = workbook.get_sheet_by_index(0)
        if sheet.total_height > 10 * max_rows + 1000:  # refuse before loading a huge sheet
            raise err("too_many_rows", file=name, limit=max_rows, count=sheet.total_height - 1)
        values = sheet.to_python(skip_empty_area=False)
        special = _xlsx_special_cells(unpacked)
    except InputError:
        raise
    except Exception as exc:  # calamine raises its own error types, ElementTree ParseError...
        raise err("xlsx_corrupt", file=name, reason=f"{type(exc).__name__}: {exc}") from None
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(values, start=1):
        if not any((c.strip() if isinstance(c, str) else c is not None and c != "") for c in cells) and not any(
            (number, pos) in special for pos in range(len(cells))
        ):
            continue
        if header is None:
            header = [
                "" if c is None else str(c) if not isinstance(c, float) or not c.is_integer() else str(int(c))
                for c in cells
            ]
            for pos in range(len(cells)):
                refuse_special(special, name, number, pos, column_letter(pos))
            continue
        if len(rows) >= max_rows:
            raise err("too_many_rows", file=name, limit=max_rows, count=max_rows + 1)
        rows.append((number, list(cells)))
    if header is None:
        raise err("empty", file=name)
    return header, rows, special


def refuse_special(special: dict[tuple[int, int], tuple[str, str]], file: str, row: int, pos: int, column: str) -> None:
    """Refuse a formula cell (never evaluated, its cached result never used) or an error cell."""
    item = special.get((row, pos))
    if item is None:
        return
    kind, text = item
    if kind == "formula":
        raise err("formula", file=file, row=row, column=column, value=text)
    raise err("cell_error", file=file, row=row, column=column, value=text)
