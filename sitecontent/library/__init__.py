"""The resource library: facet vocabularies, the per-language search index, and queries.

The library lists ResourcePage and GuidePage items. What a facet filters on and what the
free-text search matches is written, at publish time, into two small tables
(``LibraryFacet`` and ``LibrarySearchText``), so a library page costs the same few queries
whether a region has 100 resources or 10,000, on SQLite and on PostgreSQL alike.
"""
