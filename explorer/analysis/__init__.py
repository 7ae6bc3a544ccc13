"""The questions a program turns on, each a plain function over the loaded graph."""

from explorer.analysis.blast_radius import blast_radius
from explorer.analysis.cycles import cycles
from explorer.analysis.evidence import Via
from explorer.analysis.gaps import Gap, ownership_gaps
from explorer.analysis.reach import Direction, Impacted, Member, Reach, TeamToTell
from explorer.analysis.spof import SinglePoint, single_points_of_failure
from explorer.analysis.upstream import upstream

__all__ = [
    "Direction",
    "Gap",
    "Impacted",
    "Member",
    "Reach",
    "SinglePoint",
    "TeamToTell",
    "Via",
    "blast_radius",
    "cycles",
    "ownership_gaps",
    "single_points_of_failure",
    "upstream",
]
