"""Every domain's `Resource` spec, and the one call that plugs the domains into core.

`load_all` is called where the program starts (the app, the command line, the test run): it
adds each spec to the registry (`api.core.registry.REGISTRY`) and lets the domains add their
hooks to core (the records re-issued in the change feed, the webhook outbox). Adding a
resource is a spec in its domain's `service.py`, one line in `RESOURCES` and its rows in the
permission table (`api.core.permissions.TABLE`); `tests/core/test_registry.py` fails when one
of them is missing."""

from __future__ import annotations

from functools import cache

from api.accounts.service import clients, users
from api.actions.service import actions, reissue_parents
from api.actors.service import actors
from api.agreements.service import agreements, reissue_agreements
from api.core import i18n, unitofwork
from api.core.registry import REGISTRY
from api.core.resource import Resource
from api.documents.service import action_documents, meeting_documents, reissue_documents
from api.dossiers.service import dossiers, reissue_events
from api.dossiers.service import events as dossier_events
from api.indicators.service import indicators, measurements, reissue_measurements
from api.mail import meetings as meeting_mail
from api.mail import outbox as mail_outbox
from api.meetings.service import bodies, meetings, reissue_dossiers, reissue_meetings
from api.municipalities.service import municipalities
from api.plan.service import objectives, pillars
from api.proposals.service import proposals, reissue_proposals
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
    action_documents,
    indicators,
    measurements,
    bodies,
    meetings,
    proposals,
    meeting_documents,
    dossier_events,
    agreements,
    users,
    clients,
    webhooks,
)

# Issue 13 §4: resource labels (singular) and names (plural, also table names) as problem texts
# show them (`{label:term}`): (nl, fr, en).
_TERMS: dict[str, tuple[str, str, str]] = {
    "municipality": ("gemeente", "commune", "municipality"),
    "municipalities": ("gemeenten", "communes", "municipalities"),
    "actor": ("actor", "acteur", "actor"),
    "actors": ("actoren", "acteurs", "actors"),
    "pillar": ("pijler", "pilier", "pillar"),
    "pillars": ("pijlers", "piliers", "pillars"),
    "objective": ("doelstelling", "objectif", "objective"),
    "objectives": ("doelstellingen", "objectifs", "objectives"),
    "dossier": ("dossier", "dossier", "dossier"),
    "dossiers": ("dossiers", "dossiers", "dossiers"),
    "action": ("actie", "action", "action"),
    "actions": ("acties", "actions", "actions"),
    "indicator": ("indicator", "indicateur", "indicator"),
    "indicators": ("indicatoren", "indicateurs", "indicators"),
    "measurement": ("meting", "mesure", "measurement"),
    "measurements": ("metingen", "mesures", "measurements"),
    "body": ("orgaan", "organe", "body"),
    "bodies": ("organen", "organes", "bodies"),
    "meeting": ("vergadering", "réunion", "meeting"),
    "meetings": ("vergaderingen", "réunions", "meetings"),
    "dossier event": ("dossiergebeurtenis", "événement de dossier", "dossier event"),
    "dossier-events": ("dossiergebeurtenissen", "événements de dossier", "dossier events"),
    "dossier_events": ("dossiergebeurtenissen", "événements de dossier", "dossier events"),
    "agenda proposal": ("voorstel van agendapunt", "proposition de point", "agenda proposal"),
    "agenda-proposals": (
        "voorstellen van agendapunten",
        "propositions de points",
        "agenda proposals",
    ),
    "agenda_proposals": (
        "voorstellen van agendapunten",
        "propositions de points",
        "agenda proposals",
    ),
    "meeting document": ("document van een vergadering", "document de réunion", "meeting document"),
    "meeting-documents": (
        "documenten van vergaderingen",
        "documents de réunion",
        "meeting documents",
    ),
    "meeting_documents": (
        "documenten van vergaderingen",
        "documents de réunion",
        "meeting documents",
    ),
    "action document": ("document van een actie", "document d'action", "action document"),
    "action-documents": ("documenten van acties", "documents d'action", "action documents"),
    "action_documents": ("documenten van acties", "documents d'action", "action documents"),
    "messages": ("e-mails", "e-mails", "e-mail messages"),
    "agreement": ("overeenkomst", "convention", "agreement"),
    "agreements": ("overeenkomsten", "conventions", "agreements"),
    "user": ("gebruiker", "utilisateur", "user"),
    "users": ("gebruikers", "utilisateurs", "users"),
    "API client": ("API-client", "client API", "API client"),
    "clients": ("API-clients", "clients API", "API clients"),
    "api_clients": ("API-clients", "clients API", "API clients"),
    "webhook": ("webhook", "webhook", "webhook"),
    "webhooks": ("webhooks", "webhooks", "webhooks"),
    "audit": ("auditspoor", "piste d'audit", "audit trail"),
    "changes": ("wijzigingenstroom", "flux des changements", "change feed"),
    "reports": ("jaarverslagen", "rapports annuels", "annual reports"),
}
i18n.register(
    {f"term.{key}": dict(zip(i18n.LANGUAGES, words, strict=True)) for key, words in _TERMS.items()}
)


@cache
def load_all() -> None:
    for spec in RESOURCES:
        REGISTRY.register(spec)
    # Records whose feed entries go out again when others change (their audience or a derived
    # field follows those): see `api.core.unitofwork.REISSUE_HOOKS`.
    for hook in (
        reissue_meetings,
        reissue_proposals,
        reissue_dossiers,
        reissue_measurements,
        reissue_events,
        reissue_agreements,
        reissue_parents,
        reissue_documents,
    ):
        unitofwork.REISSUE_HOOKS.add(hook)
    outbox.install()
    # E-mail about meetings is queued with the meeting's change (api.mail.meetings).
    unitofwork.COMMIT_HOOKS.add(meeting_mail.on_commit)
    mail_outbox.install()
