"""Text that decoded but cannot be read: mojibake and characters lost in an earlier conversion.

- Mojibake: UTF-8 bytes once read as GBK (or as Latin-1 / Windows-1252) and saved again, so "衢州"
  became "琛㈠窞" (or "è¡¢å·"). It is recognised when many runs of such characters turn back into
  valid UTF-8 Chinese on re-encoding, which real text almost never does. It is refused, not
  repaired: the round trip loses characters often enough that a repair would be a guess.
- U+FFFD, the replacement character: a converter met bytes it could not read and put this in
  their place. The words it replaced are gone.

>>> garbled_at("一、主要任务\\n1.建设平台。(市发改委负责)") is None
True
>>> garbled_at("衢州市实施方案".encode("utf-8").decode("gb18030", errors="replace") * 3)[1].split(":")[0]
'the text is mojibake'
"""
from __future__ import annotations

import re

__all__ = ["garbled_at", "DAMAGE_KINDS"]

# Findings that damage produces (plan_checks, the numbering check): a bracket that does not pair up,
# two unit names run together, a responsibility list in the middle of a measure, a measure number
# that skips (a measure lost, or its number damaged). Strict loads refuse them: the graph read past
# them would be smaller or a guess at what the text meant. Lenient parsing (`lint`) reports them.
DAMAGE_KINDS = frozenset({"brackets", "run_together", "merged_measures", "numbering"})

_RUN_RX = re.compile(r"[^\x00-\x7f\s\ufffd]{4,}")
_LATIN_RUN_RX = re.compile(r"[\u0080-\u00ff\u0152-\u0178\u0192\u02c6-\u02dc\u2013-\u2122]{6,}")
_CJK_RX = re.compile(r"[\u4e00-\u9fff]")


def _back_to_utf8(run: str, encoding: str) -> bool:
    """Do the run's bytes in `encoding` read as UTF-8 Chinese (a broken character at either end aside)?"""
    try:
        back = run.encode(encoding).decode("utf-8", errors="replace")
    except UnicodeEncodeError:
        return False
    cjk = len(_CJK_RX.findall(back))
    return cjk >= 2 and cjk >= 2 * back.count("\ufffd")


def _mojibake(s: str, rx: re.Pattern[str], encoding: str) -> int | None:
    # Real Chinese runs practically never pass (none of 1,296 in the bundled plan and test corpus): two
    # that do mean a garbled stretch, even one pasted paragraph, and so does one in a short text.
    runs = 0
    first = None
    for m in rx.finditer(s):
        runs += 1
        if _back_to_utf8(m.group(), encoding):
            if first is not None:
                return first
            first = m.start()
    return first if first is not None and runs <= 3 else None


def garbled_at(s: str) -> tuple[int, str] | None:
    """(index, message) of the first sign that `s` is mojibake or lost characters, else None."""
    for rx, encodings, name in ((_RUN_RX, ("gb18030",), "GBK"), (_LATIN_RUN_RX, ("cp1252", "latin-1"), "Latin-1")):
        for encoding in encodings:
            at = _mojibake(s, rx, encoding)
            if at is not None:
                sample = s[at:at + 6]
                return at, (f"the text is mojibake: UTF-8 read as {name} and saved again ('{sample}' …); "
                            f"take the text again from the original file, opened as UTF-8")
    at = s.find("\ufffd")
    if at >= 0:
        return at, ("the text holds U+FFFD '\ufffd', the mark a converter leaves for bytes it could not "
                    "read: words are lost there; take the text again from the original file")
    return None
