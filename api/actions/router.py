from api.actions.service import actions
from api.core.routing import resource_router

router = resource_router(actions)
