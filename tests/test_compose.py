"""Docker Compose files read as the services they run: what Compose wires, what the
environment names, and nothing invented (fixtures in the shapes of real projects' files)."""

from __future__ import annotations

from pathlib import Path

from explorer.domain.vocab import IC
from explorer.ingest.deploy.compose import compose_records, is_compose
from explorer.ingest.fields import EntityRecord
from explorer.ingest.safe_yaml import load_documents
from explorer.statements import Confidence

COMPOSE = Path(__file__).parent / "fixtures" / "deploy" / "compose"


def records_of(name: str) -> dict[str, EntityRecord]:
    path = next((COMPOSE / name).glob("*compose.y*ml"))
    text = path.read_bytes().decode()
    (document,) = load_documents(str(path), text)
    assert is_compose(document)
    return {r.id: r for r in compose_records(str(path), text, document)}


def edges(records: dict[str, EntityRecord]) -> set[tuple[str, str]]:
    return {
        (r.id, link.target)
        for r in records.values()
        for link in r.links
        if link.predicate == IC.connectsTo
    }


def test_the_voting_app_is_its_documented_flow_and_nothing_more() -> None:
    found = records_of("voting")
    assert set(found) == {"vote", "result", "worker", "redis", "db", "seed"}
    assert edges(found) == {
        ("vote", "redis"),
        ("result", "db"),
        ("worker", "redis"),
        ("worker", "db"),
        ("seed", "vote"),  # in the file, behind the seed profile
    }
    assert all(r.evidence == "deployed" for r in found.values())
    assert (IC.tag, "seed") in [(p, str(v)) for p, v in found["seed"].attributes]


def test_each_dependency_names_its_line() -> None:
    found = records_of("voting")
    lines = {(r.id, link.target): link.line for r in found.values() for link in r.links}
    assert lines[("vote", "redis")] == 11  # the key under depends_on
    assert lines[("worker", "db")] == 40
    assert found["worker"].line == 34


def test_the_old_shape_lists_what_it_depends_on() -> None:
    assert edges(records_of("voting-v3")) == {("worker", "redis"), ("worker", "db")}


def test_fragments_merged_in_with_anchors_are_read_and_values_name_hosts() -> None:
    found = records_of("sentry-like")
    assert {("web", "redis"), ("web", "kafka"), ("snuba-api", "clickhouse")} <= edges(found)
    likely = {
        (r.id, link.target)
        for r in found.values()
        for link in r.links
        if link.confidence is Confidence.LIKELY
    }
    # hosts named by values: a URL with credentials, host:port, a bare name
    assert likely == {
        ("web", "snuba-api"),
        ("web", "postgres"),
        ("cron", "snuba-api"),
        ("cron", "postgres"),
        ("kafka", "zookeeper"),
    }
    assert ("kafka", "kafka") not in edges(found)  # its own listener is not a dependency
    assert found["tracker"].kind == "system"
    assert all(
        (IC.partOf, "tracker") in [(k.predicate, k.target) for k in r.links]
        for r in found.values()
        if r.kind == "service"
    )


def test_a_password_in_a_url_is_never_kept() -> None:
    found = records_of("links")
    assert "s3cret" not in repr(found) and "changeme" not in repr(records_of("sentry-like"))


def test_names_the_network_answers_count_as_the_service() -> None:
    found = records_of("links")
    assert edges(found) == {
        ("api", "cache"),  # links, also named by its alias in SESSIONS
        ("api", "legacy-billing_1"),  # outside the project: a reference none defines
        ("api", "db"),  # DB_URL names its network alias, database
        ("sidecar", "api"),  # network_mode: service:api
    }
    owner = [k.target for k in found["api"].links if k.predicate == IC.ownedBy]
    assert owner == ["team-shop"]


def test_a_compose_file_is_told_from_an_estate_by_shape() -> None:
    assert is_compose({"services": {"api": {"image": "x"}, "worker": None}})
    assert not is_compose({"services": [{"id": "api"}]})
    assert not is_compose({"apiVersion": "v1", "kind": "Service"})
