"""Blank worksheets for paper-based group work: to print (HTML -> PDF) or to fill in (XLSX, DOCX).

Taught in trainer/guide.ipynb; written by ``make handouts`` (:mod:`.handouts`). The texts
and sizes are content (``content/trainer/worksheets.yaml``); the quick check's statements and
bands come from the course's relationship content, so a sheet never disagrees with lesson 05.

* ``attractiveness`` -- criteria, weights to 100, 0-10 ratings of six accounts; the XLSX
  computes each score (sum of weight x rating) once the weights add up to 100, and the rank;
* ``csf`` -- the customer's critical success factors, weights, ratings of us and three
  competitors; the XLSX computes the scores and the relative strength;
* ``quick_check`` -- the six statements of the quick relationship check with tick boxes, the
  points and the course's illustrative bands (DOCX);
* ``plan`` -- a key account plan template: the account, where we stand, objectives,
  stakeholder map, opportunities, actions, reviews and a self-audit (DOCX).

Formulas are written only by this module, into cells it owns; a worksheet holds no learner
text. Every sheet is also rendered as a self-contained, printable HTML page (A4).
"""

from __future__ import annotations

import html as html_lib
from pathlib import Path
from typing import Any

from .. import content, relationships
from ..content import t
from ..errors import ContentError, InputError

__all__ = ["FORMATS", "NAMES", "html", "spec", "write", "write_docx", "write_xlsx"]

NAMES = ("attractiveness", "csf", "quick_check", "plan")
#: The fillable format of each worksheet (every one is also printable HTML -> PDF).
FORMATS = {"attractiveness": "xlsx", "csf": "xlsx", "quick_check": "docx", "plan": "docx"}
BOX = "\u2610"  # an empty tick box
POINTS = {"strongly agree": 3, "agree": 2, "disagree": 1, "strongly disagree": 0}


def spec(name: str) -> dict[str, Any]:
    """The content of worksheet ``name`` (one of :data:`NAMES`); InputError for another name."""
    if name not in NAMES:
        raise InputError(t("trainer.worksheet_unknown", value=repr(name)[:40], known=", ".join(NAMES)))
    data = content.load("trainer/worksheets")
    item = data.get(name) if isinstance(data, dict) else None
    if not isinstance(item, dict) or not isinstance(item.get("title"), str) or not isinstance(item.get("file"), str):
        raise ContentError(t("trainer.worksheet_bad", name=name))
    return item


def _statements() -> list[tuple[str, str]]:
    return [(s.short, s.text) for s in relationships.STATEMENTS]


def _scale() -> list[str]:
    return sorted(POINTS, key=lambda label: -POINTS[label])


# --------------------------------------------------------------------------- HTML (to print)

_CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; }
h1 { font-size: 17pt; margin: 0 0 6pt; } h2 { font-size: 12.5pt; margin: 14pt 0 4pt; }
p { margin: 3pt 0; } .intro { color: #333; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; page-break-inside: avoid; }
th, td { border: 1px solid #555; padding: 4pt 5pt; text-align: left; vertical-align: top; }
th { background: #eceff1; } td.blank { height: 22pt; } td.box { text-align: center; font-size: 14pt; }
td.num { text-align: center; } .fields td { width: 50%; height: 18pt; } .lines { height: 42pt; }
.note { font-style: italic; color: #333; } .footer { margin-top: 10pt; font-size: 8.5pt; color: #555; }
"""


def _e(text: Any) -> str:
    return html_lib.escape(str(text))


def _table(columns: list[str], rows: list[list[str]], *, classes: list[str] | None = None) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for index, cell in enumerate(row):
            kind = (classes[index] if classes and index < len(classes) else "") or ("blank" if not cell else "")
            cells.append(f'<td class="{kind}">{_e(cell)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def html(name: str) -> str:
    """Worksheet ``name`` as a printable, self-contained HTML page."""
    item = spec(name)
    parts = [f"<h1>{_e(item['title'])}</h1>"] + [f'<p class="intro">{_e(p)}</p>' for p in item.get("intro", [])]
    if name == "attractiveness":
        accounts = [item["account_label"].format(n=n) for n in range(1, item["accounts"] + 1)]
        rows = [[""] * (2 + len(accounts)) for _ in range(item["criteria"])]
        rows.append([item["total_label"]] + [""] * (1 + len(accounts)))
        rows.append([item["score_label"], ""] + [""] * len(accounts))
        rows.append([item["rank_label"], ""] + [""] * len(accounts))
        parts.append(_table([item["criterion_label"], item["weight_label"]] + accounts, rows))
    elif name == "csf":
        parts.append(_table([item["account_label"]], [[""]]))
        others = [item["competitor_label"].format(n=n) for n in range(1, item["competitors"] + 1)]
        rows = [[""] * (3 + len(others)) for _ in range(item["factors"])]
        rows.append([item["total_label"]] + [""] * (2 + len(others)))
        rows.append([item["score_label"], ""] + [""] * (1 + len(others)))
        parts.append(_table([item["factor_label"], item["weight_label"], item["us_label"]] + others, rows))
        parts.append(_table([item["best_label"], item["strength_label"]], [["", ""]]))
    elif name == "quick_check":
        parts.append(
            '<table class="fields"><tr>' + f"<td>{_e(item['account_label'])}:</td>"
            f"<td>{_e(item['person_label'])}:</td></tr></table>"
        )
        scale = _scale()
        columns = [item["statement_label"]] + [f"{label} ({POINTS[label]})" for label in scale]
        rows = [[f"{n}. {text}"] + [BOX] * len(scale) for n, (_short, text) in enumerate(_statements(), start=1)]
        rows.append([item["total_label"]] + [""] * len(scale))
        parts.append(_table(columns, rows, classes=[""] + ["box"] * len(scale)))
        parts.append(f"<h2>{_e(item['bands_title'])}</h2>")
        bands = [[f"{low}-{high}", stage] for stage, low, high in relationships.bands()]
        parts.append(_table([item["range_label"], item["stage_label"]], bands))
        parts.append(f'<p class="note">{_e(item["after"])}</p>')
    else:
        parts.append(
            '<table class="fields">'
            + "".join(f"<tr><td>{_e(f)}:</td><td></td></tr>" for f in item.get("fields", []))
            + "</table>"
        )
        for section in item.get("sections", []):
            parts.append(f"<h2>{_e(section['title'])}</h2>")
            for prompt in section.get("prompts", []):
                parts.append(f'<p>{_e(prompt)}</p><div class="lines"></div>')
            table = section.get("table")
            if table:
                if table.get("title"):
                    parts.append(f"<p><b>{_e(table['title'])}</b></p>")
                columns = list(table["columns"])
                rows = [[label] + [""] * (len(columns) - 1) for label in table.get("rows", [])]
                rows += [[""] * len(columns) for _ in range(int(table.get("blank_rows", 0)))]
                parts.append(_table(columns, rows))
            if section.get("note"):
                parts.append(f'<p class="note">{_e(section["note"])}</p>')
            checklist = section.get("checklist")
            if checklist:
                parts.append(f"<p><b>{_e(checklist['title'])}</b></p>")
                parts += [f"<p>{BOX} {_e(line)}</p>" for line in checklist["items"]]
    parts.append(f'<p class="footer">{_e(t("trainer.worksheet_footer"))}</p>')
    # the two scoring grids are wide: landscape, with room for the criteria's names
    wide = (
        "@page { size: A4 landscape; } td:first-child, th:first-child { width: 28%; }"
        if name in ("attractiveness", "csf")
        else ""
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_e(item["title"])}</title>'
        f"<style>{_CSS}{wide}</style></head><body>{''.join(parts)}</body></html>"
    )


# --------------------------------------------------------------------------- XLSX (to fill in, computing)


def write_xlsx(name: str, path: str | Path) -> Path:
    """Worksheet ``name`` (attractiveness or csf) as an Excel workbook that computes the scores."""
    import xlsxwriter
    from xlsxwriter.utility import xl_rowcol_to_cell as cell

    if name not in ("attractiveness", "csf"):
        raise InputError(t("trainer.worksheet_no_format", name=name, format="xlsx"))
    item = spec(name)
    target = Path(path)
    book = xlsxwriter.Workbook(str(target))
    sheet = book.add_worksheet(name[:31])
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 15})
    wrap = book.add_format({"text_wrap": True, "valign": "top", "font_color": "#333333"})
    head = book.add_format({"bold": True, "bg_color": "#ECEFF1", "border": 1, "text_wrap": True})
    entry = book.add_format({"border": 1, "bg_color": "#FFFDE7", "locked": False})
    number = book.add_format({"border": 1, "bg_color": "#FFFDE7", "locked": False, "align": "center"})
    computed = book.add_format({"border": 1, "bold": True, "align": "center", "num_format": "0"})
    ratio = book.add_format({"border": 1, "bold": True, "align": "center", "num_format": "0.00"})
    warn = book.add_format({"font_color": "#B71C1C", "bold": True})
    if name == "attractiveness":
        columns = [item["account_label"].format(n=n) for n in range(1, item["accounts"] + 1)]
        labels = [item["criterion_label"], item["weight_label"]]
        rows = int(item["criteria"])
    else:
        columns = [item["us_label"]] + [item["competitor_label"].format(n=n) for n in range(1, item["competitors"] + 1)]
        labels = [item["factor_label"], item["weight_label"]]
        rows = int(item["factors"])
    width = len(labels) + len(columns)
    sheet.write_string(0, 0, item["title"], title)
    top = 1
    for line in item.get("intro", []):
        sheet.merge_range(top, 0, top, width - 1, line, wrap)
        sheet.set_row(top, 45)
        top += 1
    if name == "csf":
        sheet.write_string(top, 0, item["account_label"], bold)
        sheet.write_blank(top, 1, None, entry)
        top += 1
    header = top + 1
    for index, label in enumerate(labels + columns):
        if index >= len(labels):
            sheet.write_string(header, index, label, entry)  # an account's or competitor's name: to replace
        else:
            sheet.write_string(header, index, label, head)
    first, last = header + 1, header + rows
    for row in range(first, last + 1):
        sheet.write_blank(row, 0, None, entry)
        sheet.write_blank(row, 1, None, number)
        for col in range(2, width):
            sheet.write_blank(row, col, None, number)
    sheet.data_validation(
        first,
        1,
        last,
        1,
        {
            "validate": "integer",
            "criteria": "between",
            "minimum": 0,
            "maximum": 100,
            "error_message": t("trainer.xlsx_weight_error"),
        },
    )
    sheet.data_validation(
        first,
        2,
        last,
        width - 1,
        {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": 10,
            "error_message": t("trainer.xlsx_rating_error"),
        },
    )
    total = last + 1
    weights = f"{cell(first, 1, True, True)}:{cell(last, 1, True, True)}"
    sheet.write_string(total, 0, item["total_label"], bold)
    sheet.write_formula(total, 1, f"=SUM({weights})", computed)
    message = t("trainer.xlsx_not_100").replace('"', '""')  # a text inside our formula, quoted as Excel does
    sheet.write_formula(total, 2, f'=IF({cell(total, 1)}=100,"","{message}")', warn)
    score = total + 1
    sheet.write_string(score, 0, item["score_label"], bold)
    for col in range(2, width):
        ratings = f"{cell(first, col)}:{cell(last, col)}"
        sheet.write_formula(
            score, col, f'=IF({cell(total, 1, True, True)}=100,SUMPRODUCT({weights},{ratings}),"")', computed
        )
    scores = f"{cell(score, 2, True, True)}:{cell(score, width - 1, True, True)}"
    if name == "attractiveness":
        sheet.write_string(score + 1, 0, item["rank_label"], bold)
        for col in range(2, width):
            sheet.write_formula(
                score + 1, col, f'=IF(ISNUMBER({cell(score, col)}),RANK({cell(score, col)},{scores}),"")', computed
            )
    else:
        best = f"{cell(score, 3, True, True)}:{cell(score, width - 1, True, True)}"
        sheet.write_string(score + 2, 0, item["best_label"], bold)
        sheet.write_formula(score + 2, 2, f'=IF(COUNT({best})>0,MAX({best}),"")', computed)
        sheet.write_string(score + 3, 0, item["strength_label"], bold)
        sheet.write_formula(
            score + 3,
            2,
            f'=IF(AND(ISNUMBER({cell(score, 2)}),N({cell(score + 2, 2)})>0),{cell(score, 2)}/{cell(score + 2, 2)},"")',
            ratio,
        )
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, width - 1, 13)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 1)
    book.close()
    return target


# --------------------------------------------------------------------------- DOCX (to fill in)


def write_docx(name: str, path: str | Path) -> Path:
    """Worksheet ``name`` (quick_check or plan) as a Word document with tables to fill in."""
    from docx import Document
    from docx.shared import Pt

    if name not in ("quick_check", "plan"):
        raise InputError(t("trainer.worksheet_no_format", name=name, format="docx"))
    item = spec(name)
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_heading(item["title"], level=0)
    for line in item.get("intro", []):
        doc.add_paragraph(line)

    def table(columns: list[str], rows: list[list[str]]) -> None:
        grid = doc.add_table(rows=1 + len(rows), cols=len(columns))
        grid.style = "Table Grid"
        for index, label in enumerate(columns):
            grid.rows[0].cells[index].text = label
            for run in grid.rows[0].cells[index].paragraphs[0].runs:
                run.bold = True
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                grid.rows[r].cells[c].text = value

    if name == "quick_check":
        table([item["account_label"], item["person_label"]], [["", ""]])
        scale = _scale()
        rows = [[f"{n}. {text}"] + [BOX] * len(scale) for n, (_short, text) in enumerate(_statements(), start=1)]
        rows.append([item["total_label"]] + [""] * len(scale))
        table([item["statement_label"]] + [f"{label} ({POINTS[label]})" for label in scale], rows)
        doc.add_heading(item["bands_title"], level=2)
        table(
            [item["range_label"], item["stage_label"]],
            [[f"{low}-{high}", stage] for stage, low, high in relationships.bands()],
        )
        doc.add_paragraph(item["after"]).runs[0].italic = True
    else:
        table([t("trainer.docx_field"), t("trainer.docx_value")], [[f, ""] for f in item.get("fields", [])])
        for section in item.get("sections", []):
            doc.add_heading(section["title"], level=1)
            for prompt in section.get("prompts", []):
                doc.add_paragraph(prompt).runs[0].bold = True
                doc.add_paragraph("")
            spec_table = section.get("table")
            if spec_table:
                if spec_table.get("title"):
                    doc.add_paragraph(spec_table["title"]).runs[0].bold = True
                columns = list(spec_table["columns"])
                rows = [[label] + [""] * (len(columns) - 1) for label in spec_table.get("rows", [])]
                rows += [[""] * len(columns) for _ in range(int(spec_table.get("blank_rows", 0)))]
                table(columns, rows)
            if section.get("note"):
                doc.add_paragraph(section["note"]).runs[0].italic = True
            checklist = section.get("checklist")
            if checklist:
                doc.add_paragraph(checklist["title"]).runs[0].bold = True
                for line in checklist["items"]:
                    doc.add_paragraph(f"{BOX} {line}")
    doc.add_paragraph(t("trainer.worksheet_footer")).runs[0].font.size = Pt(8)
    target = Path(path)
    doc.save(str(target))
    return target


def write(name: str, folder: str | Path) -> list[Path]:
    """Write worksheet ``name`` into ``folder``: its fillable file (XLSX or DOCX) and its HTML page."""
    item = spec(name)
    where = Path(folder)
    where.mkdir(parents=True, exist_ok=True)
    fillable = where / f"{item['file']}.{FORMATS[name]}"
    written = [write_xlsx(name, fillable) if FORMATS[name] == "xlsx" else write_docx(name, fillable)]
    page = where / f"{item['file']}.html"
    page.write_text(html(name), encoding="utf-8")
    return written + [page]
