"""The readers of deploy files that are not YAML: Terraform's JSON, on-call exports and
CODEOWNERS (Compose files and Kubernetes manifests are YAML, read with the catalogs by
``explorer.ingest.readers``)."""

from __future__ import annotations

import json

from explorer.domain.errors import InputError
from explorer.ingest.deploy.codeowners import code_owners_file
from explorer.ingest.deploy.oncall import (
    is_opsgenie,
    is_pagerduty,
    opsgenie_facts,
    pagerduty_facts,
)
from explorer.ingest.deploy.terraform import is_terraform, terraform_records
from explorer.ingest.notes import Notes
from explorer.ingest.parsed import Parsed, decode
from explorer.ingest.sources import Source

__all__ = ["deploy_json_format", "read_codeowners", "read_oncall", "read_terraform"]


def deploy_json_format(document: object) -> str | None:
    """``terraform`` or ``oncall`` for a JSON document of that shape; None otherwise."""
    if is_terraform(document):
        return "terraform"
    if is_pagerduty(document) or is_opsgenie(document):
        return "oncall"
    return None


def _json(source: Source, data: bytes) -> tuple[str, object]:
    path = str(source.path)
    text = decode(path, data).removeprefix("\ufeff")
    try:
        return text, json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, f"not JSON: {exc.msg}") from None


def read_terraform(source: Source, data: bytes, notes: Notes) -> Parsed:
    path = str(source.path)
    text, document = _json(source, data)
    if not isinstance(document, dict) or not is_terraform(document):
        raise InputError(path, None, "is not a Terraform state or plan (terraform show -json)")
    return Parsed(records=terraform_records(path, text, document, notes))


def read_oncall(source: Source, data: bytes, notes: Notes) -> Parsed:
    path = str(source.path)
    text, document = _json(source, data)
    read = pagerduty_facts if is_pagerduty(document) else opsgenie_facts
    return Parsed(facts=[read(path, text, document)])


def read_codeowners(source: Source, data: bytes, notes: Notes) -> Parsed:
    text = decode(str(source.path), data, notes)
    return Parsed(facts=[code_owners_file(source.path, text)])
