"""Municipality names to keys: match what planners write against the shipped gazetteer.

Planners' own tables often name the municipality ("Mülheim", "Stadt Düsseldorf",
"Langenfeld") where FORMAT.md asks for the 8-digit key (AGS). :func:`match_municipality`
finds the key for such a name, tolerant of the usual ways of writing it:

- case, surrounding and repeated whitespace, hyphens written as spaces;
- umlauts and ß written out (ä = ae, ö = oe, ü = ue, ß = ss), also decomposed Unicode;
- a leading "Stadt ", "Gemeinde ", "Hansestadt " and a trailing ", Stadt" (Destatis lists);
- "St." for "Sankt";
- a distinguishing suffix written or omitted, in any of its forms: "(Rhld.)", "(Rheinland)",
  " an der Ruhr", " am Rhein", "/Ruhr", "(Westf.)", "(Westfalen)", with or without dots.

A name is split into its *core* ("muelheim") and its *qualifier* ("ruhr"). The full name
matches first; a name without a qualifier then matches every municipality with that core.
A qualifier that is written must agree: "Halle (Saale)" is not "Halle (Westf.)".

One match is the answer; several are ambiguous; none is unknown. Both of the latter are input
errors, so each result carries candidates for the message: all fitting municipalities, or the
closest names (``difflib``). In the shipped NRW gazetteer every core is unique, so ambiguity
only arises with other reference data; the rule is kept so a name is never silently guessed.

Pure functions on a :class:`Reference`; nothing here reads files.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from optimizer.domain.geography import Municipality, Reference

MatchStatus = Literal["unique", "ambiguous", "unknown"]

#: How many close names an unknown name lists.
MAX_SUGGESTIONS = 4

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_PREFIXES = ("stadt ", "gemeinde ", "hansestadt ", "kreisstadt ", "landeshauptstadt ")
_SUFFIXES = (", stadt", ", gemeinde", ", hansestadt")
# Written-out and abbreviated forms of the same qualifier (after dots are removed).
_QUALIFIER_SYNONYMS = {
    "rheinland": "rhld", "rhl": "rhld", "rhld": "rhld",
    "westfalen": "westf", "westf": "westf", "wf": "westf",
    "rh": "rhein",
}
_PARENTHESIS = re.compile(r"^(?P<core>.*?)\s*\((?P<qual>[^()]*)\)$")
_SLASH = re.compile(r"^(?P<core>[^/]*?)\s*/\s*(?P<qual>[^/]+)$")
# " an der Ruhr", " am Rhein", " im Sauerland", " a. d. Ruhr", " a.d. Ruhr"
_PREPOSITION = re.compile(
    r"^(?P<core>.+?)\s+(?:an\s+der|an\s+den|in\s+der|am|im|a\.\s*d\.|a\.|i\.)\s+(?P<qual>.+)$"
)


def _fold(text: str) -> str:
    """Case, Unicode form, umlauts and ß, hyphens and whitespace folded away."""
    text = unicodedata.normalize("NFC", text).lower().translate(_FOLD).casefold()
    text = text.replace("-", " ")
    return " ".join(text.split())


def _qualifier(text: str) -> str:
    words = text.replace(".", " ").split()
    return " ".join(_QUALIFIER_SYNONYMS.get(w, w) for w in words)


def name_key(name: str) -> tuple[str, str]:
    """``(core, qualifier)`` of a municipality name, both folded; qualifier may be ``""``.

    >>> name_key("Mülheim an der Ruhr"), name_key("Stadt Langenfeld (Rheinland)")
    (('muelheim', 'ruhr'), ('langenfeld', 'rhld'))
    """
    text = _fold(name)
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix):]
    for suffix in _SUFFIXES:
        text = text.removesuffix(suffix)
    if text.startswith(("st. ", "st ")):
        text = "sankt " + text.split(" ", 1)[1].lstrip()
    for pattern in (_PARENTHESIS, _SLASH, _PREPOSITION):
        found = pattern.match(text)
        if found and found["core"].strip():
            core = found["core"].strip()
            qualifier = _qualifier(found["qual"])
            return core, qualifier
    return text.strip(" ."), ""


def _joined(key: tuple[str, str]) -> str:
    return " ".join(part for part in key if part)


@dataclass(frozen=True)
class NameMatch:
    """The result of matching one name.

    ``ags`` is set only when ``status == "unique"``. ``candidates`` are all fitting
    municipalities when ambiguous, the closest names when unknown (possibly none), and the
    match itself when unique.
    """

    query: str
    status: MatchStatus
    ags: str | None
    candidates: tuple[Municipality, ...]


class Gazetteer:
    """The gazetteer's names indexed for matching (build once, match many names)."""

    def __init__(self, reference: Reference):
        self._municipalities = reference.municipalities
        self._by_full: dict[str, list[str]] = defaultdict(list)
        self._by_core: dict[str, list[str]] = defaultdict(list)
        self._qualifier: dict[str, str] = {}
        for ags, municipality in sorted(reference.municipalities.items()):
            core, qualifier = name_key(municipality.name)
            self._by_full[_joined((core, qualifier))].append(ags)
            self._by_core[core].append(ags)
            self._qualifier[ags] = qualifier

    def match(self, text: str) -> NameMatch:
        """The municipality ``text`` names (see the module docstring for the rules)."""
        core, qualifier = name_key(text)
        full = _joined((core, qualifier))
        found = self._by_full.get(full, [])
        if not found:
            found = [
                ags for ags in self._by_core.get(core, [])
                if not qualifier or self._qualifier[ags] == qualifier
            ]
        if len(found) == 1:
            return NameMatch(text, "unique", found[0], (self._municipalities[found[0]],))
        if found:
            return NameMatch(text, "ambiguous", None, self._all(found))
        return NameMatch(text, "unknown", None, self._closest(core, full))

    def _all(self, keys: list[str]) -> tuple[Municipality, ...]:
        return tuple(self._municipalities[ags] for ags in keys)

    def _closest(self, core: str, full: str) -> tuple[Municipality, ...]:
        """Same core first (a qualifier that did not agree), then the closest names."""
        keys = list(self._by_core.get(core, []))
        names = list(self._by_full) + list(self._by_core)
        for query in (full, core):
            for name in difflib.get_close_matches(query, names, n=MAX_SUGGESTIONS, cutoff=0.6):
                keys.extend(self._by_full.get(name, []) or self._by_core.get(name, []))
        return self._all(list(dict.fromkeys(keys))[:MAX_SUGGESTIONS])


def match_municipality(text: str, reference: Reference) -> NameMatch:
    """Match one municipality name against ``reference`` (for many names use :class:`Gazetteer`)."""
    return Gazetteer(reference).match(text)


def describe(municipality: Municipality) -> str:
    """``Langenfeld (Rhld.) (05158020, Kreis Mettmann)``: a candidate as shown to planners."""
    kreis = municipality.kreis
    if kreis.endswith("(kreisfreie Stadt)"):
        kreis = "kreisfreie Stadt"
    return f"{municipality.name} ({municipality.ags}, {kreis})"


def match_problem_de(match: NameMatch) -> str:
    """What was expected instead of an ambiguous or unknown name, in German."""
    listed = "; ".join(describe(m) for m in match.candidates)
    if match.status == "ambiguous":
        return (
            "einen eindeutigen Gemeindenamen oder den 8-stelligen Gemeindeschlüssel – "
            f"der Name passt auf mehrere Gemeinden: {listed}"
        )
    tail = f"; ähnliche Namen: {listed}" if listed else "; keine ähnliche NRW-Gemeinde gefunden"
    return (
        "einen 8-stelligen Gemeindeschlüssel (AGS) oder den Namen einer NRW-Gemeinde "
        f"(siehe nrw_municipalities.csv){tail}"
    )
