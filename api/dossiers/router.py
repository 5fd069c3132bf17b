from fastapi import APIRouter

from api.core.routing import resource_router
from api.dossiers.service import dossiers, events

router = APIRouter()
router.include_router(resource_router(dossiers))
router.include_router(resource_router(events))
