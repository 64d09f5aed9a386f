"""HTML pages and HTML fragments to text with trafilatura (boilerplate, navigation, figures and bylines go;
title, date and site name come from the page metadata)."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

# Only dates stated in the page markup: a date guessed from the body text could be the date of the event.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass
class Page:
    text: str  # paragraphs separated by blank lines, before furniture cleaning
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date as found in the page metadata


def _paragraphs(text: str | None) -> str:
    # trafilatura puts one paragraph per line; blank lines keep paragraphs apart for the sentence splitter
    return "\n\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


def extract_page(html: str, url: str | None = None) -> Page:
    """Main text and metadata of a whole HTML page (empty text if the page has none)."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None:
        return Page(text="")
    return Page(
        text=_paragraphs(doc.text),
        title=doc.title or None,
        outlet=doc.sitename or None,
        url=doc.url or url,
        published=doc.date or None,
    )


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry body): trafilatura, or all its text if it finds no main part."""
    if "<" not in html:
        return _paragraphs(html)
    wrapped = f"<html><body>{html}</body></html>"
    doc = trafilatura.bare_extraction(
        wrapped, include_comments=False, include_tables=False, include_images=False, favor_recall=True
    )
    text = doc.text if doc is not None else ""
    return _paragraphs(text or trafilatura.html2txt(wrapped))
