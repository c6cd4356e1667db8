"""SUPPORTS links (Measure -> Chain) and the pilot chain, derived from the plan's own words.

Rules, applied to the text of each measure (the slice `text[span[0]:span[1]]`, so offsets point
into the original document):

1. Named chain. A measure that names a chain supports it: a chain's own name ("新材料", "新能源",
   "集成电路", "高端装备", "生命健康", "特种纸", or any chain in the ledger), or an alias in
   `CHAIN_ALIASES`: the provincial cluster "绿色石化与新材料" is 新材料, and "锂电" is 新能源
   (only where the text says it; "光伏" is not an alias, since measure 2 uses it for the city's
   energy policy, not for the chain). A following "产业链" or "产业集群" belongs to the mention,
   so "新能源产业链" is one specific mention, not also a general one. The longest mention wins
   where mentions overlap ("绿色石化与新材料产业集群", not its inner "新材料").
2. Chains in general. A measure that speaks of the chains as a whole, in words of
   `GENERAL_TERMS` ("六大标志性产业链", "主导产业链", "6+X", "链长制", "链主", "一链一", "按链",
   "产业链"), supports every flagship chain it does not already name. The basis is the
   strongest such term present (the list is in that order), at its first occurrence.
3. One link per (measure, chain): a named mention beats a general one, then the first occurrence.
4. Pilot. The goal section's "在新能源产业链先行先试" gives Plan -PILOTS-> that chain.

Matching tolerates what moves around in copies of a plan: spaces and line breaks between
characters, and full- or half-width "+", "X" and digits. `basis` holds the matched words with
whitespace removed; `span` is where they stand in `text`. Every Rel carries `basis`, `span`,
`source` (the document id), `rule` and `derived=True`.

Examples
--------
>>> from loaders.records import Node
>>> text = "在新能源产业链先行先试。1.完善六大标志性产业链图谱。2.用好绿色石化与新材料基金。"
>>> chains = [Node("Chain", k, {"name": n, "flagship": True}) for k, n in [("ne", "新能源"), ("nm", "新材料")]]
>>> measures = [Node("Measure", f"p#M{i}", {"number": i, "span": s}) for i, s in [(1, [12, 27]), (2, [27, 42])]]
>>> [(r.type, r.start[1], r.end[1], r.props["basis"], r.props["span"])
...  for r in derive_supports(text, measures, chains, source="p")]  # doctest: +NORMALIZE_WHITESPACE
[('SUPPORTS', 'p#M1', 'ne', '六大标志性产业链', [16, 24]), ('SUPPORTS', 'p#M1', 'nm', '六大标志性产业链', [16, 24]),
 ('SUPPORTS', 'p#M2', 'nm', '绿色石化与新材料', [31, 39]), ('PILOTS', 'p', 'ne', '在新能源产业链先行先试', [0, 11])]
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from loaders.records import LoadError, Node, Rel

__all__ = ["CHAIN_ALIASES", "GENERAL_TERMS", "derive_supports"]

# alias -> chain name, for words that name a chain without using its name
CHAIN_ALIASES: dict[str, str] = {
    "绿色石化与新材料": "新材料",
    "锂电": "新能源",
}

# words for "the chains as a whole", strongest first (the first one present becomes the basis)
GENERAL_TERMS: tuple[str, ...] = ("六大标志性产业链", "主导产业链", "6+X", "链长制", "链主", "一链一",
                                  "按链", "产业链")

_MENTION_SUFFIXES = ("产业链", "产业集群")
_PILOT = "在{chain}产业链先行先试"


def _char(ch: str) -> str:
    """A character class that also accepts the full-width (and, for letters, other-case) form."""
    if "!" <= ch <= "~":
        forms = {ch, chr(ord(ch) + 0xFEE0)}
        if ch.isalpha():
            forms |= {ch.swapcase(), chr(ord(ch.swapcase()) + 0xFEE0)}
        return "[" + "".join(re.escape(f) for f in sorted(forms)) + "]"
    return re.escape(ch)


# What may fall between two characters of a term in a copy: whitespace (line breaks) and the
# invisible characters Word and the web leave (soft hyphen, zero-width space, BOM, bidi marks).
_GAP = r"[\s\x00-\x1f\x7f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]*"


def _loose(term: str) -> str:
    """Regex for `term` that allows whitespace and invisible characters between its characters."""
    return _GAP.join(_char(ch) for ch in term)


def _words(matched: str) -> str:
    """The matched words as the graph keeps them: no whitespace, full-width forms folded (NFKC), so a
    copy with "６＋Ｘ" gives the basis "6+X" of the original; invisible characters dropped."""
    folded = unicodedata.normalize("NFKC", re.sub(r"\s+", "", matched))
    return "".join(c for c in folded if unicodedata.category(c) not in ("Cc", "Cf"))


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    words: str
    chain: str | None  # chain key; None for a general term
    rule: str


def _named_hits(segment: str, offset: int, names: dict[str, str]) -> list[_Hit]:
    """Non-overlapping chain mentions, longest first where they overlap. `names`: words -> chain key."""
    suffix = "(?:" + "|".join(_loose(s) for s in _MENTION_SUFFIXES) + ")?"
    found = []
    for words, chain in names.items():
        rule = "chain-alias" if words in CHAIN_ALIASES else "chain-name"
        for m in re.finditer(_loose(words) + r"(?:" + _GAP + suffix + ")", segment):
            found.append(_Hit(m.start() + offset, m.end() + offset, _words(m.group()), chain, rule))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    for hit in found:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def _general_hit(segment: str, offset: int, taken: list[_Hit]) -> _Hit | None:
    """The strongest general term that is not part of a named mention, at its first occurrence."""
    for term in GENERAL_TERMS:
        for m in re.finditer(_loose(term), segment):
            start, end = m.start() + offset, m.end() + offset
            if not any(h.start < end and start < h.end for h in taken):
                return _Hit(start, end, _words(m.group()), None, "all-chains")
    return None


def _span(measure: Node, text: str, source: str) -> tuple[int, int]:
    span = measure.props.get("span")
    if not (isinstance(span, (list, tuple)) and len(span) == 2 and 0 <= span[0] <= span[1] <= len(text)):
        raise LoadError(source, f"measure {measure.props.get('number', measure.key)}: span {span!r} "
                                f"is not [start, end] inside the text ({len(text)} characters)")
    return span[0], span[1]


def _rel(rel_type: str, start: tuple, chain: Node, hit: _Hit, source: str) -> Rel:
    return Rel(rel_type, start, ("Chain", chain.key),
               {"basis": hit.words, "span": [hit.start, hit.end], "source": source,
                "rule": hit.rule, "derived": True})


def _pilots(text: str, chains: Iterable[Node], source: str) -> list[Rel]:
    rels = []
    for chain in chains:
        m = re.search(_loose(_PILOT.format(chain=chain.props["name"])), text)
        if m:
            hit = _Hit(m.start(), m.end(), _words(m.group()), chain.key, "pilot")
            rels.append(_rel("PILOTS", ("Plan", source), chain, hit, source))
    return rels


def derive_supports(text: str, measures: list[Node], chains: list[Node], *, source: str) -> list[Rel]:
    """SUPPORTS rels for every measure whose words tie it to chains, then the plan's PILOTS rel.

    Parameters
    ----------
    text : the plan text the measures' spans point into.
    measures : Measure nodes with props `number` and `span` = [start, end] of the whole measure.
    chains : Chain nodes with props `name` and `flagship`.
    source : the plan's document id (also the Plan node's key).

    Returns
    -------
    Rels in measure order, chains in the given order within a measure; PILOTS last.
    Raises `LoadError` when a measure has no usable span.
    """
    by_key = {c.key: c for c in chains}
    names = {c.props["name"]: c.key for c in chains if c.props.get("name")}
    names.update({alias: names[name] for alias, name in CHAIN_ALIASES.items() if name in names})
    flagships = [c for c in chains if c.props.get("flagship")]
    rels: list[Rel] = []
    for measure in measures:
        start, end = _span(measure, text, source)
        segment = text[start:end]
        named = _named_hits(segment, start, names)
        first: dict[str, _Hit] = {}
        for hit in named:
            first.setdefault(hit.chain, hit)
        general = _general_hit(segment, start, named)
        if general:
            for chain in flagships:
                first.setdefault(chain.key, general)
        for chain in chains:  # chain order, so output is stable whatever the text order
            if chain.key in first:
                rels.append(_rel("SUPPORTS", ("Measure", measure.key), by_key[chain.key],
                                 first[chain.key], source))
    return rels + _pilots(text, chains, source)
