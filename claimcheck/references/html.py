"""Readable text from an HTML page, without menus, footers and scripts.

trafilatura does main-content extraction (boilerplate removal), not only tag stripping, and
its Markdown output keeps paragraphs, lists and tables apart, so the page is then cut into
snippets by the same Markdown reader as local `.md` files.
"""

from __future__ import annotations

import logging


def html_to_text(html: str) -> tuple[str, str] | None:
    """(format, text) with format "markdown" (main content) or "text" (whole page), or None."""
    import trafilatura

    # trafilatura logs "discarding data" and similar at WARNING for ordinary pages;
    # a failed extraction is reported by us, once, as a run warning.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    main = trafilatura.extract(html, output_format="markdown", include_tables=True,
                               include_comments=False, include_images=False)
    if main and main.strip():
        return "markdown", main
    # Pages too short or too unusual for main-content detection: keep all visible text.
    whole = trafilatura.html2txt(html)
    if whole and whole.strip():
        return "text", whole
    return None
