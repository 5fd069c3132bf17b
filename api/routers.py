"""Every domain's router, mounted under /api/v1."""

from fastapi import APIRouter

from api.accounts.router import router as accounts_router
from api.actors.router import router as actors_router
from api.municipalities.router import router as municipalities_router

api_router = APIRouter()
api_router.include_router(accounts_router)
api_router.include_router(municipalities_router)
api_router.include_router(actors_router)
