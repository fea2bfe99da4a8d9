"""A :class:`~optimizer.report.document.Document` as a PDF (A4, German), with fpdf2.

fpdf2 is pure Python, maintained, works offline and lays out long tables across pages with
repeated headings, which matplotlib's ``PdfPages`` cannot. The text font is DejaVu Sans from
matplotlib's own data (always installed with it), so umlauts, „“ and € print on any machine
without fonts of the system. The figures are the same images as in the HTML (the map as a
PNG at twice the resolution). A4 landscape and no text below :data:`MIN_TEXT_PT` (9 pt):
the wide tables stay readable when printed.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from optimizer.report.document import Document, Figure, Heading, Paragraph, Table

__all__ = ["FONT", "font_dir", "render_pdf"]

FONT = "DejaVu"
#: The smallest text in the report (tables, captions, footer), in points.
MIN_TEXT_PT = 9
_MM_PER_INCH = 25.4


def font_dir() -> Path:
    """DejaVu Sans of matplotlib's own data: umlauts, „“ and € on any machine."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class _Report(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="landscape", unit="mm", format="A4")
        self._title = title
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)
        self.add_font(FONT, "", str(font_dir() / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(font_dir() / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_lang("de")
        self.set_creator("qualiplan")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", MIN_TEXT_PT)
        self.set_text_color(110)
        self.cell(0, 5, f"{self._title} – Seite {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0)


def _figure_size(pdf: _Report, block: Figure, dpi: float) -> tuple[float, float]:
    """Width and height in mm: natural size, at most the text width and one page."""
    width = min(pdf.epw, block.width_px / dpi * _MM_PER_INCH)
    height = width * block.height_px / block.width_px
    room = pdf.h - pdf.t_margin - pdf.b_margin - 25  # a full page, less heading and caption
    if height > room:
        width, height = width * room / height, room
    return width, height


def _heading(pdf: _Report, block: Heading, room_after: float) -> None:
    """A heading, on a new page unless ``room_after`` mm of what follows fit below it."""
    if pdf.y + 12 + room_after > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT, "B", 13 if block.level <= 2 else 11)
    pdf.multi_cell(0, 7, block.text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _paragraph(pdf: _Report, block: Paragraph) -> None:
    pdf.set_font(FONT, "", 10)
    if block.note:
        pdf.set_fill_color(255, 243, 205)
    pdf.multi_cell(0, 5, block.text, fill=block.note, align="L", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.ln(2)


def _table(pdf: _Report, block: Table) -> None:
    size = MIN_TEXT_PT
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(0, 5, block.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", size)
    align = tuple("RIGHT" if i in block.numeric else "LEFT" for i in range(len(block.columns)))
    widths = block.widths if len(block.widths) == len(block.columns) else None
    with pdf.table(
        col_widths=widths,
        text_align=align,
        headings_style=FontFace(emphasis="BOLD", fill_color=(240, 240, 240)),
        line_height=size * 0.5,
        repeat_headings=1,
        padding=0.8,
    ) as table:
        heading = table.row()
        for column in block.columns:
            heading.cell(column)
        for i, cells in enumerate(block.rows):
            total = block.total_row and i == len(block.rows) - 1
            row = table.row(style=FontFace(emphasis="BOLD") if total else None)
            for cell in cells:
                row.cell(cell)
    pdf.ln(3)


def _figure(pdf: _Report, block: Figure, dpi: float) -> None:
    width, height = _figure_size(pdf, block, dpi)
    if pdf.y + height + 10 > pdf.page_break_trigger:
        pdf.add_page()
    x = pdf.l_margin + (pdf.epw - width) / 2
    pdf.image(io.BytesIO(block.png), x=x, y=pdf.y, w=width, h=height)
    pdf.set_y(pdf.y + height + 1)
    pdf.set_font(FONT, "", MIN_TEXT_PT)
    pdf.set_text_color(80)
    pdf.multi_cell(0, 4.5, block.caption, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.ln(3)


def render_pdf(doc: Document, dpi: float = 100) -> bytes:
    """The document as PDF bytes; ``dpi`` is the resolution the figures were drawn at."""
    pdf = _Report(doc.title)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, doc.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.set_text_color(85)
    pdf.multi_cell(0, 5, doc.subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.ln(2)
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Heading):
            after = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
            # Keep a heading with its figure, or with the first lines of its text or table.
            room = _figure_size(pdf, after, dpi)[1] + 8 if isinstance(after, Figure) else 30
            _heading(pdf, block, room)
        elif isinstance(block, Paragraph):
            _paragraph(pdf, block)
        elif isinstance(block, Table):
            _table(pdf, block)
        else:
            _figure(pdf, block, dpi)
    return bytes(pdf.output())
