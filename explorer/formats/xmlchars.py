"""The characters XML 1.0 can hold (its ``Char`` production), for the formats that are XML.

Most control characters, and U+FFFE and U+FFFF, cannot appear in an XML document, not even
as character references; each XML writer says what it does with them instead.
"""

from __future__ import annotations

__all__ = ["NOT_XML_CHAR"]

NOT_XML_CHAR = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"  # a regex class
