"""Bulk event upload: a spreadsheet (CSV or XLSX) of events, checked row by row, then imported whole.

``reading`` turns a file into rows (or refuses it), ``cells`` reads one cell (dates in each
language's order, times, zones by name or offset, choices by code or label in any language),
``checking`` is the dry run (the same form as a single submission validates each row), and
``importing`` creates the events in one transaction: all accepted rows or nothing.
"""
