"""Damage the bundled plan in every way a copy can be damaged and count what the loader does.

    python benchmarks/fuzz_plan.py [--n 10000] [--seed 1] [--show 3]

For each kind of damage the script makes --n / kinds variants of the bundled plan and parses each
(strict mode, as `python -m graph` loads). Kinds that damage the file's bytes (encodings, cut bytes,
binary files) are decoded first as `read_plan` decodes a file. Every outcome is one of:

- same      the graph equals the undamaged one (spans aside): nothing was lost (harmless damage:
            PDF page numbers, Word artefacts, line ends, an encoding a byte-order mark names)
- refused   PlanParseError, one line naming file and position
- reported  a graph, with a lint finding that names a position near the damage (within a
            measure or two, NEAR characters)
- SILENT    a different graph and no finding: a silent partial graph (must be 0)
- CRASH     any other exception (must be 0)

Kinds that a parser cannot detect are listed in README ("What the loader refuses").
Prints one table; no assertions (tests/test_plan_fuzz.py runs a small sample with assertions).
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.plan import ParsedPlan, PlanParseError, _decode, parse_plan  # noqa: E402

PLAN = ROOT / "data" / "quzhou-2024-business-environment-plan.txt"
TEXT = PLAN.read_text(encoding="utf-8")
DOC = "quzhou-2024-business-environment-plan"


def graph_of(p: ParsedPlan) -> tuple:
    nodes = sorted((n.label, str(n.key), sorted((k, repr(v)) for k, v in n.props.items() if k != "span"))
                   for n in p.nodes)
    rels = sorted((r.type, str(r.start), str(r.end), sorted((k, repr(v)) for k, v in r.props.items()
                                                              if k != "span")) for r in p.rels)
    return nodes, rels


BASE = parse_plan(TEXT, doc_id=DOC)
EXPECTED = graph_of(BASE)
assert not BASE.findings

MEASURES = sorted(n.props["span"] for n in BASE.nodes if n.label == "Measure")
UNITS = sorted(r.props["span"] for r in BASE.rels if r.type == "RESPONSIBLE_FOR")
ZONE = (MEASURES[0][0], TEXT.index("三、工作保障"))
LISTS = []  # (open, close) of each measure's responsibility list
for a, b in MEASURES:
    close = b - 1
    depth, i = 0, close
    while i > a:
        if TEXT[i] in ")）〕":
            depth += 1
        elif TEXT[i] in "(（〔":
            depth -= 1
            if depth == 0:
                break
        i -= 1
    LISTS.append((i, close))
SEPARATORS = [i for a, b in LISTS for i in range(a, b) if TEXT[i] == "、"]
AFFILIATE_CLOSERS = [i for a, b in LISTS for i in range(a + 1, b) if TEXT[i] in "〕)）"]
NUMBERS = [(a, re.match(r"\d{1,2}[.．]", TEXT[a:]).end() + a) for a, _ in MEASURES]
LINE_STARTS = [i for i in range(*ZONE) if TEXT[i - 1] == "\n"]
INVISIBLE = [chr(c) for c in range(0x20) if chr(c) not in "\n\r"] + ["\u200b", "\u202e", "\ufeff", "\u2066",
                                                                      "\u00ad", "\u200e", "\x7f"]


def _put(text: str, i: int, piece: str) -> str:
    return text[:i] + piece + text[i:]


def _drop(text: str, i: int, n: int = 1) -> str:
    return text[:i] + text[i + n:]


def drop_list_closer(rng: random.Random) -> str:
    """A responsibility list loses its closing bracket (or an affiliate's 〕)."""
    if rng.random() < 0.7:
        return _drop(TEXT, rng.choice(LISTS)[1])
    return _drop(TEXT, rng.choice(AFFILIATE_CLOSERS))


def stray_opener(rng: random.Random) -> str:
    """A stray opening bracket inside a measure (its words or its list)."""
    a, b = rng.choice(MEASURES)
    return _put(TEXT, rng.randrange(a + 3, b), rng.choice("(（〔【["))


def lost_separator(rng: random.Random) -> str:
    """One or more 、 between units vanish."""
    text = TEXT
    for i in sorted(rng.sample(SEPARATORS, rng.choice((1, 1, 2, 3))), reverse=True):
        text = _drop(text, i)
    return text


def damaged_number(rng: random.Random) -> str:
    """A measure number is deleted, loses its dot, or is changed."""
    k = rng.randrange(len(NUMBERS))
    a, b = NUMBERS[k]
    way = rng.choice(("delete", "dot", "change", "repeat"))
    if way == "delete":
        return _drop(TEXT, a, b - a)
    if way == "dot":
        return _drop(TEXT, b - 1)
    written = TEXT[a:b - 1]
    new = str(k) if way == "repeat" else str(rng.choice([n for n in range(1, 40) if n not in (k + 1,)]))
    return TEXT[:a] + new + TEXT[b - 1:] if new != written else _drop(TEXT, a, b - a)


def early_closing(rng: random.Random) -> str:
    """A closing heading (工作保障 …) appears at a line start among the measures."""
    heading = rng.choice(("三、工作保障\n", "三、保障措施\n", "三、组织实施\n", "四、工作要求\n"))
    return _put(TEXT, rng.choice(LINE_STARTS[1:]), heading)


def truncated(rng: random.Random) -> str:
    """The document stops somewhere among the measures."""
    return TEXT[:rng.randrange(ZONE[0] + 1, ZONE[1])]


def cut_at_measure(rng: random.Random) -> str:
    """The document stops exactly where a measure begins (or just before the closing section)."""
    return TEXT[:rng.choice([a for a, _ in MEASURES[1:]] + [ZONE[1]])]


def invisible_in_names(rng: random.Random) -> str:
    """Control and format characters land inside unit names."""
    text = TEXT
    for a, b in sorted(rng.sample(UNITS, rng.choice((1, 2, 5))), reverse=True):
        text = _put(text, rng.randrange(a + 1, b), rng.choice(INVISIBLE))
    return text


# ---- damage that copies from PDF, Word, other encodings and interrupted saves bring -----------------

INSIDE = [i for a, b in MEASURES for i in range(a + 4, b - 1)]  # a line break here only wraps a line
SPACE_OK = [i for i in INSIDE if not (TEXT[i - 1].isascii() and TEXT[i - 1].isalnum()
                                      and TEXT[i].isascii() and TEXT[i].isalnum())]
_PAGE_FORMS = ("— {n} —", "-{n}-", "- {n} -", "－{n}－", "第{n}页", "第 {n} 页 共 {m} 页", "{n}/{m}", "{n}")
_HEADERS = ("衢州市人民政府办公室", "衢州市2024年营商环境优化提升实施方案", "衢州市人民政府办公室文件")


def pdf_pages(rng: random.Random) -> str:
    """Page breaks of a PDF copy: a page number (one style per document) on a line of its own,
    falling anywhere a line may wrap, sometimes with the next page's running header."""
    form, header = rng.choice(_PAGE_FORMS), rng.choice((None, None) + _HEADERS)
    text, breaks = TEXT, sorted(rng.sample(INSIDE + LINE_STARTS, rng.randint(2, 8)))
    pages = len(breaks) + 2
    for k, i in reversed(list(enumerate(breaks, start=2))):
        piece = form.format(n=k, m=pages)
        if header:
            piece += "\n" + header
        if TEXT[i - 1] == "\n":  # at a line start: the page line stands before it
            text = _put(text, i, piece + "\n")
        else:
            text = _put(text, i, "\n" + piece + "\n")
    return text


def word_artefacts(rng: random.Random) -> str:
    """What Word and the web leave: zero-width and no-break spaces, soft hyphens, BOMs mid-file,
    ideographic spaces, straight quotes for “ ”, full-width digits, letters and ％."""
    text = TEXT
    way = rng.choice(("invisible", "spaces", "quotes", "full_width"))
    if way == "quotes":
        return text.replace("“", '"').replace("”", '"')
    if way == "full_width":
        chars = "0123456789%+" + ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" if rng.random() < .5 else "")
        return text.translate({ord(c): ord(c) + 0xFEE0 for c in chars})
    pieces = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad") if way == "invisible" else (
        "\u00a0", "\u3000", "\u2002", "\u2003", " ")
    for i in sorted(rng.sample(SPACE_OK if way == "spaces" else INSIDE, rng.choice((1, 5, 30))), reverse=True):
        text = _put(text, i, rng.choice(pieces))
    return text


def line_ends(rng: random.Random) -> str:
    """Windows (CR LF) or old Mac (CR) line ends, mixed or whole; tabs or ideographic spaces
    indenting the lines."""
    way = rng.choice(("crlf", "cr", "mixed", "indent"))
    if way == "crlf":
        return TEXT.replace("\n", "\r\n")
    if way == "cr":
        return TEXT.replace("\n", "\r")
    if way == "mixed":
        return "".join(rng.choice(("\n", "\r\n", "\r")) if c == "\n" else c for c in TEXT)
    return "\n".join(rng.choice(("\t", "\u3000\u3000", "  ")) + ln for ln in TEXT.split("\n"))


def encoded(rng: random.Random) -> bytes:
    """The file saved in another encoding: with a byte-order mark (readable as it is) or without
    (GBK, UTF-16 without a BOM: to be refused with the byte where UTF-8 stops)."""
    enc = rng.choice(("utf-8-sig", "utf-16", "utf-32", "utf-16-be-bom", "gbk", "gb18030", "utf-16-le", "big5"))
    if enc == "utf-16-be-bom":
        return b"\xfe\xff" + TEXT.encode("utf-16-be")
    return TEXT.encode(enc, errors="replace")


def mojibake(rng: random.Random) -> str:
    """UTF-8 once read as GBK or Windows-1252 and saved again: the whole file or one pasted measure."""
    enc = rng.choice(("gbk", "gb18030", "cp1252", "latin-1"))
    if rng.random() < 0.5:
        return TEXT.encode("utf-8").decode(enc, errors="replace")
    a, b = rng.choice(MEASURES)
    return TEXT[:a] + TEXT[a:b].encode("utf-8").decode(enc, errors="replace") + TEXT[b:]


def cut_bytes(rng: random.Random) -> bytes:
    """An interrupted copy or download: the bytes stop anywhere, often inside a character."""
    data = TEXT.encode("utf-8")
    return data[:rng.randrange(len(data) // 4, len(data))]


def binary(rng: random.Random) -> bytes:
    """A file that is not text at all under a .txt name: a Word or Excel file, a PDF, an image."""
    magic = rng.choice((b"PK\x03\x04\x14\x00\x06\x00", b"%PDF-1.7\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                        b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0"))
    return magic + bytes(rng.randrange(256) for _ in range(rng.randrange(16, 400)))


def copied_twice(rng: random.Random) -> str:
    """A measure pasted twice, or one pasted over by the next (its block gone)."""
    k = rng.randrange(len(MEASURES) - 1)
    a, b = MEASURES[k]
    nxt = MEASURES[k + 1][0]
    if rng.random() < 0.5:
        return TEXT[:nxt] + TEXT[a:nxt] + TEXT[nxt:]
    return TEXT[:a] + TEXT[nxt:]


KINDS = {f.__name__: f for f in (drop_list_closer, stray_opener, lost_separator, damaged_number,
                                  early_closing, truncated, cut_at_measure, invisible_in_names,
                                  pdf_pages, word_artefacts, line_ends, encoded, mojibake, cut_bytes, binary,
                                  copied_twice)}


NEAR = 1200  # characters: a measure of the bundled plan is 150-500


def classify(text: str | bytes) -> str:
    try:
        if isinstance(text, bytes):  # a file's bytes: decoded as read_plan decodes them
            text = _decode(Path("fuzz.txt"), text)
        p = parse_plan(text, doc_id=DOC)
    except PlanParseError as e:
        return "refused" if "\n" not in str(e) else "CRASH"
    except Exception:  # noqa: BLE001 - any other exception is what this script counts
        return "CRASH"
    dirty = any(unicodedata.category(ch) in ("Cc", "Cf") for n in p.nodes if n.label == "Department"
                for ch in str(n.key))
    if not dirty and graph_of(p) == EXPECTED:
        return "same"
    at = len(os.path.commonprefix([text, TEXT]))
    if not dirty and any(abs(f.offset - at) <= NEAR for f in p.findings):
        return "reported"
    return "SILENT"


def run(n: int, seed: int, show: int = 0) -> dict[str, Counter]:
    rng = random.Random(seed)
    out: dict[str, Counter] = {k: Counter() for k in KINDS}
    shown: Counter = Counter()
    per_kind = max(1, n // len(KINDS))
    for kind, make in KINDS.items():
        for _ in range(per_kind):
            text = make(rng)
            outcome = classify(text)
            out[kind][outcome] += 1
            if outcome in ("SILENT", "CRASH") and shown[kind] < show:
                shown[kind] += 1
                if isinstance(text, bytes):
                    print(f"  {outcome} {kind}: {text[:60]!r}", file=sys.stderr)
                    continue
                i = next((j for j, (x, y) in enumerate(zip(text, TEXT)) if x != y), len(text))
                print(f"  {outcome} {kind} at {i}: {text[max(0, i - 30):i + 30]!r}", file=sys.stderr)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=None, help="variants (default 10,000; 1,000 with --quick)")
    ap.add_argument("--quick", action="store_true", help="1,000 variants: about ten seconds")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=3, help="print up to N silent or crashing variants per kind")
    args = ap.parse_args()
    args.n = args.n or (1_000 if args.quick else 10_000)
    t = time.perf_counter()
    out = run(args.n, args.seed, args.show)
    cols = ("same", "refused", "reported", "SILENT", "CRASH")
    print(f"{'kind':20} " + " ".join(f"{c:>8}" for c in cols) + f" {'total':>7}")
    total: Counter = Counter()
    for kind, c in out.items():
        total += c
        print(f"{kind:20} " + " ".join(f"{c[x]:>8}" for x in cols) + f" {sum(c.values()):>7}")
    print(f"{'all':20} " + " ".join(f"{total[x]:>8}" for x in cols) + f" {sum(total.values()):>7}")
    print(f"{sum(total.values())} variants in {time.perf_counter() - t:.1f} s; "
          f"silent partial graphs: {total['SILENT']}, crashes: {total['CRASH']}")
    print(f"RESULT variants={sum(total.values())} same={total['same']} refused={total['refused']} "
          f"reported={total['reported']} silent={total['SILENT']} crashes={total['CRASH']} "
          f"seconds={time.perf_counter() - t:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
