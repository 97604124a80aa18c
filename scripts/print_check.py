"""Checks the PDFs LibreOffice printed from the exported workbooks (scripts/print-test.sh).

    print_check.py XLSX_DIR PDF_DIR

For each workbook X.xlsx and its X.pdf:
- every character is at least MIN_SIZE pt on the paper (the size pdfplumber reads is the one
  printed, after the sheet's fit-to-width scaling);
- the title (A1) and the 填报单位 / 填报日期 line of every sheet that prints are in the PDF text,
  whole; the title of a sheet that is hidden (not for paper) is not;
- no character crosses a drawn line (a cell border): text that runs into the next cell or row,
  or that is cut by its cell, has glyphs lying across that cell's border. LibreOffice keeps the
  glyphs it clips in the PDF at their full position, so a clipped text is caught the same way;
- no two characters overlap (a line printed over another) and none lies off the paper or in its
  margins (a title wider than the printed table);
- the page count is at least one per printed sheet and at most what its rows' heights fill on
  its paper (one page more per sheet for where the breaks fall): a sheet split across the width,
  or one printing its rows far taller than written, has more.
Prints one line per file and exits 1 if any check failed.
"""

import bisect
import math
import sys
from pathlib import Path

import openpyxl
import pdfplumber

MIN_SIZE = 9.0
# how far a glyph may reach over a line or another glyph before it counts (rounding, italics)
SLACK = 0.8
# the printable part of the paper: LibreOffice never prints closer to the edge than this
EDGE = 14.0
PAPER = {9: (595.3, 841.9), 8: (841.9, 1190.6)}  # A4, A3 in pt (portrait)
DEFAULT_ROW = 15.0


def norm(s):
    return "".join(str(s).split())


def sheet_texts(ws):
    """The title and the 填报单位 / 填报日期 cells of a report sheet."""
    out = []
    if ws["A1"].value:
        out.append(str(ws["A1"].value))
    for row in ws.iter_rows(min_row=2, max_row=3):
        for c in row:
            if isinstance(c.value, str) and c.value.startswith(("填报单位", "填报日期")):
                out.append(c.value)
    return out


def max_pages(ws):
    """The most pages the sheet's rows can fill on its paper at 100% (fit-to-width only shrinks)."""
    ps = ws.page_setup
    w, h = PAPER.get(int(ps.paperSize or 9), PAPER[9])
    if ps.orientation == "landscape":
        w, h = h, w
    m = ws.page_margins
    usable = h - (m.top + m.bottom) * 72
    rows = ws.max_row
    total = sum((ws.row_dimensions[r].height or DEFAULT_ROW) for r in range(1, rows + 1))
    # the header repeats on every page
    return math.ceil(total / (usable - 40)) + 1


def crossings(chars, edges):
    """Characters lying across a drawn line: (char, line) pairs."""
    vert = sorted((e for e in edges if e["orientation"] == "v" and e["height"] > 2), key=lambda e: e["x0"])
    horiz = sorted((e for e in edges if e["orientation"] == "h" and e["width"] > 2), key=lambda e: e["top"])
    vx = [e["x0"] for e in vert]
    hy = [e["top"] for e in horiz]
    out = []
    for c in chars:
        lo, hi = bisect.bisect_right(vx, c["x0"] + SLACK), bisect.bisect_left(vx, c["x1"] - SLACK)
        for e in vert[lo:hi]:
            if e["top"] < c["bottom"] - SLACK and e["bottom"] > c["top"] + SLACK:
                out.append((c, e))
        lo, hi = bisect.bisect_right(hy, c["top"] + SLACK), bisect.bisect_left(hy, c["bottom"] - SLACK)
        for e in horiz[lo:hi]:
            if e["x0"] < c["x1"] - SLACK and e["x1"] > c["x0"] + SLACK:
                out.append((c, e))
    return out


def overlaps(chars):
    """Pairs of characters drawn over each other (more than a third of the smaller one)."""
    cs = sorted(chars, key=lambda c: c["x0"])
    out = []
    for i, a in enumerate(cs):
        for b in cs[i + 1 :]:
            if b["x0"] >= a["x1"] - SLACK:
                break
            w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            small = min(a["width"] * a["height"], b["width"] * b["height"])
            if w > 0 and h > 0 and w * h > small / 3:
                out.append((a, b))
    return out


def where(c, page):
    return f"第{page}页 ({c['x0']:.0f},{c['top']:.0f}) 「{c['text']}」"


def check(xlsx, pdf):
    problems = []
    wb = openpyxl.load_workbook(xlsx)
    printed = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    hidden = [ws for ws in wb.worksheets if ws.sheet_state != "visible"]
    low, high = len(printed), sum(max_pages(ws) for ws in printed)
    smallest = None
    text = []
    with pdfplumber.open(pdf) as doc:
        pages = len(doc.pages)
        for n, page in enumerate(doc.pages, 1):
            chars = [c for c in page.chars if c["text"].strip()]
            text.append("".join(c["text"] for c in chars))
            for c in chars:
                if smallest is None or c["size"] < smallest[0]:
                    smallest = (c["size"], where(c, n))
                if c["x0"] < EDGE or c["x1"] > page.width - EDGE or c["top"] < EDGE or c["bottom"] > page.height - EDGE:
                    problems.append(f"文字超出纸张可打印范围：{where(c, n)}")
            for c, e in crossings(chars, page.edges)[:3]:
                problems.append(f"文字压在表格线上（超出单元格）：{where(c, n)}，线在 {e['x0']:.0f},{e['top']:.0f}")
            for a, b in overlaps(chars)[:3]:
                problems.append(f"文字互相重叠：{where(a, n)} 与「{b['text']}」")
    all_text = norm("".join(text))
    if smallest and smallest[0] < MIN_SIZE - 0.05:
        problems.append(f"最小字号 {smallest[0]:.1f} pt，小于 {MIN_SIZE} pt：{smallest[1]}")
    for ws in printed:
        for t in sheet_texts(ws):
            if norm(t) not in all_text:
                problems.append(f"「{ws.title}」的「{t}」在打印出的文字中不完整")
    # a hidden report sheet (its title merged over row 1) must not print; a list of choices has no title
    for ws in hidden:
        titled = any(m.min_row == 1 and m.max_row == 1 for m in ws.merged_cells.ranges)
        for t in sheet_texts(ws)[:1] if titled else []:
            if norm(t) in all_text:
                problems.append(f"不应打印的工作表「{ws.title}」被打印了")
    if not low <= pages <= high:
        problems.append(f"页数 {pages}，按工作表与行高应在 {low}–{high} 页")
    size = f"{smallest[0]:.1f}" if smallest else "-"
    return pages, size, problems


def main():
    xdir, pdir = Path(sys.argv[1]), Path(sys.argv[2])
    failed = 0
    files = sorted(xdir.glob("*.xlsx"))
    for x in files:
        pdf = pdir / (x.stem + ".pdf")
        if not pdf.exists():
            print(f"✗ {x.stem}: 没有打印出 PDF")
            failed += 1
            continue
        pages, size, problems = check(x, pdf)
        mark = "✗" if problems else "✓"
        print(f"{mark} {x.stem}: {pages} 页，最小字号 {size} pt")
        # the first few of each kind: enough to find the cause
        for p in problems[:8]:
            print(f"    {p}")
        if len(problems) > 8:
            print(f"    … 另有 {len(problems) - 8} 处")
        failed += bool(problems)
    print(f"{len(files) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
