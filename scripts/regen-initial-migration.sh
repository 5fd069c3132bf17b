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
mv "$f" migrations/versions/2026_11_26_0001-0001_initial_schema.py
.venv/bin/ruff format -q migrations/versions/ 2>/dev/null || true
echo "wrote migrations/versions/2026_11_26_0001-0001_initial_schema.py"
