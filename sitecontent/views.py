from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Site

from sid.absolute import absolute_url
from themes.loader import template_names

from . import sitemap as sitemaps
from .library.search import LibraryQuery
from .page_views import page_view
from .sitemap import ViewSitemap


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
            "location": absolute_url(reverse("sitemap_section", kwargs={"number": section["number"]})),
            "last_mod": section["lastmod"],
        }
        for section in sitemaps.sections(site)
    ]
    # Help, each country's help, editions and ready-made packs: views, not pages (one section).
    entries.append({"location": absolute_url(reverse("sitemap_views")), "last_mod": None})
    response = TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")
    return _language_independent(response)


def sitemap_section(request, number: int):
    urls = sitemaps.section_urls(Site.find_for_request(request), number, request)
    if not urls:
        raise Http404
    response = TemplateResponse(request, "sitemap.xml", {"urlset": urls}, content_type="application/xml")
    return _language_independent(response)


def sitemap_views(request):
    """The section of public views that are not Wagtail pages (sitecontent.sitemap.ViewSitemap)."""
    return _language_independent(django_sitemap(request, sitemaps={"views": ViewSitemap()}))


def robots_txt(request):
    """Crawlers may read public pages; the admin and private status links are not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    return _language_independent(response)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the SVG icon."""
    return HttpResponsePermanentRedirect(static("themes/default/img/favicon.svg"))


def site_map(request):
    """The site map for people: every public page as a tree, then the sections that are views,
    titles in the visitor's language (the same lists as sitemap.xml)."""
    site = Site.find_for_request(request)
    pages = sitemaps.public_pages(site).filter(depth__gt=1) if site else []
    pages = list(pages.order_by("path").only("id", "path", "depth", "title", "url_path")) if site else []
    top = min((page.depth for page in pages), default=2)
    entries = [{"page": page, "level": page.depth - top, "url": page.get_url(request=request)} for page in pages]
    sections = [
        (_("Get help / Report"), reverse("helplines:index")),
        (_("Help by country"), reverse("helplines:countries")),
        (_("Safer Internet Day editions"), reverse("editions:archive")),
        (_("Ready-made packs"), reverse("packs:list")),
    ]
    return TemplateResponse(
        request, template_names("sitecontent/site_map.html"), {"entries": entries, "sections": sections}
    )


@page_view("library.listing")
def library_listing(index_page, request):
    """A library page's results, facets and selection (``ResourceIndexPage.get_context``): the
    global library lists every region's items and offers the region facet."""
    scope = None if index_page.is_global else index_page.get_parent()
    return LibraryQuery.from_request(request, scope=scope, show_region_facet=index_page.is_global).run()
