"""Private links (status, parental consent): unguessable tokens of which only a hash is kept.

A leaked database therefore gives nobody a working link. SHA-256 is enough here: the
tokens carry 256 bits of randomness, so there is nothing to brute-force.
"""

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """Return ``(token, its hash)``; store the hash, give the token to the person only."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
