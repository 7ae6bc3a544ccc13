"""The ownership gap rules, each defined once: its code, what it means and the next step.

Three engines decide them: pyshacl over ``ontology/shapes.ttl`` (each shape names its rule
with ``ics:rule``), the same rules in plain code for large graphs
(``explorer.analysis.shape_rules``), and SPARQL queries on an endpoint
(``explorer.remote.gap_rules``). Tests keep the shapes' codes equal to ``SHAPE_RULES`` and
the three engines' answers equal to each other.
"""

from __future__ import annotations

from enum import StrEnum

from explorer.domain.kinds import Kind
from explorer.domain.statuses import AssumptionStatus, TeamStatus
from explorer.domain.tiers import TIERS

__all__ = [
    "DEPLOY_RULES",
    "GRAPH_RULES",
    "NEXT_STEPS",
    "RULES",
    "SHAPE_RULES",
    "STATUS_RULE_KINDS",
    "TRAFFIC_RULES",
    "Rule",
]


class Rule(StrEnum):
    """A gap rule's stable code, as ``--json`` and the shapes write it."""

    NO_OWNER = "no-owner"
    SEVERAL_OWNERS = "several-owners"
    DANGLING_OWNER = "dangling-owner"
    OWNER_NOT_TEAM_OR_PERSON = "owner-not-team-or-person"
    DISSOLVED_OWNER = "dissolved-owner"
    UNREACHABLE_TEAM = "unreachable-team"
    ASSUMPTION_WITHOUT_STATUS = "assumption-without-status"
    UNVERIFIED_TIER1_ASSUMPTION = "unverified-tier1-assumption"
    INVALID_ASSUMPTION_IN_USE = "invalid-assumption-in-use"
    UNDEFINED_REFERENCE = "undefined-reference"
    BAD_TEAM_STATUS = "bad-team-status"
    BAD_ASSUMPTION_STATUS = "bad-assumption-status"
    BAD_TIER = "bad-tier"
    OVERDUE_QUESTION = "overdue-question"
    UNDECLARED_DEPENDENCY = "undeclared-dependency"
    UNKNOWN_SERVICE = "unknown-service"
    UNOBSERVED_DEPENDENCY = "unobserved-dependency"
    UNDECLARED_WORKLOAD = "undeclared-workload"
    UNDEPLOYED_ENTITY = "undeployed-entity"
    UNOWNED_RESOURCE = "unowned-resource"
    OWNER_DISAGREES = "owner-disagrees"
    TIER_INVERSION = "tier-inversion"

    @property
    def description(self) -> str:
        return RULES[self]

    def step(self, **fields: object) -> str:
        """The next step, its ``fields`` (the tier inversion's ``dependency`` and ``tier``)
        filled in."""
        return NEXT_STEPS[self].format(**fields)


def _either(values: tuple[object, ...]) -> str:
    """``1, 2 or 3``."""
    return ", ".join(map(str, values[:-1])) + f" or {values[-1]}"


_TIERS = _either(TIERS)

# rule -> what it means, for help texts and the README; and the next step, in the
# imperative, whose {fields} the rule's code fills in ("; ask <whom>" is added after it:
# ``explorer.analysis.next_steps``)
_TABLE: dict[Rule, tuple[str, str]] = {
    Rule.NO_OWNER: (
        "a service, resource, system, vendor or assumption with no owner",
        "name an owner",
    ),
    Rule.SEVERAL_OWNERS: (
        "more than one owner, so accountability is split",
        "agree on one owner",
    ),
    Rule.DANGLING_OWNER: (
        "an owner that no source defines",
        "define the owner in a source, or name one that is",
    ),
    Rule.OWNER_NOT_TEAM_OR_PERSON: (
        "an owner that is defined, but is not a team or a person",
        "name a team or a person as its owner",
    ),
    Rule.DISSOLVED_OWNER: ("an owner team that was dissolved", "move it to an active team"),
    Rule.UNREACHABLE_TEAM: ("a team with no members and no contact", "add a member or a contact"),
    Rule.ASSUMPTION_WITHOUT_STATUS: (
        "an assumption nobody has marked verified or not",
        "check it and mark it verified or invalid",
    ),
    Rule.UNVERIFIED_TIER1_ASSUMPTION: (
        "an unverified assumption that a tier-1 thing relies on",
        "verify it",
    ),
    Rule.INVALID_ASSUMPTION_IN_USE: (
        "an assumption known to be false that something relies on",
        "stop relying on it, or plan for it failing",
    ),
    Rule.UNDEFINED_REFERENCE: (
        "a placeholder for an id that some source names but none defines",
        "define it in a source, or fix the reference",
    ),
    Rule.BAD_TEAM_STATUS: (
        "a team status other than active or dissolved",
        f"set its status to {_either(tuple(TeamStatus))}",
    ),
    Rule.BAD_ASSUMPTION_STATUS: (
        "an assumption status other than unverified, verified, invalid",
        f"set its status to {_either(tuple(AssumptionStatus))}",
    ),
    Rule.BAD_TIER: (f"a tier other than {_TIERS}", f"set one tier: {_TIERS}"),
    Rule.OVERDUE_QUESTION: (
        "an open question past its due date",
        "answer it, or set a new due date",
    ),
    Rule.UNDECLARED_DEPENDENCY: (
        "calls seen in traffic that no source declares as a dependency",
        "declare the dependency, or stop the calls",
    ),
    Rule.UNKNOWN_SERVICE: (
        "a service seen in traffic that no catalog lists",
        "list it in a catalog",
    ),
    Rule.UNOBSERVED_DEPENDENCY: (
        "a declared dependency with no call seen (stale, or a batch job)",
        "confirm it is still needed, or remove it",
    ),
    Rule.UNDECLARED_WORKLOAD: (
        "a service deploy files run that no catalog or estate lists",
        "describe it in a catalog",
    ),
    Rule.UNDEPLOYED_ENTITY: (
        "a catalog service the deploy files of its system do not run",
        "remove the stale entry, or say where it runs",
    ),
    Rule.UNOWNED_RESOURCE: (
        "a deployed resource (Terraform, an Ingress) with no owner",
        "name an owner",
    ),
    Rule.OWNER_DISAGREES: (
        "an owner a source names that CODEOWNERS does not",
        "make the source and CODEOWNERS name the same owner",
    ),
    Rule.TIER_INVERSION: (
        "a node with a tier that depends (declared, deployed or observed) on one of a less "
        "critical tier",
        "raise {dependency}'s tier to {tier}, or remove the dependency",
    ),
}
RULES: dict[Rule, str] = {rule: means for rule, (means, _) in _TABLE.items()}
NEXT_STEPS: dict[Rule, str] = {rule: step for rule, (_, step) in _TABLE.items()}

# the rules the shapes state (dangling-owner is owner-not-team-or-person for an owner that
# no source defines: the message tells them apart)
SHAPE_RULES: tuple[Rule, ...] = (
    Rule.NO_OWNER,
    Rule.SEVERAL_OWNERS,
    Rule.OWNER_NOT_TEAM_OR_PERSON,
    Rule.DISSOLVED_OWNER,
    Rule.UNREACHABLE_TEAM,
    Rule.ASSUMPTION_WITHOUT_STATUS,
    Rule.BAD_TEAM_STATUS,
    Rule.BAD_ASSUMPTION_STATUS,
    Rule.BAD_TIER,
)
# the rules that compare observed calls with what is declared (files only, not endpoints)
TRAFFIC_RULES: tuple[Rule, ...] = (
    Rule.UNDECLARED_DEPENDENCY,
    Rule.UNKNOWN_SERVICE,
    Rule.UNOBSERVED_DEPENDENCY,
)
# the rules that compare what deploy files run with what the catalogs list (files only)
DEPLOY_RULES: tuple[Rule, ...] = (
    Rule.UNDECLARED_WORKLOAD,
    Rule.UNDEPLOYED_ENTITY,
    Rule.UNOWNED_RESOURCE,
    Rule.OWNER_DISAGREES,
)
# the rules that need the graph's structure, stated in code only
GRAPH_RULES: tuple[Rule, ...] = (
    Rule.UNVERIFIED_TIER1_ASSUMPTION,
    Rule.INVALID_ASSUMPTION_IN_USE,
    Rule.UNDEFINED_REFERENCE,
    Rule.OVERDUE_QUESTION,
    Rule.TIER_INVERSION,
    *TRAFFIC_RULES,
    *DEPLOY_RULES,
)
# status rule -> the kind whose statuses it checks (the values: ``explorer.domain.statuses``)
STATUS_RULE_KINDS: dict[Rule, Kind] = {
    Rule.BAD_TEAM_STATUS: Kind.TEAM,
    Rule.BAD_ASSUMPTION_STATUS: Kind.ASSUMPTION,
}
