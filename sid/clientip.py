"""The visitor's network address, for rate limits and report counting.

Behind a reverse proxy every request comes from the proxy's address, so one limit would be
shared by the whole world (and one pupil's typo could lock out every school). With
``SID_TRUSTED_PROXY_COUNT`` set to the number of proxies we run in front of the site, the
address is the one our outermost proxy saw: the Nth entry from the right of
X-Forwarded-For. Entries further left are written by the client and never trusted (the same
rule as Werkzeug's ProxyFix). django-ipware counts proxies differently (it ignores the
header when it holds only the client), so it is not used here.
"""

import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger("sid.clientip")

UNKNOWN = "0.0.0.0"  # noqa: S104 (a value, not a bind address): a unix-socket request with no header


def client_ip(request) -> str:
    count = getattr(settings, "SID_TRUSTED_PROXY_COUNT", 0)
    if count:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            try:
                return str(ipaddress.ip_address(hops[-count]))
            except ValueError:
                pass  # a malformed header: fall back to the connection's address
        else:
            # Fewer hops than proxies we run: the request did not come through all of them
            # (or the header was stripped). Nothing in it can be trusted.
            logger.warning(
                "X-Forwarded-For shows %d of the %d proxies in SID_TRUSTED_PROXY_COUNT; using the connection's address",
                len(hops),
                count,
            )
    return request.META.get("REMOTE_ADDR") or UNKNOWN


def address_key(address: str) -> str:
    """One visitor as the rate limits count them: an IPv4 address, or an IPv6 /64 network.

    A single host (or a home, school or phone network) holds a whole IPv6 /64, so counting
    exact IPv6 addresses lets one person be many. The masks are django-ratelimit's own
    settings (``RATELIMIT_IPV4_MASK``, ``RATELIMIT_IPV6_MASK``), so report counting and rate
    limits always agree.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or UNKNOWN
    if ip.version == 4:
        mask = getattr(settings, "RATELIMIT_IPV4_MASK", 32)
    else:
        mask = getattr(settings, "RATELIMIT_IPV6_MASK", 64)
    return str(ipaddress.ip_network(f"{ip}/{mask}", strict=False).network_address)
