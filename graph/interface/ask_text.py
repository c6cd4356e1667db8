"""A question as `ask` reads it: one spelling for the many ways people type the same thing.

Full-width characters and circled numbers fold to plain ones (NFKC: ９ -> 9, ⑨ -> 9, ？ -> ?), traditional
characters to simplified ones (OpenCC's t2s table: 發改委負責 -> 发改委负责), and spoken words to the
written ones the intents look for (啥 -> 什么, 咋 -> 怎么); then everything is lower-cased.

>>> read_text("第十二條由哪些部門負責？")
'第十二条由哪些部门负责?'
>>> read_text("举措⑨啥时候完成"), read_text("Who leads Ｍ９")
('举措9什么时候完成', 'who leads m9')
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

__all__ = ["read_text", "SPOKEN"]

# spoken forms -> the written words the intents are phrased in
SPOKEN = {"啥": "什么", "咋": "怎么", "哪儿": "哪里", "多会儿": "什么时候", "几时": "什么时候"}
_SPOKEN = re.compile("|".join(map(re.escape, sorted(SPOKEN, key=len, reverse=True))))


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def read_text(question: str) -> str:
    text = _t2s().convert(unicodedata.normalize("NFKC", question))
    return _SPOKEN.sub(lambda m: SPOKEN[m.group(0)], text).lower()
