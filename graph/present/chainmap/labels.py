"""What a map node says: its name in either language, its label wrapped to the lane's width, and
its hover text (always both languages, since maps are shared)."""
from __future__ import annotations

import unicodedata

from graph.present.chainmap.selection import is_leader
from graph.present.words import both, cell

__all__ = ["CLUSTER_WORDS", "display_name", "node_kind", "text_width", "wrap", "node_title", "edge_title"]


def display_name(d: dict, lang: str = "zh") -> str:
    """A node's name for people: the English name where one exists and `lang` is "en"."""
    label = d.get("label")
    if label == "Measure":
        n, tag = d.get("number"), d.get("plan_tag")  # the plan, when a map shows several plans' measures
        if lang == "en":
            return f"M{n}{f' ({tag})' if tag else ''} {d.get('title', '')}".strip()
        return f"举措{n}{f'（{tag}）' if tag else ''} {d.get('title', '')}".strip()
    if label == "Milestone":
        return f"{d.get('raw') or d.get('due') or ''} {d.get('text') or ''}".strip()
    if label == "Target":
        return str(d.get("text") or d.get("metric") or d.get("key"))
    if label == "Problem":
        return str(d.get("description") or d.get("key"))
    if label == "Pillar":
        return f"{d.get('number')}. {d.get('name', '')}"
    if label == "Cluster":
        n, what = d.get("size", 0), CLUSTER_WORDS.get(d.get("members_label"), CLUSTER_WORDS["Enterprise"])
        return f"{n} more {what[1]}" if lang == "en" else f"另有 {n} {what[0]}"
    if lang == "en":
        for k in ("name_en", "english"):
            if d.get(k):
                return str(d[k])
    return str(d.get("name") or d.get("title") or d.get("key") or "")


# What a folded group holds, with its Chinese measure word.
CLUSTER_WORDS = {"Enterprise": ("家企业", "firms"), "Project": ("个项目", "projects"),
                 "Department": ("个服务单位", "serving units"), "Measure": ("项举措", "measures")}


def node_kind(sub, n) -> str:
    """The drawing style of a node: its label, or Leader / GapProject for the marked ones."""
    d = sub.nodes[n]
    label = d.get("label")
    if label == "Enterprise" and is_leader(sub, n):
        return "Leader"
    if label == "Project" and d.get("fills_gap"):
        return "GapProject"
    return label


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def text_width(text: str, size: float) -> float:
    """Estimated drawn width of `text` at font `size` px: CJK one em, Latin about 0.6 em."""
    return sum(size if _wide(c) else 0.6 * size for c in text)


def _tokens(text: str) -> list[str]:
    """Break points: between CJK characters, at spaces, after slashes; Latin words stay whole."""
    out, word = [], ""
    for ch in text:
        if _wide(ch):
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch == " ":
            out.append(word + " ")
            word = ""
        else:
            word += ch
            if ch in "/-":
                out.append(word)
                word = ""
    if word:
        out.append(word)
    return out


_NO_LINE_START = "，。、；：）》」』】”’,.;:)%"
_NO_LINE_END = "（《「『【“‘("


def wrap(text: str, max_width: float, size: float, max_lines: int = 3) -> list[str]:
    """`text` as lines no wider than `max_width` at `size` px. Past `max_lines`, the last line keeps the
    start of what is left and the end of the name around a "…", so names that differ only at the end
    (第1号基地, 第2号基地) stay apart; the full name stays in the hover text. Closing punctuation never
    starts a line and opening punctuation never ends one.

    >>> wrap("巨化集团", 100, 14)
    ['巨化集团']
    >>> wrap("中天氟硅29万吨/年有机硅下游产品", 112, 14)
    ['中天氟硅29万吨/', '年有机硅下游产品']
    >>> wrap("Municipal Development and Reform Commission", 150, 14)
    ['Municipal', 'Development and', 'Reform Commission']
    >>> wrap("时代锂电百亿元级项目（≥100亿元）", 168, 14)
    ['时代锂电百亿元级项目', '（≥100亿元）']
    >>> wrap("衢州市某某新能源材料科技股份有限公司第12号生产基地", 168, 14, max_lines=2)
    ['衢州市某某新能源材料科技', '股份有限…第12号生产基地']
    """
    lines: list[list[str]] = []
    line: list[str] = []

    def width(tokens) -> float:
        return text_width("".join(tokens).strip(), size)

    for tok in _tokens(text):
        if line and width(line + [tok]) > max_width and tok[:1] not in _NO_LINE_START:
            carry = []
            while line and line[-1].strip() and line[-1].strip()[-1] in _NO_LINE_END:  # the opener moves down
                carry.insert(0, line.pop())
            if line:
                lines.append(line)
            line = carry + [tok]
        else:
            line.append(tok)
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        rest = [t for ln in lines[max_lines - 1:] for t in ln]
        tail: list[str] = []
        while rest and width([rest[-1]] + tail) <= 0.6 * max_width:
            tail.insert(0, rest.pop())
        head: list[str] = []
        for t in rest:
            if width(head + [t, "…"] + tail) > max_width:
                break
            head.append(t)
        lines = lines[:max_lines - 1] + [["".join(head).rstrip(), "…", "".join(tail).lstrip()]]
    return ["".join(ln).strip() for ln in lines] or [""]


def _yes(v) -> str:
    return "是 yes" if v else "否 no"


def node_title(d: dict, kind: str | None = None, facts: list[str] | None = None) -> str:
    """Plain-text hover text (vis-network shows strings as text, so nothing here is HTML): what the node
    is, its full name in both languages, its own fields, then `facts` (lines about its neighbours)."""
    kind = kind or d.get("label")
    lines = [f"{both(kind)}", f"{display_name(d, 'zh')}"]
    en = display_name(d, "en")
    if en != lines[-1]:
        lines.append(en)
    label = d.get("label")
    if label == "Segment" and d.get("stage"):
        lines.append(f"阶段 Stage: {both(d['stage'])}")
    if label == "Enterprise":
        lines.append(f"链主 Chain leader: {_yes(kind == 'Leader')}")
        if d.get("county"):
            lines.append(f"区县 County: {d['county']}")
        if d.get("listed") is not None:
            lines.append(f"上市 Listed: {_yes(d.get('listed'))}")
    if label == "Project":
        if d.get("investment") is not None:
            lines.append(f"投资 Investment: {d['investment']:g} 亿元 (100M CNY)")
        if d.get("status"):
            lines.append(f"项目阶段 Project stage: {cell('status', d['status'])} {cell('status', d['status'], 'en')}")
        lines.append(f"补链 Fills a gap: {_yes(d.get('fills_gap'))}")
    if label == "Department":
        if d.get("full_name"):
            lines.append(f"全称 Full name: {d['full_name']}")
        if d.get("kind"):
            lines.append(f"类别 Kind: {cell('kind', d['kind'])} {cell('kind', d['kind'], 'en')}")
    if label == "Cluster":
        sample = list(map(str, d.get("sample", [])))
        lines.append("含 Includes: " + "、".join(sample) + (" …" if d.get("size", 0) > len(sample) else ""))
        lines.append("完整名单见图下表格 Full list in the tables under the map")
        if d.get("investment"):
            lines.append(f"合计投资 Total investment: {d['investment']:g} 亿元")
    lines.extend(facts or ())
    if d.get("source"):
        lines.append(f"来源 Source: {d['source']}")
    if d.get("reference"):
        lines.append(f"出处 Reference: {d['reference']}")
    if d.get("illustrative"):
        lines.append("示例数据 Illustrative (not on record)")
    return "\n".join(lines)


def edge_title(d: dict) -> str:
    parts = [both(d.get("type", ""))]
    for k in ("stage", "basis", "role", "rank"):
        if d.get(k) not in (None, ""):
            parts.append(f"{k}: {d[k]}")
    return " · ".join(parts)
