from api.actors.service import actors
from api.core.routing import resource_router

router = resource_router(actors)
