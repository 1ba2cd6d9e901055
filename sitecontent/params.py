"""Reading ids out of request parameters and imported files.

``str.isdigit()`` is true for "²" and other non-ASCII digits that ``int()`` refuses, and an
id of a hundred digits overflows the database's integer: both were 500s. Every place that
takes an id from outside goes through :func:`as_id`.
"""

MAX_ID_DIGITS = 11  # fits a signed 64-bit primary key with room to spare, refuses nonsense


def as_id(value) -> int | None:
    """The positive integer id ``value`` spells in ASCII digits, or None."""
    text = str(value).strip()
    if text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS:
        number = int(text)
        return number if number > 0 else None
    return None
