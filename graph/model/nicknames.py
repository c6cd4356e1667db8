"""Shorter names people use for a unit, worked out from the names units.csv gives it, never listed by hand.

Three kinds:
- the contraction a Chinese short name holds once its 市 and its kind of body (局, 委, 办 …) are dropped:
  市发改委 -> 发改, 市经信局 -> 经信, 市资规局 -> 资规, 市监局 -> 市监; a contraction, not a word, since the full
  name spells it out (发展和改革: 水利 of 衢州市水利局 is a plain word and stays a topic). It is a name only with
  a word edge on both sides (`stem_at`): 住建有哪些任务 names 市住建局, 科技创新 names no 市科技局; and not
  where the graph's other names use it as a word (营商 in the plan's title).
- the end of an English name that only one unit's name ends with: "Quzhou Intermediate People's Court" ->
  "people's court", and "court" alone as the word for an institution its Chinese name ends with (法院);
  "People's Bank of China Quzhou Branch" -> "people's bank" (行 alone is too slight); the bracketed note too
  ("NFRA Quzhou Branch (financial regulator)" -> "financial regulator"). Words that end many names
  (bureau, commission) or that also describe firms (company, group) are no one's nickname.
- the initials of an English name, or a capitalised word in it, that one unit alone has ("DRC": Development
  & Reform Commission; "NFRA"), read only where a question writes them in capitals (`english_initials`);
- an English name written with the words of the unit's field and any word for its kind of body, as
  the Chinese name says it: 市税务局 ("Tax Service") is "the tax bureau" too, since 局 is a bureau
  (`english_unit`).

>>> sorted(chinese_stems(["市发改委", "市发展改革委"], "衢州市发展和改革委员会"))
['发展改革', '发改']
>>> chinese_stems(["市监局"], "衢州市市场监督管理局"), chinese_stems(["市水利局"], "衢州市水利局")
({'市监'}, set())
>>> sorted(english_heads({"市法院": ["Quzhou Intermediate People's Court"], "市商务局": ["Municipal Commerce Bureau"],
...                       "市财政局": ["Municipal Finance Bureau"]}, {"市法院": ["市法院"], "市商务局": ["市商务局"]}).items())
[('court', {'市法院'}), ("people's court", {'市法院'})]
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["chinese_stems", "stem_at", "english_heads", "english_initials", "english_words", "body_words",
           "BODY_WORDS"]

# a Chinese short name's ending that says what kind of body it is, longest first
_CN_BODY = ("委员会", "办公室", "分局", "分行", "中心", "局", "委", "办", "会")
_CN_CITY_LEVEL = ("衢州市委", "衢州市", "衢州", "市委", "市")
# the English words for the kinds of body Chinese names end with (a translation, not a list of units)
BODY_WORDS = {
    "局": ("bureau", "administration"), "委": ("commission", "committee"),
    "委员会": ("commission", "committee"), "办": ("office",), "办公室": ("office",), "中心": ("centre", "center"),
    "法院": ("court",), "中院": ("court",), "检察院": ("procuratorate",), "海关": ("customs",),
    "公司": ("company",), "集团": ("group",), "会": ("council", "association", "federation"),
    "监管": ("regulator", "supervisor"), "部": ("department",), "行": ("bank", "branch"),
}
_FIRM_WORDS = {"company", "group", "corporation", "co.", "enterprise", "firm"}
_EN_NOISE = {"the", "quzhou", "municipal", "city", "of", "for", "and", "&", "cpc"}
_BRACKET = re.compile(r"\s*[（(]([^（()）]*)[)）]\s*$")


def chinese_stems(names, full_name: str | None, plain_words: str = "") -> set[str]:
    """Contractions of a unit's Chinese names written with the city level (市…, 衢州…): what is left once that
    and the kind of body are dropped (two to four characters, else with 市 kept: 市监局 -> 市监), when its
    characters come in the order of the full name without standing together there (发改 of
    发展和改革委员会, 住建 of 住房和城乡建设局). A stem the full name writes as it is (水利 of 衢州市水利局) is a
    word, a topic as much as a unit; so is one found in `plain_words` (the graph's titles and other names)."""
    if not full_name:
        return set()
    out = set()
    for name in names:
        city = next((c for c in _CN_CITY_LEVEL if name.startswith(c)), None)
        body = next((b for b in _CN_BODY if name.endswith(b)), None)
        if city is None or body is None or name.endswith("管委会"):
            continue
        bare = name[len(city):-len(body)]
        stem = bare if 2 <= len(bare) <= 4 else city + bare if len(bare) == 1 and city == "市" else None
        if stem and not re.search("[市委]", bare) and _contracts(stem, full_name) and stem not in plain_words:
            out.add(stem)
    return out


def _contracts(stem: str, full_name: str) -> bool:
    """True when `stem` is a contraction of `full_name`: its characters in order, but not side by side."""
    if stem in full_name:
        return False
    at = 0
    for ch in stem:
        at = full_name.find(ch, at) + 1
        if at == 0:
            return False
    return True


# what may stand next to a stem in a question: an edge of the text, punctuation, a number, a masked
# name or date, ASCII, or a function word
_BEFORE_STEM = re.compile(r"(?:^|[\s\W\d§a-z]|和|跟|与|同|及|或|由|是|让|给|对|问|查|看|帮|被|找|向)$")
_AFTER_STEM = re.compile(r"(?:$|[\s\W\d§a-z]|的|和|跟|与|同|及|或|负责|牵头|主责|主办|承担|参与|配合|协同|协作|合作|一起|共同|共担|"
                         r"有|在|是|哪|什么|谁|都|还|也|要|今年|本月|这个月|下个?月|上个?月|[上下]半年|[一二三四五六七八九十]+月|"
                         r"被|的问题|问题|任务|举措|措施|节点|截止|期限|时限|最|忙|压力|部门|系统)")


# a stem before these is a topic ("和科技有关", "文旅方面"), not a unit
_TOPIC_AFTER = re.compile(r"有关|相关|方面|领域|类|型|化|融合|改革|产业|工作")


def stem_at(text: str, start: int, end: int) -> bool:
    """True when text[start:end] stands as a word: a function word, punctuation or an edge on each side."""
    return bool(_BEFORE_STEM.search(text, 0, start)) and bool(_AFTER_STEM.match(text, end)) and \
        not _TOPIC_AFTER.match(text, end)


def _en(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    return re.sub(r"\s+", " ", text).strip()


def _head_phrase(name: str) -> tuple[list[str], str | None]:
    """"Municipal Commerce Bureau" -> ['commerce', 'bureau']; "People's Bank of China Quzhou Branch" ->
    ['people's', 'bank']: the words before "of"/"for", without the city; and the bracketed note."""
    name = _en(name)
    note = None
    if m := _BRACKET.search(name):
        name, note = name[:m.start()], m.group(1).strip()
    head = re.split(r" (?:of|for) ", name)[0]
    return [w for w in head.split() if w not in ("the", "quzhou", "municipal", "city")], note


def english_heads(english: dict[str, list[str]], chinese: dict[str, list[str]]) -> dict[str, set[str]]:
    """Short English forms one unit alone has: form -> {key}. The last word of its English name (with the
    word before it: "people's court") when that word translates the ending of its Chinese name (法院 ->
    court, 海关 -> customs, 行 -> bank), and the bracketed note ("financial regulator")."""
    heads: dict[str, set[str]] = {}  # last word -> units whose English name ends with it
    for key, names in english.items():
        for name in names:
            if words := _head_phrase(name)[0]:
                heads.setdefault(words[-1], set()).add(key)
    found: dict[str, set[str]] = {}
    for key, names in english.items():
        bodies = _translated_bodies(chinese.get(key, []))
        institutions = _translated_bodies(chinese.get(key, []), min_len=2)  # 法院, 海关: not 会, 行
        for name in names:
            words, note = _head_phrase(name)
            forms = {note} if note else set()
            last = words[-1] if words else None
            if last in bodies and heads[last] == {key} and last not in _FIRM_WORDS:
                forms |= ({" ".join(words[-2:])} if len(words) >= 2 else set()) | \
                    ({last} if last in institutions else set())
            for form in forms:
                found.setdefault(form, set()).add(key)
    return {f: keys for f, keys in found.items() if len(keys) == 1 and len(f) >= 4}


def _translated_bodies(chinese_names, min_len: int = 1) -> set[str]:
    out = set()
    for name in chinese_names:
        for ending, words in BODY_WORDS.items():
            if len(ending) < min_len:
                continue
            if name.endswith(ending) if len(ending) == 1 else ending in name:
                out.update(words)
    return out


def english_initials(english: dict[str, list[str]]) -> dict[str, set[str]]:
    """Initials (three letters or more) of each unit's English name without the city and "Municipal", and
    the capitalised words in it, those one unit alone has: form (upper case) -> {key}.

    >>> english_initials({"a": ["Municipal Development & Reform Commission"], "b": ["NFRA Quzhou Branch"]})
    {'DRC': {'a'}, 'NFRA': {'b'}}
    """
    found: dict[str, set[str]] = {}
    for key, names in english.items():
        for name in names:
            plain = _BRACKET.sub("", unicodedata.normalize("NFKC", name))
            words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", plain) if w.lower() not in _EN_NOISE]
            forms = {"".join(w[0] for w in words).upper()} | {w for w in words if w.isupper() and len(w) >= 3}
            for form in forms:
                found.setdefault(form, set()).add(key)
    return {f: keys for f, keys in found.items() if len(keys) == 1 and len(f) >= 3}


def english_words(name: str) -> set[str]:
    """The words of an English name that say its field: "Municipal Tax Service (…)" -> {'tax', 'service', …}."""
    return {w for w in re.findall(r"[a-z][a-z'-]*", _en(name)) if w not in _EN_NOISE}


def body_words(chinese_names, english_names) -> set[str]:
    """English words for a unit's kind of body: its English names' last words and the words for the
    endings of its Chinese names (局 -> bureau …)."""
    out = _translated_bodies(chinese_names)
    for name in english_names:
        words, _ = _head_phrase(name)
        if words:
            out.add(words[-1])
    return out
