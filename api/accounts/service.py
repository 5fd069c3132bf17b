"""Users and API clients as resources (W13 manages them), and the rules around their secrets.

Both go through the generic service, so every write reaches the change feed and the audit
trail; the hash columns are left out of the trail by the models' `audit_exclude`. Secrets are
handled only here: a password is hashed before it reaches the state, a client secret is made
here, answered once, and only its digest is stored."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import update
from sqlmodel import Session

from api.accounts.auth import end_sessions
from api.accounts.schemas import (
    ClientCreate,
    ClientFilters,
    ClientRead,
    ClientState,
    ClientUpdate,
    PasswordChange,
    UserCreate,
    UserFilters,
    UserRead,
    UserState,
    UserUpdate,
)
from api.core import i18n, reads, writes
from api.core.errors import FieldErrorSpec, ProblemError
from api.core.models import Record
from api.core.permissions import Verb, require
from api.core.principal import Principal
from api.core.resource import Resource, w13_only
from api.core.security import digest_secret, hash_password, new_secret
from api.core.types import utcnow
from api.models.client import ApiClient
from api.models.refresh_token import RefreshToken
from api.models.user import User

CLIENT_SECRET_PREFIX = "rcs_"

# Issue 13 §4: the texts of the accounts' problems (logins, tokens, bindings, the audit trail).
i18n.register(
    {
        "binding_invalid": {
            "nl": "De koppeling van het account past niet bij zijn rol.",
            "fr": "Le rattachement du compte ne correspond pas à son rôle.",
            "en": "The account's binding does not fit its role.",
        },
        "binding_required": {
            "nl": "Verplicht voor de rol {role:term}.",
            "fr": "Obligatoire pour le rôle {role:term}.",
            "en": "Required for the role {role}.",
        },
        "binding_forbidden": {
            "nl": "Niet toegestaan voor de rol {role:term}.",
            "fr": "Non permis pour le rôle {role:term}.",
            "en": "Not allowed for the role {role}.",
        },
        "term.w13": {"nl": "W13", "fr": "W13", "en": "w13"},
        "term.anonymous": {"nl": "anoniem", "fr": "anonyme", "en": "anonymous"},
        "term.rose_member": {"nl": "ROSE-lid", "fr": "membre de ROSE", "en": "rose_member"},
        "login_throttled": {
            "nl": "Te veel mislukte aanmeldingen; wacht even voor u opnieuw probeert.",
            "fr": "Trop de connexions échouées ; patientez avant de réessayer.",
            "en": "Too many failed logins; wait before trying again.",
        },
        "login_wrong_password": {
            "nl": "E-mailadres of wachtwoord is niet juist.",
            "fr": "L'adresse e-mail ou le mot de passe est incorrect.",
            "en": "E-mail address or password is not correct.",
        },
        "login_wrong_secret": {
            "nl": "Client-id of geheim is niet juist.",
            "fr": "L'identifiant client ou le secret est incorrect.",
            "en": "Client id or secret is not correct.",
        },
        "login_inactive": {
            "nl": "Het account is niet meer actief.",
            "fr": "Le compte n'est plus actif.",
            "en": "The account is no longer active.",
        },
        "refresh_invalid": {
            "nl": "Het vernieuwingstoken is ongeldig of verlopen.",
            "fr": "Le jeton de renouvellement est invalide ou a expiré.",
            "en": "The refresh token is invalid or has expired.",
        },
        "refresh_reused": {
            "nl": "Het vernieuwingstoken werd al gebruikt; meld u opnieuw aan.",
            "fr": "Le jeton de renouvellement a déjà servi ; reconnectez-vous.",
            "en": "The refresh token was already used; log in again.",
        },
        "grant_password_fields": {
            "nl": "De password-grant vraagt username en password.",
            "fr": "Le grant password demande username et password.",
            "en": "The password grant needs username and password.",
        },
        "grant_client_fields": {
            "nl": "De client_credentials-grant vraagt client_id en client_secret.",
            "fr": "Le grant client_credentials demande client_id et client_secret.",
            "en": "The client_credentials grant needs client_id and client_secret.",
        },
        "grant_refresh_fields": {
            "nl": "De refresh_token-grant vraagt refresh_token.",
            "fr": "Le grant refresh_token demande refresh_token.",
            "en": "The refresh_token grant needs refresh_token.",
        },
        "audit_read_only": {
            "nl": "Het auditspoor kan alleen gelezen worden.",
            "fr": "La piste d'audit est en lecture seule.",
            "en": "The audit trail is read-only.",
        },
    }
)


def check_binding(state: dict[str, Any]) -> list[FieldErrorSpec]:
    """A ROSE member acts for one actor, a municipality for one NIS code, W13 for nobody."""
    role = getattr(state.get("role"), "value", state.get("role"))
    needs = {"rose_member": "actor_id", "municipality": "municipality"}.get(str(role))
    errors: list[FieldErrorSpec] = []
    for name in ("actor_id", "municipality"):
        if name == needs and state.get(name) is None:
            errors.append((("body", name), "binding_required", {"role": role}))
        elif name != needs and state.get(name) is not None:
            errors.append((("body", name), "binding_forbidden", {"role": role}))
    return errors


def _validate(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    errors = check_binding(state)
    if errors:
        raise ProblemError(422, "binding_invalid", errors=errors)


# A change of any of these ends the account's sessions: what a token stood for no longer holds.
SESSION_FIELDS = ("role", "actor_id", "municipality", "active", "password_hash")


def _validate_user(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    _validate(session, state, existing)
    if not isinstance(existing, User):
        return
    if any(
        name in state and getattr(state[name], "value", state[name]) != getattr(existing, name)
        for name in SESSION_FIELDS
    ):
        end_sessions(session, existing.id)


users = Resource(
    name="users",
    label="user",
    tag="accounts",
    model=User,
    create=UserState,
    update=UserUpdate,
    read=UserRead,
    # its own create (a password to hash); no PUT, which could make an account without one
    operations=frozenset(("list", "read", "update", "delete")),
    filters=UserFilters,
    sort=("email",),
    search=("email", "name"),
    validate=_validate_user,
    visibility=w13_only,
    exported=False,
    natural_key=("email",),
)

clients = Resource(
    name="clients",
    label="API client",
    tag="accounts",
    model=ApiClient,
    create=ClientState,
    update=ClientUpdate,
    read=ClientRead,
    # its own create (a secret to answer once); no PUT, which could make one without a secret
    operations=frozenset(("list", "read", "update", "delete")),
    filters=ClientFilters,
    sort=("name",),
    search=("name", "client_id"),
    validate=_validate,
    visibility=w13_only,
    exported=False,
    natural_key=("client_id",),
    reads_follow_feed=False,  # `last_used_at`: a plain UPDATE at each token request
)


# --- users -----------------------------------------------------------------------------------


def create_user(session: Session, principal: Principal, payload: UserCreate) -> User:
    # Asked before hashing, so a refused caller cannot make the service spend Argon2 work.
    require(principal, users.name, Verb.create)
    state = UserState.model_validate(
        {
            **payload.model_dump(exclude={"password"}),
            "password_hash": hash_password(payload.password),
        }
    )
    obj = writes.create_record(session, principal, users, state)
    assert isinstance(obj, User)
    return obj


def set_password(
    session: Session,
    principal: Principal,
    user_id: uuid.UUID,
    payload: PasswordChange,
    if_match: str | None = None,
) -> User:
    """A new password; the user's refresh tokens stop, so other sessions must log in again."""
    obj = reads.get_visible(session, principal, users, user_id)
    require(principal, users.name, Verb.update)
    obj = writes.update_record(
        session,
        principal,
        users,
        obj,
        {"password_hash": hash_password(payload.password)},
        if_match=if_match,
    )
    session.execute(update(RefreshToken).where(RefreshToken.user_id == obj.id).values(revoked=True))
    assert isinstance(obj, User)
    return obj


# --- clients ---------------------------------------------------------------------------------


def _new_client_secret() -> tuple[str, str]:
    secret = new_secret(CLIENT_SECRET_PREFIX)
    return secret, digest_secret(secret)


def create_client(
    session: Session, principal: Principal, payload: ClientCreate
) -> tuple[ApiClient, str]:
    """The client and its secret; the secret exists in this answer and nowhere else."""
    require(principal, clients.name, Verb.create)
    secret, digest = _new_client_secret()
    state = ClientState.model_validate(
        {
            **payload.model_dump(),
            "client_id": "rc_" + uuid.uuid4().hex[:20],
            "secret_hash": digest,
            "secret_rotated_at": utcnow(),
        }
    )
    obj = writes.create_record(session, principal, clients, state)
    assert isinstance(obj, ApiClient)
    return obj, secret


def rotate_secret(
    session: Session, principal: Principal, record_id: uuid.UUID, if_match: str | None = None
) -> tuple[ApiClient, str]:
    """A new secret; the old one and the tokens issued before stop working at once."""
    obj = reads.get_visible(session, principal, clients, record_id)
    secret, digest = _new_client_secret()
    obj = writes.update_record(
        session,
        principal,
        clients,
        obj,
        {"secret_hash": digest, "secret_rotated_at": utcnow()},
        if_match=if_match,
    )
    assert isinstance(obj, ApiClient)
    return obj, secret
