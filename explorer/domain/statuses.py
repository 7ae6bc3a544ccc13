"""The statuses a team or an assumption may have, and what an owner's state means.

``STATUSES`` is what the importers accept, the shapes allow (a test keeps
``ontology/shapes.ttl`` in step) and the gap rules check. ``OwnerStatus`` is what the teams
to tell are marked with, in words the reports and the app share.
"""

from __future__ import annotations

from enum import StrEnum

from explorer.domain.kinds import Kind

__all__ = ["STATUSES", "AssumptionStatus", "OwnerStatus", "TeamStatus"]


class TeamStatus(StrEnum):
    ACTIVE = "active"
    DISSOLVED = "dissolved"


class AssumptionStatus(StrEnum):
    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    INVALID = "invalid"  # known to be false


# kind -> the statuses it may have, as the sources write them
STATUSES: dict[Kind, tuple[str, ...]] = {
    Kind.TEAM: tuple(TeamStatus),
    Kind.ASSUMPTION: tuple(AssumptionStatus),
}


class OwnerStatus(StrEnum):
    """Whether anybody is there to tell, for an owner of something reached."""

    ACTIVE = "active"
    DISSOLVED = "dissolved"  # the team is gone
    UNREACHABLE = "unreachable"  # a team with no members and no contact
    UNDEFINED = "undefined"  # named as owner, defined by no source

    @property
    def mark(self) -> str:
        """What a roster says of such an owner ("" for an active one)."""
        return _MARKS[self]


_MARKS = {
    OwnerStatus.ACTIVE: "",
    OwnerStatus.DISSOLVED: "dissolved",
    OwnerStatus.UNREACHABLE: "no members, no contact",
    OwnerStatus.UNDEFINED: "not defined anywhere",
}
