"""The generic service under its former name, for `api/exchange/dump.py` (changed on another
branch at the time of the split): reads live in `api.core.reads`, writes in
`api.core.writes`, grants in `api.core.grants`. Point the export at those and delete this."""

from api.core.reads import list_records, state_of
from api.core.writes import collection_rows, create_record, stored_value, update_record

__all__ = [
    "collection_rows",
    "create_record",
    "list_records",
    "state_of",
    "stored_value",
    "update_record",
]
