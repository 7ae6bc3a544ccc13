"""The brief as PDF: the web page, laid out by WeasyPrint with its print stylesheet.

The page names nothing outside itself; a fetcher that refuses every address makes sure
that rendering it never reaches the network or the disk, whatever a label holds.
WeasyPrint is imported when a PDF is asked for: it loads Pango, which the rest never needs.
"""

from __future__ import annotations

from typing import Any

from explorer.brief.gather import Brief
from explorer.brief.html import html_page
from explorer.domain.errors import InputError

__all__ = ["pdf_bytes", "refusing_fetcher"]


def refusing_fetcher() -> Any:
    """A WeasyPrint URL fetcher that fetches nothing."""
    from weasyprint.urls import URLFetcher

    class Refusing(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> Any:
            raise ValueError(f"the brief fetches nothing ({url})")

    return Refusing()


def pdf_bytes(brief: Brief) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango is missing
        raise InputError(
            None, None, f"cannot write PDF: WeasyPrint is not usable ({exc})"
        ) from None
    page = weasyprint.HTML(string=html_page(brief), url_fetcher=refusing_fetcher())
    written = page.write_pdf()
    assert isinstance(written, bytes)
    return written
