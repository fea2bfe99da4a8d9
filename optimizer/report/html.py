"""A :class:`~optimizer.report.document.Document` as one self-contained HTML file.

Self-contained means: CSS inline, charts as base64 PNG ``data:`` URLs and the map as inline
SVG (a vector map whose place names stay sharp when zoomed), no scripts, no fonts or anything
else from the network, so the file opens offline and can be sent by e-mail. Every
text is escaped. Tables carry ``id="tabelle-<key>"`` and figures ``id="abbildung-<key>"``.
"""

from __future__ import annotations

import base64
from html import escape

from optimizer.report.document import Document, Figure, Heading, Paragraph, Table

__all__ = ["render_html"]

CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 2em auto;
       max-width: 70em; padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ccc; }
p.subtitle { color: #555; margin-top: 0; }
p.note { background: #fff3cd; border-left: 4px solid #e0a800; padding: 0.5em 0.8em; }
table { border-collapse: collapse; margin: 0.8em 0 1.2em; font-size: 0.9em; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; vertical-align: top; }
th { background: #f0f0f0; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; background: #f7f7f7; }
figure { margin: 1em 0; }
figure.small { display: inline-block; vertical-align: top; width: 32%; margin-right: 1%; }
figure img { max-width: 100%; height: auto; }
figure .vector svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9em; }
"""


def _table(table: Table) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    body = []
    for i, row in enumerate(table.rows):
        cells = "".join(
            f'<td class="num">{escape(cell)}</td>' if j in table.numeric
            else f"<td>{escape(cell)}</td>"
            for j, cell in enumerate(row)
        )
        total = table.total_row and i == len(table.rows) - 1
        body.append(f'<tr class="total">{cells}</tr>' if total else f"<tr>{cells}</tr>")
    return (f'<table id="tabelle-{escape(table.key)}"><caption>{escape(table.title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _figure(figure: Figure) -> str:
    css = ' class="small"' if figure.small else ""
    if figure.svg:
        return (f'<figure id="abbildung-{escape(figure.key)}"{css}>'
                f'<div class="vector" role="img" aria-label="{escape(figure.caption)}">'
                f"{figure.svg}</div><figcaption>{escape(figure.caption)}</figcaption></figure>")
    data = base64.b64encode(figure.png).decode("ascii")
    return (f'<figure id="abbildung-{escape(figure.key)}"{css}>'
            f'<img src="data:image/png;base64,{data}" alt="{escape(figure.caption)}" '
            f'width="{figure.width_px}" height="{figure.height_px}">'
            f"<figcaption>{escape(figure.caption)}</figcaption></figure>")


def render_html(doc: Document) -> str:
    """The whole document as an HTML5 page (German, UTF-8)."""
    parts = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            css = ' class="note"' if block.note else ""
            parts.append(f"<p{css}>{escape(block.text)}</p>")
        elif isinstance(block, Table):
            parts.append(_table(block))
        else:
            parts.append(_figure(block))
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(doc.title)}</h1>\n<p class=\"subtitle\">{escape(doc.subtitle)}</p>\n"
        f"{body}\n</body>\n</html>\n"
    )
