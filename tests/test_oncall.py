"""On-call tools' saved answers (PagerDuty and Opsgenie REST API v2) as entity records:
who is on call becomes a contact, PagerDuty's service dependencies declared dependencies,
and the facts of several files of one load are joined by the tool's ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS

from explorer.domain.kinds import Kind
from explorer.domain.vocab import IC
from explorer.ingest.deploy.oncall import (
    OnCallFacts,
    is_opsgenie,
    is_pagerduty,
    oncall_records,
    opsgenie_facts,
    pagerduty_facts,
)
from explorer.ingest.fields import EntityRecord
from explorer.ingest.notes import Notes
from helpers import REPO

FIXTURES = REPO / "tests" / "fixtures" / "deploy" / "oncall"
PD = FIXTURES / "pagerduty"
OG = FIXTURES / "opsgenie"
SERVICES, POLICIES, ONCALLS = (
    PD / "services.json",
    PD / "escalation_policies.json",
    PD / "oncalls.json",
)
USERS, TEAMS, BUSINESS = PD / "users.json", PD / "teams.json", PD / "business_services.json"
DEPENDENCIES = PD / "dependencies.json"
EVERY_PD = sorted(PD.glob("*.json"))
EVERY_OG = sorted(OG.glob("*.json"))


def facts_of(path: Path | str, text: str | None = None) -> OnCallFacts:
    text = Path(path).read_text(encoding="utf-8") if text is None else text
    document = json.loads(text)
    read = pagerduty_facts if is_pagerduty(document) else opsgenie_facts
    return read(str(path), text, document)


def records_of(*paths: Path, notes: Notes | None = None) -> list[EntityRecord]:
    return oncall_records([facts_of(path) for path in paths], notes or Notes())


def the(records: list[EntityRecord], name: str, path: Path | None = None) -> EntityRecord:
    found = [r for r in records if r.id == name and (path is None or r.path == str(path))]
    assert len(found) == 1, [(r.id, r.path) for r in records]
    return found[0]


def values(record: EntityRecord, predicate: URIRef) -> list[str]:
    return [str(value) for said, value in record.attributes if said == predicate]


def links(record: EntityRecord, predicate: URIRef) -> list[tuple[str, int | None]]:
    return [(link.target, link.line) for link in record.links if link.predicate == predicate]


def contacts(record: EntityRecord) -> list[str]:
    return values(record, IC.contact)


class TestRecognising:
    @pytest.mark.parametrize("path", EVERY_PD, ids=lambda p: p.name)
    def test_every_pagerduty_answer(self, path: Path) -> None:
        document = json.loads(path.read_text(encoding="utf-8"))
        assert is_pagerduty(document)
        assert not is_opsgenie(document)

    @pytest.mark.parametrize("path", EVERY_OG, ids=lambda p: p.name)
    def test_every_opsgenie_answer(self, path: Path) -> None:
        document = json.loads(path.read_text(encoding="utf-8"))
        assert is_opsgenie(document)
        assert not is_pagerduty(document)

    @pytest.mark.parametrize(
        "document",
        [
            {"services": {"web": {"image": "nginx"}}},  # a compose file as JSON
            {"services": [{"id": "a"}], "version": "3"},  # a key no list response has
            {"data": [], "status": "ok"},  # no Opsgenie envelope
            {"limit": 25, "offset": 0},  # no list at all
            [{"services": []}, {"name": "x"}],  # one page is not one
            [],
            {},
            "services",
        ],
    )
    def test_other_json_is_neither(self, document: object) -> None:
        assert not is_pagerduty(document)
        assert not is_opsgenie(document)


class TestServices:
    def test_one_record_per_technical_and_business_service(self) -> None:
        records = records_of(SERVICES, BUSINESS)
        services = [(r.kind, r.id, r.label, Path(r.path).name) for r in records]
        assert services[:4] == [
            (Kind.SERVICE, "checkout-api", "checkout-api", "services.json"),
            (Kind.SERVICE, "payments-api", "payments-api", "services.json"),
            (Kind.SERVICE, "ledger-worker", "ledger-worker", "services.json"),
            (Kind.SERVICE, "Online payments", "Online payments", "business_services.json"),
        ]
        assert all(r.evidence == "declared" for r in records)

    def test_name_description_and_pagerduty_id(self) -> None:
        records = records_of(SERVICES, BUSINESS)
        checkout, online = the(records, "checkout-api"), the(records, "Online payments")
        assert values(checkout, RDFS.label) == ["checkout-api"]
        assert values(checkout, DCTERMS.description) == ["Takes the basket to an order"]
        assert values(checkout, IC.annotation) == ["pagerduty: PSVC1"]
        assert values(online, IC.annotation) == ["pagerduty: PBS1"]
        assert values(online, DCTERMS.description) == ["Customers pay for their orders online"]
        assert values(the(records, "ledger-worker"), DCTERMS.description) == []

    def test_a_record_is_placed_at_its_id(self) -> None:
        records = records_of(SERVICES, BUSINESS)
        lines = {r.id: r.line for r in records}
        assert lines == {
            "checkout-api": 4,
            "payments-api": 25,
            "ledger-worker": 45,
            "Online payments": 4,
            "Storefront": 17,  # teams named by the services' references
            "Payments": 38,
        }

    def test_a_one_line_file_gives_line_1(self) -> None:
        text = json.dumps(json.loads(SERVICES.read_text(encoding="utf-8")))
        records = oncall_records([facts_of(SERVICES, text)], Notes())
        assert {r.line for r in records} == {1}
        assert {link.line for r in records for link in r.links} == {1}

    def test_a_text_the_document_does_not_match_places_by_the_ids_first_line(self) -> None:
        text = '{"services": [{"id": "PX"}],\n "services": [{"id": "PSVC1", "name": "a"}]}'
        facts = pagerduty_facts("dup.json", text, json.loads(text))  # keeps the second list
        assert [r.line for r in oncall_records([facts], Notes())] == [2]


class TestContacts:
    def test_who_is_on_call_first_is_a_services_contact(self) -> None:
        records = records_of(SERVICES, POLICIES, ONCALLS, USERS)
        assert contacts(the(records, "checkout-api")) == ["Ana Silva <ana@example.com>"]

    def test_a_direct_target_without_a_schedule_counts(self) -> None:
        records = records_of(SERVICES, ONCALLS, USERS)
        assert "Chen Wei <chen@example.com>" in contacts(the(records, "payments-api"))

    def test_a_user_no_users_file_names_is_named_as_the_entry_does(self) -> None:
        records = records_of(SERVICES, ONCALLS, USERS)
        assert contacts(the(records, "payments-api")) == [
            "Chen Wei <chen@example.com>",
            "Dana Okafor",
        ]

    def test_without_a_users_file_every_one_is_named_as_the_entry_does(self) -> None:
        records = records_of(SERVICES, ONCALLS)
        assert contacts(the(records, "checkout-api")) == ["Ana Silva"]

    def test_a_policy_names_the_services_it_pages_for(self) -> None:
        without = records_of(SERVICES, ONCALLS)  # ledger-worker's own policy is null
        assert contacts(the(without, "ledger-worker")) == []
        records = records_of(SERVICES, POLICIES, ONCALLS)
        assert contacts(the(records, "ledger-worker")) == ["Eve Moreau <eve@example.com>"]

    def test_an_expanded_user_of_an_on_call_names_itself(self) -> None:
        records = records_of(SERVICES, POLICIES, ONCALLS)  # no users file: Eve says who she is
        assert contacts(the(records, "ledger-worker")) == ["Eve Moreau <eve@example.com>"]

    def test_a_business_services_point_of_contact(self) -> None:
        records = records_of(BUSINESS)
        assert contacts(the(records, "Online payments")) == ["payments-oncall@example.com"]

    def test_facts_of_separate_files_join(self) -> None:
        alone = records_of(SERVICES)
        assert [contacts(r) for r in alone if r.kind == Kind.SERVICE] == [[], [], []]
        joined = records_of(SERVICES, POLICIES, ONCALLS, USERS)
        one_file = [json.loads(p.read_text(encoding="utf-8")) for p in (SERVICES, ONCALLS)]
        one_file += json.loads(USERS.read_text(encoding="utf-8"))
        one_file.append(json.loads(POLICIES.read_text(encoding="utf-8")))
        combined = oncall_records([facts_of("all.json", json.dumps(one_file))], Notes())
        for name in ("checkout-api", "payments-api", "ledger-worker"):
            assert contacts(the(combined, name)) == contacts(the(joined, name)) != []


class TestOwners:
    def test_a_services_first_team_owns_it_at_the_references_line(self) -> None:
        records = records_of(SERVICES)
        assert links(the(records, "checkout-api"), IC.ownedBy) == [("Storefront", 17)]
        assert links(the(records, "ledger-worker"), IC.ownedBy) == [("Payments", 53)]

    def test_a_business_services_team_is_named_by_another_file(self) -> None:
        records = records_of(SERVICES, BUSINESS)
        assert links(the(records, "Online payments"), IC.ownedBy) == [("Payments", 11)]

    def test_a_team_no_file_names_is_a_warning_and_no_owner(self) -> None:
        notes = Notes()
        records = records_of(BUSINESS, notes=notes)
        assert links(the(records, "Online payments"), IC.ownedBy) == []
        assert notes.warnings == [
            f"{BUSINESS}:11: Online payments: no file names team PT2; no owner said"
        ]


class TestTeams:
    def test_pagerduty_teams_with_who_is_on_call_on_their_policies(self) -> None:
        records = records_of(SERVICES, POLICIES, ONCALLS, USERS, TEAMS)
        teams = {r.id: contacts(r) for r in records if r.kind == Kind.TEAM}
        assert teams == {
            "Storefront": ["Ana Silva <ana@example.com>"],
            "Payments": ["Chen Wei <chen@example.com>", "Dana Okafor"],
            "Finance Platform": ["Eve Moreau <eve@example.com>"],
        }

    def test_a_listed_team_is_placed_in_the_list(self) -> None:
        records = records_of(SERVICES, TEAMS)
        storefront = the(records, "Storefront")
        assert (storefront.kind, storefront.label, storefront.path) == (
            Kind.TEAM,
            "Storefront",
            str(TEAMS),
        )
        assert storefront.line == 4
        assert values(storefront, IC.annotation) == ["pagerduty: PT1"]
        payments = the(records, "Payments")  # named only by the services' references
        assert (payments.path, payments.line) == (str(SERVICES), 38)

    def test_opsgenie_teams_with_who_is_on_call_on_the_schedules_they_own(self) -> None:
        records = records_of(*EVERY_OG)
        billing, search = the(records, "billing"), the(records, "search")
        assert (billing.kind, billing.label, billing.path, billing.line) == (
            Kind.TEAM,
            "billing",
            str(OG / "teams.json"),
            4,
        )
        # gita directly, hugo inside an escalation's team; ivo is only in a rotation
        assert contacts(billing) == ["gita@example.com", "hugo@example.com"]
        assert contacts(search) == []
        assert values(search, IC.annotation) == ["opsgenie: 8c2d5e90-1a3b-4c6d-8e7f-0a1b2c3d4e02"]
        assert [r.id for r in records] == ["billing", "search"]

    def test_an_opsgenie_team_known_only_as_a_schedules_owner(self) -> None:
        records = records_of(OG / "schedules.json", OG / "oncalls-billing.json")
        billing = the(records, "billing")
        assert (billing.path, billing.line) == (str(OG / "schedules.json"), 9)
        assert contacts(billing) == ["gita@example.com", "hugo@example.com"]

    def test_opsgenie_flat_on_call_recipients(self) -> None:
        text = json.dumps(
            {
                "data": {"_parent": {"id": "s-billing-0001"}, "onCallRecipients": ["jo@x.io"]},
                "took": 0.1,
                "requestId": "r",
            }
        )
        facts = [facts_of(OG / "schedules.json"), facts_of("flat.json", text)]
        assert contacts(the(oncall_records(facts, Notes()), "billing")) == ["jo@x.io"]

    def test_other_opsgenie_lists_name_no_team(self) -> None:
        services = {
            "data": [{"id": "os1", "name": "checkout", "teamId": "t1", "description": ""}],
            "took": 0.1,
            "requestId": "r",
        }
        assert oncall_records([facts_of("services.json", json.dumps(services))], Notes()) == []


class TestDependencies:
    def everything(self, notes: Notes | None = None) -> list[EntityRecord]:
        return records_of(SERVICES, BUSINESS, DEPENDENCIES, notes=notes)

    def test_the_dependent_depends_on_the_supporting_either_spelling(self) -> None:
        records = self.everything()
        depends = {r.id: links(r, IC.dependsOn) for r in records if r.path == str(DEPENDENCIES)}
        assert depends == {
            "Online payments": [("payments-api", 5), ("checkout-api", 11)],
            "checkout-api": [("payments-api", 27)],
            "payments-api": [("ledger-worker", 33)],
        }

    def test_a_relationship_in_both_services_answers_is_one_link(self) -> None:
        online = the(self.everything(), "Online payments", DEPENDENCIES)
        assert [t for t, _ in links(online, IC.dependsOn)].count("payments-api") == 1

    def test_a_dependency_on_a_service_no_file_names_is_a_warning(self) -> None:
        notes = Notes()
        records = self.everything(notes)
        assert notes.warnings == [
            f"{DEPENDENCIES}:39: service dependency PD5: no file names service PSVC9"
        ]
        named = {t for r in records for t, _ in links(r, IC.dependsOn)}
        assert "PSVC9" not in named

    def test_the_link_lives_in_the_file_that_says_it(self) -> None:
        records = self.everything()
        checkout = the(records, "checkout-api", DEPENDENCIES)
        assert (checkout.kind, checkout.line, checkout.attributes) == (Kind.SERVICE, 27, [])
        assert links(the(records, "checkout-api", SERVICES), IC.dependsOn) == []

    def test_in_the_services_own_file_the_link_is_on_its_record(self) -> None:
        pages = [json.loads(p.read_text(encoding="utf-8")) for p in (SERVICES,)]
        pages += json.loads(DEPENDENCIES.read_text(encoding="utf-8"))
        records = oncall_records([facts_of("one.json", json.dumps(pages))], Notes())
        checkout = the(records, "checkout-api")
        assert values(checkout, IC.annotation) == ["pagerduty: PSVC1"]
        assert links(checkout, IC.dependsOn) == [("payments-api", 1)]

    def test_an_end_that_is_not_a_service_is_left_out(self) -> None:
        text = json.dumps(
            {
                "relationships": [
                    {
                        "id": "PDX",
                        "supporting_service": {"id": "PSVC2", "type": "escalation_policy"},
                        "dependent_service": {"id": "PSVC1", "type": "service"},
                    }
                ]
            }
        )
        notes = Notes()
        records = oncall_records([facts_of(SERVICES), facts_of("x.json", text)], notes)
        assert [links(r, IC.dependsOn) for r in records if r.kind == Kind.SERVICE] == [[]] * 3
        assert notes.warnings == ["x.json:1: a service dependency between no two services"]


class TestMissingPieces:
    def test_odd_or_missing_pieces_are_passed_by(self) -> None:
        services = {
            "services": [
                {"id": "PA", "name": "a"},  # no policy, no teams
                {"id": "PB", "name": "b", "teams": None, "escalation_policy": "PEP1"},
                {"id": "PC"},  # no name: nothing to call it
            ]
        }
        oncalls = {
            "oncalls": [
                {"escalation_policy": {"id": "PEP1"}, "user": None, "escalation_level": 1},
                {"user": {"id": "PU1", "summary": "Ana"}, "escalation_level": 1},
                {"escalation_policy": {"id": "PEP1"}, "user": {"id": "PU1"}},  # no level
                {"escalation_policy": None, "schedule": None, "start": None, "end": None},
            ]
        }
        business = {"business_services": [{"id": "PBS", "name": "z", "team": None}]}
        notes = Notes()
        facts = [facts_of(f"{n}.json", json.dumps(d)) for n, d in enumerate([services, oncalls])]
        facts.append(facts_of("b.json", json.dumps(business)))
        records = oncall_records(facts, notes)
        assert [(r.id, contacts(r), r.links) for r in records] == [
            ("a", [], []),
            ("b", [], []),
            ("z", [], []),
        ]
        assert notes.warnings == ["0.json:1: a PagerDuty service without an id or a name"]

    def test_nothing_read_is_no_record(self) -> None:
        assert oncall_records([], Notes()) == []
        assert records_of(ONCALLS, USERS) == []


def test_facts_keep_the_tools_own_ids() -> None:
    facts = facts_of(ONCALLS)
    assert [(o.on, o.level, o.user) for o in facts.oncalls][:2] == [
        ("PEP1", 1, "PU1"),
        ("PEP1", 2, "PU2"),
    ]
    assert [(p.id, p.name, p.email) for p in facts.people] == [
        ("PU5", "Eve Moreau", "eve@example.com")
    ]
