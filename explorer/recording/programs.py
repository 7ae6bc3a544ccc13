"""Programs made and changed in the app, as edits: a program is facts like any other
(``ic:Program``, its name, description, owner and ``ic:changes``), so each step is
statements with who said it, written to the context file and undone exactly
(``explorer.recording.edits``); a program made here answers as one written in a source.
Each edit names the program by its name, as the Programs panel lists it: "New program
Metrics move", "Deleted program Metrics move"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS

from explorer.analysis.programs import Program
from explorer.domain.relations import CHANGES, OWNED_BY
from explorer.domain.vocab import IC, id_from_iri, iri_for_id
from explorer.recording.edits import Edit, Said
from explorer.statements import Fact

__all__ = ["add_changes", "delete_program", "new_program", "remove_changes"]


def new_program(
    entity_id: str,
    label: str,
    changes: Sequence[str],
    said: Said,
    description: str = "",
    owner: str | None = None,
) -> Edit:
    """A new program ``entity_id`` that changes ``changes`` (IRIs), run by ``owner`` (an
    IRI) if given; a program that changes nothing would answer nothing, so it is refused."""
    if not entity_id.strip():
        raise ValueError("the id cannot be empty")
    if not changes:
        raise ValueError("a program changes something: select what it changes first")
    program = iri_for_id(entity_id.strip())
    facts: list[Fact] = [(program, RDF.type, IC.Program)]
    if label.strip():
        facts.append((program, RDFS.label, Literal(label.strip())))
    if description.strip():
        facts.append((program, DCTERMS.description, Literal(description.strip())))
    if owner:
        facts.append((program, OWNED_BY.predicate, URIRef(owner)))
    facts += [(program, CHANGES.predicate, URIRef(c)) for c in dict.fromkeys(changes)]
    text = f"New program {label.strip() or entity_id.strip()}, changing {_ids(changes)}"
    return Edit(text, tuple(said.statement(f) for f in facts))


def add_changes(program: Program, nodes: Iterable[str], said: Said) -> Edit:
    """``program`` changes ``nodes`` (IRIs) too; those it changes already are left as
    they are, and nothing new is refused."""
    known = {c.iri for c in program.changes}
    new = [n for n in dict.fromkeys(nodes) if n not in known and n != program.entity.iri]
    if not new:
        raise ValueError(f"{program.entity.name} changes all of that already")
    facts = [_changes(program, n) for n in new]
    what = f"{_ids(new)} to program {program.entity.label}"
    return Edit(f"Add {what}", tuple(said.statement(f) for f in facts), done=f"Added {what}")


def remove_changes(program: Program, nodes: Iterable[str], said: Said) -> Edit:
    """``program`` no longer changes ``nodes`` (IRIs), whichever source said it did."""
    known = {c.iri for c in program.changes}
    gone = [n for n in dict.fromkeys(nodes) if n in known]
    if not gone:
        raise ValueError(f"{program.entity.name} changes none of that")
    facts = [_changes(program, n) for n in gone]
    what = f"{_ids(gone)} from program {program.entity.label}"
    statements = tuple(said.statement(f, retracted=True) for f in facts)
    return Edit(f"Remove {what}", statements, done=f"Removed {what}")


def delete_program(program: Program, said: Said) -> Edit:
    """Say that ``program`` is no more: its class, name, description, owners and changes
    retracted, whichever source stated them (undo puts every one back)."""
    node, entity = URIRef(program.entity.iri), program.entity
    facts: list[Fact] = [(node, RDF.type, IC.Program)]
    if entity.label and entity.label != entity.id:
        facts.append((node, RDFS.label, Literal(entity.label)))
    if entity.description:
        facts.append((node, DCTERMS.description, Literal(entity.description)))
    facts += [(node, OWNED_BY.predicate, URIRef(o.iri)) for o in program.owners]
    facts += [_changes(program, c.iri) for c in program.changes]
    statements = tuple(said.statement(f, retracted=True) for f in facts)
    return Edit(
        f"Delete program {entity.label}", statements, done=f"Deleted program {entity.label}"
    )


def _changes(program: Program, node: str) -> Fact:
    return (URIRef(program.entity.iri), CHANGES.predicate, URIRef(node))


def _ids(nodes: Iterable[str]) -> str:
    return ", ".join(id_from_iri(n) for n in nodes)
