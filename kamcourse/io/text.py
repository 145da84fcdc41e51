"""CSV files: decoding their bytes, finding the separator and splitting them into rows.

UTF-8 (with or without a byte-order mark), UTF-16/32 with a byte-order mark, or
Windows-1252/Latin-1; a file mixing encodings is refused. The separator (``,`` ``;`` tab or
``|``) is detected from the header row; ``;`` files use the decimal comma (French Excel).
Used by notebooks/03_selecting_key_accounts.ipynb and notebooks/04_portfolio_matrix.ipynb,
through :func:`kamcourse.io.read_accounts`.
"""

from __future__ import annotations

import codecs
import csv
import io as _io
from pathlib import Path
from typing import Any

from .files import byte_budget, err, read_limited

__all__ = ["csv_rows"]

_SEPARATORS = (";", ",", "\t", "|")


def _decode(raw: bytes, name: str) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16/32 with a BOM, or Windows-1252.

    A file that mixes encodings (some lines UTF-8, others Windows-1252) is refused naming a
    line of each, rather than decoded wholly one way ("Café" read as "CafÃ©").
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                raise err("encoding_unknown", file=name) from None
    if b"\x00" in raw[:4096]:
        raise err("encoding_unknown", file=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    utf8_line = other_line = 0
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other_line = other_line or number
        else:
            utf8_line = utf8_line or number
        if utf8_line and other_line:
            raise err("encoding_mixed", file=name, utf8=utf8_line, other=other_line)
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _sniff_separator(header_line: str) -> str:
    counts = {sep: 0 for sep in _SEPARATORS}
    in_quotes = False
    for ch in header_line:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in counts:
            counts[ch] += 1
    best = max(_SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


def csv_rows(path: Path, name: str, max_rows: int) -> tuple[list[str], list[tuple[int, list[Any]]], str]:
    raw = read_limited(path, name, byte_budget(max_rows))
    text = _decode(raw, name)
    if not text.strip():
        raise err("empty", file=name)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    sep = _sniff_separator(first_line)
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=sep, skipinitialspace=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = cells
                continue
            if len(rows) >= max_rows:
                raise err("too_many_rows", file=name, limit=max_rows, count=max_rows + 1)
            rows.append((line, cells))
    except csv.Error as exc:
        raise err("file_unreadable", file=name, reason=f"line {reader.line_num}: {exc}") from None
    if header is None:
        raise err("empty", file=name)
    return header, rows, ("," if sep == ";" else ".")
