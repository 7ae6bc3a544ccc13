"""What File > Export brief is of, by one rule, without a window: the highlight; else the
program picked last in the Programs panel; else the selection. Choosing nodes again takes
the program's turn away; a program's brief is written of its changes."""

from __future__ import annotations

from pathlib import Path

from explorer.estate import Estate
from explorer.workspace.brief_scope import BriefScope, brief_scope, write_brief_of
from explorer.workspace.state import Workspace
from helpers import node

KMS, IAM, DNS = (str(node(n)) for n in ("kms", "iam", "dns-service"))
PROGRAM = "program-dns-cutover"


def _scope(state: Workspace) -> BriefScope:
    scope = brief_scope(state)
    assert scope is not None
    return scope


def test_nothing_chosen_is_no_brief(state: Workspace) -> None:
    assert brief_scope(state) is None


def test_the_program_picked_after_the_selection_wins(state: Workspace, sample: Estate) -> None:
    state.choose([KMS])
    state.pick_program(sample.program(PROGRAM).entity)
    scope = _scope(state)
    assert scope.program == str(node(PROGRAM)) and scope.name == f"{PROGRAM}-brief.html"
    assert scope.about == "program DNS and key cutover (program-dns-cutover)"


def test_nodes_chosen_after_it_take_its_turn(state: Workspace, sample: Estate) -> None:
    state.pick_program(sample.program(PROGRAM).entity)
    state.choose([KMS, IAM, DNS, str(node("status-page"))])
    scope = _scope(state)
    assert scope.program is None and scope.name == "kms-and-3-more-brief.html"
    assert scope.about == "the 4 nodes selected: kms, iam, dns-service and 1 more"


def test_a_highlight_wins_over_both(state: Workspace, sample: Estate) -> None:
    state.choose([KMS])
    state.show_reach(sample.blast_radius(KMS))
    state.pick_program(sample.program(PROGRAM).entity)
    scope = _scope(state)
    assert scope.nodes == (KMS,) and scope.program is None
    assert scope.about == "the blast radius of Key management (KMS) (kms)"


def test_a_program_picked_is_briefed_on_its_changes(
    state: Workspace, sample: Estate, tmp_path: Path
) -> None:
    state.pick_program(sample.program(PROGRAM).entity)
    written = write_brief_of(sample, _scope(state), tmp_path / "brief.md")
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Brief: Program DNS and key cutover (program-dns-cutover)")
    assert "Quorum DNS (vendor-quorum-dns)" in text
