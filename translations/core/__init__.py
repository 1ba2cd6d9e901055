"""The language core every app uses: the languages (``languages``), fallback chains per
region (``fallback``), the source language a text is written in first and the rules that
follow from it (``source``, ``page_forms``, ``snippet_forms``), which languages a text
exists in and which one a visitor sees (``availability``), language list fields, panels
and widgets, collation, the interface's message catalogues (``interface``) and writing
values by language (``tooling``).

Depends on nothing else in ``translations``: the registrations and the coordinators'
workflow build on it, never the other way round.
"""
