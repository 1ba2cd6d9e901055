from django.contrib.sitemaps.views import sitemap as django_sitemap

from .sitemap import PageSitemap


def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": PageSitemap(request)})


def robots_txt(request):
    """Crawlers may read public pages; the admin and private status links are not for them."""
    from django.http import HttpResponse

    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
