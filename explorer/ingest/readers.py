"""The readers of the formats that give entity records: YAML, CSV and Excel workbooks.

Each turns one file's bytes into records (and, for Backstage Locations, more files to
read). A file found in a folder that holds none of ours (an OpenAPI spec, a Kubernetes
manifest, a Compose file beside the catalog) is skipped; one named on its own is refused.
"""

from __future__ import annotations

import json
import re
from typing import Any

from explorer.domain.errors import InputError
from explorer.domain.kinds import SECTIONS
from explorer.ingest import native_yaml, table, workbook
from explorer.ingest.backstage import BackstageDocuments, is_backstage
from explorer.ingest.call_graphs import (
    CALL_GRAPH_SHAPES,
    calls_from_json,
    calls_from_metrics,
    is_call_graph,
    is_metrics,
)
from explorer.ingest.deploy.compose import compose_records, is_compose
from explorer.ingest.deploy.kubernetes import is_kubernetes, kubernetes_facts
from explorer.ingest.deploy.readers import deploy_json_format
from explorer.ingest.notes import Notes
from explorer.ingest.parsed import Parsed, decode
from explorer.ingest.safe_yaml import documents_apart
from explorer.ingest.sources import Source

__all__ = [
    "is_template",
    "json_format",
    "read_calls",
    "read_csv",
    "read_metrics",
    "read_xlsx",
    "read_yaml",
]

_JINJA = re.compile(r"\{%-?\s*(if|for|set|else|elif|endif|endfor|raw|include|macro)\b")
_NOT_OURS = (
    f"is not an estate (top-level lists {', '.join(SECTIONS)}), a Backstage descriptor "
    "(apiVersion: backstage.io/...), a Kubernetes manifest (apiVersion and kind) nor a "
    "Compose file (services: a mapping of services)"
)


def _ours(document: Any, named: bool) -> bool:
    return (
        is_backstage(document)
        or is_kubernetes(document)
        or is_compose(document)
        or native_yaml.is_native(document, strict=not named)
    )


def is_template(text: str, documents: list[tuple[int, Any]], failed: bool) -> bool:
    """Text of a template, not of entities: YAML that does not parse for its Jinja
    (``{% if %}``), unquoted ``{{ cookiecutter.x }}`` or Helm's ``{{- if }}``; or
    descriptors and manifests named by a placeholder (``name: ${{ values.name }}``,
    ``name: "{{ .Values.name }}"``). A Template itself, whose steps hold placeholders, is an
    entity."""
    if failed:
        return _JINJA.search(text) is not None or "{{" in text
    return any(_placeholder_named(document) for _, document in documents)


def _placeholder_named(document: Any) -> bool:
    if not (is_backstage(document) or is_kubernetes(document)):
        return False
    metadata = document.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    return isinstance(name, str) and ("${{" in name or "{{" in name)


def read_yaml(source: Source, data: bytes, notes: Notes) -> Parsed:
    """Native estate documents, Backstage descriptors, Kubernetes manifests and Compose
    files, freely mixed in one stream; a template's skeleton (placeholders) is passed by,
    not read as entities."""
    path = str(source.path)
    text = decode(path, data)
    read, problems = documents_apart(path, text)
    documents = [(number, document) for number, document in read if document is not None]
    if is_template(text, documents, bool(problems)):
        return Parsed(skipped=True, template=True)
    for problem in problems:
        notes.problem(problem)
    if not any(_ours(document, source.named) for _, document in documents):
        if problems:
            return Parsed()
        if not source.named:
            return Parsed(skipped=True)
        raise InputError(path, None, f"holds no document of ours: it {_NOT_OURS}")
    return _read_documents(source, text, documents, notes)


def _read_documents(
    source: Source, text: str, documents: list[tuple[int, Any]], notes: Notes
) -> Parsed:
    path = str(source.path)
    backstage = BackstageDocuments(source.path, source.root, notes.warnings)
    native, manifests, deployed = [], [], []
    for number, document in documents:
        try:
            if is_backstage(document):
                backstage.read(number, document)
            elif is_kubernetes(document):
                manifests.append((number, document))
            elif is_compose(document):
                deployed += compose_records(path, text, document)
            elif native_yaml.is_native(document, strict=not source.named):
                native.append(document)
            else:
                line = getattr(document, "line", None)
                raise InputError(path, line, f"document {number} {_NOT_OURS}")
        except InputError as exc:
            notes.problem(exc)
    records = native_yaml.records_from_documents(path, native, notes) + backstage.records
    questions = native_yaml.questions_from_documents(path, native, notes)
    facts = [kubernetes_facts(path, manifests, notes)] if manifests else []
    return Parsed(
        records=records + deployed,
        questions=questions,
        follow=backstage.follow,
        skeletons=backstage.skeletons,
        facts=list(facts),
    )


def read_csv(source: Source, data: bytes, notes: Notes) -> Parsed:
    path = str(source.path)
    return Parsed(records=table.records_from_csv(path, decode(path, data, notes), notes))


def read_xlsx(source: Source, data: bytes, notes: Notes) -> Parsed:
    return Parsed(records=workbook.records_from_workbook(str(source.path), data, notes))


def json_format(source: Source, data: bytes) -> str | None:
    """What a ``.json`` file is: ``jsonld``, ``calls`` (a call graph), ``terraform`` or
    ``oncall``; None for a file in a folder that is none (a ``package.json``); one named on
    its own is refused."""
    path = str(source.path)
    try:
        document = json.loads(_json_text(path, data))
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, f"not JSON: {exc.msg}") from None
    if is_call_graph(document):
        return "calls"
    if deployed := deploy_json_format(document):
        return deployed
    items = document if isinstance(document, list) else [document]
    if all(isinstance(i, dict) and {"@context", "@graph", "@id"} & set(i) for i in items):
        return "jsonld"
    if not source.named:
        return None
    raise InputError(
        path,
        None,
        f"is neither JSON-LD (@context, @graph or @id), {CALL_GRAPH_SHAPES}, a Terraform "
        "state or plan (terraform show -json) nor a PagerDuty or Opsgenie export",
    )


def read_calls(source: Source, data: bytes, notes: Notes) -> Parsed:
    path = str(source.path)
    return Parsed(calls=calls_from_json(path, _json_text(path, data)))


def _json_text(path: str, data: bytes) -> str:
    """A JSON file's text, without the byte-order mark Windows tools write."""
    return decode(path, data).removeprefix("\ufeff")


def read_metrics(source: Source, data: bytes, notes: Notes) -> Parsed:
    path = str(source.path)
    text = decode(path, data)
    if not is_metrics(text):
        if not source.named:
            return Parsed(skipped=True)
        raise InputError(
            path,
            None,
            "holds no OpenTelemetry service-graph series (traces_service_graph_request_total)",
        )
    return Parsed(calls=calls_from_metrics(path, text))
