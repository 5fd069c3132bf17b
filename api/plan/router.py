from fastapi import APIRouter

from api.core.routing import resource_router
from api.plan.service import objectives, pillars

router = APIRouter()
router.include_router(resource_router(pillars))
router.include_router(resource_router(objectives))
