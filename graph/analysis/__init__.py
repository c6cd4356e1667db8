"""Analyses of the responsibility and chain graph: workload, deadline crunch, coordination, status,
problem ledger, what-if, pipeline; `full_report` runs them all. Metrics are defined in docs/metrics.md.

Every function takes the networkx graph or a `GraphIndex` of it (built once per graph and cached).
"""
from graph.analysis.coordination import (EXACT_MAX_NODES, SAMPLE_K, Betweenness, bridges, brokers, co_network,
                                         concentration, coordination_cost, gini, measure_coordination_rows,
                                         unit_betweenness)
from graph.analysis.crunch import crunch_hotspots, crunch_matrix, peak_months, unit_month_counts, unit_month_rows
from graph.analysis.index import GraphIndex
from graph.analysis.pipeline import pipeline_chokepoints, pipeline_load_rows
from graph.analysis.problems import open_problem_rows, problem_closure_rows, problems_by_chain, problems_by_unit
from graph.analysis.report import FORMATS, SECTIONS, full_report, write_report
from graph.analysis.status import LIGHTS, SOON_DAYS, milestone_light, overdue_by_unit, status_lights
from graph.analysis.whatif import (Effect, WhatIf, single_points_of_failure, whatif_remove_enterprise,
                                   whatif_remove_unit)
from graph.analysis.workload import DEFAULT_WEIGHTS, UnitLoad, Weights, ranked_units, unit_loads, workload

__all__ = [
    "GraphIndex",
    # workload
    "Weights", "DEFAULT_WEIGHTS", "UnitLoad", "unit_loads", "ranked_units", "workload",
    # deadline crunch
    "unit_month_rows", "unit_month_counts", "crunch_matrix", "peak_months", "crunch_hotspots",
    # coordination
    "EXACT_MAX_NODES", "SAMPLE_K", "Betweenness", "co_network", "unit_betweenness", "brokers", "bridges",
    "measure_coordination_rows", "coordination_cost", "gini", "concentration",
    # status
    "LIGHTS", "SOON_DAYS", "milestone_light", "status_lights", "overdue_by_unit",
    # problems
    "open_problem_rows", "problem_closure_rows", "problems_by_chain", "problems_by_unit",
    # what-if
    "Effect", "WhatIf", "whatif_remove_unit", "whatif_remove_enterprise", "single_points_of_failure",
    # pipeline
    "pipeline_load_rows", "pipeline_chokepoints",
    # report
    "SECTIONS", "FORMATS", "full_report", "write_report",
]
