"""Course content as data: texts, quiz questions, exercises and case data.

Used by every layer of :mod:`kamcourse` (strings through :func:`t`, content through :func:`load`).

Everything a learner reads that is not lesson prose lives in ``kamcourse/content/``
as YAML, JSON or CSV, so that a trainer can adapt a case, and a translator a
language, without touching code.

* :func:`load` reads a YAML or JSON file (``load("framework")`` reads
  ``content/framework.yaml``; ``load("exercises/kap")`` reads
  ``content/exercises/kap.yaml``).
* :func:`load_table` reads a CSV file into a :class:`pandas.DataFrame`.
* :func:`t` returns a user-visible string. Strings live in
  ``content/strings/<namespace>.<lang>.yaml``; ``t("checks.not_answered")`` reads key
  ``not_answered`` of ``strings/checks.en.yaml``. The language comes from the
  environment variable ``KAMCOURSE_LANG`` (default ``en``); a key missing in another
  language falls back to English.

A missing or malformed file raises :class:`~kamcourse.errors.ContentError` naming the
file and what is wrong with it.
"""

from __future__ import annotations

import functools
import json
import os
import string
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError
from .values import is_huge_int, short_repr

__all__ = ["CONTENT_DIR", "load", "load_table", "t", "language"]

CONTENT_DIR = Path(__file__).resolve().parent / "content"
STRINGS_DIR = CONTENT_DIR / "strings"
DEFAULT_LANG = "en"


def _resolve(name: str, suffixes: tuple[str, ...], base: Path) -> Path:
    if not name or not isinstance(name, str):
        raise ContentError(f"Content name {name!r} is not valid: give a file name such as 'framework'.")
    candidates = [base / name] if Path(name).suffix in suffixes else [base / f"{name}{s}" for s in suffixes]
    for path in candidates:
        try:
            if path.is_file():
                return path
        except (OSError, ValueError) as exc:  # a name too long for the file system, a NUL byte...
            raise ContentError(f"Content name {name[:60]!r} is not valid: {exc}.") from None
    tried = ", ".join(str(p.relative_to(base)) for p in candidates)
    raise ContentError(f"Content file for {name!r} not found in {base} (looked for: {tried}).")


@functools.lru_cache(maxsize=256)
def _load_cached(path: str, mtime_ns: int) -> Any:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(f"Content file {p.name} is not UTF-8 text: {exc}.") from None
    except OSError as exc:
        raise ContentError(f"Content file {p.name} cannot be read: {exc.strerror}.") from None
    try:
        if p.suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise ContentError(
            f"Content file {p.name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ContentError(f"Content file {p.name} is not valid YAML{where}: {problem}.") from None
    if data is None:
        raise ContentError(f"Content file {p.name} is empty.")
    return data


def load(name: str, *, base: Path | None = None) -> Any:
    """Load the YAML or JSON content file ``name`` (without suffix) and return its data.

    Parameters
    ----------
    name:
        Path relative to the content folder, without suffix (``"framework"``,
        ``"exercises/kap"``).
    base:
        Another content folder (used by tests and by trainers' own content).

    Raises
    ------
    ContentError
        When the file is missing, empty, not UTF-8 or not valid YAML/JSON.
    """
    folder = base if base is not None else CONTENT_DIR
    path = _resolve(name, (".yaml", ".yml", ".json"), folder)
    return _load_cached(str(path), path.stat().st_mtime_ns)


def load_table(name: str, *, base: Path | None = None, **read_csv_kwargs: Any) -> Any:
    """Load the CSV content file ``name`` as a :class:`pandas.DataFrame`.

    Raises :class:`ContentError` when the file is missing, empty or not valid CSV.
    """
    import pandas as pd

    folder = base if base is not None else CONTENT_DIR
    path = _resolve(name, (".csv",), folder)
    try:
        frame = pd.read_csv(path, encoding="utf-8-sig", **read_csv_kwargs)
    except pd.errors.EmptyDataError:
        raise ContentError(f"Content file {path.name} is empty.") from None
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise ContentError(f"Content file {path.name} is not valid CSV: {exc}.") from None
    if frame.empty:
        raise ContentError(f"Content file {path.name} has a header but no rows.")
    return frame


def language() -> str:
    """The language of user-visible strings: ``KAMCOURSE_LANG`` or ``"en"``."""
    lang = os.environ.get("KAMCOURSE_LANG", DEFAULT_LANG).strip().lower() or DEFAULT_LANG
    return lang


def _strings(namespace: str, lang: str) -> dict[str, Any]:
    path = STRINGS_DIR / f"{namespace}.{lang}.yaml"
    if not path.is_file():
        if lang != DEFAULT_LANG:
            return {}
        raise ContentError(f"String file {namespace}.{lang}.yaml not found in {STRINGS_DIR}.")
    data = _load_cached(str(path), path.stat().st_mtime_ns)
    if not isinstance(data, dict):
        raise ContentError(f"String file {path.name} must map keys to texts, found {type(data).__name__}.")
    return data


class _SafeFormatter(string.Formatter):
    """Fills a message with the values it quotes, whatever they are.

    ``{value!r}`` is cut to a readable length (an answer pasted where a name belongs, a number
    of 400 digits); a value that does not suit the field's format (text for ``{total:g}``) is
    written as it is instead of raising, so a message about bad input never fails itself.
    """

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion == "r":
            return short_repr(value)
        if conversion == "s" and is_huge_int(value):
            return short_repr(value)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        if is_huge_int(value):
            return short_repr(value)
        try:
            return super().format_field(value, format_spec)
        except (ValueError, TypeError, OverflowError):
            return super().format_field(short_repr(value) if not isinstance(value, str) else value, "")


def t(key: str, /, **values: Any) -> str:
    """Return the user-visible string ``key`` (``"namespace.name"``), formatted with ``values``.

    >>> t("checks.not_answered")  # doctest: +SKIP
    'Not answered yet: ...'

    Raises :class:`ContentError` when the key does not exist or a placeholder has no value.
    """
    namespace, _, name = key.partition(".")
    if not namespace or not name:
        raise ContentError(f"String key {key!r} must look like 'namespace.name'.")
    lang = language()
    text = _strings(namespace, lang).get(name) if lang != DEFAULT_LANG else None
    if text is None:
        text = _strings(namespace, DEFAULT_LANG).get(name)
    if text is None:
        raise ContentError(f"String {name!r} not found in strings/{namespace}.{DEFAULT_LANG}.yaml.")
    text = str(text).rstrip("\n")
    try:
        return _SafeFormatter().vformat(text, (), values)
    except (KeyError, IndexError) as exc:
        raise ContentError(f"String {key!r} needs a value for {exc} that was not given.") from None
