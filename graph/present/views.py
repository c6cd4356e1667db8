"""Read-only views of the graph the app's pages display: plain functions, no Streamlit, tested directly.

They only look things up (counts, a measure's spans, a pivot); analyses and named queries stay in
`graph/`. Measures are keyed by node id (`Measure:<plan>#M9`): with several plans loaded, numbers repeat.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from graph.present.chainmap import display_name
from graph.named.twins import in_edges, out_edges
from graph.named.twins import nodes_of as _nodes_of

__all__ = ["nodes_of", "label_counts", "rel_counts", "plan_info", "plans_info", "pillar_table", "measure_table",
           "measure_node", "measure_name", "measure_marks", "milestones_of", "unit_measure_matrix", "chain_options",
           "pilot_chains", "department_names", "department_info", "to_long", "sum_over_plans"]


def nodes_of(g, label: str) -> list[tuple[str, dict]]:
    return list(_nodes_of(g, label))


def label_counts(g) -> list[dict]:
    c = Counter(d.get("label") for _, d in g.nodes(data=True))
    return [{"label": k, "count": v} for k, v in sorted(c.items(), key=lambda x: (-x[1], x[0]))]


def rel_counts(g) -> list[dict]:
    c = Counter(d.get("type") for *_, d in g.edges(data=True))
    return [{"type": k, "count": v} for k, v in sorted(c.items(), key=lambda x: (-x[1], x[0]))]


def plan_info(g) -> dict:
    plans = sorted(nodes_of(g, "Plan"))
    return dict(plans[0][1]) if plans else {}


def plans_info(g) -> list[dict]:
    """Every plan's properties, by year then id."""
    return sorted((dict(d) for _, d in nodes_of(g, "Plan")), key=lambda d: (d.get("year") or 0, str(d.get("key"))))


def _several_plans(g) -> bool:
    return sum(1 for _ in nodes_of(g, "Plan")) > 1


def _in(g, node, rel_type):
    return list(in_edges(g, node, rel_type))


def _out(g, node, rel_type):
    return list(out_edges(g, node, rel_type))


def pillar_table(g) -> list[dict]:
    """The pillars of each plan in order, with how many measures each holds."""
    rows = [{"number": d.get("number"), "pillar": d.get("name"), "theme": d.get("theme"),
             "measures": len(_in(g, p, "IN_PILLAR")), "plan": d.get("plan")} for p, d in nodes_of(g, "Pillar")]
    return sorted(rows, key=lambda r: (str(r["plan"]), r["number"] is None, r["number"] or 0))


def _units(g, m) -> list[tuple[int, str, str]]:
    return sorted((e.get("rank") or 0, g.nodes[u].get("name", u), e.get("role")) for u, e in _in(g, m, "RESPONSIBLE_FOR"))


def measure_table(g) -> list[dict]:
    """One row per measure: number, title, pillar, lead unit(s), counts of units, deadlines, targets, its
    plan and node id; by plan, then number."""
    rows = []
    for m, d in nodes_of(g, "Measure"):
        pillar = next((g.nodes[p].get("name") for p, _ in _out(g, m, "IN_PILLAR")), None)
        units = _units(g, m)
        rows.append({"measure": d.get("number"), "title": d.get("title"), "pillar": pillar,
                     "lead": "、".join(dict.fromkeys(n for _, n, role in units if role in ("lead", "sole"))),
                     "units": len({n for _, n, _ in units}), "milestones": len(_out(g, m, "HAS_MILESTONE")),
                     "targets": len(_out(g, m, "HAS_TARGET")), "plan": d.get("plan"), "id": m})
    return sorted(rows, key=lambda r: (str(r["plan"]), r["measure"] is None, r["measure"] or 0, r["id"]))


def measure_node(g, number: int, plan: str | None = None) -> str | None:
    """The node id of measure `number` of `plan` (of the first plan by id when None)."""
    return next((m for m, d in sorted(nodes_of(g, "Measure"))
                 if d.get("number") == number and plan in (None, d.get("plan"))), None)


def measure_name(g, m: str) -> str:
    """`9. 持续优化投资项目审批`, with the plan's title in front when the graph holds several plans."""
    d = g.nodes[m]
    name = f"{d.get('number')}. {d.get('title') or ''}".strip()
    if not _several_plans(g):
        return name
    plan = g.nodes.get(f"Plan:{d.get('plan')}", {})
    return f"{plan.get('title') or d.get('plan')} · {name}"


def measure_marks(g, m, texts: dict | None = None) -> tuple[str, int, list[tuple[int, int, str, str]]]:
    """The measure as the plan writes it, its offset in the document, and the spans to mark:
    (start, end, kind, hover) with kind unit / deadline / target, offsets relative to the text.

    The text is the document slice `texts[source][span]` (the spans of units, deadlines and
    targets point into it); without the document, the node's normalised `text` is used and the
    marks are found by their words.
    """
    d = g.nodes[m]
    doc = (texts or {}).get(d.get("source"))
    span = d.get("span")
    if doc and span and len(span) == 2:
        base, text = span[0], doc[span[0]:span[1]]
    else:
        base, text = -10**9, d.get("text") or ""  # no document: spans cannot apply
    marks = []

    def add(span, kind, hover, words=None):
        if span and len(span) == 2 and base <= span[0] < span[1] <= base + len(text):
            marks.append((span[0] - base, span[1] - base, kind, hover))
        elif words:
            i = text.find(words)
            if i >= 0:
                marks.append((i, i + len(words), kind, hover))

    for u, e in _in(g, m, "RESPONSIBLE_FOR"):
        name = g.nodes[u].get("name", u)
        add(e.get("span"), "unit", f"{e.get('rank')}. {name} ({e.get('role')})", e.get("written") or name)
    for s, _ in _out(g, m, "HAS_MILESTONE"):
        sd = g.nodes[s]
        add(sd.get("span"), "deadline", f"{sd.get('due') or ''} {sd.get('text') or ''}".strip(), sd.get("raw"))
    for tnode, _ in _out(g, m, "HAS_TARGET"):
        td = g.nodes[tnode]
        hover = f"{td.get('metric') or ''} {td.get('comparator') or ''} {td.get('value')} {td.get('unit') or ''}"
        add(td.get("span"), "target", hover.strip(), td.get("text"))
    return text, base, marks


def milestones_of(g, m) -> list[dict]:
    rows = []
    for s, _ in _out(g, m, "HAS_MILESTONE"):
        d = g.nodes[s]
        rows.append({"due": d.get("due"), "as_written": d.get("raw"), "task": d.get("text"), "id": s})
    return sorted(rows, key=lambda r: (r["due"] is None, r["due"] or "", r["id"]))


def unit_measure_matrix(g, lang: str = "zh") -> tuple[list[str], list[dict]]:
    """Rows: units (most measures first); columns: measures ("M9", or "<plan>#M9" with several plans, in
    plan then number order); cells: 牵头/L, 配合/C, 独立/S."""
    marks = {"lead": ("牵头", "L"), "co": ("配合", "C"), "sole": ("独立", "S")}
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    several = _several_plans(g)
    order = {}
    for u, m, e in g.edges(data=True):
        if e.get("type") != "RESPONSIBLE_FOR":
            continue
        d = g.nodes[m]
        col = f"{d.get('plan')}#M{d.get('number')}" if several else f"M{d.get('number')}"
        order[col] = (str(d.get("plan")), d.get("number") is None, d.get("number") or 0)
        zh, en = marks.get(e.get("role"), ("?", "?"))
        cells[g.nodes[u].get("name", u)][col] = en if lang == "en" else zh
    columns = sorted(order, key=order.get)
    rows = [{"department": unit, "measures": len(c), **{col: c.get(col, "") for col in columns}}
            for unit, c in cells.items()]
    rows.sort(key=lambda r: (-r["measures"], r["department"]))
    return ["department", "measures", *columns], rows


def pilot_chains(g) -> set[str]:
    return {v for _, v, d in g.edges(data=True) if d.get("type") == "PILOTS"}


def _row_of(source) -> int:
    try:
        return int(str(source).rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return 10**9


def chain_options(g) -> list[str]:
    """Chain node ids: the plan's pilot chain first, then in ledger order."""
    pilots = pilot_chains(g)
    chains = nodes_of(g, "Chain")
    return [n for n, _ in sorted(chains, key=lambda x: (x[0] not in pilots, _row_of(x[1].get("source")),
                                                        str(x[1].get("name"))))]


def department_names(g) -> list[str]:
    """Units that appear in the plan or the ledgers, most measures first."""
    load = Counter()
    for u, _, e in g.edges(data=True):
        if g.nodes[u].get("label") == "Department" and e.get("type") in ("RESPONSIBLE_FOR", "SERVES"):
            load[u] += 1
    names = [(n, d) for n, d in nodes_of(g, "Department") if load[n]]
    return [d.get("name", n) for n, d in sorted(names, key=lambda x: (-load[x[0]], str(x[1].get("name"))))]


def department_info(g, name: str, lang: str = "zh") -> dict:
    node = f"Department:{name}"
    if node not in g:
        return {}
    d = g.nodes[node]
    serves = sorted({display_name(g.nodes[p], lang) for p, _ in _out(g, node, "SERVES")})
    problems = [g.nodes[p] for p, _ in _in(g, node, "ASSIGNED_TO")]
    return {"name": d.get("name"), "full_name": d.get("full_name"), "kind": d.get("kind"),
            "english": d.get("english"), "aliases": d.get("aliases") or [],
            "city": d.get("city"), "written": d.get("written"),  # a unit of another place's plan
            "affiliate_of": [g.nodes[v].get("name") for v, _ in _out(g, node, "AFFILIATE_OF")],
            "serves": serves, "problems_open": sum(1 for p in problems if p.get("status") == "open"),
            "problems": len(problems)}


def to_long(rows: list[dict], *, row_key: str, col_key: str | None = None, value_key: str | None = None):
    """A (row, column, value) list from either long rows ({row, month, n}) or wide rows
    ({row, "2024-06": n, ...}); returns (rows, col_key, value_key) for a heatmap."""
    if not rows:
        return [], col_key or "column", value_key or "value"
    keys = list(rows[0])
    if col_key and col_key in keys:
        value_key = value_key or next((k for k in keys if k not in (row_key, col_key)
                                       and isinstance(rows[0][k], (int, float))), None)
        return [{row_key: r[row_key], col_key: r[col_key], value_key: r[value_key]} for r in rows], col_key, value_key
    col_key, value_key = col_key or "column", value_key or "value"
    out = []
    for r in rows:
        for k, v in r.items():
            if k != row_key and isinstance(v, (int, float)) and not isinstance(v, bool):
                out.append({row_key: r[row_key], col_key: str(k), value_key: v})
    return out, col_key, value_key


def sum_over_plans(rows: list[dict], by: list[str]) -> list[dict]:
    """Rows of a per-plan query added up over their plans: one row per `by` key (first-seen order), its
    numeric columns summed, the `plan` column dropped (charts want a unit's load across plans).

    >>> sum_over_plans([{"department": "a", "measures": 2, "plan": "p"}, {"department": "a", "measures": 1,
    ...                 "plan": "q"}], ["department"])
    [{'department': 'a', 'measures': 3}]
    """
    out: dict[tuple, dict] = {}
    for r in rows:
        key = tuple(r.get(k) for k in by)
        acc = out.setdefault(key, {k: r.get(k) for k in by})
        for k, v in r.items():
            if k not in by and k != "plan" and isinstance(v, (int, float)) and not isinstance(v, bool):
                acc[k] = acc.get(k, 0) + v
    return list(out.values())
