"""Every domain's `Resource` spec, and the one call that plugs the domains into core.

`load_all` is called where the program starts (the app, the command line, the test run): it
adds each spec to the registry (`api.core.registry.REGISTRY`) and lets the domains add their
hooks to core (the webhook outbox). Adding a resource is a spec in its domain's `service.py`,
one line in `RESOURCES` and its rows in the permission table (`api.core.permissions.TABLE`);
`tests/core/test_registry.py` fails when one of them is missing."""

from __future__ import annotations

from functools import cache

from api.accounts.service import clients, users
from api.actions.service import actions
from api.actors.service import actors
from api.agreements.service import agreements
from api.core.registry import REGISTRY
from api.core.resource import Resource
from api.dossiers.service import dossiers
from api.dossiers.service import events as dossier_events
from api.indicators.service import indicators, measurements
from api.meetings.service import bodies, meetings
from api.municipalities.service import municipalities
from api.plan.service import objectives, pillars
from api.webhooks import outbox
from api.webhooks.service import webhooks

# In this order the export lists them where the foreign keys leave a choice
# (`api.exchange.dump`).
RESOURCES: tuple[Resource, ...] = (
    municipalities,
    actors,
    pillars,
    objectives,
    dossiers,
    actions,
    indicators,
    measurements,
    bodies,
    meetings,
    dossier_events,
    agreements,
    users,
    clients,
    webhooks,
)


@cache
def load_all() -> None:
    for spec in RESOURCES:
        REGISTRY.register(spec)
    outbox.install()
