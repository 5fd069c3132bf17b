from tests.meetings.conftest import (  # noqa: F401 - fixtures
    actors,
    body,
    member,
    municipal,
    outsider,
)
