"""The estate as a Backstage catalog, a descriptor per entity, that loads back to its ids.

A service is a Component (``spec.type`` its ``ic:type`` if Backstage knows it, else
``service``), or an API if its type says it was one (``api openapi``); a resource, or a vendor
(of type ``vendor``: Backstage has no vendors; what workloads depend on is a Resource), is a
Resource; a system a System (a Domain if of type ``domain``); a team a Group; a person a User.
Assumptions are left out (Backstage has no kind for them; any kind would make them
infrastructure), as are traffic (observed services, calls), placeholders and kinds kept but
not modelled (a Template's steps are not in the graph); a reference to one of them stays.

Owner is ``spec.owner`` (one, as Backstage allows; as it requires one, an unowned entity's is
``group:default/unowned``, which nothing defines); depends on, uses vendor and connects to are
``dependsOn`` (``consumesApis`` for an API, which its provider ``providesApis``); part of is
``system``, ``subcomponentOf`` or ``domain``; sub-team of ``parent`` and ``children``; member
of ``memberOf``; status ``lifecycle`` (a Component's or API's only in Backstage's words, else
``production``). The rest is an ``infra-context.dev/`` annotation: ``id`` (the reader honours
it), ``source``, ``tier``, ``status``, ``assumes``, ``deployed-dependencies``, ``other-owners``...

Loaded back, the estate differs only in: assumptions and what was left out; vendors (then
resources); uses vendor and connects to (then depends on); other owners, parts and parents,
tiers and other statuses of components (annotations only); unowned entities (then owned by
``group/default/unowned``); placeholders' ids (``team-x`` then ``group/default/team-x``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import yaml
from rdflib import Graph, URIRef

from explorer.domain import relations as rel
from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.domain.vocab import IC
from explorer.export import Origins
from explorer.export.table import reference
from explorer.graph.index import EstateIndex, index_of
from explorer.ingest.backstage import ID_ANNOTATION
from explorer.ingest.backstage_names import KIND, NAME, NAMESPACE
from explorer.ingest.identity import key

__all__ = ["backstage_bytes", "backstage_name", "valid_annotation_key", "valid_tag"]

API_VERSION = "backstage.io/v1alpha1"
_OURS = "infra-context.dev/"
_KINDS = {Kind.SERVICE: "Component", Kind.RESOURCE: "Resource", Kind.SYSTEM: "System"}
_KINDS |= {Kind.TEAM: "Group", Kind.PERSON: "User", Kind.VENDOR: "Resource"}
_OWNED = ("Component", "API", "Resource", "System", "Domain")  # spec.owner is required
_RUN = ("Component", "API")  # spec.lifecycle is required
_COMPONENT_TYPES = ("service", "website", "library")  # Backstage's well-known types
_LIFECYCLES = ("production", "experimental", "deprecated")
_TAG = re.compile(r"^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$")
_KEY_NAME = re.compile(r"^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$")
_LONGEST = 63

Spec = dict[str, Any]
Notes = dict[str, str]  # the writer's annotations


def backstage_bytes(graph: Graph, origins: Origins | None = None) -> bytes:
    """The catalog as YAML, a document per entity in the order users see them, each
    annotated with where it was described when ``origins`` says."""
    catalog = _Catalog(index_of(graph), origins)
    documents = [catalog.document(e) for e in catalog.shown]
    text = yaml.safe_dump_all(documents, sort_keys=False, allow_unicode=True, explicit_start=True)
    return text.encode("utf-8")


def valid_tag(text: str) -> bool:
    """Backstage's tag rule: ``[a-z0-9:+#]`` words joined by ``-``, 63 at most."""
    return len(text) <= _LONGEST and _TAG.match(text) is not None


def valid_annotation_key(key: str) -> bool:
    """Backstage's annotation key rule: ``[dns-subdomain/]name``, the name 63 at most."""
    prefix, slash, name = key.rpartition("/")
    labels = prefix.split(".") if slash else []
    ok = len(prefix) <= 253 and all(NAMESPACE.match(p) and len(p) <= _LONGEST for p in labels)
    return ok and len(name) <= _LONGEST and _KEY_NAME.match(name) is not None


def backstage_name(text: str) -> str:
    """A Backstage name for any text: what Backstage refuses becomes ``-``, 63 at most.

    >>> backstage_name("payments api@eu"), backstage_name("--x--"), backstage_name("支付")
    ('payments-api-eu', 'x', 'entity')
    """
    name = re.sub(r"^[^A-Za-z0-9]+", "", re.sub(r"[^A-Za-z0-9_.-]+", "-", text))
    return re.sub(r"[^A-Za-z0-9]+$", "", name[:_LONGEST]) or "entity"


def _split(entity_id: str) -> tuple[str, str, str]:
    """An id's kind, namespace and name, if Backstage's; else "", ``default`` and the id."""
    parts = entity_id.split("/")
    shaped = len(parts) == 3 and KIND.match(parts[0]) and NAMESPACE.match(parts[1])
    if shaped and len(parts[1]) < 64:
        return parts[0], parts[1], parts[2]
    return "", "default", entity_id


class _Catalog:
    """The descriptors of one graph's entities; ``kinds``: each written node's kind."""

    def __init__(self, index: EstateIndex, origins: Origins | None) -> None:
        self.index, self.graph, self.origins = index, index.graph, origins
        self.taken: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.given: dict[str, str] = {}  # node -> reference
        self.avoid: set[str] = set()
        self.shown = [e for e in index.entities() if e.kind in _KINDS]
        self.kinds = {URIRef(e.iri): self._kind(e) for e in self.shown}
        ordered = sorted(self.kinds, key=lambda n: (not NAME.match(_split(index.id_of(n))[2]), n))
        for node in ordered:  # ids that are Backstage names already keep them
            self.ref(node)
        # a reference to nothing written must not find a written entity when loaded back
        names = [ref.partition("/")[2] for ref in self.given.values()]
        self.avoid = {"", *map(key, names + [t for e in self.shown for t in (e.id, e.label)])}

    def _kind(self, e: Entity) -> str:
        kind_type = next(iter(self.texts(URIRef(e.iri), IC.type)), "")
        if e.kind is Kind.SERVICE and kind_type.partition(" ")[0] == "api":
            return "API"
        return "Domain" if e.kind is Kind.SYSTEM and kind_type == "domain" else _KINDS[e.kind]

    def ref(self, node: URIRef, default: str = "Component") -> str:
        """How a descriptor names ``node``: a written one by its kind and a Backstage name, any
        other by its id's kind or the first field's ``default``, and its name as written."""
        shaped, namespace, rest = _split(self.index.id_of(node))
        kind = self.kinds.get(node)
        if kind is None and self.index.kind(node) is Kind.PLACEHOLDER:
            rest = self.index.label(node)  # the name as written: "TBD", "Payments"
        as_written = kind is None and rest and not re.search(r"[:/\s]", rest)
        base = rest if as_written else backstage_name(rest)
        return self.named(str(node), kind or shaped or default, namespace, base)

    def named(self, node: str, kind: str, namespace: str, base: str) -> str:
        """One reference per node (an undefined one is one placeholder when loaded back), its
        name unique per kind and namespace ignoring case: a name taken gets ``-2``, ``-3``..."""
        if node not in self.given:
            taken = self.taken[(kind.lower(), namespace)]
            name, n = base, 1
            while name.lower() in taken or key(name) in self.avoid:
                n += 1
                name = f"{base[: _LONGEST - len(str(n)) - 1].rstrip('-_.')}-{n}"
            taken.add(name.lower())
            self.given[node] = f"{kind.lower()}:{namespace}/{name}"
        return self.given[node]

    def refs(self, nodes: Iterable[URIRef], default: str = "Component") -> list[str]:
        return sorted({self.ref(n, default) for n in nodes})

    def out(self, node: URIRef, *relations: rel.Relation) -> list[URIRef]:
        return [t for r in relations for t in self.index.targets(node, r.predicate)]

    def texts(self, node: URIRef, predicate: URIRef) -> list[str]:
        return sorted(str(o) for o in self.graph.objects(node, predicate))

    def document(self, e: Entity) -> dict[str, Any]:
        node, notes = URIRef(e.iri), Notes()
        spec = self.spec(node, e, self.kinds[node], notes)
        meta = self.metadata(node, e, notes)
        return {"apiVersion": API_VERSION, "kind": self.kinds[node], "metadata": meta, "spec": spec}

    def metadata(self, node: URIRef, e: Entity, notes: Notes) -> dict[str, Any]:
        """Name, title, description, tags, links and annotations."""
        namespace, _, name = self.ref(node).partition(":")[2].partition("/")
        shown = {"namespace": namespace, "title": e.label, "description": e.description}
        unsaid = {"namespace": "default", "title": name, "description": ""}
        meta: dict[str, Any] = {"name": name} | {k: v for k, v in shown.items() if v != unsaid[k]}
        tags = self.texts(node, IC.tag)
        _put(meta, "tags", [t for t in tags if valid_tag(t)])
        _note(notes, "tags", [t for t in tags if not valid_tag(t)])
        _put(meta, "links", [_link(text) for text in self.texts(node, IC.link)])
        _note(notes, "source", self.origins(node) if self.origins else [])
        _note(notes, "tier", [self.index.value(node, IC.tier) or ""])
        _note(notes, "aliases", self.texts(node, IC.alias))
        _note(notes, "assumes", map(self.index.id_of, self.out(node, rel.ASSUMES)))
        notes[ID_ANNOTATION] = reference(node)
        # the entity's annotations Backstage accepts (the others in one), then the writer's,
        # which replace what an earlier snapshot wrote under the same key
        kept: dict[str, str] = {}
        other: list[str] = []
        for text in self.texts(node, IC.annotation):
            said, colon, value = text.partition(": ")
            if colon and valid_annotation_key(said) and said not in kept:
                kept[said] = value
            else:
                other.append(text)
        _note(kept, "annotations", other, "\n")
        meta["annotations"] = dict(sorted({**kept, **notes}.items()))
        return meta

    def spec(self, node: URIRef, e: Entity, kind: str, notes: Notes) -> dict[str, Any]:
        """Type, lifecycle, owner, relations and profile, as ``kind`` has them."""
        spec: dict[str, Any] = {}
        kind_type = next(iter(self.texts(node, IC.type)), "")
        if kind in ("Component", "API", "Resource", "Group"):
            spec["type"] = _spec_type(kind, e.kind, kind_type)
        if kind_type != spec.get("type") and kind not in ("API", "Domain"):
            _note(notes, "type", [kind_type])
        if e.status or kind in _RUN:
            said = e.status in _LIFECYCLES or kind not in _RUN
            spec["lifecycle"] = e.status if said else "production"
            _note(notes, "status", [] if said else [e.status])
        self.owner(node, kind, spec, notes)
        self.depends(node, kind, spec, notes)
        self.parts(node, kind, spec, notes)
        self.people(node, e, kind, spec, notes)
        if kind == "API":
            spec["definition"] = f"not kept by Infra Context Explorer; see {_OURS}source"
        return spec

    def owner(self, node: URIRef, kind: str, spec: Spec, notes: Notes) -> None:
        """One owner, as Backstage allows; a group no one defines when Backstage needs one."""
        owners = [self.ref(o, "Group") for o in self.out(node, rel.OWNED_BY)]
        if owners:
            spec["owner"], *others = owners
            _note(notes, "other-owners", others)
        elif kind in _OWNED:
            spec["owner"] = self.named("", "Group", "default", "unowned")
            _note(notes, "owner", ["none recorded (Backstage requires one)"])

    def depends(self, node: URIRef, kind: str, spec: Spec, notes: Notes) -> None:
        """What it needs: APIs consumed, the component an API is provided by, the rest."""
        needs = self.refs(self.out(node, rel.DEPENDS_ON, rel.CONNECTS_TO))
        needs = sorted({*needs, *self.refs(self.out(node, rel.USES_VENDOR), "Resource")})
        if kind == "Component":
            _put(spec, "consumesApis", [t for t in needs if t.startswith("api:")])
            needs = [t for t in needs if not t.startswith("api:")]
            users = self.index.sources(node, rel.DEPENDS_ON.predicate)
            _put(spec, "providesApis", self.refs(u for u in users if self.kinds.get(u) == "API"))
        if kind == "API":  # the provider says it, as providesApis
            on = [t for t in self.out(node, rel.DEPENDS_ON) if self.kinds.get(t) == "Component"]
            needs = sorted(set(needs) - set(self.refs(on)))
        _put(spec, "dependsOn", needs)
        _note(notes, "deployed-dependencies", self.refs(self.out(node, rel.CONNECTS_TO)))

    def parts(self, node: URIRef, kind: str, spec: Spec, notes: Notes) -> None:
        """Part of, in the field Backstage reads for the two kinds; one each."""
        systemic = kind in ("System", "Domain")
        fields: dict[str, list[str]] = defaultdict(list)
        for target in self.out(node, rel.PART_OF):
            target_kind = self.kinds.get(target, "Domain" if systemic else "System")
            name = ("subdomainOf" if kind == "Domain" else "domain") if systemic else "system"
            name = "subcomponentOf" if target_kind in _RUN else name
            fields[name].append(self.ref(target, target_kind))
        for name, refs in sorted(fields.items()):  # the first in IRI order, as owners
            spec[name], *others = refs
            _note(notes, f"other-{name}", others)

    def people(self, node: URIRef, e: Entity, kind: str, spec: Spec, notes: Notes) -> None:
        """A team's parent and sub-teams, the teams one is a member of, a Group's or User's
        profile (a name, an email); every other contact is an annotation."""
        parents = [self.ref(t, "Group") for t in self.out(node, rel.SUB_TEAM_OF)]
        if parents:
            spec["parent"], *others = parents
            _note(notes, "other-parents", others)
        if kind == "Group":
            subs = self.index.sources(node, rel.SUB_TEAM_OF.predicate)
            spec["children"] = self.refs((s for s in subs if s in self.kinds), "Group")
        teams = self.refs(self.out(node, rel.MEMBER_OF), "Group")
        if teams or kind == "User":
            spec["memberOf"] = teams
        contacts = list(self.index.contacts(node))
        if kind in ("Group", "User"):
            spec["profile"] = {"displayName": e.label}
            email = next((c for c in contacts if "@" in c and " " not in c), None)
            if email is not None:
                spec["profile"]["email"] = email
                contacts.remove(email)
        _note(notes, "contacts", contacts)


def _spec_type(kind: str, ours: Kind, kind_type: str) -> str:
    if kind == "API":
        return kind_type.partition(" ")[2] or "unknown"
    if kind == "Component":
        return kind_type if kind_type in _COMPONENT_TYPES else "service"
    return "vendor" if ours is Kind.VENDOR else kind_type or {"Group": "team"}.get(kind, "resource")


def _link(text: str) -> dict[str, str]:
    """A link as the reader keeps it (``title: url`` or ``url``), as Backstage writes it."""
    title, colon, url = text.rpartition(": ")
    return {"url": url, "title": title} if colon and title and url else {"url": text}


def _put(mapping: dict[str, Any], name: str, values: list[Any]) -> None:
    if values:
        mapping[name] = values


def _note(notes: Notes, name: str, values: Iterable[str], sep: str = ", ") -> None:
    """An annotation of ours, ``infra-context.dev/<name>``, when there is something to say."""
    text = sep.join(v for v in values if v)
    if text:
        notes[f"{_OURS}{name}"] = text
