# ruff: noqa: S603  (runs the project's own command line)
"""How long `regie import` takes for 100k records on SQLite (target: 30 s on this machine).

Builds a dataset of 100k actors, actions and agreements (bench.gen size `import`), exports it
with `regie export`, then imports the document into an empty, migrated database and times it.

    python -m bench.import_time [--reuse]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
REGIE = str(ROOT / ".venv" / "bin" / "regie")
PY = str(ROOT / ".venv" / "bin" / "python")


def env_for(db: Path, tree: Path = ROOT) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGIE_")}
    env.update(REGIE_DATABASE_URL=f"sqlite:///{db}", REGIE_ENV="production",
               REGIE_SECRET_KEY="bench-import-secret-key-0123456789abcdef",
               REGIE_WEBHOOK_WORKER="false", PYTHONPATH=str(tree))
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
    started = time.monotonic()
    run([REGIE, "import", "--input", str(doc)], env)
    seconds = time.monotonic() - started
    total = sum(counts.values())
    print(json.dumps({"records": total, "seconds": round(seconds, 1),
                      "records_per_s": round(total / seconds), "counts": counts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
