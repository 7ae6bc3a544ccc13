"""The seam between the questions and where the estate lives: files or a SPARQL endpoint.

The command line and the app ask every question of an ``Estate`` that ``open_estate``
gives them; only ``explorer.estate`` knows which kind it is.
"""

from explorer.estate.base import Capabilities, Comparison, Estate, Keep, Written
from explorer.estate.opening import last_endpoint, open_estate, source_label

__all__ = [
    "Capabilities",
    "Comparison",
    "Estate",
    "Keep",
    "Written",
    "last_endpoint",
    "open_estate",
    "source_label",
]
