"""CODEOWNERS: who owns the files that describe each entity, by GitHub's rules.

GitHub reads one CODEOWNERS per repository, the first of ``.github/CODEOWNERS``,
``CODEOWNERS`` and ``docs/CODEOWNERS``; its last matching pattern wins; ``@org/team`` is a
team, ``@user`` and an email a person. The ``codeowners`` package matches the patterns;
``#`` starts a comment anywhere on a line (GitHub's rule, which the package applies only to
whole lines), so comments are blanked first, keeping every line where it was.

Each entity whose descriptor lies under a pattern gets an ``ic:codeOwner`` link per owner,
whose statement names the CODEOWNERS line and the descriptor; the load then makes those
owners its owners when no source names one, and the ``owner-disagrees`` gap tells when a
source names another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from codeowners import CodeOwners

from explorer.domain.kinds import Kind
from explorer.domain.vocab import IC
from explorer.ingest.fields import EntityRecord, Link
from explorer.ingest.identity import key
from explorer.ingest.notes import Notes

__all__ = ["CodeOwnersFile", "code_owners_file", "link_code_owners"]

# where GitHub looks, in its order: the first found is the repository's
_PLACES = (".github", "", "docs")
_COMMENT = re.compile(r"(?<!\\)\s#.*$")


@dataclass
class CodeOwnersFile:
    """One CODEOWNERS, the repository folder its patterns start from, and its rules."""

    path: Path
    root: Path
    rules: CodeOwners
    rank: int  # its place in GitHub's order of places


def code_owners_file(path: Path, text: str) -> CodeOwnersFile:
    """Read one CODEOWNERS; its repository is the folder above ``.github`` or ``docs``."""
    place = path.parent.name if path.parent.name in (".github", "docs") else ""
    root = path.parent.parent if place else path.parent
    blanked = "\n".join(_COMMENT.sub("", line) for line in text.splitlines())
    return CodeOwnersFile(path, root.resolve(), CodeOwners(blanked), _PLACES.index(place))


def _in_use(files: list[CodeOwnersFile], notes: Notes) -> list[CodeOwnersFile]:
    """The one CODEOWNERS GitHub reads per repository; the others are said to be unused."""
    used: dict[Path, CodeOwnersFile] = {}
    for found in sorted(files, key=lambda f: f.rank):
        first = used.setdefault(found.root, found)
        if first is not found:
            notes.warn(found.path, None, f"not read: GitHub reads {first.path} instead")
    return sorted(used.values(), key=lambda f: len(f.root.parts), reverse=True)


@dataclass
class _People:
    """The load's teams and people, findable by the names CODEOWNERS gives them."""

    teams: dict[str, str] = field(default_factory=dict)  # key -> record id
    people: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, records: Iterable[EntityRecord]) -> _People:
        found = cls()
        for record in records:
            into = {Kind.TEAM: found.teams, Kind.PERSON: found.people}.get(Kind(record.kind))
            if into is None:
                continue
            contacts = [str(v) for p, v in record.attributes if p == IC.contact]
            for name in (record.id, record.label or "", *record.names, *contacts):
                into.setdefault(key(name), record.id)
                into.setdefault(key(name.rsplit("/", 1)[-1]), record.id)
        return found

    def find(self, owner: tuple[str, str]) -> str:
        """The id of the team or person an owner names; as written when none is known."""
        sort, text = owner
        handle = text.removeprefix("@")
        if sort == "TEAM":
            return self.teams.get(key(handle.split("/", 1)[1]), text)
        return self.people.get(key(handle), text)


def link_code_owners(
    files: list[CodeOwnersFile], records: list[EntityRecord], notes: Notes
) -> None:
    """Give each record under a CODEOWNERS pattern a ``codeOwner`` link per owner."""
    used = _in_use(files, notes)
    if not used:
        return
    people = _People.of(records)
    for record in records:
        described = Path(record.path).resolve()
        repository = next((f for f in used if described.is_relative_to(f.root)), None)
        if repository is None or Kind(record.kind) in (Kind.TEAM, Kind.PERSON):
            continue
        relative = described.relative_to(repository.root).as_posix()
        owners, line, pattern, _ = repository.rules.matching_line(relative)
        where = f"{repository.path}:{line} ({pattern}) for {record.path}:{_owner_line(record)}"
        record.links += [
            Link(IC.codeOwner, people.find(owner), line, source=where) for owner in owners
        ]


def _owner_line(record: EntityRecord) -> int | None:
    """Where the descriptor names its owner, else where it starts."""
    lines = [link.line for link in record.links if link.predicate == IC.ownedBy]
    return lines[0] if lines else record.line
