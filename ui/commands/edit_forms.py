"""The Edit menu's forms: each asks what to record, builds an ``explorer.recording.edits.Edit``
and hands it to the undo stack (``ui.commands.recording``).

A node is named in a form as "Label (id)", completed from the estate's entities; what is
typed is resolved as everywhere else (id, label or IRI), and a name that matches nothing
says so in a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from rdflib import Literal, URIRef

from explorer.domain.errors import InputError
from explorer.domain.kinds import KINDS, Kind
from explorer.domain.model import Entity
from explorer.recording.edits import (
    EDITABLE_RELATIONS,
    Edit,
    Said,
    add_node,
    add_relation,
    ask,
    close_question,
    remove_relation,
    set_value,
)
from explorer.statements import ATTRIBUTES, Confidence, Question, QuestionStatus
from explorer.statements.questions import parse_due
from explorer.workspace.state import Workspace
from ui.actions import handles
from ui.commands.recording import RecordingCommands
from ui.dialogs.edit_form import Field, FormDialog
from ui.dialogs.prompts import Prompts

__all__ = ["EditForms"]


class EditForms:
    """What each edit asks, and the edit it makes; ``home`` is where the keyboard goes
    after a form when it was nowhere before (the canvas)."""

    def __init__(
        self, state: Workspace, prompts: Prompts, recorder: RecordingCommands, home: QWidget
    ) -> None:
        self.state, self.prompts, self.recorder, self.home = state, prompts, recorder, home
        self.last_said: tuple[str, Confidence] = ("", Confidence.LIKELY)
        self.last_subject: str | None = None  # the node the last edit was about
        recorder.questions.ask.connect(self.ask_question)
        recorder.questions.answer.connect(self._answer)
        recorder.questions.drop.connect(
            lambda q: recorder.push(close_question(q, QuestionStatus.DROPPED))
        )

    def _said(self, form: FormDialog, subject: str | None = None) -> Said:
        """Who says it, now, with the form's source and confidence; remembered for the
        next edit of the same ``subject`` (the node it is about), forgotten for another."""
        self.last_said, self.last_subject = form.said(), subject
        return self._said_now(*self.last_said)

    def _said_now(self, source: str = "", sure: Confidence = Confidence.LIKELY) -> Said:
        return Said(self.recorder.author(), datetime.now(UTC).replace(microsecond=0), source, sure)

    def _form(
        self,
        title: str,
        fields: list[Field],
        said: bool = True,
        subject: str | None = None,
        intro: str = "",
    ) -> FormDialog | None:
        """Ask; afterwards the keyboard is where it was (the canvas, if nowhere), so the
        next key acts at once. The source and how sure are those of the last edit when it
        was about the same ``subject``, else empty: provenance never follows a fact to
        another node unseen."""
        before = QApplication.focusWidget() or self.home
        window = self.prompts.parent()
        same = subject is not None and subject == self.last_subject
        kept = self.last_said if same else ("", Confidence.LIKELY)
        author = self.recorder.author()
        form = FormDialog(window, title, fields, author, kept if said else None, same, intro)
        accepted = form.exec()
        window.activateWindow()
        before.setFocus(Qt.FocusReason.OtherFocusReason)
        return form if accepted else None

    def node_named(self, text: str) -> str:
        """The node typed: by what resolves anywhere (id, label, IRI), else by the id in the
        parentheses of a completion ("Label (id)")."""
        estate = self.state.estate
        assert estate is not None
        try:
            return str(estate.resolve(text))
        except InputError:
            if "(" not in text:
                raise
            return str(estate.resolve(text.rsplit("(", 1)[-1].rstrip(")")))

    def choices(self, kinds: tuple[str, ...] = ()) -> tuple[str, ...]:
        estate = self.state.estate
        entities = estate.entities() if estate is not None else []
        return tuple(_choice(e) for e in entities if not kinds or e.kind in kinds)

    def _selected(self) -> str | None:
        iri = self.state.selected
        if iri is None:
            self.prompts.say("Select a node first (click it, or search and Enter).")
        return iri

    def record_from_form(
        self,
        title: str,
        fields: list[Field],
        build: Callable[[dict[str, str], Said], Edit],
        subject: str | None = None,
        intro: str = "",
    ) -> None:
        """Ask ``fields`` (under ``intro``) and where it comes from and how sure; on OK,
        record the edit ``build`` makes of the answers (a value that cannot be used: said
        in a dialog)."""
        form = self._form(title, fields, subject=subject, intro=intro)
        if form is not None:
            got, said = form.values(), self._said(form, subject)
            self._try(lambda: build(got, said))

    def _try(self, make: Callable[[], Edit]) -> None:
        """Build the edit; a value that cannot be used is said in a dialog, not raised."""
        try:
            edit = make()
        except (ValueError, InputError) as exc:
            self.prompts.error("Cannot record that", str(exc))
            return
        self.recorder.push(edit)

    @handles("add_node")
    def add_node(self) -> None:
        form = self._form(
            "Add a node",
            [
                Field("kind", "Kind", Kind.SERVICE.value, tuple(KINDS)),
                Field("id", "Id", placeholder="e.g. hsm-cluster"),
                Field("label", "Name", placeholder="e.g. HSM cluster (optional)"),
            ],
        )
        if form is not None:
            got = form.values()
            said = self._said(form)
            self._try(lambda: add_node(Kind(got["kind"]), _required(got, "id"), got["label"], said))

    @handles("change_node")
    def change_node(self) -> None:
        iri = self._selected()
        estate = self.state.estate
        if iri is None or estate is None:
            return
        details = estate.details(iri)
        entity, contacts = details.entity, [Literal(c) for c in details.contacts]
        form = self._form(
            f"Change {entity.name}",
            [
                Field("attribute", "Set", "owner", tuple(ATTRIBUTES)),
                Field("value", "To", completions=self.choices(("team", "person"))),
            ],
            subject=iri,
        )
        if form is None:
            return
        got, said = form.values(), self._said(form, iri)
        kind = Kind(entity.kind)

        def make() -> Edit:
            value = got["value"]
            if got["attribute"] == "owner" and value:
                value = self.node_named(value)
            return set_value(URIRef(iri), got["attribute"], value, kind, said, contacts)

        self._try(make)

    @handles("add_relation")
    def add_relation(self) -> None:
        self._relation(remove=False)

    @handles("remove_relation")
    def remove_relation(self) -> None:
        self._relation(remove=True)

    def _relation(self, remove: bool) -> None:
        iri = self._selected()
        if iri is None:
            return
        verb = "Remove a relation of" if remove else "Add a relation from"
        form = self._form(
            f"{verb} {', '.join(self._names_of([iri]))}",
            [
                Field("relation", "Relation", choices=EDITABLE_RELATIONS),
                Field("target", "To", completions=self.choices()),
            ],
            subject=iri,
        )
        if form is not None:
            got, said = form.values(), self._said(form, iri)
            build = remove_relation if remove else add_relation

            def make() -> Edit:
                target = URIRef(self.node_named(_required(got, "target")))
                return build(URIRef(iri), got["relation"], target, said)

            self._try(make)

    @handles("verified")
    def mark_verified(self) -> None:
        self._mark("verified")

    @handles("invalid")
    def mark_invalid(self) -> None:
        self._mark("invalid")

    def _mark(self, status: str) -> None:
        iri = self._selected()
        estate = self.state.estate
        if iri is None or estate is None:
            return
        if estate.details(iri).entity.kind != Kind.ASSUMPTION:
            self.prompts.say("Only an assumption is marked verified or invalid.")
            return
        form = self._form(f"Mark the assumption {status}", [], subject=iri)
        if form is not None:
            said = self._said(form, iri)
            self._try(lambda: set_value(URIRef(iri), "status", status, Kind.ASSUMPTION, said))

    @handles("ask")
    def ask_question(self) -> None:
        state = self.state
        about = [e.iri for e in state.reach.changes] if state.reach is not None else []
        if not about:
            about = list(state.chosen)
        named = ", ".join(self._names_of(about))
        form = self._form(
            "Ask a question",
            [
                Field("text", "Question", placeholder="e.g. Who approves the DNS change?"),
                Field("about", "About", named, completions=self.choices()),
                Field(
                    "assignee",
                    "Asked of",
                    completions=self.choices(("team", "person")),
                    placeholder="a team or person (optional)",
                ),
                Field("due", "Due", placeholder="YYYY-MM-DD (optional)"),
            ],
            said=False,
        )
        if form is None:
            return
        got = form.values()
        said = self._said_now()

        def make() -> Edit:
            nodes = [self.node_named(part) for part in got["about"].split(",") if part.strip()]
            assignee = self.node_named(got["assignee"]) if got["assignee"] else None
            due = parse_due(got["due"]) if got["due"] else None
            return ask(_required(got, "text"), nodes, said, assignee, due)

        self._try(make)

    def _names_of(self, iris: list[str]) -> list[str]:
        estate = self.state.estate
        if estate is None:
            return []
        return [_choice(estate.details(i).entity) for i in iris]

    def _answer(self, question: Question) -> None:
        form = self._form(f"Answer: {question.text}", [Field("answer", "Answer")], said=False)
        if form is not None:
            got = form.values()
            answered = QuestionStatus.ANSWERED
            self._try(lambda: close_question(question, answered, _required(got, "answer")))


def _choice(entity: Entity) -> str:
    """How a form offers a node: its label and, always, its id (see ``node_named``)."""
    return f"{entity.label} ({entity.id})"


def _required(values: dict[str, str], name: str) -> str:
    if not values.get(name):
        raise ValueError(f"the {name} cannot be empty")
    return values[name]
