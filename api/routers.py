"""Every domain's router, mounted under /api/v1."""

from fastapi import APIRouter

from api.accounts.router import router as accounts_router
from api.actions.router import router as actions_router
from api.actors.router import router as actors_router
from api.agreements.router import router as agreements_router
from api.calendars.router import router as calendars_router
from api.documents.router import router as documents_router
from api.dossiers.router import router as dossiers_router
from api.imports.router import router as imports_router
from api.indicators.router import router as indicators_router
from api.mail.router import router as mail_router
from api.meetings.router import router as meetings_router
from api.municipalities.router import router as municipalities_router
from api.plan.router import router as plan_router
from api.proposals.router import router as proposals_router
from api.reports.router import router as reports_router
from api.sync.router import router as sync_router

api_router = APIRouter()
for router in (
    accounts_router,
    municipalities_router,
    actors_router,
    plan_router,
    actions_router,
    indicators_router,
    meetings_router,
    proposals_router,
    calendars_router,
    documents_router,
    mail_router,
    dossiers_router,
    agreements_router,
    sync_router,
    reports_router,
    imports_router,
):
    api_router.include_router(router)
