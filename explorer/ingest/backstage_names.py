"""Backstage's names and entity references, by Backstage's own rules.

A name (``metadata.name``) is 1 to 63 letters, digits and ``-_.``, starting and ending
with a letter or digit; a kind is a letter then letters and digits; a namespace is a DNS
label. A reference ``[kind:][namespace/]name`` is split at the first ``:`` and the first
``/`` and its name is not checked: Backstage keeps ``owner: john@example.com`` or
``owner: Human Resources`` as a relation to a group that may not exist, and so do we (it is
then resolved by id, then by label, like every reference). Only a reference with an empty
part, or one that is not text, is refused. Ids are ``kind/namespace/name`` in lower case,
as Backstage compares them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["KIND", "NAME", "NAMESPACE", "Ref", "name_problem", "ref"]

NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
KIND = re.compile(r"^[a-zA-Z][a-zA-Z0-9]*$")
NAMESPACE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_LONGEST = 63


@dataclass(frozen=True)
class Ref:
    """A reference as our id (``group/default/human resources``), and its name as written
    (``Human Resources``), which a label may match when no id does."""

    id: str
    name: str


def name_problem(name: object, kind: object, namespace: object) -> str | None:
    """What Backstage refuses in a descriptor's kind, name or namespace; None if nothing.

    >>> name_problem("a--b", "Component", "default") is None
    True
    >>> name_problem("a!", "Component", "default")[:40]
    "metadata.name 'a!' is not a Backstage na"
    """
    if not isinstance(kind, str) or not KIND.match(kind) or len(kind) > _LONGEST:
        return f"kind {kind!r} is not a Backstage kind (a letter, then letters and digits)"
    if not isinstance(name, str) or not NAME.match(name) or len(name) > _LONGEST:
        return (
            f"metadata.name {name!r} is not a Backstage name (1 to 63 letters, digits and -_., "
            "starting and ending with a letter or digit)"
        )
    if not isinstance(namespace, str) or not NAMESPACE.match(namespace) or len(namespace) > 63:
        return f"metadata.namespace {namespace!r} is not a Backstage namespace (a DNS label)"
    return None


def ref(value: Any, default_kind: str, default_namespace: str) -> Ref:
    """An entity reference in any form Backstage reads, as our id.

    >>> ref("payments", "group", "default").id, ref("user:ops/jo", "group", "default").id
    ('group/default/payments', 'user/ops/jo')
    >>> ref({"kind": "API", "name": "Orders"}, "component", "shop").id
    'api/shop/orders'
    >>> ref("Human Resources", "group", "default")
    Ref(id='group/default/human resources', name='Human Resources')
    """
    if isinstance(value, dict):
        kind = value.get("kind") or default_kind
        namespace = value.get("namespace") or default_namespace
        name = value.get("name")
    elif isinstance(value, str):
        kind, namespace, name = _split(value.strip(), default_kind, default_namespace)
    else:
        raise ValueError(f"an entity reference must be text or a mapping, not {value!r}")
    parts = (kind, namespace, name)
    if not all(isinstance(part, str) and part for part in parts):
        raise ValueError(
            f"malformed entity reference {value!r}: it is written [kind:][namespace/]name"
        )
    return Ref("/".join(str(part) for part in parts).lower(), str(name))


def _split(text: str, default_kind: str, default_namespace: str) -> tuple[str, str, str]:
    """Split as Backstage does: at the first ``:`` (when no ``/`` comes before it), then
    at the first ``/``."""
    colon, slash = text.find(":"), text.find("/")
    kind, rest = default_kind, text
    if colon >= 0 and (slash < 0 or colon < slash):
        kind, rest = text[:colon], text[colon + 1 :]
    namespace, cut, name = rest.partition("/")
    return (kind, namespace, name) if cut else (kind, default_namespace, rest)
