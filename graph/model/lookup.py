"""Find a unit, chain, firm, plan, pillar or measure by what people call it.

One index over the graph's own names: a unit's short name, full name, aliases and English name; a
chain's id, name and English name; a firm's id and name; a plan's id, title and year; a pillar's
number, name and theme; a measure's number and title. Besides the names as written it knows the forms
people drop or add: the 衢州市 / 市 prefix ("发改委", "衢州市发改委", "经济和信息化局"), a firm's short
name without its bracket or company suffix ("仙鹤", "巨化"), an English name with or without
"Municipal". A unit of another place's plan (丽水市发改委) is also found by the short name its plan writes
and with its place in front (丽水发改委); its place is kept as the `city` form, which finds nothing itself.
Long and short forms of a body's name (发展改革委, 发改委) are variants of each other. A form two
entities share is ambiguous and never picks one of them.

Rows come from the named query `name_index` (so Neo4j and networkx give the same index); `name_rows`
is its networkx side. A name that is not found raises `graph.errors.NotFound` with the closest names.

Examples
--------
>>> rows = [{"kind": "department", "key": "市发改委", "name": "市发改委", "form": f, "field": fd, "plan": None}
...         for fd, f in (("name", "市发改委"), ("full_name", "衢州市发展和改革委员会"))]
>>> lk = Lookup(rows)
>>> [lk.find("department", q).key for q in ("发改委", "衢州市发改委", "发展和改革委员会")]
['市发改委', '市发改委', '市发改委']
>>> lk.suggest("department", "市发改局")
['市发改委']
"""
from __future__ import annotations

import re
import unicodedata
import weakref
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

from graph.errors import NotFound
from graph.model.nicknames import body_words, chinese_stems, english_heads, english_initials, english_words, stem_at
from loaders.plan_place import stem

__all__ = ["KINDS", "Entity", "Mention", "Lookup", "name_rows", "norm", "node_matches", "nodes_matching"]

KINDS = ("department", "chain", "enterprise", "plan", "pillar", "measure")
LABEL_OF = {"department": "Department", "chain": "Chain", "enterprise": "Enterprise", "plan": "Plan",
            "pillar": "Pillar", "measure": "Measure"}
# kind -> (field, node property) read into the index; `key` is the node's key property
FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "department": (("name", "name"), ("full_name", "full_name"), ("alias", "aliases"), ("english", "english"),
                   ("written", "written"), ("city", "city")),
    "chain": (("id", "id"), ("name", "name"), ("english", "name_en")),
    "enterprise": (("id", "id"), ("name", "name")),
    "plan": (("id", "id"), ("title", "title"), ("year", "year"), ("city", "city")),
    "pillar": (("number", "number"), ("name", "name"), ("theme", "theme")),
    "measure": (("number", "number"), ("title", "title")),
}
KEY_OF = {"department": "name", "chain": "id", "enterprise": "id", "plan": "id", "pillar": "id", "measure": "id"}
NAME_OF = {"department": "name", "chain": "name", "enterprise": "name", "plan": "title", "pillar": "name",
           "measure": "title"}
SCANNED = ("department", "chain", "enterprise")  # kinds found by name inside a question
# Fields an entity carries but is not found by: a unit's or plan's place (丽水市) names many units.
NOT_NAMES = ("city",)

_CITY = ("衢州市", "衢州")  # the home city's units are written with it or without
# Long and short forms of the same body name, as every city writes them: 丽水市发展改革委 is 丽水市发改委.
_SAME_BODY = (("发展和改革委员会", "发展改革委", "发改委"), ("经济和信息化局", "经信局"), ("科学技术局", "科技局"),
              ("人力资源和社会保障局", "人力社保局", "人社局"), ("住房和城乡建设局", "住房城乡建设局", "住建局"),
              ("市场监督管理局", "市场监管局"), ("卫生健康委员会", "卫生健康委", "卫健委"),
              ("自然资源和规划局", "资源规划局"), ("交通运输局", "交通局"))
_COMPANY_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团", "股份", "控股", "公司")
_REGION_PREFIXES = ("浙江省", "浙江", "衢州市", "衢州")
_COMPANY_KINDS = ("纸业", "化工", "化学", "集团", "股份", "公司", "科技", "控股", "电子", "制药", "药业")
# industry words after a firm's brand; 锂电 and 新能源 are left out: 时代 and 一道 are everyday words
_BRAND_TAILS = ("新能源材料", "新材料", "特种纸", "能源", "材料", "化学", "稀材", "电科", "氟硅")
_TRAILING_BRACKET = re.compile(r"\s*[（(]([^（()）]*)[)）]\s*$")
_QUOTES = re.compile("[\"'“”‘’「」『』《》]")  # 吉利“三电” is asked about as 吉利三电
_EN_DROP = re.compile(r"^(?:the|quzhou|municipal|city)\s+")


def norm(text: str) -> str:
    """Comparison form: NFKC (full-width folds), case-folded, '&' read as 'and', spaces collapsed
    (and dropped next to Chinese characters, which are written without them).

    >>> norm("  Special  Paper "), norm("市 发改委"), norm("Economy & IT")
    ('special paper', '市发改委', 'economy and it')
    """
    text = _QUOTES.sub("", unicodedata.normalize("NFKC", str(text)).casefold().replace("&", " and "))
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)


def _company_forms(name: str) -> set[str]:
    """"仙鹤股份（浙江仙鹤特种纸）" -> 仙鹤股份, 浙江仙鹤特种纸, 仙鹤特种纸, 仙鹤 ...: the names people use."""
    out, todo = set(), [name]
    m = _TRAILING_BRACKET.search(name)
    if m:
        todo += [name[:m.start()], m.group(1)]
    while todo:
        form = todo.pop().strip()
        if len(form) < 2 or form in out:
            continue
        out.add(form)
        # 浙江夏王纸业 -> 夏王纸业, but 衢州正极材料 stays whole: 正极材料 alone names an industry, not a firm
        todo += [form[len(p):] for p in _REGION_PREFIXES if form.startswith(p) and form.endswith(_COMPANY_KINDS)]
        todo += [form[:-len(s)] for s in _COMPANY_SUFFIXES if form.endswith(s)]
    # the brand before an industry word: 华金新能源材料 -> 华金, 鹏辉能源 -> 鹏辉, 先导稀材 -> 先导; only for a
    # name as written that does not open with a place (衢州正极材料 names an industry, not a firm)
    for written in {name, name[:m.start()] if m else name, m.group(1) if m else ""}:
        written = written.strip()
        if written.startswith(_REGION_PREFIXES) or written.endswith(("新能源", "锂电")):
            continue
        for tail in _BRAND_TAILS:
            if written.endswith(tail) and len(written) - len(tail) >= 2:
                out.add(written[:-len(tail)])
                break
    return {f for f in out if f not in ("示例", *_REGION_PREFIXES)}


# a two-character form left by dropping 市/the city names an institution only when it ends like one (人行,
# 法院, 海关); other two-character rests (e.g. 监管 of a 市监管X) are too common as words to stand for a unit
_INSTITUTION_ENDS = ("院", "关", "行", "局", "委", "办")


def _unit_forms(form: str, cities: tuple[str, ...] = _CITY, short_ok: bool = True) -> set[str]:
    """"衢州市经济和信息化局" -> 经济和信息化局, 市经济和信息化局; "市发改委" -> 发改委, 衢州市发改委; "市法院" -> 法院.
    `cities`: the unit's place as written with and without its level (丽水市, 丽水 for a unit of another city)."""
    out = {form}
    # a national body's local branch, named by the body: 中国人民银行衢州市分行 -> 人民银行
    branch = re.match(rf"^中国(.+?)(?:{'|'.join(map(re.escape, cities))}).+$", form)
    if branch and len(branch.group(1)) >= 4:
        out.add(branch.group(1))
    for body in _SAME_BODY:
        for long in body:
            if long in form:
                out |= {form.replace(long, other) for other in body}
                break
    for city in cities:
        if form.startswith(city) and len(form) - len(city) >= 2:
            rest = form[len(city):]
            out |= {rest, rest if rest.startswith("市") else "市" + rest}
            break
    for f in list(out):
        if f.endswith("管委会") and len(f) >= 6:  # 智造新城管委会 -> 智造新城
            out.add(f[:-3])
        if f.endswith("部门") and len(f) >= 6:  # 市场监管部门 -> 市场监管 (水利部门 stays: 水利 is a topic)
            out.add(f[:-2])
    for f in list(out):
        if f.startswith("市委") and len(f) >= 5:  # 市委组织部 -> 组织部
            out |= {f[2:], cities[-1] + f}
        elif f.startswith("市") and not f.startswith(("市级", "市委")) and len(f) >= 3:
            out |= {f[1:], cities[-1] + f}
    return {f for f in out if len(f) >= 3 or (short_ok and len(f) == 2 and f.endswith(_INSTITUTION_ENDS))}


# "housing and urban-rural development bureau": paired fields, then the kind of body (not "… of the …")
_EN_PAIRED = re.compile(r"^((?:(?! of )[^,])+?)(?:,| and )(?:(?! of ).)* (bureau|commission|office|centre|center|"
                        r"committee|service|administration)$")


def _english_forms(form: str) -> set[str]:
    """"Municipal Housing & Urban-Rural Development Bureau" -> "housing and urban-rural development bureau",
    and the first of the paired fields with the kind of body: "housing bureau" (how people shorten it)."""
    out, f = {form}, norm(_TRAILING_BRACKET.sub("", form))
    while (shorter := _EN_DROP.sub("", f)) != f:
        f = shorter
        out.add(f)
    if (m := _EN_PAIRED.match(f)) and not {"for", "of", "on"} & set(m.group(1).split()):
        first = m.group(1).split()
        # the whole first field, or its opening two words or more: "big data (development) bureau"
        for n in range(2 if len(first) > 2 else len(first), len(first) + 1):
            out.add(f"{' '.join(first[:n])} {m.group(2)}")
    return out


def _variants(kind: str, field: str, form: str, city: str | None = None) -> set[str]:
    """Forms people write besides `form` itself (the index treats them as weaker than written names);
    `city`: a unit's place when it is not the home city's."""
    if kind == "department" and field in ("name", "full_name", "alias", "written"):
        return _unit_forms(form, (city, stem(city)) if city else _CITY,
                           short_ok=field != "alias") - {form}  # 市监局 is no 监局
    if kind in ("department", "chain") and field == "english":
        return _english_forms(form) - {form}
    if kind == "chain" and field == "id":
        return {form.replace("-", " "), form.replace("-", "")} - {form}
    if kind == "enterprise" and field == "name":
        return _company_forms(form) - {form}
    return set()


# --- the index's rows, from a networkx graph (the twin of queries/name_index.cypher) ---------------------

def name_rows(g) -> list[dict]:
    """Rows kind, key, name, form, field, plan: every name of every unit, chain, firm, plan, pillar and
    measure in `g`, as `queries/name_index.cypher` returns them (ordered by kind, key, field, form)."""
    found = set()
    label_kind = {v: k for k, v in LABEL_OF.items()}
    for _, d in g.nodes(data=True):
        kind = label_kind.get(d.get("label"))
        if kind is None or d.get(KEY_OF[kind]) is None:
            continue
        key, name = str(d[KEY_OF[kind]]), d.get(NAME_OF[kind])
        plan = d.get("id") if kind == "plan" else d.get("plan") if kind in ("pillar", "measure") else None
        for field, prop in FIELDS[kind]:
            values = d.get(prop)
            for v in values if isinstance(values, list) else [values]:
                if v is not None and v != "":
                    found.add((kind, key, name, str(v), field, plan))
    cols = ("kind", "key", "name", "form", "field", "plan")
    return [dict(zip(cols, r)) for r in sorted(found, key=lambda r: (r[0], r[1], r[4], r[3]))]


# --- exact matching as the Cypher WHERE clauses do it (the twins use this) -------------------------------

def node_matches(attrs: dict, value, fields=("id", "name")) -> bool:
    """True when `value` is None (no filter) or equals one of `fields` (a list property counts when it
    contains `value`): the twins' form of `$x IS NULL OR n.id = $x OR n.name = $x`."""
    if value is None:
        return True
    for f in fields:
        v = attrs.get(f)
        if v == value or (isinstance(v, list) and value in v):
            return True
    return False


def nodes_matching(g, label: str, value, fields=("id", "name")) -> list[str]:
    """Ids of the `label` nodes that `node_matches` `value` (all of them when `value` is None)."""
    return [n for n, d in g.nodes(data=True) if d.get("label") == label and node_matches(d, value, fields)]


_BY_GRAPH: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


# --- the index --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entity:
    kind: str
    key: str  # the node's key: a unit's short name, a chain/firm/plan id, a pillar/measure id
    name: str | None  # short name, chain/firm name, plan title, pillar name, measure title
    plan: str | None  # the plan a pillar or measure belongs to
    forms: tuple[tuple[str, str], ...]  # (field, form as written)

    def form(self, field: str) -> str | None:
        return next((f for fd, f in self.forms if fd == field), None)

    @property
    def number(self) -> int | None:
        n = self.form("number")
        return int(n) if n is not None and n.isdigit() else None

    @property
    def value(self) -> str | int:
        """What a named query takes for this entity: a unit's or chain's or firm's name, a number."""
        if self.kind in ("measure", "pillar"):
            return self.number
        if self.kind == "plan":
            return self.key
        return self.name or self.key

    def label(self) -> str:
        """How suggestions show it: 市发改委, 特种纸, 第10条 持续深化不动产登记改革."""
        if self.kind == "measure":
            return f"第{self.number}条 {self.name or ''}".strip()
        if self.kind == "pillar":
            return f"第{self.number}部分 {self.name or ''}".strip()
        return str(self.name or self.key)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str
    entities: tuple[Entity, ...]  # more than one: the form is ambiguous
    form: str


class Lookup:
    """Entities by kind, with their written forms and the variants people use."""

    def __init__(self, rows):
        grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for r in rows:
            grouped[r["kind"], str(r["key"])].append(r)
        self._entities: dict[str, dict[str, Entity]] = {k: {} for k in KINDS}
        for (kind, key), rs in sorted(grouped.items()):
            forms = tuple(sorted({(r["field"], str(r["form"])) for r in rs}))
            self._entities.setdefault(kind, {})[key] = Entity(kind, key, rs[0].get("name"), rs[0].get("plan"),
                                                              forms)
        # kind -> normalised form -> keys; written forms and generated variants apart, so a written name
        # always wins over someone else's variant
        self._written: dict[str, dict[str, set[str]]] = {k: defaultdict(set) for k in self._entities}
        self._variant: dict[str, dict[str, set[str]]] = {k: defaultdict(set) for k in self._entities}
        self._forms: dict[str, dict[str, tuple[Entity, ...]]] = {}  # built on first use
        self._leads: dict[str, str] = {}
        for kind, by_key in self._entities.items():
            for key, e in by_key.items():
                for field, form in e.forms:
                    if field in NOT_NAMES:
                        continue
                    self._written[kind][norm(form)].add(key)
                    for v in _variants(kind, field, form, e.form("city")):
                        self._variant[kind][norm(v)].add(key)
        self._stems = self._nicknames()
        self._shared_brands()

    def _shared_brands(self) -> None:
        """A firm's short name that another firm's name also opens with (华邦 of 华邦特种纸 and of 华邦古楼新材料)
        names both, so it is ambiguous rather than the first one's."""
        names = [(k, norm(e.name or "")) for k, e in self._entities.get("enterprise", {}).items()]
        for form, keys in self._variant.get("enterprise", {}).items():
            if len(form) >= 2 and form not in self._written["enterprise"]:
                keys |= {k for k, name in names if name.startswith(form)}

    def _nicknames(self) -> dict[str, tuple[Entity, ...]]:
        """Units' nicknames worked out from all their names (`graph.model.nicknames`): English ends one unit
        alone has become variants; Chinese stems (发改, 住建) are returned, found only as words of their own."""
        units = self._entities.get("department", {})
        chinese = {k: [f for fd, f in e.forms if fd in ("name", "full_name", "alias", "written")]
                   for k, e in units.items()}
        english = {k: [f for fd, f in e.forms if fd == "english"] for k, e in units.items()}
        self._initials = {form: units[next(iter(keys))] for form, keys in english_initials(english).items()}
        for form, keys in english_heads(english, chinese).items():
            if norm(form) not in self._written["department"]:
                self._variant["department"][norm(form)] |= keys
        plain = norm("\n".join(f for kind in ("measure", "pillar", "plan", "chain", "enterprise")
                               for e in self._entities.get(kind, {}).values() for fd, f in e.forms
                               if fd not in ("number", "year", "id", "city")))
        known = set(self._written["department"]) | set(self._variant["department"])
        stems: dict[str, set[str]] = defaultdict(set)
        for key, names in chinese.items():
            for short in chinese_stems(names, units[key].form("full_name"), plain):
                if norm(short) not in known:
                    stems[norm(short)].add(key)
        return {f: tuple(units[k] for k in sorted(keys)) for f, keys in stems.items()}

    def unit_by_initials(self, written: str) -> Entity | None:
        """The unit whose English name's initials (or capitalised word) `written` is, as capitals: "DRC"."""
        return self._initials.get(written)

    def unit_by_english(self, words: list[str], body: str) -> Entity | None:
        """The one unit whose English name has every word of its field in `words` and whose kind of body
        `body` names, in English or as its Chinese name ends ("tax bureau": Tax Service, 市税务局); None
        when no unit or several do."""
        if not hasattr(self, "_en_words"):
            self._en_words = {}
            for key, e in self._entities.get("department", {}).items():
                english = [f for fd, f in e.forms if fd == "english"]
                chinese = [f for fd, f in e.forms if fd in ("name", "full_name", "alias", "written")]
                self._en_words[key] = (set().union(*map(english_words, english)) if english else set(),
                                       body_words(chinese, english))
        field = set(english_words(" ".join(words))) - {body}
        found = [k for k, (have, bodies) in self._en_words.items() if field and field <= have and body in bodies]
        return self._entities["department"][found[0]] if len(found) == 1 else None

    @classmethod
    def of_graph(cls, g) -> "Lookup":
        return cls(name_rows(g))

    @classmethod
    def cached(cls, g) -> "Lookup":
        """The lookup of a graph that is no longer changed (the app's and the CLI's are frozen), built
        once per graph: pages resolve names on every rerun."""
        found = _BY_GRAPH.get(g)
        if found is None:
            found = _BY_GRAPH[g] = cls.of_graph(g)
        return found

    # -- entities ---------------------------------------------------------------------------------------
    def entities(self, kind: str, plan: str | None = None) -> list[Entity]:
        return [e for e in self._entities.get(kind, {}).values() if plan is None or e.plan == plan]

    def get(self, kind: str, key: str) -> Entity | None:
        return self._entities.get(kind, {}).get(key)

    def forms(self, kind: str) -> dict[str, tuple[Entity, ...]]:
        """Normalised form -> the entities it names (written names first; a variant only where no
        written name of that kind uses it)."""
        if kind not in self._forms:
            out = {f: keys for f, keys in self._variant[kind].items() if f not in self._written[kind]}
            out.update(self._written[kind])
            self._forms[kind] = {f: tuple(self._entities[kind][k] for k in sorted(keys))
                                 for f, keys in out.items() if f}
        return self._forms[kind]

    def matches(self, kind: str, text: str) -> list[Entity]:
        """Entities `text` names exactly (written form, else variant); several when it is ambiguous."""
        n = norm(text)
        keys = self._written.get(kind, {}).get(n) or self._variant.get(kind, {}).get(n) or set()
        return [self._entities[kind][k] for k in sorted(keys)]

    def find(self, kind: str, text: str) -> Entity:
        """The one entity `text` names; NotFound (with suggestions) when none or several do."""
        found = self.matches(kind, text)
        if len(found) == 1:
            return found[0]
        if found:
            labels = [e.label() for e in found]
            raise NotFound(kind, text, suggestions=labels,
                           message=f"{text!r} names more than one {kind}: did you mean {' / '.join(labels)}?")
        raise NotFound(kind, text, suggestions=self.suggest(kind, text))

    def suggest(self, kind: str | tuple[str, ...], text: str, limit: int = 5, cutoff: float = 50,
                spread: float = 12) -> list[str]:
        """Labels of the entities whose names are closest to `text` (rapidfuzz WRatio, best first): those
        scoring at least `cutoff` and within `spread` of the best."""
        kinds = (kind,) if isinstance(kind, str) else kind
        choices = {}  # normalised form -> label (first entity that has it)
        for k in kinds:
            for form, entities in self.forms(k).items():
                if len(entities) == 1:
                    choices.setdefault(form, entities[0].label())
        scored = process.extract(norm(text), list(choices), scorer=_closeness, limit=None, score_cutoff=cutoff)
        out: list[str] = []
        best = max((s[1] for s in scored), default=0)
        for form, score, _ in sorted(scored, key=lambda s: (-s[1], len(s[0]), s[0])):
            if score >= best - spread and choices[form] not in out:
                out.append(choices[form])
        return out[:limit]

    # -- finding names inside a question -----------------------------------------------------------------
    def scan(self, text: str, kinds=SCANNED) -> list[Mention]:
        """Names of `kinds` in `text`, longest first; a name inside a longer one does not count (in
        "华金新能源材料" the firm is meant, not the chain 新能源). Positions index into `text`."""
        folded, where = _fold(text)
        hits = []
        for kind in kinds:
            for form, entities in self.forms(kind).items():
                if len(form) < 2:
                    continue
                start = folded.find(form)
                while start >= 0:
                    end = start + len(form)
                    if _word_edges(folded, start, end):
                        hits.append((start, end, kind, entities, form))
                    start = folded.find(form, start + 1)
        if "department" in kinds:  # 发改, 住建: a unit's stem, where it stands as a word of its own
            for form, entities in self._stems.items():
                start = folded.find(form)
                while start >= 0:
                    if stem_at(folded, start, start + len(form)):
                        hits.append((start, start + len(form), "department", entities, form))
                    start = folded.find(form, start + 1)
        kept = [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and o[1] - o[0] > h[1] - h[0]
                                           for o in hits)]
        kept.sort(key=lambda h: (h[0] - h[1], h[0]))
        return [Mention(where[s], where[e - 1] + 1, k, ents, f) for s, e, k, ents, f in kept]

    def measures_by_title(self, text: str, plan: str | None = None) -> list[tuple[Entity, str]]:
        """Measures whose title `text` quotes: the longest common run of characters must be 5 or more,
        or 4 or more and either over half of the title's core (the title without a lead phrase such as
        持续优化 that several titles of the plan open with) or its end (the object of a verb-object title).
        Best run first; ties are all returned."""
        folded, _ = _fold(text)
        best, found = 0, []
        for e in self.entities("measure", plan):
            title = norm(e.name or "")
            core = title[len(self._lead_phrase(e)):]
            m = SequenceMatcher(None, folded, core, autojunk=False).find_longest_match(0, len(folded), 0, len(core))
            size = m.size
            ends_title = m.b + size == len(core)  # 用好用活产业基金: what a title is about comes last
            if size < 4 or (size < 5 and size * 2 <= len(core) and not ends_title):
                continue
            if size > best:
                best, found = size, []
            if size == best:
                found.append((e, core[m.b:m.b + size]))
        return found or self._measures_by_title_words(folded, plan)

    def _measures_by_title_words(self, folded: str, plan: str | None) -> list[tuple[Entity, str]]:
        """A title quoted with a word left out ("减轻企业负担" for 减轻企业经营负担): runs of 2 or more
        characters, in the title's order, one of 3 or more, together over 60% of the title's core. Best
        cover first; ties are all returned. The longest run is what the question quotes."""
        best, found = 0.0, []
        for e in self.entities("measure", plan):
            core = norm(e.name or "")[len(self._lead_phrase(e)):]
            blocks = [b for b in SequenceMatcher(None, folded, core, autojunk=False).get_matching_blocks()
                      if b.size >= 2]
            if len(blocks) < 2 or max(b.size for b in blocks) < 3:
                continue
            cover = sum(b.size for b in blocks) / len(core)
            if cover <= 0.6 or cover < best:
                continue
            if cover > best:
                best, found = cover, []
            longest = max(blocks, key=lambda b: b.size)
            found.append((e, core[longest.b:longest.b + longest.size]))
        return found

    def measures_like(self, text: str, plan: str | None = None, limit: int = 3) -> list[str]:
        """Labels of measures whose title shares a run of 3 or more characters with `text` outside its lead
        phrase, longest run first: the suggestions when `measures_by_title` finds none."""
        folded, _ = _fold(text)
        scored = []
        for e in self.entities("measure", plan):
            core = norm(e.name or "")[len(self._lead_phrase(e)):]
            size = SequenceMatcher(None, folded, core, autojunk=False).find_longest_match(
                0, len(folded), 0, len(core)).size
            if size >= 3:
                scored.append((-size, e.number or 0, e.label()))
        return [label for *_, label in sorted(scored)[:limit]]

    def _lead_phrase(self, measure: Entity) -> str:
        """The longest 2- or 4-character opening of the title that at least one other title of the
        same plan opens with too (持续优化, 构建, 全面 …): policy verbs, not what the measure is about."""
        if measure.key not in self._leads:
            self._leads[measure.key] = self._find_lead_phrase(measure)
        return self._leads[measure.key]

    def _find_lead_phrase(self, measure: Entity) -> str:
        title = norm(measure.name or "")
        others = [norm(e.name or "") for e in self.entities("measure", measure.plan) if e.key != measure.key]
        for n in (4, 2):
            if len(title) > n + 2 and any(o.startswith(title[:n]) for o in others):
                return title[:n]
        return ""


def _closeness(a: str, b: str, *, processor=None, score_cutoff=None) -> float:
    """WRatio averaged with the token-set ratio: in English names the words shared count, whatever their
    order ("market supervision bureau" is closest to "market supervision and administration bureau")."""
    return (fuzz.WRatio(a, b) + fuzz.token_set_ratio(a, b)) / 2


def _fold(text: str) -> tuple[str, list[int]]:
    """`norm` applied character by character, with each folded character's position in `text`."""
    out, where = [], []
    for i, ch in enumerate(text):
        f = _QUOTES.sub("", unicodedata.normalize("NFKC", ch).casefold().replace("&", " and "))
        for c in f:
            if c.isspace() and out and out[-1] == " ":
                continue  # runs of spaces count as one, as in norm
            out.append(" " if c.isspace() else c)
            where.append(i)
    folded = "".join(out)
    # drop spaces next to Chinese characters, as norm does, keeping the position map in step
    keep = [i for i, c in enumerate(folded)
            if not (c == " " and ((i > 0 and not folded[i - 1].isascii()) or
                                  (i + 1 < len(folded) and not folded[i + 1].isascii())))]
    return "".join(folded[i] for i in keep), [where[i] for i in keep]


def _word_edges(text: str, start: int, end: int) -> bool:
    """An ASCII form must not start or end inside an ASCII word: the chain id "ic" is not in "which"."""
    def wordy(c):
        return c.isascii() and c.isalnum()
    if wordy(text[start]) and start > 0 and wordy(text[start - 1]):
        return False
    if wordy(text[end - 1]) and end < len(text) and wordy(text[end]):
        return False
    return True
