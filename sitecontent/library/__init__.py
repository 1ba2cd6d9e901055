"""The resource library: facet vocabularies, the per-language search documents, and queries.

The library lists ResourcePage and GuidePage items. What a facet filters on is written, at
publish time, into ``LibraryFacet``; what the free-text search matches, into one
``LibraryDocument`` per item and language (analysed terms), indexed by Wagtail's search
backend. A library page costs the same few queries whether a region has 100 resources or
10,000, on SQLite and on PostgreSQL alike.
"""
