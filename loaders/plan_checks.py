"""Signs that a measure's text is damaged, so that no damage turns silently into a smaller graph.

Each check looks at one measure after it was split into its words and its responsibility list and
returns (kind, index into the normalised text, message) for the parser to report with a position:

- `brackets`: an opening bracket never closed or a closer never opened (a dropped "〕", a stray
  "（") in the measure's words or in a unit name;
- `run_together`: a unit name that reads as two names with the separator lost ("市发改委市财政局");
- `merged_measures`: a responsibility list in the middle of a measure's words, followed by more
  text: the next measure's number was lost and two measures ran together.

>>> [k for k, _, _ in unbalanced("建设平台(一期。", 0)]
['brackets']
>>> [run_together(n) for n in ("市发改委市财政局", "市委组织部", "市人力资源和社会保障局", "中共衢州市委组织部")]
[True, False, False, False]
>>> run_together("市发改委智造新城管委会", {"市发改委", "智造新城管委会"})
True
"""
from __future__ import annotations

import re

__all__ = ["unbalanced", "run_together", "inner_lists", "RUN_TOGETHER_RX", "HOLDS_LIST_RX", "traditional_at"]

# Characters only traditional script uses (牽頭, 負責, 單位, 部門, 縣, 區 …). The parser reads
# simplified plans; a traditional one would be misread word by word, so it is refused instead.
_TRADITIONAL_RX = re.compile("[牽負責單門關縣區級職辦與為實這個們會發點業務經濟員開設數據項產應對時機權]")
_CJK_RX = re.compile(r"[\u4e00-\u9fff]")


def traditional_at(s: str) -> int | None:
    """Index of the first traditional-only character when the text is written in traditional
    script (at least 10 such characters and 2% of its Chinese characters), else None."""
    hits = _TRADITIONAL_RX.findall(s)
    if len(hits) >= 10 and len(hits) >= 0.02 * len(_CJK_RX.findall(s)):
        return _TRADITIONAL_RX.search(s).start()
    return None

# A responsibility list somewhere in a stretch of text: "(…负责)", "〔牵头单位:…〕", "责任单位:".
HOLDS_LIST_RX = re.compile(r"[(〔\[【][^()〔〕\[\]【】\n]{0,200}?(?:负责|牵头|配合)[)〕\]】]"
                           r"|(?:牵头|责任|配合)(?:责任)?(?:单位|部门):")

# Quotes and book-title marks are left out: they never hold a responsibility list.
_PAIRS = {")": "(", "〕": "〔", "]": "[", "】": "【", "〉": "〈"}
_OPENERS = set(_PAIRS.values())

# Where a unit name ends ("…局", "…委", "…管委会"). Inner ends leave out words that also close
# parts of one name ("社会", "政府办公室", "银行…分行").
_INNER_END = r"(?:局|委|办|厅|署|中心|公司|集团|管委会|院|海关|联|部|行|(?<!社)会)"
_NAME_END = r"(?:局|委|办|厅|署|中心|公司|集团|法院|检察院|海关|联|部|会|院|行|政府|室|队|所|站)"
RUN_TOGETHER_RX = re.compile(rf"(?<=[\u4e00-\u9fff]{{2}}){_INNER_END}(?=([\u4e00-\u9fff]+{_NAME_END})$)")

# What ends a responsibility list: "…负责", "…牵头", "…配合", or a "责任单位:" label inside.
_LIST_END_RX = re.compile(r"(?:负责|牵头|配合|参与)$|^(?:牵头|责任|配合|主责)(?:单位|部门):")


def unbalanced(s: str, base: int) -> list[tuple[str, int, str]]:
    """Brackets that do not pair up in s; base is added to every index returned."""
    stack: list[int] = []
    for i, c in enumerate(s):
        if c in _OPENERS:
            stack.append(i)
        elif c in _PAIRS:
            if stack and s[stack[-1]] == _PAIRS[c]:
                stack.pop()
            else:
                return [("brackets", base + i, f"'{c}' closes a bracket that was never opened")]
    if stack:
        i = stack[0]
        return [("brackets", base + i, f"'{s[i]}' is never closed")]
    return []


# Organs that are written as one name on purpose: "市纪委市监委" (one commission, two titles).
_JOINT_RX = re.compile(r".*纪委[省市县区]?监委")


# How a unit's name starts: a level ("市…", "省…"), "团市委", "中共…", "国网…".
_LEVEL_START_RX = re.compile(r"[省市县区州]|团[省市县区]|中共|国网")


def run_together(name: str, known: frozenset[str] | set[str] = frozenset()) -> bool:
    """Does `name` read as two unit names with the separator lost? Either both halves are names
    the same document uses elsewhere ("市发改委" + "智造新城管委会"), or the second half starts
    as the first does or with a level ("市检察院" + "市法院", "团市委" + "市工商联"); a full name
    such as "中共衢州市委组织部" or "国家税务总局衢州市税务局" is neither."""
    if _JOINT_RX.fullmatch(name):
        return False
    for m in RUN_TOGETHER_RX.finditer(name):
        head, tail = name[:m.end()], name[m.end():]
        if len(tail) >= 3 and ((head in known and tail in known) or tail[0] == name[0]
                               or _LEVEL_START_RX.match(tail)):
            return True
    return False


def inner_lists(s: str, base: int) -> list[tuple[str, int, str]]:
    """Responsibility lists that sit inside a measure's words with more words after them."""
    out = []
    depth, start = 0, 0
    for i, c in enumerate(s):
        if c in "(〔[【":
            if depth == 0:
                start = i
            depth += 1
        elif c in ")〕]】" and depth:
            depth -= 1
            if depth == 0 and _LIST_END_RX.search(s[start + 1:i]) and len(s[i + 1:].strip("。;, ")) >= 2:
                out.append(("merged_measures", base + start,
                            "a responsibility list stands in the middle of the measure and more "
                            "text follows: a measure number may be missing after it"))
    return out
