"""The security tests reuse the accounts fixtures (actors to bind ROSE members to)."""

from tests.accounts.conftest import actor, other_actor

__all__ = ["actor", "other_actor"]
