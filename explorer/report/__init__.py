"""Answers as the JSON of the command line and as text a program manager can paste."""

from explorer.report.answers import (
    gaps_json,
    gaps_text,
    node_json,
    search_json,
    search_text,
)
from explorer.report.changes import diff_text, node_changes
from explorer.report.reach import (
    members_text,
    nobody_words,
    reach_csv,
    reach_heading,
    reach_json,
    reach_summary,
    reach_text,
    team_status,
    told_for,
)
from explorer.report.roster import roster_csv, roster_markdown
from explorer.report.structure import (
    cycles_json,
    cycles_text,
    details_json,
    details_text,
    spof_json,
    spof_text,
)

__all__ = [
    "cycles_json",
    "cycles_text",
    "details_json",
    "details_text",
    "diff_text",
    "gaps_json",
    "gaps_text",
    "members_text",
    "nobody_words",
    "node_changes",
    "node_json",
    "reach_csv",
    "reach_heading",
    "reach_json",
    "reach_summary",
    "reach_text",
    "roster_csv",
    "roster_markdown",
    "search_json",
    "search_text",
    "spof_json",
    "spof_text",
    "team_status",
    "told_for",
]
