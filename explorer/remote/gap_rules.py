"""The ownership rules as SPARQL queries, run by the server over the whole estate.

The shapes' rules target nodes by class, as SHACL does (a node typed Team and Service is
checked as both); the rules in code target kinds, as ``explorer.analysis.gaps`` does.

Each query returns the nodes that may break one rule, with the offending value where
there is one. Where a rule turns on details SPARQL engines read differently (what counts
as a whole number, the first of several statuses), the server narrows and the same
Python check as for a local file decides, on the copy of the few nodes returned.
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Graph, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from explorer.analysis.gaps import (
    Gap,
    assumption_rules,
    deployed,
    gaps_of,
    inverted,
    traffic,
    with_overdue,
)
from explorer.analysis.shape_rules import OWNED_CLASSES, STATUS_RULES, Breach, value_breaks
from explorer.analysis.tier_gaps import NEEDS
from explorer.domain.clock import today
from explorer.domain.kinds import ALL_KIND_CLASSES, Kind
from explorer.domain.progress import Step, StepProgress, quiet
from explorer.domain.relations import ASSUMES, MEMBER_OF, OWNED_BY, RELATIONS
from explorer.domain.rules import Rule
from explorer.domain.statuses import AssumptionStatus, TeamStatus
from explorer.domain.tiers import TIER_PATTERN, TIERS
from explorer.domain.vocab import IC
from explorer.graph.index import EstateIndex, index_of
from explorer.remote.client import SparqlClient
from explorer.remote.deploy_copy import deploy_copy
from explorer.remote.mirror import HURT, Mirror, walk
from explorer.remote.queries import iri, kind_is, values
from explorer.statements import Question, question_triples, questions_of

__all__ = ["Candidate", "candidates", "confirmed", "endpoint_gaps"]

Candidate = tuple[str, URIRef, Node | None]  # (query name, focus, value)

# a placeholder in no relation but as an owner is said by the dangling-owner gaps of what
# it owns, not again as an undefined reference
_RELATIONS = " ".join(iri(r.predicate) for r in RELATIONS)
_OWNED_BY, _STATUS, _TIER = iri(OWNED_BY.predicate), iri(IC.status), iri(IC.tier)
_STRING = iri(XSD.string)
_TEAM, _PERSON = iri(ALL_KIND_CLASSES[Kind.TEAM]), iri(ALL_KIND_CLASSES[Kind.PERSON])
_ASSUMPTION = iri(ALL_KIND_CLASSES[Kind.ASSUMPTION])
_ASSUMPTION_RULES = "assumption-rules"  # one query for both rules; code decides which
_SEVERAL = "-several"  # a rule's query for nodes with more than one value
_TIERS = '"' + TIER_PATTERN.replace("\\", "\\\\") + '"'  # as a SPARQL string


def _plain(variable: str, allowed: tuple[str, ...]) -> str:
    """True for a plain string literal among ``allowed``, as the shapes accept them."""
    listed = ", ".join(f'"{a}"' for a in allowed)
    return (
        f"(isLiteral(?{variable}) && LANG(?{variable}) = '' && "
        f"DATATYPE(?{variable}) = {_STRING} && STR(?{variable}) IN ({listed}))"
    )


def _ownership_queries(about: str) -> dict[str, str]:
    """The owner rules; ``about`` (a VALUES clause, or "") limits them to some nodes."""
    owned = f"{about} VALUES ?target {{ {' '.join(iri(c) for c in OWNED_CLASSES)} }} "
    owned += "?focus a ?target ."
    return {
        Rule.NO_OWNER: f"SELECT DISTINCT ?focus WHERE {{ {owned} FILTER NOT EXISTS {{ "
        f"?focus {_OWNED_BY} ?o FILTER(isIRI(?o)) }} }}",
        Rule.SEVERAL_OWNERS: f"SELECT ?focus WHERE {{ {owned} ?focus {_OWNED_BY} ?o "
        "FILTER(isIRI(?o)) } GROUP BY ?focus HAVING (COUNT(DISTINCT ?o) > 1)",
        Rule.OWNER_NOT_TEAM_OR_PERSON: f"SELECT DISTINCT ?focus ?value WHERE {{ {owned} "
        f"?focus {_OWNED_BY} ?value FILTER(isIRI(?value)) "
        f"FILTER NOT EXISTS {{ VALUES ?is {{ {_TEAM} {_PERSON} }} ?value a ?is }} }}",
        Rule.DISSOLVED_OWNER: f"SELECT DISTINCT ?focus ?value WHERE {{ {owned} "
        f"?focus {_OWNED_BY} ?value . ?value {_STATUS} ?s "
        f"FILTER(isIRI(?value) && {_plain('s', (TeamStatus.DISSOLVED,))}) }}",
    }


def _node_queries(about: str) -> dict[str, str]:
    """The rules about teams, assumptions and placeholders themselves."""
    relying = f"?relying {iri(ASSUMES.predicate)} ?focus"
    wanted = ", ".join(f"'{s}'" for s in (AssumptionStatus.UNVERIFIED, AssumptionStatus.INVALID))
    return {
        Rule.UNREACHABLE_TEAM: f"SELECT DISTINCT ?focus WHERE {{ {about} ?focus a {_TEAM} . "
        f"FILTER NOT EXISTS {{ ?m {iri(MEMBER_OF.predicate)} ?focus FILTER(isIRI(?m)) }} "
        f"FILTER NOT EXISTS {{ ?focus {iri(IC.contact)} ?c }} }}",
        Rule.ASSUMPTION_WITHOUT_STATUS: f"SELECT DISTINCT ?focus WHERE {{ {about} "
        f"?focus a {_ASSUMPTION} . FILTER NOT EXISTS {{ ?focus {_STATUS} ?s }} }}",
        Rule.UNDEFINED_REFERENCE: f"SELECT DISTINCT ?focus WHERE {{ {about} "
        f"{kind_is('focus', [Kind.PLACEHOLDER])} "
        f"FILTER NOT EXISTS {{ ?owned {_OWNED_BY} ?focus FILTER NOT EXISTS {{ "
        f"VALUES ?p {{ {_RELATIONS} }} {{ ?focus ?p ?y }} UNION "
        f"{{ ?y ?p ?focus FILTER(?p != {_OWNED_BY}) }} }} }} }}",
        _ASSUMPTION_RULES: f"SELECT DISTINCT ?focus WHERE {{ {about} "
        f"{kind_is('focus', [Kind.ASSUMPTION])} ?focus {_STATUS} ?s . {relying} "
        f"FILTER(LCASE(STR(?s)) IN ({wanted})) }}",
    }


def _tier_queries(about: str) -> dict[str, str]:
    """Pairs of a node and what it needs, both with a tier, the need's a greater number
    (the digit a tier's text holds, compared as text); ``inverted`` decides on the copy."""
    needs = "|".join(iri(r.predicate) for r in NEEDS)
    tiered = " && ".join(f"REGEX(STR(?{t}), {_TIERS}, 'i')" for t in ("a", "b"))
    # STR: Virtuoso compares what REPLACE returns with nothing
    a, b = (f'STR(REPLACE(STR(?{t}), "[^{TIERS[0]}-{TIERS[-1]}]", ""))' for t in ("a", "b"))
    return {
        Rule.TIER_INVERSION: f"SELECT DISTINCT ?focus ?value WHERE {{ {about} "
        f"?focus {needs} ?value . ?focus {_TIER} ?a . ?value {_TIER} ?b "
        f"FILTER(isIRI(?focus) && isIRI(?value) && {tiered} && {a} < {b}) }}"
    }


def _value_queries(about: str) -> dict[str, str]:
    """Tiers and statuses: the server narrows, the local check decides (``confirmed``)."""
    queries = {
        Rule.BAD_TIER: f"SELECT DISTINCT ?focus ?value WHERE {{ {about} ?focus {_TIER} ?value "
        f"FILTER(isIRI(?focus) && !(isLiteral(?value) && REGEX(STR(?value), {_TIERS}, 'i'))) }}",
        f"{Rule.BAD_TIER}{_SEVERAL}": f"SELECT ?focus WHERE {{ {about} ?focus {_TIER} ?value "
        "FILTER(isIRI(?focus)) } GROUP BY ?focus HAVING (COUNT(?value) > 1)",
    }
    for rule, (cls, allowed) in STATUS_RULES.items():
        typed = f"{about} ?focus a {iri(cls)} ."
        queries[rule] = (
            f"SELECT DISTINCT ?focus ?value WHERE {{ {typed} "
            f"?focus {_STATUS} ?value FILTER(!{_plain('value', allowed)}) }}"
        )
        queries[f"{rule}{_SEVERAL}"] = (
            f"SELECT ?focus WHERE {{ {typed} ?focus {_STATUS} ?value }} "
            "GROUP BY ?focus HAVING (COUNT(?value) > 1)"
        )
    return queries


def candidates(client: SparqlClient, about: Sequence[URIRef] = ()) -> list[Candidate]:
    """(query name, focus, value) for every row of every rule query, paged; ``about``
    limits the queries to those nodes."""
    limit = values("focus", about) if about else ""
    queries = {
        **_ownership_queries(limit),
        **_node_queries(limit),
        **_value_queries(limit),
        **_tier_queries(limit),
    }
    found: list[Candidate] = []
    for name, query in queries.items():
        order = "?focus ?value" if "?value WHERE" in query else "?focus"
        for rows in client.pages(f"{query}\nORDER BY {order}"):
            found.extend((str(name), row["focus"], row.get("value")) for row in rows)  # type: ignore[misc]
    return found


def confirmed(index: EstateIndex, rows: list[Candidate]) -> list[Breach]:
    """The breaches among the candidates, decided as for a local file, on ``index`` (a copy
    that describes every candidate); tier inversions are decided by ``inverted``."""
    found: list[Breach] = []
    for name, focus, value in rows:
        if name == Rule.TIER_INVERSION:
            continue
        if name == _ASSUMPTION_RULES:
            found.extend((focus, rule, None) for rule in assumption_rules(index, focus))
        elif name.endswith(_SEVERAL):
            found.append((focus, Rule(name.removesuffix(_SEVERAL)), None))
        elif name in (Rule.BAD_TIER, *STATUS_RULES):
            if value is not None and value_breaks(Rule(name), value):
                found.append((focus, Rule(name), value))
        else:
            found.append((focus, Rule(name), value))
    return found


def endpoint_gaps(
    client: SparqlClient, tick: StepProgress = quiet, about: Sequence[URIRef] = ()
) -> list[Gap]:
    """As ``explorer.analysis.ownership_gaps`` on the same graph (of the nodes ``about``,
    if given): the rules run on the server; messages, impact and next steps come from a
    copy of the gaps' nodes, what they hurt and whom to ask about them."""
    tick(Step.CHECKING_RULES, 0, 1)
    rows = candidates(client, about)
    on = today()
    late = [q for q in questions_of(question_copy(client)) if q.overdue(on)]
    if about:
        late = [q for q in late if set(map(str, about)).intersection(q.about)]
    index = index_of(_gap_copy(client, rows, late, tick))
    kept = {str(n) for n in about}
    found = [*traffic(index), *deployed(index)]
    observed = [g for g in found if not about or g.entity.iri in kept]
    pairs = {(f, v) for name, f, v in rows if name == Rule.TIER_INVERSION and isinstance(v, URIRef)}
    inversions = inverted(index, pairs)
    return with_overdue(
        index, [*gaps_of(index, confirmed(index, rows)), *observed, *inversions], on
    )


def _gap_copy(
    client: SparqlClient, rows: list[Candidate], late: list[Question], tick: StepProgress
) -> Graph:
    """A copy of what the gaps of ``rows``, of ``late`` questions, of traffic and of
    deploy files read: their nodes, what those hurt, and whom to ask about them."""
    focuses = sorted({focus for _, focus, _ in rows})
    named = {URIRef(n) for q in late for n in (*q.about, q.assignee) if n}
    mirror = Mirror(client, tick)
    owned = mirror.subjects(sorted({*focuses, *named}), OWNED_BY.predicate)  # a team's
    offending = {v for _, _, v in rows if isinstance(v, URIRef)}
    seen, gathered = call_copy(client), deploy_copy(client)
    ends = {
        o for p in (IC.caller, IC.callee) for o in seen.objects(None, p) if isinstance(o, URIRef)
    }
    ends |= {n for triple in gathered for n in triple[::2] if isinstance(n, URIRef)}
    starts = sorted({*focuses, *owned, *named, *ends})
    hurt = walk(client, starts, HURT, None, tick)  # focuses first
    mirror.describe_with_owners([*hurt, *offending, *named, *starts])
    mirror.describe_asked(sorted({*starts, *offending}))
    for q in late:
        mirror.graph.addN((s, p, o, mirror.graph) for s, p, o in question_triples(q))
    mirror.graph += seen
    mirror.graph += gathered
    return mirror.graph


def call_copy(client: SparqlClient, about: URIRef | None = None) -> Graph:
    """The triples of every observed call on the server (``ic:ObservedCall``), or of those
    to or from ``about``."""
    copy = Graph()
    near = (
        f"{{ ?c <{IC.caller}> <{about}> }} UNION {{ ?c <{IC.callee}> <{about}> }}" if about else ""
    )
    query = f"SELECT ?c ?p ?o WHERE {{ {near} ?c a <{IC.ObservedCall}> ; ?p ?o }} ORDER BY ?c ?p ?o"
    for rows in client.pages(query):
        for row in rows:
            copy.add((row["c"], row["p"], row["o"]))
    return copy


def question_copy(client: SparqlClient) -> Graph:
    """The triples of every question on the server, to be read as from a file."""
    copy = Graph()
    rows = client.select(
        f"SELECT ?q ?p ?o WHERE {{ ?q a <{IC.Question}> ; ?p ?o }} ORDER BY ?q ?p ?o"
    )
    for row in rows:
        copy.add((row["q"], row["p"], row["o"]))
    return copy
