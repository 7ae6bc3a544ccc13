"""The brief: the one page to send before a change, of a node or a program's changes.

``gather`` asks an estate every section once (``Brief``); the writers lay it out as a
self-contained web page (``html``), Markdown (``markdown``) or PDF (``pdf``, the page
through WeasyPrint); ``write_brief`` picks one by the file's extension and writes it
atomically. The picture is SVG drawn here, without Qt (``svg``).
"""

from explorer.brief.gather import Asked, Brief, Read, Since, gather
from explorer.brief.output import brief_extensions, brief_name, check_brief, write_brief

__all__ = [
    "Asked",
    "Brief",
    "Read",
    "Since",
    "brief_extensions",
    "brief_name",
    "check_brief",
    "gather",
    "write_brief",
]
