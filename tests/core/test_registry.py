"""Every table of records has a Resource spec, reachable from every entry point."""

from api.core.models import Record
from api.core.resource import REGISTRY
from api.resources import load_all


def _record_models() -> list[type[Record]]:
    found, todo = [], list(Record.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if getattr(cls, "__table__", None) is not None:
            found.append(cls)
    return found


def test_every_record_table_has_a_resource() -> None:
    load_all()
    missing = [m.__name__ for m in _record_models() if m.resource not in REGISTRY]
    assert missing == []
    for model in _record_models():
        assert REGISTRY[model.resource].model is model
