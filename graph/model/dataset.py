"""Compose the loaders into one set of records: the only place that knows which files feed the graph.

Order matters for merging: the unit table comes first so its names, kinds and full names win over
the bare names the plan parser emits; plan mentions of aliases ("水利部门") resolve to table keys.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import networkx as nx

from graph.model.build import build_graph
from loaders.chain_links import derive_supports
from loaders.ledger import read_ledgers
from loaders.plan import ParsedPlan, read_plan
from loaders.records import LoadError, Node, Rel
from loaders.plan_place import as_place, qualify, scope_of, stem
from loaders.units import UnitTable, read_units

__all__ = ["DATA_DIR", "PLAN_SUFFIXES", "Dataset", "Sources", "load_dataset", "load_graph", "plans_in",
           "sources_for", "plan_from_text", "plan_place", "read_plans", "unit_key", "units_for"]

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Sources:
    """Which files to read. Defaults: the bundled plan, unit table and chain ledgers in `data/`."""
    plans: tuple[Path, ...]
    data_dir: Path = DATA_DIR
    year: int | None = None
    place: str | None = None  # the place of a plan whose text names none (default: the home city)

    @property
    def units_file(self) -> Path:
        for d in (self.data_dir, DATA_DIR):
            for name in ("units.csv", "units.xlsx"):
                if (d / name).exists():
                    return d / name
        return DATA_DIR / "units.csv"

    @property
    def ledger_dir(self) -> Path | None:
        for d in (self.data_dir / "chains", self.data_dir):
            if any((d / f"chains.{ext}").exists() for ext in ("csv", "xlsx")):
                return d
        return None

    def stamp(self) -> tuple:
        """Paths and modification times: a cache key that changes when any input file changes."""
        files = [*self.plans, self.units_file]
        if self.ledger_dir:
            files += sorted(self.ledger_dir.glob("*.*"))
        return tuple((str(f), os.stat(f).st_mtime_ns) for f in files if f.exists())


PLAN_SUFFIXES = (".txt", ".docx")  # .csv / .xlsx in a data folder are the unit table and ledgers


def plans_in(folder: Path) -> tuple[Path, ...]:
    """The plan documents of a data folder: its plain-text and Word files, by name. Word's lock files
    (`~$plan.docx`, there while the plan is open) and hidden files are not plans."""
    return tuple(sorted(p for p in folder.iterdir() if p.suffix.lower() in PLAN_SUFFIXES and p.is_file()
                        and not p.name.startswith(("~$", "."))))


def sources_for(plans=None, data_dir=None, year=None, place=None) -> Sources:
    data = Path(data_dir) if data_dir else DATA_DIR
    if not data.is_dir():
        raise FileNotFoundError(f"data folder {data} does not exist")
    if plans:
        plan_files = tuple(Path(p) for p in plans)
    else:
        # every plan in the folder (a folder of ledgers only gets the bundled plans)
        plan_files = plans_in(data) or plans_in(DATA_DIR)
    for p in plan_files:
        if not p.is_file():
            raise FileNotFoundError(f"plan file {p} does not exist")
    return Sources(plan_files, data, year, as_place(place) if place else None)


@dataclass
class Dataset:
    nodes: list[Node]
    rels: list[Rel]
    plans: list[ParsedPlan]
    units: UnitTable
    texts: dict[str, str] = field(default_factory=dict)  # document id -> text, for source sentences


def plan_place(plan: ParsedPlan) -> str | None:
    """The place the plan belongs to, as the parser found it (the Plan node's `city`)."""
    return next((n.props.get("city") for n in plan.nodes if n.label == "Plan"), None)


def read_plans(sources: Sources, *, strict: bool = True) -> list[tuple[Path, ParsedPlan]]:
    """Every plan file, parsed; a plan whose text names no place gets `sources.place` (a place the text
    does name is never overridden: it is what the document says)."""
    out = []
    for path in sources.plans:
        parsed = read_plan(path, year=sources.year, strict=strict)
        if sources.place and plan_place(parsed) is None:
            parsed = dataclasses.replace(parsed, nodes=[
                dataclasses.replace(n, props={**n.props, "city": sources.place}) if n.label == "Plan" else n
                for n in parsed.nodes])
        out.append((path, parsed))
    return out


def unit_key(units: UnitTable, place: str | None, name: str) -> tuple[str, str | None]:
    """(Department key, the other place it belongs to or None for the home city) of a unit name a
    plan of `place` writes; the key is the table's when it has a row for that place."""
    scope = as_place(place) if place and not units.is_home(place) else None
    if scope:
        scope = None if units.is_home(scope_of(scope, name)) else scope_of(scope, name)
        # a county plan of the home city: its 市-level names are the city's units
    key = units.resolve(name, scope)
    return key or (qualify(scope, name) if scope else name), scope


def _resolve_units(plan: ParsedPlan, units: UnitTable) -> ParsedPlan:
    """Map the unit names a plan writes to Department keys among the unit table's rows for the plan's
    own place: aliases to the table's key; unknown names of the home city (or of a plan whose place
    cannot be told) stay as written (lint reports them); unknown names of another place get a key
    qualified with it (丽水市发改委), carrying `written` and `city`."""
    place = plan_place(plan)
    seen = {}

    def canon(name: str) -> str:
        if name not in seen:
            seen[name] = unit_key(units, place, name)
        return seen[name][0]

    def where(name: str) -> dict:
        key, scope = seen[name]
        return {"written": name, "city": scope} if scope else {}

    nodes = [dataclasses.replace(n, key=canon(n.key), props={**n.props, "name": canon(n.key), **where(n.key)})
             if n.label == "Department" else n for n in plan.nodes]
    rels = [dataclasses.replace(r, start=(r.start[0], canon(r.start[1])),
                                end=(r.end[0], canon(r.end[1])) if r.end[0] == "Department" else r.end,
                                props={**r.props, "written": r.start[1]} if canon(r.start[1]) != r.start[1]
                                else r.props)
            if r.start[0] == "Department" else r for r in plan.rels]
    return dataclasses.replace(plan, nodes=nodes, rels=rels)


def units_for(units: UnitTable, plans: list[ParsedPlan], file: Path) -> UnitTable:
    """A table whose full names name no city is the home table of the one place its plans are of;
    with plans of two places it cannot be told whose units it lists, and the load stops."""
    if units.home is not None:
        return units
    listed = [stem(p) for p in units.places()]
    places = sorted({stem(c): as_place(c) for p in plans
                     if (c := plan_place(p)) and stem(c) not in listed}.values())
    if len(places) > 1:
        raise LoadError(str(file), f"cannot tell whose units the table lists (no full_name names a city) "
                                   f"and plans of {' and '.join(places)} are loaded: give the rows of "
                                   f"each place other than the table's own a `city` (e.g. city={places[0]}), "
                                   f"or full names")
    return dataclasses.replace(units, home=places[0]) if places else units


def plan_from_text(text: str, *, doc_id: str, units: UnitTable, file: str = "<text>",
                   year: int | None = None) -> ParsedPlan:
    """A plan text that is not one of the dataset's files (an upload, say), parsed and with its unit
    names resolved like the dataset's own plans. Raises PlanParseError naming `file` and the place."""
    from loaders.plan import parse_plan
    return _resolve_units(parse_plan(text, doc_id=doc_id, file=file, year=year), units)


def load_dataset(sources: Sources, *, strict: bool = True) -> Dataset:
    """Read every source; any LoadError propagates before a single record is returned."""
    units = read_units(sources.units_file)
    read = read_plans(sources, strict=strict)
    units = units_for(units, [p for _, p in read], sources.units_file)
    unit_nodes, unit_rels = units.records(source=sources.units_file.name)
    plans, texts = [], {}
    for path, parsed in read:
        parsed = _resolve_units(parsed, units)
        if parsed.plan_id in texts:  # the id is the file stem and keys every measure of the plan
            raise LoadError(str(path), f"another plan file has the same id {parsed.plan_id!r} (its file name "
                                       f"without the extension); rename one")
        plans.append(parsed)
        texts[parsed.plan_id] = parsed.text  # what the spans index (tables: the rendered text)
    nodes = [*unit_nodes, *(n for p in plans for n in p.nodes)]
    rels = [*unit_rels, *(r for p in plans for r in p.rels)]
    if sources.ledger_dir is not None:
        # Curated measure-chain links name their plan (or, with one plan loaded, may leave it empty);
        # links to plans not loaded here are left out.
        numbers = {p.plan_id: {n.props["number"] for n in p.nodes if n.label == "Measure"} for p in plans}
        l_nodes, l_rels = read_ledgers(sources.ledger_dir, known_units=units.home_names(), known_measures=numbers)
        chains = [n for n in l_nodes if n.label == "Chain"]
        nodes += l_nodes
        rels += l_rels
        for p in plans:
            measures = [n for n in p.nodes if n.label == "Measure"]
            rels += derive_supports(texts[p.plan_id], measures, chains, source=p.plan_id)
    nodes, rels = _units_at_work(nodes, rels)
    return Dataset(nodes, rels, plans, units, texts)


def _units_at_work(nodes: list[Node], rels: list[Rel]) -> tuple[list[Node], list[Rel]]:
    """Keep the units a plan or ledger names (and the parents of those that are affiliates).

    The unit table is a dictionary for many plans; its other rows (collective wordings another plan
    might use, say) would only add unconnected nodes and inflate the unit count."""
    named = {end[1] for r in rels if r.type != "AFFILIATE_OF"
             for end in (r.start, r.end) if end[0] == "Department"}
    named |= {r.end[1] for r in rels if r.type == "AFFILIATE_OF" and r.start[1] in named}
    return ([n for n in nodes if n.label != "Department" or n.key in named],
            [r for r in rels if r.type != "AFFILIATE_OF" or r.start[1] in named])


@lru_cache(maxsize=8)
def _graph_for(sources: Sources, stamp: tuple) -> tuple[nx.MultiDiGraph, Dataset]:
    ds = load_dataset(sources)
    g = build_graph(ds.nodes, ds.rels)
    nx.freeze(g)  # shared by callers and the app: read-only by construction
    return g, ds


def load_graph(sources: Sources | None = None) -> tuple[nx.MultiDiGraph, Dataset]:
    """The built graph for `sources`, cached by paths and modification times."""
    sources = sources or sources_for()
    return _graph_for(sources, sources.stamp())
