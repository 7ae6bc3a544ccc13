"""Terraform's addresses, references and provider sources, read as text.

Addresses are kept exactly as terraform writes them (``module.net.aws_subnet.private["a"]``);
this module only takes them apart where a link needs it: to drop instance keys (a config
address), to find the module an instance is in, and to tell a resource reference from a
variable, a local, a data source or a module output. Quoted keys may hold dots, so addresses
are split by a small tokenizer, never by ``str.split``. Provider sources map to vendors by
namespace and type (``hashicorp/google-beta`` makes ``google_*`` resources too), from a table
kept as data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "Vendor",
    "config_references",
    "dependency_target",
    "join",
    "key_text",
    "module_of",
    "provider_source",
    "reference_target",
    "resource_key",
    "strip_keys",
    "vendor_of",
]

# first steps of a reference that never name a managed resource
_NOT_RESOURCES = {"var", "local", "each", "count", "path", "self", "terraform", "module", "data"}
_NOT_RESOURCES |= {"ephemeral", "run", "resource", "output", "check"}
_IDENTIFIER = re.compile(r"[A-Za-z_][\w-]*")
_PROVIDER = re.compile(r'^(?:module\..+?\.)?provider\["([^"]+)"\](?:\.[\w-]+)?$')
_LEGACY_PROVIDER = re.compile(r"^(?:module\..+?\.)?provider\.([\w-]+)(?:\.[\w-]+)?$")


def _steps(address: str) -> list[str]:
    """The dot-separated steps of an address, each keeping its ``[key]``."""
    steps, current, quoted, escaped = [], "", False, False
    for char in address:
        if quoted:
            quoted = escaped or char != '"'
            escaped = not escaped and char == "\\"
        elif char == '"':
            quoted = True
        elif char == ".":
            steps.append(current)
            current = ""
            continue
        current += char
    return [*steps, current]


def _name(step: str) -> str:
    """A step without its key: ``private["a"]`` is ``private``."""
    return step.partition("[")[0]


def _split_module(steps: list[str]) -> tuple[list[str], list[str]]:
    """The ``module.x[key]`` steps in front, and what follows them."""
    at = 0
    while at + 1 < len(steps) and steps[at] == "module":
        at += 2
    return steps[:at], steps[at:]


def join(module: str, address: str) -> str:
    """``address`` inside ``module`` ("" for the root)."""
    return f"{module}.{address}" if module else address


def strip_keys(address: str) -> str:
    """The config address of an instance: every ``[key]`` dropped."""
    return ".".join(_name(step) for step in _steps(address))


def module_of(address: str) -> str:
    """The module instance an address is in, keys kept; "" for the root."""
    return ".".join(_split_module(_steps(address))[0])


def resource_key(address: str) -> str:
    """The instance key of a resource address as written (``["a"]``, ``[0]``), or ""."""
    last = _steps(address)[-1]
    return last[len(_name(last)) :]


def key_text(key: object) -> str:
    """An instance key as terraform writes it in an address: ``[0]`` or ``["a"]``."""
    if key is None:
        return ""
    if isinstance(key, int) and not isinstance(key, bool):
        return f"[{key}]"
    return f"[{json.dumps(str(key), ensure_ascii=False)}]"


def _resource_like(steps: list[str]) -> str | None:
    """``type.name[key]`` from the front of ``steps``, if they name a managed resource."""
    if len(steps) < 2 or _name(steps[0]) != steps[0] or steps[0] in _NOT_RESOURCES:
        return None
    if not (_IDENTIFIER.fullmatch(steps[0]) and _IDENTIFIER.fullmatch(_name(steps[1]))):
        return None
    return f"{steps[0]}.{steps[1]}"


def reference_target(reference: str) -> str | None:
    """The resource an expression's reference names, module-relative (``aws_vpc.main.id``
    is ``aws_vpc.main``); None for variables, locals, data sources and modules."""
    return _resource_like(_steps(reference))


def dependency_target(dependency: str) -> str | None:
    """The resource a ``depends_on`` entry names, its module path kept; None for a data
    source or a module named alone."""
    module, rest = _split_module(_steps(dependency))
    found = _resource_like(rest)
    return join(".".join(module), found) if found else None


def _references(element: object) -> Iterator[str]:
    """Every reference under a config element; constant values are never read."""
    if isinstance(element, dict):
        for key, value in element.items():
            if key == "references" and isinstance(value, list):
                yield from (str(ref) for ref in value)
            elif key != "constant_value":
                yield from _references(value)
    elif isinstance(element, list):
        for item in element:
            yield from _references(item)


def _targets(resource: dict[str, object]) -> list[str]:
    """The resources a config resource refers to; ``x[0]`` beside ``x`` (terraform lists
    each step of a reference) keeps only the instance."""
    found: list[str] = []
    for key in ("expressions", "count_expression", "for_each_expression"):
        found += [t for ref in _references(resource.get(key)) if (t := reference_target(ref))]
    depends = resource.get("depends_on")
    for entry in depends if isinstance(depends, list) else []:
        if target := reference_target(str(entry)):
            found.append(target)
    indexed = {strip_keys(t) for t in found if resource_key(t)}
    return [t for t in dict.fromkeys(found) if resource_key(t) or t not in indexed]


def config_references(configuration: object) -> dict[str, list[str]]:
    """A plan's ``configuration``: each managed resource's config address -> the config
    addresses it refers to, made absolute (inside ``module_calls`` they are relative)."""
    found: dict[str, list[str]] = {}
    root = configuration.get("root_module") if isinstance(configuration, dict) else None
    _walk_module(root, "", found)
    return found


def _walk_module(module: object, prefix: str, found: dict[str, list[str]]) -> None:
    """One module's resources, then its calls' modules under ``prefix.module.<name>``."""
    if not isinstance(module, dict):
        return
    resources = module.get("resources")
    for resource in resources if isinstance(resources, list) else []:
        if not isinstance(resource, dict) or resource.get("mode") != "managed":
            continue
        own = join(prefix, f"{resource.get('type')}.{resource.get('name')}")
        found.setdefault(own, []).extend(join(prefix, t) for t in _targets(resource))
    calls = module.get("module_calls")
    for name, call in calls.items() if isinstance(calls, dict) else []:
        if isinstance(call, dict):
            _walk_module(call.get("module"), join(prefix, f"module.{name}"), found)


def provider_source(provider: str) -> str:
    """A raw state's provider configuration (``provider["registry.terraform.io/hashicorp/aws"]``,
    ``module.x.provider["…"].alias``, legacy ``provider.aws``) as its source address."""
    found = _PROVIDER.match(provider) or _LEGACY_PROVIDER.match(provider)
    return found.group(1) if found else provider


@dataclass(frozen=True)
class Vendor:
    """A provider's vendor: the id a link names, and the name people use."""

    id: str
    label: str


# vendor id, its name, and the namespace/type of each provider that deploys to it
# (editable data: the research notes, section 1.7)
_TABLE = """
aws             | AWS              | hashicorp/aws hashicorp/awscc
google-cloud    | Google Cloud     | hashicorp/google hashicorp/google-beta
azure           | Microsoft Azure  | hashicorp/azurerm hashicorp/azuread hashicorp/azapi azure/azapi
azure-devops    | Azure DevOps     | microsoft/azuredevops
cloudflare      | Cloudflare       | cloudflare/cloudflare
datadog         | Datadog          | datadog/datadog
pagerduty       | PagerDuty        | pagerduty/pagerduty
opsgenie        | Opsgenie         | opsgenie/opsgenie
github          | GitHub           | integrations/github
gitlab          | GitLab           | gitlabhq/gitlab
grafana         | Grafana          | grafana/grafana
new-relic       | New Relic        | newrelic/newrelic
digitalocean    | DigitalOcean     | digitalocean/digitalocean
oracle-cloud    | Oracle Cloud     | oracle/oci
alibaba-cloud   | Alibaba Cloud    | aliyun/alicloud
ibm-cloud       | IBM Cloud        | ibm-cloud/ibm
hetzner         | Hetzner          | hetznercloud/hcloud
akamai          | Akamai (Linode)  | linode/linode
mongodb-atlas   | MongoDB Atlas    | mongodb/mongodbatlas
snowflake       | Snowflake        | snowflake-labs/snowflake snowflakedb/snowflake
fastly          | Fastly           | fastly/fastly
okta            | Okta             | okta/okta
auth0           | Auth0            | auth0/auth0
vercel          | Vercel           | vercel/vercel
hashicorp       | HashiCorp        | hashicorp/vault hashicorp/consul hashicorp/nomad
hashicorp       | HashiCorp        | hashicorp/tfe hashicorp/hcp
vmware          | VMware           | hashicorp/vsphere
"""
_VENDORS: dict[str, Vendor] = {
    source: Vendor(slug.strip(), label.strip())
    for slug, label, sources in (row.split("|") for row in _TABLE.strip().splitlines())
    for source in sources.split()
}
# pre-0.13 sources name a type alone: the table's first namespace for it
_BY_TYPE = {key.partition("/")[2]: vendor for key, vendor in reversed(_VENDORS.items())}
# hashicorp's providers that work locally or inside what they deploy to: not a vendor
_NOT_VENDORS = {"random", "null", "tls", "local", "archive", "http", "time", "external"}
_NOT_VENDORS |= {"cloudinit", "template", "dns", "terraform", "kubernetes", "helm"}


def vendor_of(source: str) -> Vendor | None:
    """The vendor of a provider source (``registry.terraform.io/hashicorp/aws``, the
    OpenTofu registry's, ``hashicorp/aws`` or a bare ``aws``); None for a utility. A
    provider the table lacks is a vendor named by its type."""
    parts = source.strip().lower().split("/")
    if not parts[-1]:
        return None
    namespace, kind = (parts[-2], parts[-1]) if len(parts) > 1 else ("-", parts[0])
    if namespace == "builtin" or (namespace in ("-", "hashicorp") and kind in _NOT_VENDORS):
        return None
    if namespace == "-":
        return _BY_TYPE.get(kind, Vendor(kind, kind))
    return _VENDORS.get(f"{namespace}/{kind}", Vendor(kind, kind))
