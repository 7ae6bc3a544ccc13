"""Nothing lost, tried from outside: the real app, in a real window, is given questions and
saves by keys, and killed (SIGKILL) at random moments: in the middle of an edit, of a save,
of a job that reads the estate. After each restart, every edit made is in the saved
context file or offered back, the estate on screen is the one before the kill (triples
compared, through the app's own export), and no file it writes is ever half-written.

``INFRA_EXPLORER_CRASH_ROUNDS`` sets how many kills (8 by default; more on demand).
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

from rdflib import Graph

from explorer.export.provenance import without_provenance
from real_window import App, virtual_display, wait_for

ROUNDS = int(os.environ.get("INFRA_EXPLORER_CRASH_ROUNDS", "8"))
SERVICES = 400  # past 300 entities, the app works out each edit's answers in a job


def _estate(path: Path) -> Path:
    """A chain of services (a hub at the end) under a few teams: big enough that edits
    and answers run in the background."""
    lines = [
        "@prefix ic: <https://infra-context.dev/ontology#> .",
        "@prefix id: <https://infra-context.dev/id/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
    ]
    for n in range(SERVICES):
        lines.append(
            f'id:svc-{n} a ic:Service ; rdfs:label "Service {n}" ; ic:ownedBy id:team-{n % 5} ;'
            f" ic:dependsOn id:svc-{n + 1 if n + 1 < SERVICES else 0} , id:hub ."
        )
    lines += [f'id:team-{t} a ic:Team ; rdfs:label "Team {t}" .' for t in range(5)]
    lines.append('id:hub a ic:Resource ; rdfs:label "The hub" .')
    path.write_text("\n".join(lines) + "\n")
    return path


class Session:
    """One run of the app on the estate and the context file, and what it left on disk."""

    def __init__(self, display: str, home: Path, estate: Path, context: Path) -> None:
        self.display, self.home, self.estate, self.context = display, home, estate, context
        self.app: App | None = None
        self.main = ""

    def start(self) -> None:
        """Start the app; restore what is offered back (Enter: Yes); wait for the estate."""
        offered = (self.recovery_file()).exists()
        self.app = app = App(self.display, self.home, [str(self.estate), str(self.context)])
        if offered:
            dialog = app.window("Restore unsaved context?")
            app.keys(dialog, "Return")
        self.main = app.window(f"{self.estate.name} ")
        time.sleep(1.0)  # its first picture drawn, the keyboard in the window

    def recovery_file(self) -> Path:
        return self.home / "config" / "infra-context" / "infra-explorer-recovery" / "recovery.json"

    def written(self) -> str:
        """Everything the edits are in on disk: the context file and the recovery file."""
        parts = [p.read_text() for p in (self.context, self.recovery_file()) if p.exists()]
        return "\n".join(parts)

    def ask(self, text: str) -> None:
        """Ctrl+Shift+Q on the hub, type the question, Enter."""
        assert self.app is not None
        self.app.keys(self.main, "ctrl+f")
        self.app.type(self.main, "hub")
        time.sleep(0.6)  # the results follow the typing
        self.app.keys(self.main, "Return", "ctrl+shift+q")
        form = self.app.window("Ask a question")
        self.app.type(form, text)
        self.app.keys(form, "Return")

    def save(self) -> None:
        assert self.app is not None
        self.app.keys(self.main, "ctrl+s")

    def export(self, out: Path) -> set[tuple[object, ...]]:
        """Ctrl+E, the file name typed, Enter: the estate on screen, as the app writes it."""
        assert self.app is not None
        out.unlink(missing_ok=True)
        self.app.keys(self.main, "ctrl+e")
        dialog = self.app.window("Export snapshot")
        time.sleep(0.3)
        self.app.keys(dialog, "ctrl+a")
        self.app.type(dialog, str(out))
        self.app.keys(dialog, "Return")
        wait_for(out.exists, 60, f"the snapshot {out}")
        time.sleep(0.3)  # written by a rename: whole once it is there
        return _estate_triples(out)


def _estate_triples(path: Path) -> set[tuple[object, ...]]:
    """The estate a snapshot holds, without its provenance (which names the files read)."""
    return set(without_provenance(Graph().parse(path, format="nt")))


def _whole_or_absent(session: Session) -> None:
    """No file the app writes is half-written: each reads in full, or is not there."""
    if session.context.exists() and session.context.read_text().strip():
        Graph().parse(session.context, format="turtle")
    if session.recovery_file().exists():
        kept = json.loads(session.recovery_file().read_text())
        Graph().parse(data=kept["turtle"], format="turtle")


def test_edits_survive_random_kills(tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("INFRA_EXPLORER_CRASH_SEED", "20261205")))
    estate, context = _estate(tmp_path / "estate.ttl"), tmp_path / "program.ctx.ttl"
    context.write_text("# the program's context\n")
    with virtual_display() as display:
        session = Session(display, tmp_path / "home", estate, context)
        made: list[str] = []  # every question asked whose keys were all pressed
        before: set[tuple[object, ...]] = set()
        for round_ in range(ROUNDS + 1):
            session.start()
            after = session.export(tmp_path / f"after-{round_}.nt")
            assert before <= after, f"round {round_}: lost {before - after}"
            shown = " ".join(str(t[2]) for t in after)
            assert [text for text in made if text not in shown] == [], f"round {round_}"
            if round_ == ROUNDS:
                break
            for n in range(rng.randint(1, 3)):
                text = f"Who signs off change {round_}.{n}?"
                session.ask(text)
                wait_for(lambda t=text: t in session.written(), 30, f"{text!r} on disk")
                made.append(text)
            if rng.random() < 0.5:
                session.save()
                wait_for(lambda: all(t in context.read_text() for t in made), 30, "the save")
            before = session.export(tmp_path / f"before-{round_}.nt")
            _kill_at_random(session, rng, f"Who else signs off {round_}?", made)
            _whole_or_absent(session)
            recorded = session.written()
            assert [text for text in made if text not in recorded] == []


def _kill_at_random(session: Session, rng: random.Random, text: str, made: list[str]) -> None:
    """In the middle of an edit, a save, or a blast radius worked out in a job."""
    assert session.app is not None
    moment = rng.choice(["edit", "save", "job"])
    if moment == "edit":
        session.ask(text)
        made.append(text)
    elif moment == "save":
        session.save()
    else:
        session.app.keys(session.main, "b")
    time.sleep(rng.uniform(0.0, 0.4))
    session.app.kill()
    if moment == "edit" and text not in session.written():
        made.remove(text)  # killed before it was recorded: it was never on screen either
