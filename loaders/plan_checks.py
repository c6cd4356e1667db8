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
>>> bool(RUN_TOGETHER_RX.search("市发改委市财政局")), bool(RUN_TOGETHER_RX.search("市委组织部"))
(True, False)
"""
from __future__ import annotations

import re

__all__ = ["unbalanced", "run_together", "inner_lists", "RUN_TOGETHER_RX"]

# Quotes and book-title marks are left out: they never hold a responsibility list.
_PAIRS = {")": "(", "〕": "〔", "]": "[", "】": "【", "〉": "〈"}
_OPENERS = set(_PAIRS.values())

# A unit name ends in one of these; a second name starting right after one is a lost separator.
_UNIT_END = r"(?:局|委|办|厅|署|中心|公司|集团|政府|管委会|法院|检察院|海关|联|会)"
_UNIT_START = r"(?:[省市县区州]|国网|团市委)"
RUN_TOGETHER_RX = re.compile(rf"{_UNIT_END}(?={_UNIT_START}[\u4e00-\u9fff]{{1,12}}{_UNIT_END}$)")

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


def run_together(name: str) -> bool:
    return bool(RUN_TOGETHER_RX.search(name)) and not _JOINT_RX.fullmatch(name)


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
