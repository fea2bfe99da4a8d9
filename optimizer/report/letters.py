"""Letters that can go out as they are (PDF, German): what ``qualiplan export`` writes into
``briefe/``.

* ``einladung-<council>.pdf``, one per served council: the invitation to each event the
  council attends, with module, both days and hours, venue with address, trainers, the seats
  reserved for the council and where to register (the hosting VHS).
* ``vhs-<site>.pdf``, one per hosting VHS: the booking sheet of its events, with days and
  hours, expected participants, the catering count per day (participants and trainers, R15),
  trainers and the councils coming.
* ``intern/einsatz-<trainer>.pdf``, one per trainer with an event, for the Landesverband's
  contract: dates, sites, the trainer's fee (R13) and travel (R14) per event and in all;
  marked internal on every page.

A letter to a VHS or a council shows no money at all: neither a trainer's travel cost nor an
event total that would reveal it (R18: a trainer's home is not to be recovered from what
others read). Every figure comes from the plan's analysis
(:func:`optimizer.insight.figures.analyse_plan`); names from its
:class:`~optimizer.domain.names.Names`. The PDFs carry a fixed creation date, so an unchanged
plan gives the same files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import quote

from fpdf import FPDF
from fpdf.fonts import FontFace

from optimizer.domain import columns as col
from optimizer.domain.names import MODULE_DE, day_long_de, event_label_de, hours_de
from optimizer.domain.scenario import Scenario
from optimizer.insight.figures import EventRow, PlanAnalysis
from optimizer.report.document import eur_cents
from optimizer.report.numbers import number_de
from optimizer.report.pdf import FONT, font_dir

__all__ = ["SENDER", "letter_files"]

#: Who sends the letters: the Landesverband of the councils, which runs the series.
SENDER = "Landesintegrationsrat NRW – Qualifizierungsreihe für Integrationsräte"
#: Registration closes this many days before the first seminar day (said in the invitation).
REGISTRATION_DAYS = 21
_BODY, _SMALL = 11, 9


class _Letter(FPDF):
    """An A4 letter with the sender on top and the plan and page number below."""

    def __init__(self, title: str, footer: str, stamp: dt.datetime, internal: bool = False):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._footer, self._internal = footer, internal
        self.set_margins(22, 18, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.add_font(FONT, "", str(font_dir() / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(font_dir() / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_lang("de")
        self.set_creator("qualiplan")
        self.set_creation_date(stamp)
        self.add_page()

    def header(self) -> None:
        self.set_font(FONT, "", _SMALL)
        self.set_text_color(90)
        self.cell(0, 5, SENDER, new_x="LMARGIN", new_y="NEXT")
        if self._internal:
            self.set_text_color(170, 0, 0)
            self.set_font(FONT, "B", _SMALL)
            self.cell(0, 5, "INTERN – nur für den Landesverband (Vertrag und Abrechnung), "
                      "nicht zur Weitergabe", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)
        self.ln(6)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", _SMALL)
        self.set_text_color(110)
        self.cell(0, 5, f"{self._footer} – Seite {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0)

    def text_block(self, text: str, size: float = _BODY, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def facts(self, rows: Sequence[tuple[str, str]]) -> None:
        """A two-column table of labels and values."""
        self.set_font(FONT, "", _BODY)
        with self.table(col_widths=(1, 2.6), first_row_as_headings=False, line_height=5.5,
                        padding=1, borders_layout="HORIZONTAL_LINES") as table:
            for label, value in rows:
                row = table.row()
                row.cell(label, style=FontFace(emphasis="BOLD"))
                row.cell(value)
        self.ln(4)

    def grid(self, headings: Sequence[str], rows: Sequence[Sequence[str]],
             numeric: frozenset[int] = frozenset(), widths: Sequence[float] = ()) -> None:
        self.set_font(FONT, "", _SMALL + 1)
        align = tuple("RIGHT" if i in numeric else "LEFT" for i in range(len(headings)))
        with self.table(col_widths=tuple(widths) or None, text_align=align, line_height=5,
                        padding=1, repeat_headings=1,
                        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
                        ) as table:
            head = table.row()
            for heading in headings:
                head.cell(heading)
            for cells in rows:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
        self.ln(4)

    def bytes(self) -> bytes:
        return bytes(self.output())


def _file(kind: str, ident: str) -> str:
    return f"{col.LETTERS_DIR}/{kind}-{quote(ident, safe='-_')}.pdf"


def _days_line(event: EventRow, scenario: Scenario) -> str:
    site = next(s for s in scenario.sites if s.site_id == event.site_id)
    hours = hours_de(*scenario.seminar_hours(site))
    return " und ".join(day_long_de(d) for d in sorted(event.days)) + f", jeweils {hours}"


def _module(event: EventRow) -> str:
    return f"Modul {event.module} – {MODULE_DE.get(event.module, '')}"


def _invitation(a: PlanAnalysis, scenario: Scenario, council_id: str, events: list[EventRow],
                stamp: dt.datetime) -> bytes:
    names = a.names
    council = names.council(council_id)
    pdf = _Letter(f"Einladung – {council}", f"Plan „{a.scenario_name}“, Gremium "
                  f"{council_id}", stamp)
    pdf.text_block(f"An den Integrationsrat bzw. Ausschuss für Chancengerechtigkeit und "
                   f"Integration\n{council}")
    pdf.ln(4)
    pdf.text_block("Einladung zur Qualifizierungsreihe für Integrationsräte: "
                   + "; ".join(event_label_de(e.module, e.site_name, e.days) for e in events),
                   bold=True)
    pdf.text_block("Sehr geehrte Damen und Herren,\n\nwir freuen uns, Mitglieder Ihres "
                   "Gremiums zur Qualifizierungsreihe für Integrationsräte in NRW einzuladen. "
                   "Für Ihr Gremium sind Plätze in den folgenden Veranstaltungen reserviert:")
    for event in events:
        seats = a.members.get((council_id, event.event_id), 0)
        deadline = min(event.days) - dt.timedelta(days=REGISTRATION_DAYS)
        pdf.facts((
            ("Veranstaltung", _module(event)),
            ("Termine", _days_line(event, scenario)),
            ("Ort", names.venue(event.site_id)),
            ("Trainer*innen", names.trainer_list(event.trainer_ids)),
            ("Für Ihr Gremium", f"{seats} {'Platz' if seats == 1 else 'Plätze'} reserviert"),
            ("Anmeldung", f"bis {day_long_de(deadline)} bei der {names.venue(event.site_id)},"
                          " mit den Namen der Teilnehmenden"),
        ))
    pdf.text_block("Die Teilnahme ist für Ihre Mitglieder kostenfrei; Verpflegung ist an "
                   "beiden Tagen vorgesehen. Bitte geben Sie freie Plätze frühzeitig zurück, "
                   "damit andere Gremien nachrücken können.\n\nMit freundlichen Grüßen\n"
                   "Landesintegrationsrat NRW")
    return pdf.bytes()


def _booking(a: PlanAnalysis, scenario: Scenario, site_id: str, events: list[EventRow],
             stamp: dt.datetime) -> bytes:
    names = a.names
    pdf = _Letter(f"Buchungsblatt – {names.site(site_id)}", f"Plan „{a.scenario_name}“, "
                  f"Standort {site_id}", stamp)
    pdf.text_block(f"An die {names.venue(site_id)}")
    pdf.ln(4)
    pdf.text_block(f"Buchungsblatt: {len(events)} Veranstaltung(en) der Qualifizierungsreihe "
                   f"für Integrationsräte bei Ihnen", bold=True)
    pdf.text_block("Sehr geehrte Damen und Herren,\n\nfür die folgenden Seminartage bitten "
                   "wir Sie, einen Raum für die angegebene Zahl an Personen und die "
                   "Verpflegung bereitzuhalten:")
    for event in events:
        people = event.participants + len(event.trainer_ids)
        councils = ", ".join(
            f"{names.council(c)} ({a.members.get((c, event.event_id), 0)})"
            for c in sorted(event.council_ids, key=lambda c: names.council(c).casefold()))
        pdf.facts((
            ("Veranstaltung", _module(event)),
            ("Termine", _days_line(event, scenario)),
            ("Erwartete Teilnehmende", number_de(event.participants)),
            ("Verpflegung", f"{people} Personen je Tag ({event.participants} Teilnehmende "
                            f"und {len(event.trainer_ids)} Trainer*in(nen)), an beiden Tagen"),
            ("Trainer*innen", names.trainer_list(event.trainer_ids)),
            ("Gremien (Plätze)", councils),
        ))
    pdf.text_block("Mit freundlichen Grüßen\nLandesintegrationsrat NRW")
    return pdf.bytes()


def _assignment(a: PlanAnalysis, scenario: Scenario, trainer_id: str, events: list[EventRow],
                stamp: dt.datetime) -> bytes:
    names = a.names
    trainer = names.trainer(trainer_id)
    pdf = _Letter(f"Einsatzblatt – {trainer}", f"Plan „{a.scenario_name}“, Trainer*in "
                  f"{trainer_id} – intern", stamp, internal=True)
    pdf.text_block(f"Einsatzblatt für den Honorarvertrag: {trainer} ({trainer_id})", bold=True)
    rows, fees, travel = [], 0, 0
    for event in events:
        k = event.trainer_ids.index(trainer_id)
        fee, trip = event.fee_by_trainer[k], event.travel_by_trainer[k]
        fees, travel = fees + fee, travel + trip
        rows.append((_module(event), _days_line(event, scenario), names.venue(event.site_id),
                     eur_cents(fee), eur_cents(trip)))
    rows.append(("Summe", f"{len(events)} Veranstaltung(en), {2 * len(events)} Seminartage",
                 "", eur_cents(fees), eur_cents(travel)))
    pdf.grid(("Modul", "Termine", "Ort", "Honorar", "Reisekosten"), rows,
             numeric=frozenset({3, 4}), widths=(1.15, 2.2, 1.9, 1, 1.25))
    pdf.text_block(f"Honorar: {eur_cents(fees)}; Reisekosten (Landesreisekostengesetz, "
                   f"Kilometerpauschale und Übernachtung): {eur_cents(travel)}; zusammen "
                   f"{eur_cents(fees + travel)}.", size=_SMALL + 1)
    return pdf.bytes()


def letter_files(analysis: PlanAnalysis, scenario: Scenario, stamp: dt.datetime
                 ) -> dict[str, bytes]:
    """Every letter of the export: ``briefe/...`` path -> PDF bytes (module docstring)."""
    a, files = analysis, {}
    for council in scenario.councils:
        mine = [e for e in a.events if council.council_id in e.council_ids]
        if mine:
            files[_file("einladung", council.council_id)] = _invitation(
                a, scenario, council.council_id, mine, stamp)
    for site in scenario.sites:
        here = [e for e in a.events if e.site_id == site.site_id]
        if here:
            files[_file("vhs", site.site_id)] = _booking(a, scenario, site.site_id, here, stamp)
    for trainer in scenario.trainers:
        taught = [e for e in a.events if trainer.trainer_id in e.trainer_ids]
        if taught:
            path = _file(f"{col.INTERNAL_DIR}/einsatz", trainer.trainer_id)
            files[path] = _assignment(a, scenario, trainer.trainer_id, taught, stamp)
    return dict(sorted(files.items()))
