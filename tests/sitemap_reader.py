"""Read the whole sitemap as a crawler does: the index at /sitemap.xml, then each section."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 (our own responses)
from urllib.parse import urlsplit

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def section_paths(client) -> list[str]:
    index = client.get("/sitemap.xml")
    assert index.status_code == 200, index.status_code
    root = ET.fromstring(index.content)  # noqa: S314
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    return [urlsplit(loc.text).path for loc in root.findall("s:sitemap/s:loc", NS)]


def sitemap_text(client) -> str:
    """The index and every section, as one text (for "is it listed?" checks)."""
    parts = [client.get("/sitemap.xml").content.decode()]
    for path in section_paths(client):
        response = client.get(path)
        assert response.status_code == 200, path
        parts.append(response.content.decode())
    return "\n".join(parts)


def sitemap_entries(client) -> list[ET.Element]:
    """Every <url> element of every section."""
    entries = []
    for path in section_paths(client):
        root = ET.fromstring(client.get(path).content)  # noqa: S314
        entries += root.findall("s:url", NS)
    return entries
