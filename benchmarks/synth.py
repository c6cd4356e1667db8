"""Synthetic province-scale graphs with the schema of the real records, for benchmarks and tests.

`synthetic_records()` returns the same `Node` / `Rel` records the loaders return, so they go through
`graph.model.build.build_graph` (schema checks included) like the real data. The shape imitates the plan:
one plan per city with 26 measures, each owned by a lead and a few co-units drawn with a skew
(a business-environment office and the development commission appear in many measures), affiliate
pairs that share a rank, one collective unit per city; a provincial plan whose measures list units of
several cities (so the co-responsibility network is connected and betweenness matters); six chains
per city with upstream/midstream/downstream segments, firms, projects served by units at approval
steps, and a problem ledger.

Counts are fixed by the parameters (randomness only decides who is linked to whom), so tests can
check them: see `expected_counts`.

Examples
--------
>>> nodes, rels = synthetic_records(cities=1, firms=30, projects=10, problems=12, seed=1)
>>> from collections import Counter
>>> Counter(n.label for n in nodes) == Counter(expected_counts(cities=1, firms=30, projects=10, problems=12))
True
"""
from __future__ import annotations

import datetime as dt
import random

from loaders.records import Node, Rel

__all__ = ["synthetic_records", "synthetic_graph", "expected_counts", "CITY_NAMES", "BASE_UNITS"]

CITY_NAMES = ("杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水")
CHAIN_NAMES = ("新材料", "新能源", "集成电路", "高端装备", "生命健康", "特种纸")
PILLARS = ("聚焦招商", "聚焦育商", "聚焦便商", "聚焦护商", "聚焦安商", "聚焦崇商")
# City units as the plan writes them (without the city); the first two are the coordination hubs.
BASE_UNITS = (
    "市营商办", "市发改委", "市经信局", "市市场监管局", "市财政局", "市资源规划局", "市住建局", "市司法局",
    "市人力社保局", "市科技局", "市商务局", "市税务局", "市金融办", "市人行", "市银保监局", "市工商联",
    "市国资委", "国资集团", "市招商中心", "市农业农村局", "市文旅局", "市水利局", "市委组织部", "智造新城管委会",
    "智慧新城管委会", "市公积金中心", "供电公司", "城投集团", "市法院", "海关", "市交通运输局", "市贸促会",
    "市大数据局", "市人大法工委", "市人大财经工委", "市政协社法委", "市综合执法局", "市公安局", "市检察院",
    "市总工会", "市委统战部", "市民政局", "市监管办", "市纪委市监委", "市委宣传部", "市委网信办", "团市委",
    "市生态环境局", "市应急管理局", "市卫生健康委", "市教育局", "市统计局", "市审计局", "市信访局",
    "市消防救援支队", "市气象局", "市机关事务局", "市退役军人事务局", "市医保局",
)
COLLECTIVE = "市级各有关部门"
HUB_WEIGHT = {"市营商办": 10, "市发改委": 6, "市经信局": 5, "市市场监管局": 4, "市财政局": 4,
              "市资源规划局": 3, "市住建局": 3, "市司法局": 3}
# Approval / service steps, and the unit that usually performs each.
STEPS = {"立项": "市发改委", "用地": "市资源规划局", "规划许可": "市资源规划局", "环评": "市生态环境局",
         "能评": "市发改委", "施工许可": "市住建局", "供电": "供电公司", "竣工验收": "市住建局",
         "代办": "市营商办", "融资": "市金融办"}
PROVINCE_UNITS = ("省发改委", "省经信厅", "省商务厅", "省市场监管局", "省财政厅", "省自然资源厅", "省住建厅",
                  "省司法厅", "省人力社保厅", "省科技厅", "省税务局", "省大数据局", "省金融办", "省生态环境厅",
                  "省交通运输厅", "省水利厅", "省国资委", "省工商联", "省营商办", "省数据局")
MEASURES_PER_CITY = 26
PROVINCE_MEASURES = 20
SEGMENTS = (("upstream", 3), ("midstream", 3), ("downstream", 2))
YEAR = 2024


def _milestones_of(i: int) -> int:
    return i % 3  # 1, 2, 0, 1, 2, 0, ...


def _targets_of(i: int) -> int:
    return 1 if i % 2 == 0 else 0


def _scaled(cities, firms, projects, problems, scale):
    problems = firms if problems is None else problems
    return (max(1, round(cities * scale)), max(0, round(firms * scale)),
            max(0, round(projects * scale)), max(0, round(problems * scale)))


def expected_counts(cities: int = 11, firms: int = 5000, projects: int = 2000, problems: int | None = None,
                    scale: float = 1.0, units_per_city: int = 60) -> dict[str, int]:
    """Node count per label that `synthetic_records` produces for these parameters."""
    cities, firms, projects, problems = _scaled(cities, firms, projects, problems, scale)
    ms = sum(_milestones_of(i) for i in range(1, MEASURES_PER_CITY + 1))
    ts = sum(_targets_of(i) for i in range(1, MEASURES_PER_CITY + 1))
    pms = sum(_milestones_of(i) for i in range(1, PROVINCE_MEASURES + 1))
    pts = sum(_targets_of(i) for i in range(1, PROVINCE_MEASURES + 1))
    n_chains = cities * len(CHAIN_NAMES)
    return {
        "Plan": cities + 1, "Pillar": 6 * (cities + 1),
        "Measure": cities * MEASURES_PER_CITY + PROVINCE_MEASURES,
        "Department": cities * units_per_city + len(PROVINCE_UNITS),
        "Milestone": cities * ms + pms, "Target": cities * ts + pts,
        "Chain": n_chains, "Segment": n_chains * sum(n for _, n in SEGMENTS),
        "Enterprise": firms, "Project": projects, "Problem": problems,
    }


def _city_units(units_per_city: int) -> list[str]:
    base = list(BASE_UNITS[:units_per_city - 1])
    base += [f"市专班{i:02d}" for i in range(1, units_per_city - len(base))]
    return base + [COLLECTIVE]  # the last unit of every city is collective


def _month_end(year: int, month: int) -> str:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).isoformat()


def synthetic_records(cities: int = 11, firms: int = 5000, projects: int = 2000, problems: int | None = None,
                      seed: int = 0, scale: float = 1.0, units_per_city: int = 60
                      ) -> tuple[list[Node], list[Rel]]:
    """Records of a synthetic province: ~15k nodes with the defaults.

    Parameters
    ----------
    cities, firms, projects, problems : sizes before scaling (problems defaults to one per firm).
    seed : random seed; the same arguments give the same records.
    scale : multiplies every size (cities too, rounded, at least 1): 1/15 gives ~1k nodes, 7 ~100k.
    units_per_city : Department nodes per city (the last one collective); at least 10.
    """
    if units_per_city < 10:
        raise ValueError("units_per_city must be at least 10")
    cities, firms, projects, problems = _scaled(cities, firms, projects, problems, scale)
    rng = random.Random(seed)
    nodes: list[Node] = []
    rels: list[Rel] = []
    city_names = [CITY_NAMES[c] if c < len(CITY_NAMES) else f"城{c + 1:03d}" for c in range(cities)]
    base_units = _city_units(units_per_city)
    weights = [HUB_WEIGHT.get(u, 1) for u in base_units[:-1]]

    def plan(plan_id: str, title: str, n_measures: int, pick_units) -> None:
        nodes.append(Node("Plan", plan_id, {"year": YEAR, "title": title}))
        for p, name in enumerate(PILLARS, start=1):
            nodes.append(Node("Pillar", f"{plan_id}#P{p}", {"number": p, "name": name, "plan": plan_id}))
        for i in range(1, n_measures + 1):
            mid = f"{plan_id}#M{i}"
            nodes.append(Node("Measure", mid, {"number": i, "title": f"{title}举措{i}", "plan": plan_id}))
            rels.append(Rel("IN_PILLAR", ("Measure", mid), ("Pillar", f"{plan_id}#P{(i - 1) * 6 // n_measures + 1}")))
            ranked = pick_units()
            alone = sum(map(len, ranked)) == 1
            for rank, names in enumerate(ranked, start=1):
                role = "sole" if alone else "lead" if rank == 1 else "co"
                for name in names:  # an affiliate pair shares its rank
                    rels.append(Rel("RESPONSIBLE_FOR", ("Department", name), ("Measure", mid),
                                    {"rank": rank, "role": role}))
            for k in range(1, _milestones_of(i) + 1):
                due = None if rng.random() < 0.05 else _month_end(YEAR, rng.randint(1, 12))
                msid = f"{mid}-D{k}"
                nodes.append(Node("Milestone", msid, {"due": due, "text": f"节点{k}", "measure": mid}))
                rels.append(Rel("HAS_MILESTONE", ("Measure", mid), ("Milestone", msid)))
            for k in range(1, _targets_of(i) + 1):
                tid = f"{mid}-T{k}"
                nodes.append(Node("Target", tid, {"metric": f"指标{i}", "value": rng.randint(1, 500),
                                                  "unit": "家", "comparator": ">="}))
                rels.append(Rel("HAS_TARGET", ("Measure", mid), ("Target", tid)))

    # Units: city units, then provincial units.
    unit_names: list[list[str]] = []
    for cname in city_names:
        names = [f"{cname}{u}" for u in base_units]
        unit_names.append(names)
        for base, name in zip(base_units, names):
            kind = "collective" if base == COLLECTIVE else "soe" if base in ("国资集团", "城投集团") else "government"
            nodes.append(Node("Department", name, {"name": name, "kind": kind}))
        for soe in ("国资集团", "城投集团"):
            if soe in base_units:
                rels.append(Rel("AFFILIATE_OF", ("Department", f"{cname}{soe}"), ("Department", f"{cname}市国资委")))
    for name in PROVINCE_UNITS:
        nodes.append(Node("Department", name, {"name": name, "kind": "government"}))

    for c, cname in enumerate(city_names):
        names = unit_names[c]

        def pick_city(names=names, cname=cname) -> list[list[str]]:
            size = rng.choice((1, 2, 3, 4, 4, 5, 5, 6, 7, 8, 10))
            chosen: list[str] = []
            while len(chosen) < size:
                u = rng.choices(names[:-1], weights)[0]
                if u not in chosen:
                    chosen.append(u)
            ranked = [[u] for u in chosen]
            for group in ranked:
                if group[0].endswith("市国资委") and f"{cname}国资集团" in names and rng.random() < 0.5:
                    group.append(f"{cname}国资集团")
            if size > 1 and rng.random() < 0.2:
                ranked.append([names[-1]])
            return ranked
        plan(f"{cname}2024", f"{cname}营商环境", MEASURES_PER_CITY, pick_city)

    def pick_province() -> list[list[str]]:
        ranked = [[rng.choice(PROVINCE_UNITS)]]
        for c in rng.sample(range(cities), min(cities, rng.randint(2, 4))):
            ranked.append([rng.choices(unit_names[c][:-1], weights)[0]])
        return ranked
    plan("province2024", "全省营商环境", PROVINCE_MEASURES, pick_province)

    # Chains, segments, firms, projects, problems.
    chain_ids, chain_city, chain_segments = [], [], []
    for c, cname in enumerate(city_names):
        for chain in CHAIN_NAMES:
            cid = f"{cname}-{chain}"
            chain_ids.append(cid)
            chain_city.append(c)
            nodes.append(Node("Chain", cid, {"name": f"{cname}{chain}", "flagship": True}))
            segs, by_stage = [], []
            for stage, n in SEGMENTS:
                here = []
                for k in range(1, n + 1):
                    sid = f"{cid}-{stage[0]}{k}"
                    nodes.append(Node("Segment", sid, {"name": f"{chain}{stage}{k}", "stage": stage, "chain": cid}))
                    rels.append(Rel("PART_OF", ("Segment", sid), ("Chain", cid)))
                    here.append(sid)
                by_stage.append(here)
                segs += here
            for up, down in zip(by_stage, by_stage[1:]):
                for s in up:
                    for t in rng.sample(down, rng.randint(1, len(down))):
                        rels.append(Rel("FEEDS", ("Segment", s), ("Segment", t)))
            chain_segments.append(segs)
        for m in rng.sample(range(1, MEASURES_PER_CITY + 1), 8):
            rels.append(Rel("SUPPORTS", ("Measure", f"{cname}2024#M{m}"),
                            ("Chain", f"{cname}-{rng.choice(CHAIN_NAMES)}"), {"basis": "synthetic"}))

    n_chains = len(chain_ids)
    chain_firms: list[list[str]] = [[] for _ in range(n_chains)]
    firm_chain: list[int] = []
    for f in range(firms):
        ch = f % n_chains
        fid = f"F{f:06d}"
        leader = len(chain_firms[ch]) < (2 if ch % 3 == 0 else 1)  # a third of the chains have two leaders
        nodes.append(Node("Enterprise", fid, {"name": f"企业{f:06d}", "chain_leader": leader}))
        if leader:
            rels.append(Rel("LEADS", ("Enterprise", fid), ("Chain", chain_ids[ch])))
        for s in rng.sample(chain_segments[ch], rng.choice((1, 1, 2))):
            rels.append(Rel("OPERATES_IN", ("Enterprise", fid), ("Segment", s)))
        chain_firms[ch].append(fid)
        firm_chain.append(ch)

    step_names, base_set = list(STEPS), set(base_units)
    for p in range(projects):
        ch = p % n_chains
        pid = f"P{p:06d}"
        nodes.append(Node("Project", pid, {"name": f"项目{p:06d}", "investment": round(rng.uniform(0.5, 80), 1),
                                           "status": rng.choice(("签约", "在建", "投产")),
                                           "fills_gap": rng.random() < 0.2}))
        rels.append(Rel("IN_SEGMENT", ("Project", pid), ("Segment", rng.choice(chain_segments[ch]))))
        if chain_firms[ch]:
            for fid in rng.sample(chain_firms[ch], min(len(chain_firms[ch]), rng.choice((1, 1, 1, 2)))):
                rels.append(Rel("INVESTS_IN", ("Enterprise", fid), ("Project", pid)))
        cname = city_names[chain_city[ch]]
        for step in rng.sample(step_names, rng.randint(2, 4)):
            base = STEPS[step] if STEPS[step] in base_set else "市营商办"
            unit = f"{cname}{base}"
            if rng.random() < 0.15:  # sometimes another unit performs the step
                unit = rng.choices(unit_names[chain_city[ch]][:-1], weights)[0]
            rels.append(Rel("SERVES", ("Department", unit), ("Project", pid), {"stage": step}))

    start = dt.date(YEAR, 1, 1)
    for k in range(problems):
        qid = f"Q{k:06d}"
        raised = start + dt.timedelta(days=rng.randint(0, 330))
        closed = raised + dt.timedelta(days=rng.randint(1, 120)) if rng.random() < 0.6 else None
        nodes.append(Node("Problem", qid, {"description": f"堵点{k}", "raised": raised.isoformat(),
                                           "status": "closed" if closed else "open",
                                           "closed": closed.isoformat() if closed else None}))
        if firms:
            f = rng.randrange(firms)
            ch = firm_chain[f]
            rels.append(Rel("RAISED", ("Enterprise", f"F{f:06d}"), ("Problem", qid)))
        else:
            ch = k % n_chains
        rels.append(Rel("IN_CHAIN", ("Problem", qid), ("Chain", chain_ids[ch])))
        for u in set(rng.choices(unit_names[chain_city[ch]][:-1], weights, k=rng.choice((1, 1, 2)))):
            rels.append(Rel("ASSIGNED_TO", ("Problem", qid), ("Department", u)))
    return nodes, rels


def synthetic_graph(**kwargs):
    """`build_graph(*synthetic_records(**kwargs))`."""
    from graph.model.build import build_graph
    return build_graph(*synthetic_records(**kwargs))
