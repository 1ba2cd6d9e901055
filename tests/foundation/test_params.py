"""Ids from outside (query strings, forms, imported files) never reach int() or the database raw."""

import pytest

from sitecontent.params import as_id


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        (42, 42),
        ("²", None),  # str.isdigit() is True, int() raises
        ("١٢", None),  # Arabic-Indic digits: int() accepts them, ids are ASCII
        ("0", None),
        ("-1", None),
        ("1e3", None),
        ("9" * 40, None),  # would overflow the database's integer
        ("", None),
        ("12\x00", None),
    ],
)
def test_as_id(raw, expected):
    assert as_id(raw) == expected
