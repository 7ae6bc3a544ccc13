"""Bad input: one line naming file, line and problem; exit 2; no traceback; no partial graph."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.domain.errors import InputError
from explorer.ingest import load
from helpers import SAMPLES, run_cli

Write = Callable[[str, str | bytes], Path]

DEEP_YAML = "services:\n  - id: x\n    description: " + "[" * 5000 + "]" * 5000 + "\n"
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)

# (file name, content, line or None, words the message must contain)
BAD_INPUTS: list[tuple[str, str | bytes, int | None, str]] = [
    (
        "bad.ttl",
        "@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b\n ex:d ex:e .\n",
        4,
        "invalid Turtle",
    ),
    (
        "bad.nt",
        "<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n",
        2,
        "invalid N-Triples",
    ),
    ("bad.jsonld", '{"@id": "http://a",\n "http://b": 1,,}\n', 2, "invalid JSON-LD"),
    ("remote.jsonld", '{"@context": "https://schema.org/", "@id": "http://a"}', 1, "is remote"),
    (
        "bad.rdf",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        '22-rdf-syntax-ns#">\n<rdf:Description rdf:about="http://a">\n</rdf:RDF>\n',
        4,
        "invalid RDF/XML",
    ),
    (
        "xxe.rdf",
        '<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>'
        "\n<r>&x;</r>\n",
        2,
        "external entities are not allowed",
    ),
    ("bad.trig", "@prefix ex: <http://e/> .\nex:g { ex:a ex:b ex:c .\n", 3, "invalid TriG"),
    (
        "star.ttl",
        "@prefix ex: <http://e/> .\nex:a ex:b ex:c .\n<< ex:a ex:b ex:c >> ex:confidence 0.4 .\n",
        3,
        "RDF-star triple terms (<< ... >>) are not supported",
    ),
    ("syntax.yaml", "services:\n  - id: a\n   owner: [b\n", 3, "invalid YAML"),
    (
        "tag.yaml",
        "services:\n  - id: !!python/object/apply:os.system ['echo pwned']\n",
        2,
        "invalid YAML",
    ),
    ("laughs.yaml", LAUGHS, 1, "aliases expand to more than"),
    (
        "labels.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n"
        "  labels: gold\n",
        1,
        "metadata.labels must be a mapping",
    ),
    ("control.yaml", "services:\n  - id: a\x08\n", 2, "character #x0008 is not allowed"),
    ("recursive.yaml", "services: &s\n  - id: a\n    depends_on: *s\n", None, "refers to itself"),
    ("deep.yaml", DEEP_YAML, None, "nested too deeply"),
    ("deep.jsonld", "[" * 100_000 + "]" * 100_000, None, "invalid JSON-LD"),
    ("noid.yaml", "services:\n  - id: a\n  - label: No id here\n", 3, "a service without an id"),
    (
        "tier.yaml",
        "services:\n  - id: a\n    tier: gold\n",
        3,  # the line of the field, not of the record
        "tier is 'gold': expected 1, 2 or 3",
    ),
    (
        "status.yaml",
        "teams:\n  - id: t\n    status: on holiday\n",
        3,  # the line of the field, not of the record
        "status of a team must be one of active, dissolved",
    ),
    (
        "misplaced.yaml",
        "teams:\n  - id: t\n    depends_on: [x]\n",
        3,  # the line of the field, not of the record
        "depends_on does not apply to a team",
    ),
    ("notlist.yaml", "services:\n  id: a\n", 1, "'services' must be a list"),
    ("other.yaml", "- just\n- a list\n", None, "not an estate"),
    (
        "badref.yaml",
        "kind: Component\napiVersion: backstage.io/v1alpha1\nmetadata: {name: a}\n---\n"
        "kind: Component\napiVersion: backstage.io/v1alpha1\nmetadata: {name: b}\n"
        "spec: {owner: 'group:'}\n",
        5,
        "document 2: malformed entity reference 'group:'",
    ),
    (
        "backstage.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Component\n",
        1,
        "document 1: a descriptor needs metadata.name",
    ),
    (
        "noid.csv",
        "label,owner\nPayments,team-a\n",
        1,
        "no id column (id, name, service or component); the columns are 'label', 'owner'",
    ),
    ("tier.csv", "id,tier\na,1\nb,platinum\n", 3, "tier is 'platinum': expected 1, 2 or 3"),
    ("kind.csv", "id,kind\na,service\nb,spaceship\n", 3, "unknown kind 'spaceship'"),
    ("wide.csv", "id,owner\na,t,extra\n", 2, "3 cells but the header names 2 columns"),
    ("unclosed.csv", 'id,label\na,fine\nb,"never closed\nc,lost\n', 3, "unexpected end of data"),
    ("notcp1252.csv", b"id,label\na,ok\nb,Caf\x81\n", 3, "not UTF-8 text"),
    ("empty.csv", "", 1, "no header row"),
    ("huge.csv", "id,description\na,ok\nb," + "x" * 200_000 + "\n", 3, "field larger than"),
    ("twice.csv", "owner,team,id\nx,y,z\n", 1, "'owner' and 'team' both give the owner"),
]


def _case_id(case: tuple[str, object, object, object]) -> str:
    return case[0]


@pytest.mark.parametrize("case", BAD_INPUTS, ids=_case_id)
class TestEveryBadInput:
    def test_load_raises_one_line_naming_file_and_line(
        self, write: Write, case: tuple[str, str | bytes, int | None, str]
    ) -> None:
        name, content, line, words = case
        path = write(name, content)
        with pytest.raises(InputError) as caught:
            load([path])
        error = caught.value
        assert error.path == str(path)
        assert error.line == line
        assert words in error.message
        assert "\n" not in str(error)

    def test_cli_exits_2_with_the_message_and_no_traceback(
        self,
        write: Write,
        tmp_path: Path,
        case: tuple[str, str | bytes, int | None, str],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        name, content, line, words = case
        path = write(name, content)
        out = tmp_path / "out.ttl"
        assert main(["import", str(SAMPLES / "region-build.ttl"), str(path), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        where = f"{path}:{line}" if line else str(path)
        assert err.startswith(f"infra-explorer: error: {where}: ")
        assert words in err and err.count("\n") == 1
        assert not out.exists()  # nothing half-loaded was written


@pytest.mark.parametrize("name", ["bad.ttl", "tag.yaml", "noid.csv", "xxe.rdf"])
def test_a_real_process_prints_no_traceback(write: Write, tmp_path: Path, name: str) -> None:
    case = next(c for c in BAD_INPUTS if c[0] == name)
    path = write(name, case[1])
    done = run_cli("snapshot", path, "-o", tmp_path / "out.ttl")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert str(path) in done.stderr


def test_a_large_yaml_without_aliases_is_not_taken_for_an_alias_bomb(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer.ingest import safe_yaml

    services = "".join(f"  - id: s{n}\n    depends_on: [s{n + 1}]\n" for n in range(2_000))
    monkeypatch.setattr(safe_yaml, "MAX_EXPANDED_NODES", 1_000)  # the file has 10,000 nodes
    assert len(load([write("big.yaml", "services:\n" + services)]).graph) > 4_000


def test_a_file_over_the_size_limit_is_refused_unread(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("big.ttl", "# " + "x" * 300_000 + "\n")
    monkeypatch.setenv("INFRA_EXPLORER_MAX_FILE_MB", "0.25")
    with pytest.raises(InputError, match=r"is 0\.3 MB, more than the 0\.2 MB") as caught:
        load([path])
    assert caught.value.path == str(path) and "INFRA_EXPLORER_MAX_FILE_MB" in str(caught.value)
    monkeypatch.setenv("INFRA_EXPLORER_MAX_FILE_MB", "1")
    assert len(load([path]).graph) == 0


def test_a_huge_csv_field_is_refused_with_its_line(write: Write) -> None:
    path = write("huge.csv", "id,kind,label\na,service," + "x" * 200_000 + "\n")
    with pytest.raises(InputError, match="field larger than field limit") as caught:
        load([path])
    assert caught.value.line == 2


def test_a_missing_source_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder") as caught:
        load([tmp_path / "nowhere.ttl"])
    assert caught.value.path == str(tmp_path / "nowhere.ttl")


def test_the_yaml_tag_was_not_executed(write: Write, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = write(
        "tag.yaml", f"services:\n  - id: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    with pytest.raises(InputError):
        load([path])
    assert not marker.exists()


class TestNoNetwork:
    @pytest.fixture
    def no_network(self, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        attempts: list[str] = []

        def refuse(*args: object, **kwargs: object) -> None:
            attempts.append(repr(args))
            raise OSError("network access attempted during a load")

        monkeypatch.setattr(socket.socket, "connect", refuse)
        monkeypatch.setattr(socket, "create_connection", refuse)
        monkeypatch.setattr(socket, "getaddrinfo", refuse)
        return attempts

    @pytest.mark.parametrize(
        "document",
        [
            '{"@context": "https://schema.org/", "@id": "http://a", "name": "x"}',
            '{"@context": [{"ic": "https://infra-context.dev/ontology#"}, "http://x/c.jsonld"],'
            ' "@id": "http://a"}',
            '{"@context": {"@import": "http://x/c.jsonld"}, "@id": "http://a"}',
            '{"@graph": [{"@context": "http://x/nested.jsonld", "@id": "http://a"}]}',
        ],
    )
    def test_a_remote_jsonld_context_is_refused_without_connecting(
        self, write: Write, no_network: list[str], document: str
    ) -> None:
        with pytest.raises(InputError, match="is remote"):
            load([write("remote.jsonld", document)])
        assert no_network == []

    def test_an_xml_external_entity_is_refused_without_reading_it(
        self, write: Write, no_network: list[str]
    ) -> None:
        doc = (
            '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "http://evil/x">]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n'
        )
        with pytest.raises(InputError, match="external entities"):
            load([write("x.rdf", doc)])
        assert no_network == []

    def test_the_samples_load_with_the_network_shut(self, no_network: list[str]) -> None:
        assert len(load([SAMPLES]).graph) > 500
        assert no_network == []

    def test_urls_in_yaml_csv_and_backstage_are_names_not_fetched(
        self, write: Write, no_network: list[str]
    ) -> None:
        yaml_file = write(
            "a.yaml", "services:\n  - id: https://example.org/svc\n    depends_on: [http://x/y]\n"
        )
        csv_file = write("b.csv", "id,kind,depends_on\nhttps://example.org/c,service,http://x/y\n")
        catalog = write(
            "c.yaml",
            "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: far}\n"
            "spec: {type: url, targets: [https://example.org/catalog-info.yaml]}\n",
        )
        result = load([yaml_file, csv_file, catalog])
        assert any("is a URL; not followed" in w for w in result.warnings)
        assert no_network == []

    @pytest.mark.parametrize(
        ("suffix", "fmt"),
        [
            (".ttl", "turtle"),
            (".nt", "nt"),
            (".jsonld", "json-ld"),
            (".rdf", "xml"),
            (".trig", "trig"),
        ],
    )
    def test_every_rdf_format_loads_with_the_network_shut(
        self, write: Write, no_network: list[str], suffix: str, fmt: str
    ) -> None:
        sample = load([SAMPLES / "region-build.ttl"]).graph
        text = sample.serialize(format=fmt)
        assert len(load([write(f"estate{suffix}", text)]).graph) == len(sample)
        assert no_network == []
