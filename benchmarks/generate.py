"""Synthetic estates of N services for benchmarks, deterministic by seed.

A dependency DAG with a few hubs every service reaches (DNS, auth, the network), some
cycles, teams with people, vendors, assumptions, and about 5% of services without an owner.
Written as Turtle, native YAML and CSV, all three the same estate.

    python benchmarks/generate.py --services 10000 --out /tmp/estate-10k
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from explorer.export.table import COLUMNS  # the CSV the importer reads

HUBS = ("dns", "auth", "network", "secrets", "metrics")
WORDS = ("payments", "search", "ledger", "profile", "cart")


@dataclass
class Estate:
    services: list[dict[str, object]] = field(default_factory=list)
    resources: list[dict[str, object]] = field(default_factory=list)
    teams: list[dict[str, object]] = field(default_factory=list)
    people: list[dict[str, object]] = field(default_factory=list)
    vendors: list[dict[str, object]] = field(default_factory=list)
    assumptions: list[dict[str, object]] = field(default_factory=list)
    systems: list[dict[str, object]] = field(default_factory=list)


def generate(services: int, seed: int = 7) -> Estate:
    """An estate of ``services`` services and proportionate everything else."""
    rng = random.Random(seed)
    estate = Estate()
    n_teams = max(5, services // 25)
    for t in range(n_teams):
        team: dict[str, object] = {"id": f"team-{t}", "label": f"Team {t}", "status": "active"}
        if t % 40 == 39:
            team["status"] = "dissolved"
        elif t % 17 != 16:
            team["contact"] = f"team-{t}@example.org"
        estate.teams.append(team)
    for p in range(n_teams * 3):
        estate.people.append(
            {
                "id": f"person-{p}",
                "label": f"Person {p}",
                "member_of": f"team-{p % n_teams}",
                "contact": f"p{p}@example.org",
            }
        )
    for v in range(max(3, services // 200)):
        estate.vendors.append(
            {"id": f"vendor-{v}", "label": f"Vendor {v}", "owner": f"team-{rng.randrange(n_teams)}"}
        )
    for a in range(max(3, services // 100)):
        status = ("verified", "unverified", "invalid")[a % 3]
        estate.assumptions.append(
            {
                "id": f"assume-{a}",
                "label": f"Assumption {a} holds",
                "owner": f"team-{rng.randrange(n_teams)}",
                "status": status,
            }
        )
    for s in range(max(2, services // 50)):
        estate.systems.append(
            {"id": f"system-{s}", "label": f"System {s}", "owner": f"team-{rng.randrange(n_teams)}"}
        )
    for h in HUBS:
        estate.resources.append({"id": h, "label": f"Shared {h}", "owner": "team-0", "tier": 1})
    for r in range(services // 4):
        estate.resources.append(
            {
                "id": f"resource-{r}",
                "label": f"Database {r}",
                "tier": rng.choice((1, 1, 2)),  # what services stand on is critical
                "owner": f"team-{rng.randrange(n_teams)}",
                "depends_on": [rng.choice(HUBS)],
                "vendors": [f"vendor-{rng.randrange(len(estate.vendors))}"],
            }
        )
    for i in range(services):
        # depend on earlier services (a DAG), on a hub, on a database
        earlier = [f"service-{rng.randrange(i)}" for _ in range(rng.randint(0, 3))] if i else []
        deps = [*earlier, rng.choice(HUBS)]
        if estate.resources[len(HUBS) :]:
            deps.append(f"resource-{rng.randrange(services // 4 or 1)}" if services >= 4 else "dns")
        service: dict[str, object] = {
            "id": f"service-{i}",
            "label": f"Service {i} {rng.choice(WORDS)}",
            "description": f"Handles {rng.choice(('orders', 'refunds', 'logins', 'time sync'))} "
            f"for {rng.choice(('buyers', 'sellers', 'operators'))}.",
            "tier": _tier_over(estate, deps, rng.choice((1, 2, 2, 3, 3, 3)), rng),
            "depends_on": sorted(set(deps)),
            "part_of": f"system-{rng.randrange(len(estate.systems))}",
        }
        if rng.random() >= 0.05:
            service["owner"] = f"team-{rng.randrange(n_teams)}"
        if rng.random() < 0.1:
            service["assumptions"] = [f"assume-{rng.randrange(len(estate.assumptions))}"]
        if i and i % 500 == 0:  # a few cycles, as real estates have
            service["depends_on"] = [*service["depends_on"], f"service-{i + 1}"]  # type: ignore[misc]
        estate.services.append(service)
    for i in range(500, services - 1, 500):
        nxt = estate.services[i + 1]
        nxt["depends_on"] = [*nxt["depends_on"], f"service-{i}"]  # type: ignore[misc]
    return estate


def _tier_over(estate: Estate, deps: list[str], wanted: int, rng: random.Random) -> int:
    """A tier no more critical than what the service depends on, as estates mostly are;
    one service in fifty keeps the tier it was given, less critical or not (a
    tier-inversion gap)."""
    if rng.random() < 0.02:
        return wanted
    tiers = {str(e["id"]): int(str(e["tier"])) for e in _tiered(estate, deps)}
    return max([wanted, *tiers.values()])


def _tiered(estate: Estate, ids: list[str]) -> list[dict[str, object]]:
    found = []
    for name in ids:
        if name.startswith("service-"):
            found.append(estate.services[int(name.split("-")[1])])
        elif name.startswith("resource-"):
            found.append(estate.resources[len(HUBS) + int(name.split("-")[1])])
    return found


SECTIONS = ("services", "resources", "systems", "teams", "people", "vendors", "assumptions")
KINDS = dict(
    zip(
        SECTIONS,
        ("service", "resource", "system", "team", "person", "vendor", "assumption"),
        strict=True,
    )
)
IC, ID = "https://infra-context.dev/ontology#", "https://infra-context.dev/id/"
PREDICATES = {
    "owner": "ic:ownedBy",
    "depends_on": "ic:dependsOn",
    "vendors": "ic:usesVendor",
    "assumptions": "ic:assumes",
    "part_of": "ic:partOf",
    "member_of": "ic:memberOf",
}


def write_yaml(estate: Estate, path: Path) -> None:
    data = {section: getattr(estate, section) for section in SECTIONS}
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def write_csv(estate: Estate, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for section in SECTIONS:
            for item in getattr(estate, section):
                row = {**item, "kind": KINDS[section]}
                writer.writerow(
                    ["; ".join(v) if isinstance(v := row.get(c, ""), list) else v for c in COLUMNS]
                )


def _literal(text: object) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_turtle(estate: Estate, path: Path) -> None:
    lines = [
        f"@prefix ic: <{IC}> .",
        f"@prefix id: <{ID}> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "",
    ]
    for section in SECTIONS:
        cls = "ic:" + KINDS[section].capitalize()
        for item in getattr(estate, section):
            parts = [f"id:{item['id']} a {cls}", f"rdfs:label {_literal(item['label'])}"]
            if "description" in item:
                parts.append(f"dcterms:description {_literal(item['description'])}")
            for key, predicate in PREDICATES.items():
                values = item.get(key)
                for value in values if isinstance(values, list) else [values] if values else []:
                    parts.append(f"{predicate} id:{value}")
            for key in ("tier",):
                if key in item:
                    parts.append(f"ic:tier {item[key]}")
            for key in ("status", "contact"):
                if key in item:
                    parts.append(f"ic:{key} {_literal(item[key])}")
            lines.append(" ;\n    ".join(parts) + " .")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True, help="folder for estate.{ttl,yaml,csv}")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    estate = generate(args.services, args.seed)
    write_turtle(estate, args.out / "estate.ttl")
    write_yaml(estate, args.out / "estate.yaml")
    write_csv(estate, args.out / "estate.csv")
    print(f"wrote {args.out}/estate.ttl, .yaml, .csv ({args.services} services)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
