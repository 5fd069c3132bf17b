"""What people (`users`) and systems (`api_clients`) have in common as accounts."""

from __future__ import annotations

from sqlalchemy import CheckConstraint


def role_constraints() -> tuple[CheckConstraint, CheckConstraint]:
    """The roles an account may have, and the binding each role needs: a ROSE member acts for
    its actor, a municipality for its NIS code. New objects on every call, because a
    constraint belongs to one table."""
    return (
        CheckConstraint("role IN ('w13', 'rose_member', 'municipality')", name="role"),
        CheckConstraint(
            "(role != 'rose_member' OR actor_id IS NOT NULL) AND "
            "(role != 'municipality' OR municipality IS NOT NULL)",
            name="binding",
        ),
    )
