"""Every file format the explorer reads or writes, in one table, as rdflib registers its
plugins: a name (one spelling everywhere), the extensions, the media type, and the
function that reads or writes it, named as ``module:function`` and imported only when used.

Loading (``explorer.ingest``), snapshots (``explorer.export``), the command line's help and
the app's Open and Export dialogs all read this table, so a format added here is offered
everywhere at once.

>>> by_extension("estate.TTL").title
'Turtle'
>>> [f.extensions[0] for f in WRITTEN][:4]
['.ttl', '.nt', '.jsonld', '.trig']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

__all__ = [
    "BRIEFS",
    "BY_NAME",
    "FORMATS",
    "READ",
    "READABLE",
    "WRITTEN",
    "Format",
    "brief_filter",
    "by_extension",
    "extension_for",
    "open_filter",
    "plugin",
    "save_filter",
    "written_extensions",
]


@dataclass(frozen=True)
class Format:
    """One format. ``rdf`` names its ``pyoxigraph.RdfFormat`` when Oxigraph parses and
    writes it; ``reader`` reads it into entity records (``explorer.ingest.readers``);
    ``writer`` writes a graph as it (``explorer.export``); ``brief`` writes a brief as it
    (``explorer.brief``); ``by_content``: what the file holds decides how it is read (a
    ``.json`` file is JSON-LD, a call graph, a Terraform state or an on-call export);
    ``names``: whole file names that say the format (``CODEOWNERS``), for files with no
    extension."""

    name: str
    title: str
    extensions: tuple[str, ...]
    media_type: str
    rdf: str = ""
    reader: str = ""
    writer: str = ""
    by_content: bool = False
    names: tuple[str, ...] = ()
    brief: str = ""

    @property
    def readable(self) -> bool:
        return bool(self.rdf or self.reader or self.by_content)


_RDF_WRITER = "explorer.export.rdf:rdf_bytes"

FORMATS: tuple[Format, ...] = (
    Format("turtle", "Turtle", (".ttl", ".turtle"), "text/turtle", "TURTLE", writer=_RDF_WRITER),
    Format(
        "ntriples", "N-Triples", (".nt",), "application/n-triples", "N_TRIPLES", "", _RDF_WRITER
    ),
    Format(
        "jsonld",
        "JSON-LD",
        (".jsonld", ".json-ld"),
        "application/ld+json",
        "JSON_LD",
        writer=_RDF_WRITER,
    ),
    Format("trig", "TriG", (".trig",), "application/trig", "TRIG", writer=_RDF_WRITER),
    Format("rdfxml", "RDF/XML", (".rdf", ".owl", ".xml"), "application/rdf+xml", "RDF_XML"),
    Format(
        "yaml",
        "Estate, Backstage, Compose or Kubernetes YAML",
        (".yaml", ".yml"),
        "application/yaml",
        reader="explorer.ingest.readers:read_yaml",
    ),
    Format(
        "backstage",
        "Backstage catalog",
        (".backstage.yaml", ".backstage.yml"),
        "application/yaml",
        reader="explorer.ingest.readers:read_yaml",
        writer="explorer.export.backstage:backstage_bytes",
    ),
    Format(
        "csv",
        "CSV",
        (".csv",),
        "text/csv",
        reader="explorer.ingest.readers:read_csv",
        writer="explorer.export.table:csv_bytes",
    ),
    Format(
        "xlsx",
        "Excel workbook",
        (".xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        reader="explorer.ingest.readers:read_xlsx",
        writer="explorer.export.workbook:xlsx_bytes",
    ),
    Format(
        "json",
        "JSON-LD, a call graph, a Terraform state or an on-call export",
        (".json",),
        "application/json",
        by_content=True,
    ),
    Format(
        "calls",
        "Call graph (Zipkin, Jaeger)",
        (),
        "application/json",
        reader="explorer.ingest.readers:read_calls",
    ),
    Format(
        "terraform",
        "Terraform state or plan (terraform show -json)",
        (".tfstate",),
        "application/json",
        reader="explorer.ingest.deploy.readers:read_terraform",
    ),
    Format(
        "oncall",
        "On-call export (PagerDuty, Opsgenie)",
        (),
        "application/json",
        reader="explorer.ingest.deploy.readers:read_oncall",
    ),
    Format(
        "codeowners",
        "CODEOWNERS",
        (),
        "text/plain",
        reader="explorer.ingest.deploy.readers:read_codeowners",
        names=("CODEOWNERS",),
    ),
    Format(
        "prometheus",
        "Service-graph metrics (Prometheus)",
        (".prom",),
        "text/plain; version=0.0.4",
        reader="explorer.ingest.readers:read_metrics",
    ),
    Format(
        "graphml",
        "GraphML",
        (".graphml",),
        "application/graphml+xml",
        writer="explorer.export.graphml:graphml_bytes",
    ),
    Format(
        "dot",
        "Graphviz DOT",
        (".dot",),
        "text/vnd.graphviz",
        writer="explorer.export.dot:dot_bytes",
    ),
    # the brief (``infra-explorer brief``, File > Export brief): a page to send, not the graph
    Format(
        "html",
        "Brief as one web page",
        (".html", ".htm"),
        "text/html",
        brief="explorer.brief.html:html_bytes",
    ),
    Format(
        "markdown",
        "Brief as Markdown",
        (".md", ".markdown"),
        "text/markdown",
        brief="explorer.brief.markdown:markdown_bytes",
    ),
    Format(
        "pdf", "Brief as PDF", (".pdf",), "application/pdf", brief="explorer.brief.pdf:pdf_bytes"
    ),
)
BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}
# longest first, so that ``.backstage.yaml`` is told from ``.yaml``
_BY_EXTENSION: dict[str, Format] = dict(
    sorted(((e, f) for f in FORMATS for e in f.extensions), key=lambda ef: -len(ef[0]))
)
_BY_FILE_NAME: dict[str, Format] = {n.lower(): f for f in FORMATS for n in f.names}
READ: tuple[Format, ...] = tuple(f for f in FORMATS if f.readable and (f.extensions or f.names))
WRITTEN: tuple[Format, ...] = tuple(f for f in FORMATS if f.writer)
BRIEFS: tuple[Format, ...] = tuple(f for f in FORMATS if f.brief)
READABLE = (
    "RDF, YAML (estates, Backstage, Compose, Kubernetes), CSV, XLSX, call graphs (Zipkin, "
    "Jaeger, Prometheus), Terraform state, CODEOWNERS or on-call exports (PagerDuty, Opsgenie)"
)


def by_extension(path: str | PurePath) -> Format | None:
    """The format a file's name says (``estate.ttl``, ``catalog.backstage.yaml``,
    ``CODEOWNERS``, or ``.ttl`` alone), if any; case does not matter."""
    text = str(path).lower()
    name = PurePath(text).name or text
    if name in _BY_FILE_NAME:
        return _BY_FILE_NAME[name]
    return next((f for e, f in _BY_EXTENSION.items() if name.endswith(e)), None)


def extension_for(name: str) -> str:
    """The extension a format is written with (its first)."""
    return BY_NAME[name].extensions[0]


def written_extensions() -> tuple[str, ...]:
    """The extensions a snapshot can be written as, in the table's order."""
    return tuple(f.extensions[0] for f in WRITTEN)


def plugin(ref: str) -> Callable[..., Any]:
    """The function a ``module:function`` reference names, imported now."""
    module, function = ref.split(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), function)
    return found


def _patterns(formats: tuple[Format, ...], first_only: bool = False) -> str:
    return " ".join(
        [
            *(f"*{e}" for f in formats for e in (f.extensions[:1] if first_only else f.extensions)),
            *(n for f in formats for n in ([] if first_only else f.names)),
        ]
    )


def open_filter() -> str:
    """The Open dialog's filter: everything readable first, then each format alone."""
    each = ";;".join(f"{f.title} ({_patterns((f,))})" for f in READ)
    return f"Estates and sources ({_patterns(READ)});;{each};;All files (*)"


def save_filter() -> str:
    """The Export dialog's filter: one entry per written format, by its first extension."""
    return ";;".join(f"{f.title} ({_patterns((f,), first_only=True)})" for f in WRITTEN)


def brief_filter() -> str:
    """The Export brief dialog's filter: one entry per format a brief is written as."""
    return ";;".join(f"{f.title} ({_patterns((f,), first_only=True)})" for f in BRIEFS)
