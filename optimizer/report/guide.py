"""The planners' guide (``qualiplan anleitung``) as one document: Markdown, HTML or PDF.

The chapters are German Markdown files in the package (:func:`optimizer.io.guide.
guide_chapters`, in file-name order); here they become one self-contained HTML page
(markdown-it-py, CommonMark with tables, no scripts, nothing from the network) or a PDF
(fpdf2's HTML renderer, DejaVu Sans so umlauts and „“ print), or stay Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from html import escape

from fpdf import FPDF
from markdown_it import MarkdownIt

from optimizer.report.pdf import FONT, font_dir

__all__ = ["TITLE", "guide_html", "guide_markdown", "guide_pdf"]

TITLE = "qualiplan – Anleitung für Planer*innen"
_CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 2em auto;
       max-width: 50em; padding: 0 1em; color: #222; line-height: 1.5; }
h1 { font-size: 1.5em; border-bottom: 1px solid #ccc; margin-top: 2em; }
h2 { font-size: 1.2em; margin-top: 1.5em; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
code, pre { background: #f5f5f5; font-family: "DejaVu Sans Mono", monospace; }
pre { padding: 0.6em; overflow-x: auto; }
nav li { margin: 0.2em 0; }
"""


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _title(text: str) -> str:
    first = next((line for line in text.splitlines() if line.startswith("# ")), "")
    return first.removeprefix("# ").strip()


def guide_markdown(chapters: Sequence[tuple[str, str]]) -> str:
    """The chapters one after another, as Markdown."""
    return f"% {TITLE}\n\n" + "\n\n".join(text.strip() for _, text in chapters) + "\n"


def guide_html(chapters: Sequence[tuple[str, str]]) -> str:
    """One self-contained HTML page with a table of contents."""
    md = _markdown()
    toc = "".join(f'<li><a href="#kapitel-{i}">{escape(_title(text))}</a></li>'
                  for i, (_, text) in enumerate(chapters, start=1))
    body = "".join(f'<section id="kapitel-{i}">{md.render(text)}</section>\n'
                   for i, (_, text) in enumerate(chapters, start=1))
    return ('<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(TITLE)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"<p><strong>{escape(TITLE)}</strong></p>\n<nav><ol>{toc}</ol></nav>\n"
            f"{body}</body>\n</html>\n")


_CELL = re.compile(r"(<t[dh](?:\s[^>]*)?>)(.*?)(</t[dh]>)", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _flat_cells(html: str) -> str:
    """fpdf2 lays out no markup inside a table cell: its text only."""
    return _CELL.sub(lambda m: m.group(1) + _TAG.sub("", m.group(2)) + m.group(3), html)


def guide_pdf(chapters: Sequence[tuple[str, str]],
              stamp: dt.datetime = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)) -> bytes:
    """The guide as an A4 PDF, each chapter on a new page (fixed creation date: the same
    chapters give the same file)."""
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=True, margin=18)
    for style, file in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"),
                        ("I", "DejaVuSans-Oblique.ttf"), ("BI", "DejaVuSans-BoldOblique.ttf")):
        pdf.add_font(FONT, style, str(font_dir() / file))
    pdf.add_font("DejaVuMono", "", str(font_dir() / "DejaVuSansMono.ttf"))
    pdf.set_title(TITLE)
    pdf.set_lang("de")
    pdf.set_creator("qualiplan")
    pdf.set_creation_date(stamp)
    md = _markdown()
    for _, text in chapters:
        pdf.add_page()
        pdf.set_font(FONT, "", 10)
        pdf.write_html(_flat_cells(md.render(text)), font_family=FONT,
                       pre_code_font="DejaVuMono")
    return bytes(pdf.output())
