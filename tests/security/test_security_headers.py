"""Content-Security-Policy and Permissions-Policy where visitors and editors meet them
(sid.security_headers): public pages in several languages, error and 503 pages, the admin."""

import base64
import hashlib
import re

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db

PUBLIC = ["/en/", "/fr/", "/ar/", "/ja/", "/es/america-latina/", "/en/library/", "/fr/help/", "/en/no-such-page/"]


def policy(response, header="Content-Security-Policy") -> dict[str, list[str]]:
    directives = {}
    for part in response[header].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def inline_style_hashes(html: str) -> set[str]:
    return {
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S)
    }


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_allow_only_the_site_itself_and_no_framing(client, site_tree, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    csp = policy(response)
    assert csp["default-src"] == ["'self'"] and csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    html = response.content.decode()
    # No inline script anywhere; each inline style is allowed by exactly its own hash.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
    assert not re.search(r"\sstyle=\"", html) and not re.search(r"\son[a-z]+=\"", html), url
    hashes = inline_style_hashes(html)
    assert hashes and hashes <= set(csp["style-src"]), url
    assert not any("unsafe" in value for values in csp.values() for value in values)
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_the_same_page_is_byte_identical_for_two_visitors(client, site_tree):
    """Hashes, not nonces: a shared cache may keep the page with its policy (sid.httpcache)."""
    first, second = client.get("/fr/"), client.get("/fr/")
    assert first.content == second.content and first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert first["ETag"] == second["ETag"] and "public" in first["Cache-Control"]


def test_the_unavailable_page_allows_its_own_style(client, site_tree, monkeypatch):
    from wagtail.models import Site

    def gone(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(Site, "find_for_request", gone)
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 503
    assert inline_style_hashes(response.content.decode()) <= set(policy(response)["style-src"])


def test_admin_pages_get_the_admins_policy(client, site_tree):
    login = client.get("/admin/login/")
    csp = policy(login)
    assert "'unsafe-inline'" in csp["script-src"] and csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert "camera=()" in login["Permissions-Policy"]
    client.force_login(site_tree.users["eu-coordinator"])
    for url in ("/admin/", f"/admin/pages/{site_tree.regions['eu'].pk}/", "/admin/images/", "/admin/documents/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert policy(response)["img-src"][:1] == ["'self'"] and "blob:" in policy(response)["img-src"], url


def test_a_view_can_allow_framing_for_its_own_urls_only(rf, site_tree):
    """How a later embed view opens itself to partners' sites, and only itself."""
    from csp.decorators import csp_update
    from django.http import HttpResponse

    from sid.security_headers import SecurityHeadersMiddleware

    @csp_update({"frame-ancestors": ["https:"]})
    def embed(request):
        return HttpResponse("calendar")

    middleware = SecurityHeadersMiddleware(embed)
    request = rf.get("/en/embed/calendar/")
    middleware.process_request(request)
    response = middleware.process_response(request, embed(request))
    assert "https:" in policy(response)["frame-ancestors"]
    plain = middleware.process_response(request, HttpResponse("page"))
    assert policy(plain)["frame-ancestors"] == ["'none'"]
