from django.contrib.sitemaps.views import sitemap as django_sitemap

from .sitemap import PageSitemap


def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": PageSitemap(request)})
