#!/usr/bin/env bash
# Until the first release, the schema is one initial migration, regenerated from the models.
# (After a release, add migrations with `alembic revision --autogenerate` instead.)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f migrations/versions/*_initial_schema.py
REGIE_DATABASE_URL="sqlite:///$tmp/empty.db" .venv/bin/alembic revision --autogenerate \
  --rev-id 0001 -m "initial schema" >/dev/null
f=$(ls migrations/versions/*_initial_schema.py)
# A fixed file name keeps the history readable.
out=migrations/versions/2026_11_26_0001-0001_initial_schema.py
mv "$f" "$out"
# What autogenerate cannot see: PostgreSQL's search indexes (pg_trgm), api/core/search.py.
.venv/bin/python - "$out" <<'PY'
import sys

path = sys.argv[1]
src = open(path, encoding="utf-8").read()
end = "    # ### end Alembic commands ###\n\n\ndef downgrade() -> None:\n"
assert src.count(end) == 1, "the generated migration changed shape"
src = src.replace("import api.core.types\n", "import api.core.search\nimport api.core.types\n", 1)
src = src.replace(end, (
    "    # ### end Alembic commands ###\n"
    "    api.core.search.upgrade(op.get_bind())  # q=: pg_trgm indexes, SQLite FTS5 trigram table\n"
    "\n\ndef downgrade() -> None:\n"
    "    api.core.search.downgrade(op.get_bind())\n"
))
open(path, "w", encoding="utf-8").write(src)
PY
.venv/bin/ruff format -q migrations/versions/ 2>/dev/null || true
echo "wrote $out"
