"""Shared helpers of the report tests: read the tables of an HTML report, German money."""

from __future__ import annotations

from html.parser import HTMLParser


class TableReader(HTMLParser):
    """Collects every ``<table id="tabelle-KEY">`` as KEY → rows of cell texts (header row
    first) and records what a self-contained page must not have (scripts, links, remote
    sources)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.sources: list[str] = []
        self.tags: set[str] = set()
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        for name in ("src", "href"):
            if values.get(name):
                self.sources.append(str(values[name]))
        if tag == "table":
            self._table = []
            self.tables[str(values.get("id", "")).removeprefix("tabelle-")] = self._table
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._table is not None and self._cell is not None:
            self._table[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def read_tables(html_text: str) -> TableReader:
    reader = TableReader()
    reader.feed(html_text)
    return reader


def as_dict(rows: list[list[str]]) -> dict[str, list[str]]:
    """Body rows keyed by their first cell (the header row is skipped)."""
    return {row[0]: row[1:] for row in rows[1:]}


def eur(cents: int) -> str:
    """German money, written independently of the code under test: ``1.234,56 €``."""
    euros, rest = divmod(cents, 100)
    return f"{euros:,}".replace(",", ".") + f",{rest:02d} €"
