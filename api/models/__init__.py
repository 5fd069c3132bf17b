"""Every table, imported once so the metadata is complete (Alembic and the app rely on it)."""

from api.models.action import Action, ActionDossier, ActionPartner
from api.models.actor import Actor
from api.models.agreement import Agreement, AgreementMunicipality
from api.models.audit import AuditEntry
from api.models.calendar import CalendarToken
from api.models.change import Change
from api.models.client import ApiClient
from api.models.document import (
    ActionDocument,
    ActionDocumentChunk,
    MeetingDocument,
    MeetingDocumentChunk,
)
from api.models.dossier import Dossier, DossierEvent
from api.models.idempotency import IdempotencyKey
from api.models.indicator import Indicator, Measurement
from api.models.login_attempt import KnownLogin, LoginFailure
from api.models.mail import MailMessage, MailPreference, MeetingMailing
from api.models.meeting import (
    Body,
    BodyMember,
    Meeting,
    MeetingAttendance,
    MeetingDecision,
    MeetingDossier,
)
from api.models.municipality import Municipality
from api.models.plan import Objective, Pillar
from api.models.proposal import AgendaProposal
from api.models.ratelimit import RateLimitWindow
from api.models.refresh_token import RefreshToken
from api.models.user import User
from api.models.webhook import Webhook, WebhookAttempt, WebhookDelivery

__all__ = [
    "Action",
    "ActionDocument",
    "ActionDocumentChunk",
    "ActionDossier",
    "ActionPartner",
    "Actor",
    "AgendaProposal",
    "Agreement",
    "AgreementMunicipality",
    "ApiClient",
    "AuditEntry",
    "Body",
    "BodyMember",
    "CalendarToken",
    "Change",
    "Dossier",
    "DossierEvent",
    "IdempotencyKey",
    "Indicator",
    "KnownLogin",
    "LoginFailure",
    "MailMessage",
    "MailPreference",
    "Measurement",
    "Meeting",
    "MeetingAttendance",
    "MeetingDecision",
    "MeetingDocument",
    "MeetingDocumentChunk",
    "MeetingDossier",
    "MeetingMailing",
    "Municipality",
    "Objective",
    "Pillar",
    "RateLimitWindow",
    "RefreshToken",
    "User",
    "Webhook",
    "WebhookAttempt",
    "WebhookDelivery",
]
