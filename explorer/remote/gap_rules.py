"""The ownership rules as SPARQL queries, run by the server over the whole estate.

The shapes' rules target nodes by class, as SHACL does (a node typed Team and Service is
checked as both); the rules in code target kinds, as ``explorer.analysis.gaps`` does.

Each query returns the nodes that may break one rule, with the offending value where
there is one. Where a rule turns on details SPARQL engines read differently (what counts
as a whole number, the first of several statuses), the server narrows and the same
Python check as for a local file decides, on the copy of the few nodes returned.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from explorer.analysis.gaps import assumption_rules
from explorer.analysis.index import EstateIndex
from explorer.analysis.shape_rules import OWNED_CLASSES, STATUS_RULES, Breach, value_breaks
from explorer.remote.client import SparqlClient
from explorer.remote.queries import iri, kind_is
from explorer.vocab import IC

__all__ = ["Candidate", "candidates", "confirmed"]

Candidate = tuple[str, URIRef, Node | None]  # (query name, focus, value)

_OWNED_BY, _STATUS, _TIER = iri(IC.ownedBy), iri(IC.status), iri(IC.tier)
_STRING = iri(XSD.string)


def _plain(variable: str, allowed: tuple[str, ...]) -> str:
    """True for a plain string literal among ``allowed``, as the shapes accept them."""
    listed = ", ".join(f'"{a}"' for a in allowed)
    return (
        f"(isLiteral(?{variable}) && LANG(?{variable}) = '' && "
        f"DATATYPE(?{variable}) = {_STRING} && STR(?{variable}) IN ({listed}))"
    )


def _queries() -> dict[str, str]:
    """rule -> a SELECT of ?focus (and ?value where the rule has one)."""
    owned = f"VALUES ?target {{ {' '.join(iri(c) for c in OWNED_CLASSES)} }} ?focus a ?target ."
    team, assumption = f"?focus a {iri(IC.Team)} .", f"?focus a {iri(IC.Assumption)} ."
    queries = {
        "no-owner": f"SELECT DISTINCT ?focus WHERE {{ {owned} FILTER NOT EXISTS {{ "
        f"?focus {_OWNED_BY} ?o FILTER(isIRI(?o)) }} }}",
        "several-owners": f"SELECT ?focus WHERE {{ {owned} ?focus {_OWNED_BY} ?o "
        "FILTER(isIRI(?o)) } GROUP BY ?focus HAVING (COUNT(DISTINCT ?o) > 1)",
        "owner-not-team-or-person": f"SELECT DISTINCT ?focus ?value WHERE {{ {owned} "
        f"?focus {_OWNED_BY} ?value FILTER(isIRI(?value)) "
        f"FILTER NOT EXISTS {{ VALUES ?is {{ {iri(IC.Team)} {iri(IC.Person)} }} ?value a ?is }} }}",
        "dissolved-owner": f"SELECT DISTINCT ?focus ?value WHERE {{ {owned} "
        f"?focus {_OWNED_BY} ?value . ?value {_STATUS} ?s "
        f"FILTER(isIRI(?value) && {_plain('s', ('dissolved',))}) }}",
        "unreachable-team": f"SELECT DISTINCT ?focus WHERE {{ {team} "
        f"FILTER NOT EXISTS {{ ?m {iri(IC.memberOf)} ?focus FILTER(isIRI(?m)) }} "
        f"FILTER NOT EXISTS {{ ?focus {iri(IC.contact)} ?c }} }}",
        "assumption-without-status": f"SELECT DISTINCT ?focus WHERE {{ {assumption} "
        f"FILTER NOT EXISTS {{ ?focus {_STATUS} ?s }} }}",
        "undefined-reference": "SELECT DISTINCT ?focus WHERE { "
        f"{kind_is('focus', ['placeholder'])} }}",
        "assumption-rules": "SELECT DISTINCT ?focus WHERE { "
        f"{kind_is('focus', ['assumption'])} ?focus {_STATUS} ?s . "
        f"?relying {iri(IC.assumes)} ?focus "
        "FILTER(LCASE(STR(?s)) IN ('unverified', 'invalid')) }",
        "bad-tier": f"SELECT DISTINCT ?focus ?value WHERE {{ ?focus {_TIER} ?value "
        f"FILTER(isIRI(?focus) && !(isLiteral(?value) && DATATYPE(?value) = "
        f"{iri(XSD.integer)} && STR(?value) IN ('1', '2', '3'))) }}",
        "bad-tier-several": f"SELECT ?focus WHERE {{ ?focus {_TIER} ?value "
        "FILTER(isIRI(?focus)) } GROUP BY ?focus HAVING (COUNT(?value) > 1)",
    }
    for rule, (cls, allowed) in STATUS_RULES.items():
        typed = f"?focus a {iri(cls)} ."
        queries[rule] = (
            f"SELECT DISTINCT ?focus ?value WHERE {{ {typed} "
            f"?focus {_STATUS} ?value FILTER(!{_plain('value', allowed)}) }}"
        )
        queries[f"{rule}-several"] = (
            f"SELECT ?focus WHERE {{ {typed} ?focus {_STATUS} ?value }} "
            "GROUP BY ?focus HAVING (COUNT(?value) > 1)"
        )
    return queries


def candidates(client: SparqlClient) -> list[Candidate]:
    """(query name, focus, value) for every row of every rule query, paged."""
    found: list[Candidate] = []
    for name, query in _queries().items():
        order = "?focus ?value" if "?value WHERE" in query else "?focus"
        for rows in client.pages(f"{query}\nORDER BY {order}"):
            found.extend((name, row["focus"], row.get("value")) for row in rows)  # type: ignore[misc]
    return found


def confirmed(index: EstateIndex, rows: list[Candidate]) -> list[Breach]:
    """The breaches among the candidates, decided as for a local file, on ``index`` (a copy
    that describes every candidate)."""
    found: list[Breach] = []
    for name, focus, value in rows:
        if name == "assumption-rules":
            found.extend((focus, rule, None) for rule in assumption_rules(index, focus))
        elif name.endswith("-several"):
            found.append((focus, name.removesuffix("-several"), None))
        elif name in ("bad-tier", *STATUS_RULES):
            if value is not None and value_breaks(name, value):
                found.append((focus, name, value))
        else:
            found.append((focus, name, value))
    return found
