"""What deploy files say across files, joined once every file of a load is read.

A Kubernetes Service in one file selects workloads another defines; an on-call export's
services, policies and on-calls come in separate responses; CODEOWNERS names the owners of
descriptors anywhere under it. Each kind of fact is joined here, and, when the load holds
any deploy file, every record says what kind of evidence it is (``ic:evidence``), so the
gaps can tell what is deployed from what is declared.
"""

from __future__ import annotations

from rdflib import Literal

from explorer.domain.relations import Evidence
from explorer.domain.vocab import IC
from explorer.ingest.deploy.codeowners import CodeOwnersFile, link_code_owners
from explorer.ingest.deploy.kubernetes import KubeFacts, kubernetes_records
from explorer.ingest.deploy.oncall import OnCallFacts, oncall_records
from explorer.ingest.fields import EntityRecord
from explorer.ingest.notes import Notes

__all__ = ["joined_records"]


def joined_records(
    facts: list[object], records: list[EntityRecord], notes: Notes
) -> list[EntityRecord]:
    """The records the facts of several files make together; ``records`` (the load's
    others) get their code owners and, with them, every record its kind of evidence."""
    made = kubernetes_records([f for f in facts if isinstance(f, KubeFacts)], notes)
    made += oncall_records([f for f in facts if isinstance(f, OnCallFacts)], notes)
    everything = records + made
    owners = [f for f in facts if isinstance(f, CodeOwnersFile)]
    link_code_owners(owners, everything, notes)
    if any(r.evidence != Evidence.DECLARED for r in everything):
        for record in everything:
            record.attributes.append((IC.evidence, Literal(record.evidence)))
    return made
