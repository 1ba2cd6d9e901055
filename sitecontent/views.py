from django.contrib.sitemaps.views import sitemap as django_sitemap

from .sitemap import PageSitemap, ViewSitemap


def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": PageSitemap(request), "views": ViewSitemap()})


def robots_txt(request):
    """Crawlers may read public pages; the admin and private status links are not for them."""
    from django.http import HttpResponse

    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the SVG icon."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("themes/default/img/favicon.svg"))


def site_map(request):
    """The site map for people: every public page as a tree, then the sections that are views,
    titles in the visitor's language (the same lists as sitemap.xml)."""
    from django.template.response import TemplateResponse
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from themes.loader import template_names

    pages = list(PageSitemap(request).items().filter(depth__gt=1).only("id", "path", "depth", "title", "url_path"))
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
