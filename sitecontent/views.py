from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Site

from . import sitemap as sitemaps


def _language_independent(response):
    # Served at unprefixed URLs, but the same whatever the visitor's language: the caching
    # gate (sid.httpcache) drops the Vary: Accept-Language that LocaleMiddleware adds.
    response.sid_language_independent = True
    return response


def sitemap(request):
    """The sitemap index: one entry per section (sitecontent.sitemap)."""
    site = Site.find_for_request(request)
    entries = [
        {
            "location": request.build_absolute_uri(reverse("sitemap_section", kwargs={"number": section["number"]})),
            "last_mod": section["lastmod"],
        }
        for section in sitemaps.sections(site)
    ]
    response = TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")
    return _language_independent(response)


def sitemap_section(request, number: int):
    urls = sitemaps.section_urls(Site.find_for_request(request), number, request)
    if not urls:
        raise Http404
    response = TemplateResponse(request, "sitemap.xml", {"urlset": urls}, content_type="application/xml")
    return _language_independent(response)


def robots_txt(request):
    """Crawlers may read public pages; the admin and private status links are not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    return _language_independent(response)
