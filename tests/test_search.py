"""Full-text search: ranking, phrases, prefixes, typos, fields, bad queries, the disk cache."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from explorer.domain.errors import InputError
from explorer.ingest import load
from explorer.search import Match, SearchIndex, search
from helpers import SAMPLES, estate, node, run_cli

Write = Callable[[str, str | bytes], Path]
PREFIXES_TTL = (
    "@prefix ic: <https://infra-context.dev/ontology#> .\n"
    "@prefix id: <https://infra-context.dev/id/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
)

LEDGER = """
id:ledger a ic:Service ; rdfs:label "Ledger" ; ic:tier 1 ; ic:ownedBy id:payments-core ;
    <http://purl.org/dc/terms/description> "Double-entry book of every payment." .
id:reports a ic:Service ; rdfs:label "Finance reports" ; ic:tier 2 ; ic:ownedBy id:finance ;
    <http://purl.org/dc/terms/description> "Reads the ledger every night." .
id:clock a ic:Service ; rdfs:label "Clock" ;
    <http://purl.org/dc/terms/description> "Time for every host; sync is hourly." .
id:ntp a ic:Service ; rdfs:label "Time sync" ; ic:ownedBy id:finance .
id:stripe a ic:Vendor ; rdfs:label "Stripe" ; ic:contact "accounts@stripe.example" .
id:payments-core a ic:Team ; rdfs:label "Payments Core" .
id:finance a ic:Team ; rdfs:label "Finance" .
"""


def ids(graph: Graph, query: str, root: Path) -> list[str]:
    return [hit.id for hit in SearchIndex.for_graph(graph, root=root).search(query)]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "cache"


class TestQueries:
    def test_a_label_hit_beats_a_description_hit(self, root: Path) -> None:
        assert ids(estate(LEDGER), "ledger", root) == ["ledger", "reports"]

    def test_all_words_must_match(self, root: Path) -> None:
        assert ids(estate(LEDGER), "ledger night", root) == ["reports"]

    def test_a_phrase_needs_its_words_together(self, root: Path) -> None:
        assert ids(estate(LEDGER), '"time sync"', root) == ["ntp"]
        assert set(ids(estate(LEDGER), "time sync", root)) == {"ntp", "clock"}

    def test_prefix(self, root: Path) -> None:
        assert ids(estate(LEDGER), "ledg*", root)[0] == "ledger"

    def test_a_prefix_is_not_stemmed(self, root: Path) -> None:
        # whoosh alone stems "pay*" to "pai*", which "payment" (the stem of "payments")
        # does not start with, so the Payments Core team was not found
        assert ids(estate(LEDGER), "pay*", root)[0] == "payments-core"

    def test_a_typo_in_a_single_word_still_finds_it(self, root: Path) -> None:
        assert ids(estate(LEDGER), "ledgr", root)[0] == "ledger"
        assert ids(estate(LEDGER), "Strpe", root) == ["stripe"]

    def test_an_exact_word_outranks_a_near_miss(self, root: Path) -> None:
        graph = estate(LEDGER + 'id:ledge a ic:Resource ; rdfs:label "Ledge" .\n')
        assert ids(graph, "ledge", root)[0] == "ledge"

    def test_field_filters(self, root: Path) -> None:
        graph = estate(LEDGER)
        assert ids(graph, "kind:vendor", root) == ["stripe"]
        assert set(ids(graph, 'owner:"Payments Core"', root)) == {"ledger"}
        assert ids(graph, "tier:1", root) == ["ledger"]
        assert ids(graph, "Kind:Service tier:2", root) == ["reports"]

    def test_every_literal_is_searchable(self, root: Path) -> None:
        assert ids(estate(LEDGER), "accounts@stripe.example", root) == ["stripe"]

    def test_nodes_only_referenced_are_found_too(self, root: Path) -> None:
        graph = estate("id:api a ic:Service ; ic:ownedBy id:team-gone .\n")
        assert ids(graph, "team-gone", root) == ["team-gone", "api"]  # api: by its owner

    @pytest.mark.parametrize(
        ("query", "problem"),
        [
            ("", "the query is empty"),
            ('owner:"Payments', "a quote is not closed"),
            ("(ledger OR ntp", "the parentheses do not match"),
            ("ledger)", "the parentheses do not match"),
            ("colour:red", "unknown field 'colour'; use one of kind, owner, tier"),
            ('""', "there is nothing to search for"),
        ],
    )
    def test_a_malformed_query_says_what_is_wrong(
        self, root: Path, query: str, problem: str
    ) -> None:
        with pytest.raises(InputError) as caught:
            SearchIndex.for_graph(estate(LEDGER), root=root).search(query)
        assert str(caught.value).startswith(f"cannot search for {query!r}: {problem}")

    def test_a_url_in_a_query_is_not_a_field(self, root: Path) -> None:
        graph = estate('id:wiki a ic:Service ; ic:contact "https://wiki.example/x" .\n')
        assert ids(graph, '"https://wiki.example/x"', root) == ["wiki"]


class TestRanking:
    """A name that is, or starts with, the query comes first; then a word of a name; then
    prose. Ties go to the more critical, then the more connected node."""

    def test_dns_picks_the_dns_service_not_the_vendor(self) -> None:
        hits = search(load().graph, "dns")
        assert [h.id for h in hits[:5]] == [
            "dns-service",  # starts with "dns", tier 1
            "dns-zone",  # starts with "dns", no tier, fewer relations
            "team-dns",  # its label starts with "DNS"
            "program-dns-cutover",  # so does this one's, with fewer relations
            "vendor-quorum-dns",  # "DNS" is a word of its label
        ]
        assert [h.match for h in hits[:5]] == [Match.START] * 4 + [Match.WORD]
        assert all(h.match is Match.TEXT for h in hits[5:])

    def test_an_exact_name_beats_one_that_starts_with_it(self, root: Path) -> None:
        graph = estate(
            'id:ledger-archive a ic:Service ; rdfs:label "Ledger archive" ; ic:tier 1 .\n'
            'id:book a ic:Service ; rdfs:label "Ledger" ; ic:tier 3 .\n'
        )
        assert ids(graph, "ledger", root) == ["book", "ledger-archive"]

    def test_between_two_names_the_more_critical_then_the_more_connected_wins(
        self, root: Path
    ) -> None:
        graph = estate(
            'id:api-v1 a ic:Service ; rdfs:label "API v1" ; ic:tier 3 .\n'
            'id:api-v2 a ic:Service ; rdfs:label "API v2" ; ic:tier 1 .\n'
            'id:api-v3 a ic:Service ; rdfs:label "API v3" ; ic:tier 1 ; ic:dependsOn id:db .\n'
            "id:db a ic:Resource .\n"
        )
        assert ids(graph, "api", root) == ["api-v3", "api-v2", "api-v1"]

    def test_a_name_beats_a_description_that_says_the_word_more(self, root: Path) -> None:
        graph = estate(
            'id:a a ic:Service ; rdfs:label "Queue" ; <http://purl.org/dc/terms/description> '
            '"ledger ledger ledger ledger" .\n'
            'id:b a ic:Service ; rdfs:label "General ledger service" .\n'
        )
        assert ids(graph, "ledger", root) == ["b", "a"]

    def test_a_field_query_still_ranks_by_criticality(self, root: Path) -> None:
        assert ids(estate(LEDGER), "kind:service", root)[:2] == ["ledger", "reports"]

    def test_the_command_line_shows_closeness_not_raw_scores(self) -> None:
        done = run_cli("search", "dns")
        assert done.returncode == 0
        first = done.stdout.splitlines()[2]
        assert first.split()[0] == Match.START.shown and "dns-service" in first


class TestFragments:
    def test_the_matched_words_are_marked_by_position(self, root: Path) -> None:
        (hit,) = SearchIndex.for_graph(estate(LEDGER), root=root).search("night")
        text, spans = hit.fragment.text, hit.fragment.spans
        assert [text[s:e] for s, e in spans] == ["night"]
        assert hit.fragment.marked() == "Reads the ledger every [night]."

    def test_markup_in_graph_text_stays_text(self, root: Path) -> None:
        graph = estate('id:x a ic:Service ; rdfs:label "<b>Evil</b> \\u0002 thing" .\n')
        (hit,) = SearchIndex.for_graph(graph, root=root).search("evil")
        assert "<b>" in hit.fragment.text and "\x02" not in hit.fragment.text


class TestCache:
    def test_a_second_index_of_the_same_graph_is_not_rebuilt(self, root: Path) -> None:
        first = SearchIndex.for_graph(estate(LEDGER), root=root)
        files = sorted(p.name for p in (root / first.key).iterdir())
        second = SearchIndex.for_graph(estate(LEDGER), root=root)
        assert first.built_now and not second.built_now
        assert second.key == first.key
        assert second.ix.latest_generation() == first.ix.latest_generation()
        assert sorted(p.name for p in (root / first.key).iterdir()) == files

    def test_a_key_from_the_sources_reuses_the_index_without_hashing_the_graph(
        self, root: Path, write: Write
    ) -> None:
        from explorer.search.cache import sources_key

        path = write("e.ttl", PREFIXES_TTL + LEDGER)
        result = load([path])
        key = sources_key([s.sha256 for s in result.sources])
        first = SearchIndex.for_graph(result.graph, root=root, key=key)
        again = SearchIndex.for_graph(load([path]).graph, root=root, key=key)
        assert first.built_now and not again.built_now and again.key == key
        path.write_text(PREFIXES_TTL + LEDGER.replace("Stripe", "Adyen"), encoding="utf-8")
        changed = load([path])
        other = sources_key([s.sha256 for s in changed.sources])
        assert other != key
        assert [
            h.id for h in SearchIndex.for_graph(changed.graph, root=root, key=other).search("adyen")
        ] == ["stripe"]

    def test_a_changed_graph_is_reindexed(self, root: Path) -> None:
        graph = estate(LEDGER)
        before = SearchIndex.for_graph(graph, root=root)
        graph.add((node("ledger"), RDFS.comment, Literal("quarterly close")))
        after = SearchIndex.for_graph(graph, root=root)
        assert after.built_now and after.key != before.key
        assert [h.id for h in after.search("quarterly")] == ["ledger"]

    @pytest.mark.parametrize("damage", ["marker", "segments", "truncate", "empty"])
    def test_a_corrupt_cache_is_rebuilt(
        self, root: Path, damage: str, caplog: pytest.LogCaptureFixture
    ) -> None:
        folder = root / SearchIndex.for_graph(estate(LEDGER), root=root).key
        if damage == "marker":
            (folder / "complete.json").write_text("{not json")
        elif damage == "segments":
            for seg in folder.glob("*.seg"):
                seg.write_bytes(b"garbage")
        elif damage == "truncate":
            for toc in folder.glob("*.toc"):
                toc.write_bytes(toc.read_bytes()[:10])
        else:
            shutil.rmtree(folder)
            folder.mkdir()
        again = SearchIndex.for_graph(estate(LEDGER), root=root)
        assert again.built_now
        assert [h.id for h in again.search("stripe")] == ["stripe"]
        if damage != "empty":  # an empty folder is an abandoned build, not a broken cache
            assert "is broken" in caplog.text and "rebuilding" in caplog.text

    def test_an_abandoned_build_does_not_get_in_the_way(self, root: Path) -> None:
        key = SearchIndex.for_graph(estate(LEDGER), root=root).key
        shutil.rmtree(root / key)
        (root / f"{key}.x.building").mkdir()
        again = SearchIndex.for_graph(estate(LEDGER), root=root)
        assert again.built_now and [h.id for h in again.search("stripe")] == ["stripe"]

    def test_building_reports_progress(self, root: Path) -> None:
        seen: list[tuple[int, int]] = []
        SearchIndex.for_graph(
            estate(LEDGER), progress=lambda _, d, t: seen.append((d, t)), root=root
        )
        assert seen and seen[-1] == (7, 7)  # four services, a vendor, two teams
        assert all(done <= total for done, total in seen)

    def test_a_build_split_over_processes_finds_what_one_process_finds(
        self, root: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import explorer.search

        graph = load([SAMPLES / "region-build.ttl"]).graph
        single = SearchIndex.for_graph(graph, root=root / "one")
        monkeypatch.setattr(explorer.search, "PARALLEL_FROM", 0)
        parallel = SearchIndex.for_graph(graph, root=root / "two")
        for query in ("dns", '"time sync"', "kind:vendor", "owner:dns"):
            assert single.search(query, limit=100) == parallel.search(query, limit=100)

    def test_the_cache_folder_comes_from_the_environment(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("INFRA_EXPLORER_CACHE", str(tmp_path / "mine"))
        search(estate(LEDGER), "ledger")
        assert list((tmp_path / "mine" / "search-index").iterdir())


class TestOnTheSamples:
    def test_time_sync(self) -> None:
        hits = search(load().graph, "time sync")
        assert hits[0].id == "time-sync"

    def test_every_vendor(self) -> None:
        hits = search(load().graph, "kind:vendor", limit=50)
        assert {h.id for h in hits} == {
            "vendor-northwind",
            "vendor-obsidian-optics",
            "vendor-transit",
            "vendor-securevault",
            "vendor-quorum-dns",
            "vendor-meridian",
        }

    def test_the_cli_answers_in_the_documented_shape(self) -> None:
        import json

        done = run_cli("search", "kind:vendor", SAMPLES / "buyer-profile.csv", "--json")
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        assert data["query"] == "kind:vendor"
        assert {"iri", "id", "label", "kind", "score"} <= set(data["hits"][0])
        assert len(data["hits"]) == 5

    def test_the_cli_refuses_a_bad_query_with_exit_2(self) -> None:
        done = run_cli("search", "colour:red")
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert "unknown field 'colour'" in done.stderr


def test_searches_of_candidates_share_no_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An endpoint's candidates are ranked in a RAM index; two at once (the app's
    searches, or two commands) once shared $TMPDIR/MAIN.tmp and broke each other."""
    import tempfile

    from explorer.search import search_documents
    from explorer.search.documents import documents

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    (tmp_path / "MAIN.tmp").write_text("another search's folder, or anything else")
    docs = list(documents(load([SAMPLES / "region-build.ttl"]).graph))
    assert search_documents(docs, "time sync")[0].id == "time-sync"
    assert [p.name for p in tmp_path.iterdir()] == ["MAIN.tmp"]  # nothing left behind
