"""Shared timing helper for the benchmark scripts."""
from __future__ import annotations

import statistics
import time

__all__ = ["median_time"]


def median_time(fn, repeat: int) -> float:
    """Median wall seconds of `repeat` calls of `fn` (the median resists a busy machine's outliers)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)
