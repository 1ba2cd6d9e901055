"""Rate limits key on the visitor, not on the proxy in front of the site."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited

from sid.clientip import client_ip

PROXY = "10.0.0.1"


def request(forwarded=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.SID_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("203.0.113.5")) == PROXY


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.66, 203.0.113.5", "203.0.113.5"),  # the left entry is the client's own claim
        (2, "198.51.100.66, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (1, "2001:db8::7", "2001:db8::7"),
        (1, "not-an-address", PROXY),
        (2, "203.0.113.5", PROXY),  # fewer hops than proxies: the header was not written by ours
        (1, "", PROXY),
    ],
)
def test_trusted_proxies(settings, count, forwarded, expected):
    settings.SID_TRUSTED_PROXY_COUNT = count
    assert client_ip(request(forwarded)) == expected


def test_no_address_at_all_does_not_break_the_limit(settings):
    settings.SID_TRUSTED_PROXY_COUNT = 0
    assert not is_ratelimited(request(remote=""), group="t:none", key="ip", rate="5/h", increment=True)


def test_limits_count_each_visitor_behind_the_proxy(settings):
    settings.SID_TRUSTED_PROXY_COUNT = 1
    cache.clear()

    def limited(forwarded):
        return is_ratelimited(request(forwarded), group="t:proxy", key="ip", rate="1/h", increment=True)

    assert not limited("203.0.113.5")
    assert limited("203.0.113.5")
    assert not limited("203.0.113.77")  # another school behind the same proxy
    assert limited("198.51.100.1, 203.0.113.5")  # a forged left entry does not escape the limit


def test_fewer_hops_than_proxies_is_not_trusted_and_logged(settings, caplog):
    settings.SID_TRUSTED_PROXY_COUNT = 2
    with caplog.at_level("WARNING", logger="sid.clientip"):
        assert client_ip(request("203.0.113.5")) == PROXY
    assert "SID_TRUSTED_PROXY_COUNT" in caplog.text
