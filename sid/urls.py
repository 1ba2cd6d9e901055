"""URLs. Admin, documents and machine endpoints stay outside the language prefix; pages
and everything a visitor reads carry it (/fr/…). Unprefixed URLs are redirected by
LocaleMiddleware according to the visitor's language (cookie, then Accept-Language).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from campaign.moderation.views import WorkflowActionView
from sitecontent.admin_gate import GatedPageTypesUsageReportView
from sitecontent.views import favicon, robots_txt, site_map, sitemap, sitemap_section, sitemap_views
from syndication import embeds
from syndication.urls import api_patterns

from .accounts import password_reset
from .health import healthz, readyz
from .views import serve_public_media, serve_rendition

# The database gone: a translated 503 page with helplines, not a bare 500 (sid.unavailable).
handler500 = "sid.unavailable.server_error"

urlpatterns = [
    # Load balancer probes (README, "Health checks"); never redirected to a language.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # Wagtail's page types report, asking the page policy (sitecontent.admin_gate); same
    # paths and names, matched before Wagtail's own. Decorated as Wagtail decorates its admin
    # views: admin access required, and the user's admin language and time zone activated.
    path(
        "admin/reports/page-types-usage/",
        require_admin_access(GatedPageTypesUsageReportView.as_view()),
        name="gated_page_types_usage",
    ),
    path(
        "admin/reports/page-types-usage/results/",
        require_admin_access(GatedPageTypesUsageReportView.as_view(results_only=True)),
        name="gated_page_types_usage_results",
    ),
    # Wagtail's workflow action for pages, leaving for a screen the person may still open
    # (campaign.moderation.views.WorkflowActionView); same path, matched before Wagtail's own.
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        require_admin_access(WorkflowActionView.as_view()),
        name="sid_workflow_action",
    ),
    # Wagtail's password reset, rate limited (sid.accounts); matched before Wagtail's own.
    path("admin/password_reset/", password_reset, name="sid_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The open read API (syndication.api): no language prefix, the language is ?lang=.
    path("api/v2/", include(api_patterns)),
    # The script partner sites add next to an embed (syndication.embeds): a stable address.
    path("embed.js", embeds.embed_script, name="embed_script"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sitemaps/pages-<int:number>.xml", sitemap_section, name="sitemap_section"),
    path("sitemaps/views.xml", sitemap_views, name="sitemap_views"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/setlang/", set_language, name="set_language"),
]

# Image renditions always go through the view that checks the image is public
# (sitecontent.public_files); the web server must forward this path to the site.
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/images/<path:path>", serve_rendition, name="sid_rendition")]
if settings.SERVE_MEDIA:
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_public_media)]

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("site-map/", site_map, name="site_map"),
    # Embeds for national sites and their generator (syndication.embeds).
    path("embed/", embeds.generator, name="embed_generator"),
    path("embed/calendar/", embeds.embed_calendar, name="embed_calendar"),
    path("embed/library/", embeds.embed_library, name="embed_library"),
    # Each capability's public views, before Wagtail's catch-all.
    path("", include("campaign.editions.urls")),
    path("", include("campaign.events.urls")),
    path("", include("campaign.packs.urls")),
    path("", include("campaign.stories.urls")),
    path("", include("campaign.helplines.urls")),
    path("", include("campaign.certificates.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
