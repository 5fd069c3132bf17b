"""`make bench`'s report, from measurements made up here (the benchmark itself takes minutes
and is not part of the suite): issue 17's targets are judged on the largest dataset, a row a
tree cannot answer stays empty, and growth compares with the seed."""

from __future__ import annotations

import argparse
from typing import Any

from bench import run


def row(cpu: float, db: float = 0.0, p50: float = 10.0, rps: float = 100.0) -> dict[str, Any]:
    return {
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": 3 * p50,
        "requests": 1000,
        "errors": 0,
        "items": 50,
        "cpu_ms": cpu,
        "db_cpu_ms": db,
    }


def measured(size: str, actions: int, page_p50: float, page_304: Any) -> dict[str, Any]:
    def res(key: str, label: str, before: Any, after: Any, paged: bool = False) -> Any:
        return {
            "key": key,
            "label": label,
            "paged": paged,
            "rows": {"before": before, "after": after},
        }

    return {
        "db": "pg",
        "size": size,
        "counts": {
            "actors": 1,
            "actions": actions,
            "agreements": 1,
            "measurements": 1,
            "changes": 1,
        },
        "page_bytes": 54_000,
        "trees": [{"label": "before", "commit": "607e1bc"}, {"label": "after", "commit": "abc"}],
        "rss_mb": {"before": 140.0, "after": 145.0},
        "burst": {},
        "results": [
            res("baseline", "baseline", row(0.4, rps=2000), row(0.3, rps=2500)),
            res("healthz", "/healthz", row(0.6), row(0.2)),
            res("page", "page first read", row(11, 2), row(4, 1, p50=page_p50), paged=True),
            res("page_304", "page 304", None, page_304),
            res("page_cached", "page again", row(11, 2), row(1.2, 0.3)),
        ],
    }


def test_targets_are_judged_on_the_largest_dataset_and_empty_rows_stay_empty() -> None:
    args = argparse.Namespace(connections=32, threads=2, duration=4.0, warmup=1.0)
    runs = [
        measured("small", 28, page_p50=10.0, page_304=row(0.5)),
        measured("20k", 20_000, page_p50=14.0, page_304=None),
    ]
    rss = [{"db": "pg", "size": "medium", "read": 300, "rss_mb": {"before": 149.0, "after": 160.0}}]
    text = run.render(runs, rss, args, "python -m bench.run")
    targets = text.split("## Targets", 1)[1].split("\n## ", 1)[0]
    assert "(pg, 20k: 20,000 actions)" in targets
    assert (
        "fixed cost of a request, CPU a request | ≤ 0.35 ms | 0.60 ms | 0.20 ms | yes |" in targets
    )
    assert "first read, CPU a request | ≤ 3.5 ms | 11.00 ms | 4.00 ms | **no** |" in targets
    # 20k's after tree gave no 304 answer: neither a figure nor a verdict
    assert "answered 304, CPU a request | ≤ 1.0 ms | – | – | – |" in targets
    assert "(page cache hit), CPU a request | ≤ 1.5 ms | 11.00 ms | 1.20 ms | yes |" in targets
    # growth of the paged read: 14 / 10 ms at p50
    assert "| page first read, p50 growth seed → 20k | ≤ 1.3× | 1.00× | 1.40× | **no** |" in targets
    assert "| ≤ 150 MB | 149 MB | 160 MB | **no** |" in targets
    table = text.split("## pg, 20k", 1)[1]
    assert "| page 304 | before 607e1bc | – |" in table
    # CPU split into the server's and PostgreSQL's part; share of the same tree's baseline
    assert "| page first read | before 607e1bc | **11.00** | 9.00 | 2.00 | 100 | 10.0 |" in table
    assert "| 5 % | 1.00× | 50 |" in table  # before: 100 of 2000 req/s


def test_the_default_set_has_the_rows_of_issue_17() -> None:
    probes = {
        "action": "a",
        "pillar": "p",
        "last_cursor": "c",
        "indicator": "i",
        "first_seq": 1,
        "last_seq": 100,
        "objective": None,
    }
    eps = {e.key: e for e in run.endpoints_for("targets", probes)}
    assert list(eps) == [
        "baseline",
        "healthz",
        "page",
        "page_25",
        "page_cached",
        "page_304",
        "one",
    ]
    assert eps["page"].cache == "off" and eps["page_cached"].cache == "on"
    # The growth with the data is read on a page the seed fills as well as the others.
    assert eps["page_25"].paged and not eps["page"].paged and eps["page_25"].cache == "off"
    assert eps["page_25"].path == run.PAGE_25
    assert eps["page_304"].conditional and eps["page_304"].expect == 304
    assert eps["page"].path == eps["page_cached"].path == eps["page_304"].path == run.PAGE
    full = [e.key for e in run.endpoints_for("full", probes)]
    assert full[: len(eps)] == list(eps) and "token" in full and full.count("baseline") == 1
