"""Kubernetes manifests read offline, in the shapes real demos ship them: workloads as
services, env and ConfigMap values naming Services as likely links, Ingresses, part-of
systems, owners, namespaces, ``kind: List``, Helm output, and nothing ever invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.domain.vocab import IC
from explorer.ingest import load
from explorer.ingest.deploy.kubernetes import (
    KubeFacts,
    is_kubernetes,
    kubernetes_facts,
    kubernetes_records,
)
from explorer.ingest.fields import EntityRecord, Link
from explorer.ingest.notes import Notes
from explorer.ingest.readers import is_template
from explorer.ingest.safe_yaml import documents_apart
from explorer.statements import Confidence

FIXTURES = Path(__file__).parent / "fixtures" / "deploy" / "kubernetes"
BOUTIQUE = FIXTURES / "boutique" / "kubernetes-manifests.yaml"
HELM = FIXTURES / "helm" / "rendered.yaml"

BOUTIQUE_EDGES = {
    *(
        ("frontend", target)
        for target in (
            "productcatalogservice",
            "currencyservice",
            "cartservice",
            "recommendationservice",
            "shippingservice",
            "checkoutservice",
            "adservice",
        )
    ),
    *(
        ("checkoutservice", target)
        for target in (
            "productcatalogservice",
            "shippingservice",
            "paymentservice",
            "emailservice",
            "currencyservice",
            "cartservice",
        )
    ),
    ("recommendationservice", "productcatalogservice"),
    ("cartservice", "redis-cart"),
    ("loadgenerator", "frontend"),
}
HELM_EDGES = {
    ("frontend", "collector"),  # $(OTEL_COLLECTOR_NAME)
    ("frontend", "checkout"),
    ("frontend", "cart"),  # configMapKeyRef
    ("checkout", "cart"),  # envFrom
    ("checkout", "collector"),  # a line of the ConfigMap's telemetry.yaml
    ("checkout", "payments"),
    ("cart", "payments"),  # only once $(TARGET_NAMESPACE) is expanded
    ("collector", "frontend"),  # a mounted ConfigMap
    ("report", "checkout"),  # the CronJob, by FQDN
    ("migrate", "payments-db"),
}


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # as the load decodes it: CRLF kept


def _facts(path: str, text: str, notes: Notes) -> KubeFacts:
    documents, problems = documents_apart(path, text)
    assert problems == []
    return kubernetes_facts(path, [(n, d) for n, d in documents if d is not None], notes)


def read(*names: str) -> tuple[dict[str, EntityRecord], Notes]:
    """The records of the fixtures (files, or every YAML file of folders), by id."""
    notes, facts = Notes(), list[KubeFacts]()
    for name in names:
        target = FIXTURES / name
        for path in sorted(target.rglob("*.yaml")) if target.is_dir() else [target]:
            facts.append(_facts(str(path), _text(path), notes))
    records = kubernetes_records(facts, notes)
    assert len({r.id for r in records}) == len(records)
    return {r.id: r for r in records}, notes


def read_text(text: str) -> tuple[dict[str, EntityRecord], Notes]:
    notes = Notes()
    records = kubernetes_records([_facts("inline.yaml", text, notes)], notes)
    return {r.id: r for r in records}, notes


def edges(records: dict[str, EntityRecord]) -> set[tuple[str, str]]:
    return {(r.id, link.target) for r in records.values() for link in r.links if _wires(link)}


def _wires(link: Link) -> bool:
    return link.predicate == IC.connectsTo


def link(record: EntityRecord, target: str, predicate: object = IC.connectsTo) -> Link:
    (found,) = [k for k in record.links if k.predicate == predicate and k.target == target]
    return found


def targets(record: EntityRecord, predicate: object) -> list[str]:
    return [k.target for k in record.links if k.predicate == predicate]


def attributes(record: EntityRecord) -> set[str]:
    return {str(value) for _, value in record.attributes}


def at(path: Path, line: int | None) -> str:
    assert line is not None
    return _text(path).splitlines()[line - 1]


def test_a_manifest_is_told_from_a_backstage_descriptor() -> None:
    assert is_kubernetes({"apiVersion": "apps/v1", "kind": "Deployment"})
    assert is_kubernetes({"apiVersion": "v1", "kind": "List", "items": []})
    assert not is_kubernetes({"apiVersion": "backstage.io/v1alpha1", "kind": "Component"})
    assert not is_kubernetes({"services": {"web": {}}})
    assert not is_kubernetes({"apiVersion": "v2", "name": "shop"})  # a Chart.yaml


def test_comment_only_and_empty_documents_are_fine() -> None:
    records, notes = read_text("# nothing yet\n---\n# still nothing\n---\n---\n" + _deployment("x"))
    assert set(records) == {"x"} and notes.problems == [] and notes.warnings == []


class TestOnlineBoutique:
    def test_gives_exactly_the_sixteen_documented_edges(self) -> None:
        records, notes = read("boutique")
        assert edges(records) == BOUTIQUE_EDGES
        assert len(records) == 12  # no Service is a node; loadgenerator has none
        assert notes.warnings == [] and notes.problems == []

    def test_each_edge_is_likely_and_points_at_its_env_entry(self) -> None:
        records, _ = read("boutique")
        email = link(records["checkoutservice"], "emailservice")
        assert (email.line, email.confidence) == (95, Confidence.LIKELY)
        assert email.source == "env EMAIL_SERVICE_ADDR names emailservice"
        assert "EMAIL_SERVICE_ADDR" in at(BOUTIQUE, email.line)
        frontend = link(records["loadgenerator"], "frontend")  # container and initContainer
        assert frontend.line == 464 and "FRONTEND_ADDR" in at(BOUTIQUE, frontend.line)

    def test_workloads_say_their_kind_and_line(self) -> None:
        records, _ = read("boutique")
        frontend = records["frontend"]
        assert (frontend.kind, frontend.evidence, frontend.path) == (
            "service",
            "deployed",
            str(BOUTIQUE),
        )
        assert attributes(frontend) == {"Deployment"}
        assert at(BOUTIQUE, frontend.line) == "  name: frontend"


def test_voting_app_gives_five_workloads_and_no_edge() -> None:
    records, notes = read("voting")
    assert set(records) == {"db", "redis", "result", "vote", "worker"}
    assert edges(records) == set() and notes.problems == []
    assert "namespace: vote" in attributes(records["db"])
    assert attributes(records["worker"]) == {"Deployment"}  # names no namespace


def test_bookinfo_gives_only_the_ingress_edge_and_invents_none() -> None:
    records, notes = read("bookinfo")
    assert edges(records) == {("gateway", "productpage-v1")}
    assert ("productpage-v1", "details-v1") not in edges(records)
    assert ("productpage-v1", "reviews-v1") not in edges(records)
    gateway = records["gateway"]
    assert (gateway.kind, attributes(gateway)) == ("resource", {"Ingress"})
    assert link(gateway, "productpage-v1").confidence is None
    assert notes.warnings == [] and notes.problems == []


def test_one_service_fronts_every_version_it_selects() -> None:
    text = _text(FIXTURES / "bookinfo" / "bookinfo.yaml")
    records, _ = read_text(f"{text}\n---\n{_ingress('reviews-entry', 'reviews')}")
    assert set(targets(records["reviews-entry"], IC.connectsTo)) == {
        "reviews-v1",
        "reviews-v2",
        "reviews-v3",
    }


class TestSockShop:
    def test_user_reaches_its_database_and_nothing_else_is_invented(self) -> None:
        records, notes = read("sockshop")
        assert edges(records) == {("user", "user-db"), ("front-end-ingress", "front-end")}
        assert link(records["user"], "user-db").source == "env mongo names user-db"
        assert not [r for r in records if "zipkin" in r]
        assert notes.problems == []

    def test_the_old_ingress_form_reaches_the_front_end(self) -> None:
        records, _ = read("sockshop")
        ingress = records["front-end-ingress"]  # its name is the workload's
        assert "namespace: sock-shop" in attributes(ingress)
        assert link(ingress, "front-end").line == 11


class TestHelmOutput:
    def test_expanded_env_and_config_maps_give_the_edges(self) -> None:
        records, notes = read("helm/rendered.yaml")
        assert edges(records) == HELM_EDGES
        assert (
            link(records["cart"], "payments").source
            == "env PAYMENTS_URL names payments.default.svc"
        )
        assert notes.warnings == [] and notes.problems == []

    def test_a_config_map_link_points_at_its_key(self) -> None:
        records, _ = read("helm/rendered.yaml")
        collector = link(records["checkout"], "collector")
        assert at(HELM, collector.line).strip() == "endpoint: http://collector:4317"
        assert collector.source == "configmap shop-config telemetry.yaml names collector"
        assert "url: http://frontend:8080" in at(HELM, link(records["collector"], "frontend").line)

    def test_every_workload_kind_is_a_service(self) -> None:
        records, _ = read("helm/rendered.yaml")
        kinds = {
            i: attributes(records[i]) for i in ("payments-db", "collector", "report", "migrate")
        }
        assert kinds == {
            "payments-db": {"StatefulSet"},
            "collector": {"DaemonSet"},
            "report": {"CronJob"},
            "migrate": {"Job"},
        }

    def test_a_secrets_values_never_reach_a_record(self) -> None:
        records, _ = read("helm/rendered.yaml")
        assert "swordfish-42" not in repr(records)
        assert "c3dvcmRmaXNoLTQy" not in repr(records)
        assert ("payments", "payments-db") not in edges(records)  # only its Secret says so
        facts = repr(_facts(str(HELM), _text(HELM), Notes()))
        assert "swordfish" not in facts and "c3dvcmRmaXNoLTQy" not in facts

    def test_part_of_labels_give_systems_once_each(self) -> None:
        records, _ = read("helm/rendered.yaml")
        systems = {i: r for i, r in records.items() if r.kind == "system"}
        assert set(systems) == {"shop", "observability"}
        assert at(HELM, systems["shop"].line).strip() == "app.kubernetes.io/part-of: shop"
        assert targets(records["cart"], IC.partOf) == ["shop"]  # said on its pod template
        assert targets(records["migrate"], IC.partOf) == []

    def test_owners_come_from_labels_and_annotations(self) -> None:
        records, _ = read("helm/rendered.yaml")
        owners = {i: targets(records[i], IC.ownedBy) for i in ("frontend", "checkout", "cart")}
        assert owners == {
            "frontend": ["platform"],  # example.com/owner annotation
            "checkout": ["payments"],  # its own team label before its pod's owner
            "cart": ["@shop/cart-team"],  # an owner key before a team key
        }

    def test_a_backstage_kubernetes_id_joins_the_component(self) -> None:
        records, _ = read("helm/rendered.yaml")
        assert records["checkout"].names == ("checkout",)
        assert records["checkout"].same_as == ["component/default/checkout"]
        assert records["frontend"].same_as == []

    def test_braces_in_a_quoted_value_do_not_make_a_template(self) -> None:
        documents, problems = documents_apart(str(HELM), _text(HELM))
        assert problems == [] and not is_template(_text(HELM), documents, failed=False)


def test_a_charts_raw_templates_are_passed_by_not_read() -> None:
    raw = FIXTURES / "helm" / "chart" / "templates" / "deployment.yaml"
    documents, problems = documents_apart(str(raw), _text(raw))
    assert problems and is_template(_text(raw), documents, failed=True)
    result = load([FIXTURES / "helm"])
    assert "passed by 1 template file(s)" in "\n".join(result.warnings)


def test_same_names_in_two_namespaces_are_told_apart() -> None:
    records, notes = read("clash")
    assert edges(records) == {
        ("web", "team-a/api"),  # a bare name, in its own namespace
        ("worker", "team-a/api"),  # api.team-a
        ("worker", "team-b/api"),  # api.team-b.svc.cluster.local.
        ("api-ingress", "team-b/api"),
    }
    assert notes.problems == []


def test_a_crlf_file_keeps_its_lines() -> None:
    crlf = FIXTURES / "clash" / "team-b.yaml"
    assert b"\r\n" in crlf.read_bytes()
    records, _ = read("clash")
    assert at(crlf, records["worker"].line) == "  name: worker"
    assert "UPSTREAM_HOST" in at(crlf, link(records["worker"], "team-a/api").line)


def test_a_kubectl_list_is_read_item_by_item() -> None:
    records, notes = read("list")
    assert set(records) == {"inventory", "restock"}  # its ReplicaSet is not a workload
    assert edges(records) == {("restock", "inventory")}
    assert "namespace: stock" in attributes(records["inventory"]) and notes.problems == []


def _deployment(name: str, namespace: str = "default", env: str = "") -> str:
    return f"""apiVersion: apps/v1
kind: Deployment
metadata: {{name: {name}, namespace: {namespace}}}
spec:
  template:
    metadata: {{labels: {{app: {name}}}}}
    spec:
      containers:
      - name: main
        env: [{env}]
"""


def _service(name: str, namespace: str = "default", spec: str = "") -> str:
    selector = spec or f"selector: {{app: {name}}}"
    metadata = f"{{name: {name}, namespace: {namespace}}}"
    return f"apiVersion: v1\nkind: Service\nmetadata: {metadata}\nspec: {{{selector}}}\n"


def _ingress(name: str, service: str) -> str:
    backend = f"{{service: {{name: {service}, port: {{number: 80}}}}}}"
    head = f"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: {name}}}\n"
    return f"{head}spec: {{defaultBackend: {backend}}}\n"


@pytest.mark.parametrize(
    ("host", "reached"),
    [
        ("api", False),  # a bare name only in the caller's namespace
        ("api.other", True),
        ("api.other.svc.cluster.local", True),
        ("http://api.other:8080/x", True),
        ("api.elsewhere", False),
        ("localhost", False),
    ],
)
def test_dns_names_resolve_as_a_pod_resolves_them(host: str, reached: bool) -> None:
    env = f"{{name: TARGET, value: '{host}'}}"
    text = "---\n".join(
        [_deployment("api", "other"), _service("api", "other"), _deployment("caller", env=env)]
    )
    records, _ = read_text(text)
    assert edges(records) == ({("caller", "api")} if reached else set())


@pytest.mark.parametrize("spec", ["type: ExternalName, externalName: api.example.com", "ports: []"])
def test_a_service_without_a_selector_reaches_nothing(spec: str) -> None:
    text = "---\n".join(
        [
            _deployment("api"),
            _service("api", spec=spec),
            _deployment("caller", env="{name: A, value: api}"),
        ]
    )
    records, _ = read_text(text)
    assert edges(records) == set()


def test_an_old_deployment_without_pod_labels_is_selected_by_its_own() -> None:
    old = """apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: details-v2, labels: {app: details}}
spec:
  template:
    spec:
      containers: [{name: details, env: [{name: DO_NOT_ENCRYPT, value: "true"}]}]
"""
    text = "---\n".join(
        [old, _service("details"), _deployment("page", env="{name: D, value: details}")]
    )
    records, notes = read_text(text)
    assert edges(records) == {("page", "details-v2")} and notes.problems == []


def test_a_link_never_repeats_credentials_nor_points_at_itself() -> None:
    env = "{name: DB, value: 'postgres://app:hunter2@db:5432/x'}, {name: SELF, value: 'api:80'}"
    text = "---\n".join(
        [_deployment("db"), _service("db"), _service("api"), _deployment("api", env=env)]
    )
    records, _ = read_text(text)
    assert edges(records) == {("api", "db")}
    assert "hunter2" not in repr(records)


def test_an_ingress_to_an_undefined_service_is_noted_and_links_nothing() -> None:
    records, notes = read_text(_ingress("edge", "nowhere"))
    assert targets(records["edge"], IC.connectsTo) == []
    assert "'nowhere' is in no file read" in notes.warnings[0]


def test_a_malformed_object_is_a_problem_and_the_rest_is_read() -> None:
    text = "---\n".join(
        [
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: []\nspec: {}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {labels: {app: x}}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: odd}\nspec: {template: 3}\n",
            _deployment("fine"),
        ]
    )
    records, notes = read_text(text)
    assert set(records) == {"fine"}
    assert [(p.line, p.message) for p in notes.problems] == [
        (3, "a Deployment whose metadata is not a mapping"),
        (8, "a Deployment without a metadata.name"),
        (13, "Deployment 'odd': template must be a mapping"),
    ]


def test_an_ingress_and_a_system_named_alike_keep_apart_ids(tmp_path: Path) -> None:
    """``app.kubernetes.io/part-of: shop`` beside an Ingress named shop, and a system
    named as a workload: each gets an id of its own, and nothing is a kind conflict."""
    manifest = tmp_path / "shop.yaml"
    manifest.write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n"
        "    app.kubernetes.io/part-of: shop\n    app: web\nspec:\n  template:\n"
        "    metadata:\n      labels:\n        app: web\n"
        "    spec:\n      containers:\n        - name: web\n          image: web:1\n---\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: grafana\n  labels:\n"
        "    app.kubernetes.io/part-of: grafana\n    app: grafana\nspec:\n  template:\n"
        "    metadata:\n      labels:\n        app: grafana\n"
        "    spec:\n      containers:\n        - name: grafana\n          image: grafana:11\n---\n"
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n"
        "    app: web\n---\n"
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\nspec:\n"
        "  defaultBackend:\n    service:\n      name: web\n"
    )
    read, _ = documents_apart(str(manifest), manifest.read_text())
    notes = Notes()
    records = {
        r.id: r for r in kubernetes_records([kubernetes_facts(str(manifest), read, notes)], notes)
    }
    assert notes.problems == [] and notes.warnings == []
    assert records["shop"].kind == "system" and records["shop-ingress"].kind == "resource"
    assert records["grafana-system"].label == "grafana"  # a catalog's system named so matches
    assert records["grafana"].kind == "service"
