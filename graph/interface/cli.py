"""`python -m graph ...`: parses options, calls the library, prints. No logic of its own."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.errors import GraphError, StoreUnavailable, UsageError
from loaders.records import LoadError

__all__ = ["main", "build_parser"]


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--plan", action="append", type=Path, metavar="FILE",
                   help="plan file (repeatable); default: every plan (*.txt, *.docx) in the data folder")
    p.add_argument("--data", type=Path, metavar="DIR", help="data folder (unit table, chain ledgers); default: data/")
    p.add_argument("--year", type=_year, help="plan year when the document does not say")
    p.add_argument("--place", type=_place, metavar="NAME",
                   help="city, county or province of a plan whose text names none (e.g. 广州市); default: "
                        "the unit table's city. A place the text names is kept")


def _place(value: str) -> str:
    import re
    value = value.strip()
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,12}", value):
        raise argparse.ArgumentTypeError(f"expected a place name in Chinese characters (广州市, 官渡区), got {value!r}")
    return value


def _backend(p: argparse.ArgumentParser) -> None:
    p.add_argument("--backend", choices=("embedded", "neo4j"),
                   help="where to run queries; default: neo4j if NEO4J_URI is set, else embedded")


class _Parser(argparse.ArgumentParser):
    """Option errors are one line (`error: python -m graph ask: argument --format: …`), exit code 2."""

    def error(self, message: str):
        self.exit(2, f"error: {self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m graph",
                                     description="Quzhou industry-chain and responsibility graph")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("export", help="write the graph as json, graphml or csv (neo4j-admin import)")
    _common(p)
    p.add_argument("--format", choices=("json", "graphml", "csv"), default="json")
    p.add_argument("--out", type=Path, help="output file (a folder for csv); default: stdout")

    p = sub.add_parser("query", help="run a named query")
    _common(p)
    _backend(p)
    p.add_argument("name", help="query name (see `python -m graph queries`)")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--status", type=Path, metavar="FILE", help="status file (CSV: id,status) for overdue queries")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")

    p = sub.add_parser("queries", help="list the named queries and their parameters")

    p = sub.add_parser("ask", help="answer a plain question (中文 or English) with a named query")
    _common(p)
    _backend(p)
    p.add_argument("question")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")

    p = sub.add_parser("lint", help="check the plan and unit table; lists problems with positions")
    _common(p)

    p = sub.add_parser("analyze", help="workload, crunch, brokers, status, problems, what breaks: the full report")
    _common(p)
    p.add_argument("--as-of", type=_date, metavar="DATE", help="date for status lights (default: today)")
    p.add_argument("--status", type=Path, metavar="FILE", help="progress file (CSV/xlsx: item,status)")
    p.add_argument("--min-milestones", type=_at_least(1), default=3, metavar="N",
                   help="name units with at least N deadlines in one month (default 3)")
    p.add_argument("--top", type=_at_least(1), default=10, help="rows kept in ranked lists (default 10)")
    p.add_argument("--plan-id", action="append", metavar="REF",
                   help="analyse only this loaded plan (id, year or title words; repeatable); default: every "
                        "loaded plan. With several plans the report ends with per-plan breakdowns")
    p.add_argument("--format", choices=("table", "json", "csv", "xlsx"), default="table")
    p.add_argument("--out", type=Path, help="output file (a folder for csv); xlsx needs it")

    p = sub.add_parser("diff", help="what changed from one plan to another: measures matched by content")
    _common(p)
    p.add_argument("old", metavar="OLD", help="the earlier plan: a plan file, or a loaded plan's id, year or title words")
    p.add_argument("new", metavar="NEW", help="the later plan, the same way")
    p.add_argument("--format", choices=("table", "json", "csv", "xlsx"), default="table")
    p.add_argument("--out", type=Path, help="output file (a folder for csv); xlsx needs it")

    p = sub.add_parser("whatif", help="what breaks if a unit or a firm drops out")
    _common(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--remove-unit", metavar="NAME", help="any name ask knows: 市监局, 市市场监管局, its full name")
    who.add_argument("--remove-enterprise", metavar="NAME_OR_ID", help="an id, a name or a short name (巨化)")

    p = sub.add_parser("load-neo4j", help="write the graph to Neo4j (idempotent, batched)")
    _common(p)
    p.add_argument("--batch-size", type=_at_least(1), default=1000)
    p.add_argument("--wipe", action="store_true", help="first remove this project's labels (only those)")

    p = sub.add_parser("cypher", help="run a reading Cypher query on Neo4j (the app's read-only console)")
    p.add_argument("query", help="one Cypher statement; only queries Neo4j plans as reads of the graph run")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                   help="query parameter $KEY, passed as text (repeatable)")
    p.add_argument("--limit", type=_at_least(0), default=1000, help="rows to fetch at most (default 1000)")
    p.add_argument("--max-mb", type=_at_least(1), default=8,
                   help="megabytes the result may bring from the server before it is cut (default 8)")
    p.add_argument("--timeout", type=_seconds, default=10.0, help="seconds before the server stops it (default 10)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    return parser


def _at_least(lowest: int):
    """An argparse type: a whole number no smaller than `lowest`."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < lowest:
            raise argparse.ArgumentTypeError(f"{text!r} is below {lowest}")
        return value
    return parse


def _year(text: str) -> int:
    from loaders.plan import YEAR_RANGE
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year") from None
    if not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
        raise argparse.ArgumentTypeError(f"year {value} is outside {YEAR_RANGE[0]}-{YEAR_RANGE[1]}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 3600 seconds")
    return value


def _date(text: str):
    import datetime as dt
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _sources(args):
    from graph.model.dataset import sources_for
    return sources_for(args.plan, args.data, args.year, getattr(args, "place", None))


def _graph(args):
    from graph.model.dataset import load_graph
    return load_graph(_sources(args))[0]


def _status(args, g=None):
    """The --status file, checked against the loaded plans (every row must name one plan's item)."""
    from graph.analysis.status import plan_items
    from loaders.status import read_status
    return read_status(args.status).check(plan_items(g if g is not None else _graph(args)))


def _store(args):
    """A Neo4j store when asked for (or NEO4J_URI set), else None for the embedded graph."""
    from graph.stores.settings import Neo4jSettings
    settings = Neo4jSettings.from_env()
    backend = args.backend or ("neo4j" if settings.configured else "embedded")
    if backend == "embedded":
        return None
    from graph.stores.neo4j import Neo4jStore
    return Neo4jStore(settings)


def _params(pairs: list[str]) -> dict:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise UsageError(f"--param {pair!r}: expected KEY=VALUE")
        params[key.strip()] = value.strip()
    return params


def cmd_export(args) -> int:
    from graph.stores.export import write
    text = write(_graph(args), args.format, args.out)
    if text is not None:
        sys.stdout.write(text)
    return 0


def cmd_query(args) -> int:
    from graph.named import get_query, run_named
    from graph.present.table import render
    params = _params(args.param)
    if args.status:
        params["done"] = sorted(_status(args).done_ids())
    store = _store(args)
    try:
        rows = run_named(args.name, params, graph=None if store else _graph(args), store=store)
    finally:
        if store:
            store.close()
    print(render(rows, get_query(args.name).returns, args.format))
    return 0


def cmd_queries(args) -> int:
    from graph.named.catalogue import load_catalogue
    for q in load_catalogue().values():
        print(f"{q.name}({q.signature()})\n    {q.description}\n    returns: {', '.join(q.returns)}")
    return 0


def cmd_ask(args) -> int:
    from graph.interface.ask import answer
    from graph.named import get_query
    from graph.present.table import render
    store = _store(args)
    try:
        result = answer(args.question, graph=None if store else _graph(args), store=store)
    finally:
        if store:
            store.close()
    declined = 0 if result.query else 2 if result.refusal == "bad_date" else 1  # a date that cannot be: bad input
    if args.format == "json":  # one object, answered or declined, for other tools
        import json
        print(json.dumps(result.to_json(), ensure_ascii=False, default=str))
        return declined
    if result.refusal == "bad_date":
        print(f"error: {result.message}", file=sys.stderr)
        return declined
    if result.query is None:
        print(result.message)
        print(result.help)
        return declined
    params = " ".join(f"{k}={v}" for k, v in result.params.items())
    print(f"query: {result.query}  params: {params or '(none)'}")
    print(render(result.rows, get_query(result.query).returns, args.format))
    return 0


def cmd_lint(args) -> int:
    from graph.model.lint import lint
    findings = lint(_sources(args))
    for f in findings:
        print(f)
    print(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}")
    return 1 if findings else 0


def cmd_analyze(args) -> int:
    from graph.analysis.report import full_report, write_report
    g = _graph(args)
    status = _status(args, g) if args.status else None
    from graph.analysis.plans import chosen_plans, plan_breakdown, scope
    chosen = chosen_plans(g, args.plan_id)
    report = full_report(scope(g, chosen), as_of=args.as_of, status=status, top=args.top,
                         min_milestones=args.min_milestones)
    if len(chosen) > 1:
        report.update(plan_breakdown(g, chosen, top=args.top, min_milestones=args.min_milestones))
    text = write_report(report, args.format, args.out)
    if text is not None:
        print(text)
    elif args.out:
        print(f"wrote {args.format} report ({len(report)} analyses) to {args.out}", file=sys.stderr)
    return 0


def cmd_diff(args) -> int:
    from graph.analysis.plan_diff import diff_refs
    from graph.analysis.report import write_report
    old, new, result = diff_refs(args.old, args.new, plans=args.plan, data_dir=args.data, year=args.year)
    text = write_report(result.tables(), args.format, args.out)
    counts = ", ".join(f"{n} {k}" for k, n in result.counts().items())
    print(f"{old.plan_id} -> {new.plan_id}: {counts} measures; {len(result.changes)} changes",
          file=sys.stderr if text is None or args.format != "table" else sys.stdout)
    if text is not None:
        print(text)
    return 0


def cmd_whatif(args) -> int:
    from graph.analysis.whatif import whatif_remove_enterprise, whatif_remove_unit
    g = _graph(args)
    result = (whatif_remove_unit(g, args.remove_unit) if args.remove_unit
              else whatif_remove_enterprise(g, args.remove_enterprise))
    print("\n".join(result.lines()))
    return 0


def cmd_load_neo4j(args) -> int:
    from graph.model.dataset import load_dataset
    from graph.stores.neo4j import Neo4jStore
    from graph.stores.settings import Neo4jSettings
    ds = load_dataset(_sources(args))
    with Neo4jStore(Neo4jSettings.from_env()) as store:
        counts = store.load(ds.nodes, ds.rels, batch_size=args.batch_size, wipe=args.wipe,
                            progress=lambda msg: print(msg, file=sys.stderr, flush=True))
    print(f"neo4j now holds {counts['nodes']} nodes and {counts['relationships']} relationships "
          f"of this project")
    return 0


def cmd_cypher(args) -> int:
    from graph.present.table import render
    from graph.stores.neo4j import Neo4jStore
    from graph.stores.settings import Neo4jSettings
    settings = Neo4jSettings.from_env()
    if not settings.configured:
        raise UsageError("cypher runs on Neo4j: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD), e.g. "
                         "eval \"$(scripts/neo4j-dev env)\"")
    with Neo4jStore(settings) as store:
        columns, rows = store.run_read_only(args.query, _params(args.param), timeout_s=args.timeout,
                                            limit=args.limit, max_bytes=args.max_mb * 2 ** 20)
    print(render(list(rows), columns, args.format))
    if rows.cut == "bytes":
        print(f"note: the result is larger than {args.max_mb} MB; showing the {len(rows)} rows that fit "
              f"(narrow the query, or raise --max-mb)", file=sys.stderr)
    elif rows.cut == "rows":
        print(f"note: showing the first {len(rows)} rows; there are more (add a LIMIT, or raise --limit)",
              file=sys.stderr)
    return 0


COMMANDS = {"export": cmd_export, "query": cmd_query, "queries": cmd_queries, "ask": cmd_ask,
            "lint": cmd_lint, "analyze": cmd_analyze, "diff": cmd_diff, "whatif": cmd_whatif,
            "load-neo4j": cmd_load_neo4j, "cypher": cmd_cypher}


INTERRUPTED = {
    "load-neo4j": "interrupted: the load stopped part-way; run the same command again, loads are "
                  "idempotent and the rerun converges to the full graph",
}


def _os_error(e: OSError) -> str:
    """`path: reason` for a file that cannot be read or written (no traceback, no errno noise)."""
    where = e.filename if e.filename is not None else ""
    reason = e.strerror or str(e)
    return f"{where}: {reason}" if where else reason


def main(argv: list[str] | None = None) -> int:
    """Run one command. Exit codes: 0 ok, 1 findings or no answer, 2 bad input or options,
    3 the store is unavailable, 130 interrupted (Ctrl-C). Errors are the graph and loader layers'
    own types (one line each, naming the file and place or the parameter); anything else is a bug
    and keeps its traceback."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:  # `... | head` closed the pipe: not an error worth a trace
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(INTERRUPTED.get(args.command, "interrupted"), file=sys.stderr)
        return 130
    except StoreUnavailable as e:
        print(f"error: {e}", file=sys.stderr)
        return 3
    except (LoadError, GraphError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except OSError as e:  # a path that does not exist, a folder given for a file, no permission
        print(f"error: {_os_error(e)}", file=sys.stderr)
        return 2
