# ruff: noqa: S603  (runs the project's own command line)
"""How long `regie import` takes for 100k records on SQLite (target: 30 s on this machine).

Builds a dataset of 100k actors, actions and agreements (bench.gen size `import`), exports it
with `regie export`, then imports the document into an empty, migrated database and times it:
wall clock, and the CPU time of the import process (the figure a busy machine disturbs least).
The result goes to bench/out/import-result.json, which bench/run.py renders into RESULTS.md.

    python -m bench.import_time [--reuse]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
RESULT = OUT / "import-result.json"
REGIE = str(ROOT / ".venv" / "bin" / "regie")
PY = str(ROOT / ".venv" / "bin" / "python")


def env_for(db: Path, tree: Path = ROOT) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGIE_")}
    env.update(
        REGIE_DATABASE_URL=f"sqlite:///{db}",
        REGIE_ENV="production",
        REGIE_SECRET_KEY="bench-import-secret-key-0123456789abcdef",
        REGIE_WEBHOOK_WORKER="false",
        PYTHONPATH=str(tree),
    )
    return env


def run(cmd: list[str], env: dict[str, str]) -> None:
    subprocess.run(cmd, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reuse", action="store_true", help="keep the export made before")
    parser.add_argument("--tree", default=str(ROOT), help="import with the code of this copy")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    doc = OUT / "import-100k.json"
    if not (args.reuse and doc.exists()):
        source = OUT / "import-source.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{source}{suffix}").unlink(missing_ok=True)
        env = env_for(source)
        run([REGIE, "db", "upgrade"], env)
        run([REGIE, "seed"], env)
        run([PY, "-m", "bench.gen", "import"], env)
        started = time.monotonic()
        run([REGIE, "export", "--output", str(doc)], env)
        print(f"export: {time.monotonic() - started:.1f} s", file=sys.stderr)
    counts = {k: len(v) for k, v in json.loads(doc.read_text())["resources"].items()}
    target = OUT / "import-target.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    env = env_for(target, Path(args.tree))
    run([REGIE, "db", "upgrade"], env)
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    run([REGIE, "import", "--input", str(doc)], env)
    seconds = time.monotonic() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    total = sum(counts.values())
    result = {
        "records": total,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "records_per_s": round(total / seconds),
        "counts": counts,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average": round(os.getloadavg()[0], 1),
        "command": "python -m bench.import_time" + (" --reuse" if args.reuse else ""),
    }
    # bench/run.py renders this into RESULTS.md (its "Import" section).
    RESULT.write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
