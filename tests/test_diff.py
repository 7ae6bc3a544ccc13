"""diff: entities, relations, attributes and gaps between two graphs, said plainly."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from explorer.analysis.changes import Change, diff
from explorer.ingest import load
from helpers import SAMPLES, estate, run_cli

Write = Callable[[str, str | bytes], Path]

BEFORE = """
id:api a ic:Service ; rdfs:label "API" ; ic:ownedBy id:web ; ic:tier 2 ; ic:dependsOn id:db .
id:db a ic:Resource ; ic:ownedBy id:web .
id:old a ic:Service ; ic:ownedBy id:web .
id:x a ic:Assumption ; ic:ownedBy id:web ; ic:status "unverified" .
id:web a ic:Team ; ic:contact "w" .
id:ops a ic:Team ; ic:contact "o" .
"""
AFTER = """
id:api a ic:Service ; rdfs:label "Payments API" ; ic:ownedBy id:ops ; ic:tier 1 ;
    ic:dependsOn id:cache ; ic:assumes id:x .
id:db a ic:Resource ; ic:ownedBy id:web .
id:cache a ic:Resource .
id:x a ic:Assumption ; ic:ownedBy id:web ; ic:status "verified" .
id:web a ic:Team ; ic:contact "w" .
id:ops a ic:Team ; ic:contact "o" .
"""


def key(c: Change) -> tuple[str, ...]:
    """A change as a short tuple, to compare whole diffs at a glance."""
    if c.what == "relation" and c.target is not None:
        return (c.what, c.node.id, c.relation, c.target.id)
    if c.what == "attribute":
        return (c.what, c.node.id, c.attribute, c.old, c.new)
    if c.what == "gap":
        return (c.what, c.node.id, c.rule)
    return (c.what, c.node.id)


def summary(old: str, new: str) -> dict[str, set[tuple[str, ...]]]:
    changes = diff(estate(old), estate(new))
    return {
        "added": {key(c) for c in changes.added},
        "removed": {key(c) for c in changes.removed},
        "changed": {key(c) for c in changes.changed},
    }


class TestDiff:
    def test_no_change(self) -> None:
        assert not diff(estate(BEFORE), estate(BEFORE))

    def test_every_kind_of_change(self) -> None:
        assert summary(BEFORE, AFTER) == {
            "added": {
                ("entity", "cache"),
                ("relation", "api", "depends on", "cache"),
                ("relation", "api", "assumes", "x"),
                ("gap", "cache", "no-owner"),
            },
            "removed": {
                ("entity", "old"),
                ("relation", "api", "depends on", "db"),
                ("relation", "old", "owned by", "web"),
            },
            "changed": {
                ("attribute", "api", "label", "API", "Payments API"),
                ("attribute", "api", "owner", "web", "ops"),
                ("attribute", "api", "tier", "2", "1"),
                ("attribute", "x", "status", "unverified", "verified"),
            },
        }

    def test_a_gap_that_closes(self) -> None:
        before = "id:api a ic:Service .\n"
        after = 'id:api a ic:Service ; ic:ownedBy id:t .\nid:t a ic:Team ; ic:contact "t" .\n'
        result = summary(before, after)
        assert ("gap", "api", "no-owner") in result["removed"]
        assert ("entity", "t") in result["added"]

    def test_a_placeholder_that_gets_defined_is_a_new_entity(self) -> None:
        before = "id:api a ic:Service ; ic:ownedBy id:t .\nid:t a ic:Placeholder .\n"
        after = 'id:api a ic:Service ; ic:ownedBy id:t .\nid:t a ic:Team ; ic:contact "t" .\n'
        result = summary(before, after)
        assert ("entity", "t") in result["added"] and not result["removed"] - {
            ("gap", "t", "undefined-reference"),
            ("gap", "api", "dangling-owner"),
        }

    def test_provenance_is_not_a_change(self, tmp_path: Path) -> None:
        done = run_cli("snapshot", "-o", tmp_path / "a.ttl")
        assert done.returncode == 0
        assert not diff(load().graph, load([tmp_path / "a.ttl"]).graph)


class TestDiffCommand:
    def test_done_when_one_owner_changed_in_the_yaml(self, write: Write, tmp_path: Path) -> None:
        old = tmp_path / "old.ttl"
        assert run_cli("snapshot", SAMPLES / "buyer-profile.yaml", "-o", old).returncode == 0
        text = (SAMPLES / "buyer-profile.yaml").read_text(encoding="utf-8")
        changed = text.replace(
            "    owner: team-recs\n    tier: 3", "    owner: team-cart\n    tier: 3"
        )
        assert changed.count("team-cart") == text.count("team-cart") + 1
        new = write("new.yaml", changed)
        done = run_cli("diff", old, new, "--json")
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        assert data["added"] == [] and data["removed"] == []
        assert data["changed"] == [
            {
                "type": "attribute",
                "iri": "https://infra-context.dev/id/search-personalisation",
                "id": "search-personalisation",
                "label": "Search personalisation",
                "kind": "service",
                "attribute": "owner",
                "old": "Recommendations (team-recs)",
                "new": "Cart and Checkout (team-cart)",
            }
        ]
        text_done = run_cli("diff", old, new)
        assert text_done.stdout.splitlines()[-1] == (
            "  ~ Search personalisation (search-personalisation): owner Recommendations "
            "(team-recs) -> Cart and Checkout (team-cart)"
        )

    def test_identical_sources_say_so(self) -> None:
        done = run_cli("diff", SAMPLES / "buyer-profile.yaml", SAMPLES / "buyer-profile.csv")
        assert done.returncode == 0 and done.stdout.startswith("No changes")

    def test_a_bad_source_exits_2(self, write: Write) -> None:
        done = run_cli("diff", SAMPLES / "buyer-profile.yaml", write("bad.ttl", "nonsense"))
        assert done.returncode == 2 and "Traceback" not in done.stderr
