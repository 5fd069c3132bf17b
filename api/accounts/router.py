"""Accounts routes: `/auth/token`, `/auth/revoke` and `/me` for everyone (`auth_router`);
`/users`, `/clients` (`users_router`, `clients_router`) and the read-only `/audit` trail
(`audit_router`) for W13."""

from fastapi import APIRouter

from api.accounts import audit_router, auth_router, clients_router, users_router

router = APIRouter()
router.include_router(auth_router.router)
router.include_router(users_router.router)
router.include_router(clients_router.router)
router.include_router(audit_router.router)
