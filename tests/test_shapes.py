"""ontology/shapes.ttl states the ownership rules; pyshacl finds each breach on tiny graphs.

Each failing shape names its gap rule (ics:rule), which is what these tests check.
"""

from __future__ import annotations

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace
from rdflib.namespace import SH

from explorer.files.resources import ontology_file

ICS = Namespace("https://infra-context.dev/shapes#")
PREFIXES = """
@prefix ic: <https://infra-context.dev/ontology#> .
@prefix id: <https://infra-context.dev/id/> .
"""
TEAM = 'id:t a ic:Team ; ic:contact "t@x" .\n'


def breaches(turtle: str) -> set[tuple[str, str]]:
    """(focus id, rule) of every top-level violation of our shapes."""
    data = Graph().parse(data=PREFIXES + turtle, format="turtle")
    shapes = Graph().parse(ontology_file("shapes.ttl"))
    _, report, _ = validate(data, shacl_graph=shapes, inference="none")
    assert isinstance(report, Graph)
    found = set()
    for result in report.objects(None, SH.result):  # top level only, not sh:detail
        focus = report.value(result, SH.focusNode)
        rule = shapes.value(report.value(result, SH.sourceShape), ICS.rule)
        assert rule is not None, "every shape that can fail names its rule"
        found.add((str(focus).rsplit("/", 1)[-1], str(rule)))
    return found


class TestOwnership:
    @pytest.mark.parametrize("cls", ["Service", "Resource", "System", "Vendor", "Assumption"])
    def test_no_owner(self, cls: str) -> None:
        status = ' ; ic:status "verified"' if cls == "Assumption" else ""
        assert breaches(f"id:x a ic:{cls}{status} .\n") == {("x", "no-owner")}

    def test_an_owner_defined_nowhere(self) -> None:
        assert breaches("id:x a ic:Service ; ic:ownedBy id:ghost .\n") == {
            ("x", "owner-not-team-or-person")
        }

    def test_an_owner_that_was_dissolved(self) -> None:
        turtle = 'id:t a ic:Team ; ic:contact "x" ; ic:status "dissolved" .\n'
        assert breaches(turtle + "id:x a ic:Service ; ic:ownedBy id:t .\n") == {
            ("x", "dissolved-owner")
        }

    def test_two_owners(self) -> None:
        turtle = TEAM + "id:p a ic:Person .\nid:x a ic:Service ; ic:ownedBy id:t, id:p .\n"
        assert breaches(turtle) == {("x", "several-owners")}

    @pytest.mark.parametrize("owner", ["id:t", "id:p"])
    def test_a_team_or_a_person_is_a_good_owner(self, owner: str) -> None:
        turtle = TEAM + f"id:p a ic:Person .\nid:x a ic:Service ; ic:ownedBy {owner} .\n"
        assert breaches(turtle) == set()


class TestTeams:
    def test_a_team_nobody_can_reach(self) -> None:
        assert breaches("id:t a ic:Team .\n") == {("t", "unreachable-team")}

    def test_a_member_is_enough(self) -> None:
        assert breaches("id:t a ic:Team .\nid:p a ic:Person ; ic:memberOf id:t .\n") == set()

    def test_an_unknown_team_status(self) -> None:
        turtle = 'id:t a ic:Team ; ic:contact "x" ; ic:status "paused" .\n'
        assert breaches(turtle) == {("t", "bad-team-status")}


class TestAssumptionsAndTiers:
    def test_an_assumption_without_status(self) -> None:
        turtle = TEAM + "id:a a ic:Assumption ; ic:ownedBy id:t .\n"
        assert breaches(turtle) == {("a", "assumption-without-status")}

    def test_an_unknown_assumption_status(self) -> None:
        turtle = TEAM + 'id:a a ic:Assumption ; ic:ownedBy id:t ; ic:status "maybe" .\n'
        assert breaches(turtle) == {("a", "bad-assumption-status")}

    def test_a_tier_out_of_range(self) -> None:
        turtle = TEAM + "id:x a ic:Service ; ic:ownedBy id:t ; ic:tier 7 .\n"
        assert breaches(turtle) == {("x", "bad-tier")}
