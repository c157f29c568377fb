"""Helpers shared by the benchmark scripts: Django set-up, timing, the JSON line."""

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_setup(home: Path | None = None) -> None:
    """Configure Django for a benchmark (its own PUSTAKA_HOME unless DATABASE_URL is set)."""
    if home is not None:
        os.environ.setdefault("PUSTAKA_HOME", str(home))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pustaka.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def timings_ms(action, repeat: int) -> list[float]:
    """Run ``action`` ``repeat`` times; return each run's wall time in milliseconds."""
    action()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return runs


def summary(runs: list[float]) -> dict:
    ordered = sorted(runs)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
        "max_ms": round(ordered[-1], 2),
    }


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }


def database_vendor() -> str:
    from django.db import connection

    return connection.vendor


def print_result(name: str, figures: dict, **context) -> None:
    """Print the one JSON line every benchmark ends with."""
    result = {"bench": name, **figures, "database": database_vendor(), "machine": machine()}
    result.update(context)
    print(json.dumps(result, sort_keys=True))
