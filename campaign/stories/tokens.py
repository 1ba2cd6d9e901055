"""Private links (status, parental consent): unguessable tokens of which only a hash is kept.

A leaked database therefore gives nobody a working link. SHA-256 is enough here: the
tokens carry 256 bits of randomness, so there is nothing to brute-force.
"""

import hashlib
import hmac
import secrets
import unicodedata

from django.conf import settings


def new_token() -> tuple[str, str]:
    """Return ``(token, its hash)``; store the hash, give the token to the person only."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


# -- the short status code -----------------------------------------------------------------
# Eight characters a child can copy onto paper and type back: no 0/O, 1/I/L, no lower case.
# 31 ** 8 ≈ 8.5 × 10^11 codes; lookups are rate limited per address (STORIES_CODE_LOOKUP_RATE
# failures), so guessing one of even 100,000 live codes would take millions of years.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


def _keyed(purpose: str, value: str) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).digest()


def status_code_for(token: str) -> str:
    """The short code that goes with a status token (derived, so it can be shown again)."""
    number = int.from_bytes(_keyed("stories-status-code", token), "big")
    letters = []
    for _position in range(CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[index])
    return "".join(letters)


def normalise_code(raw: str) -> str:
    """What a person typed ("abcd efgh", "ＡＢＣＤ-ＥＦＧＨ") as a code, or "" if it cannot be one."""
    text = unicodedata.normalize("NFKC", raw or "").upper()
    code = "".join(ch for ch in text if ch.isalnum())
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return ""
    return code


def code_hash(code: str) -> str:
    """Stored instead of the code. Keyed, so a copy of the database alone cannot test codes."""
    return _keyed("stories-status-code-hash", code).hex()


def display_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code
