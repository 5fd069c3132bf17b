from api.core.routing import resource_router
from api.municipalities.service import municipalities

router = resource_router(municipalities)
