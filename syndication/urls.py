"""The read API's URLs (included at ``/api/v2/`` by ``sid.urls``).

Also the urlconf an API request answers under (``PublicEndpoint.dispatch``): it has no
language prefix patterns, so ``LocaleMiddleware`` does not turn the API's own 404s ("no
published item has this id") into redirects to ``/en/api/…``, where the page tree's
catch-all pattern would answer with an HTML page.
"""

from django.urls import include, path

from .api import api_router
from .openapi import openapi_view

api_patterns = [
    path("openapi.json", openapi_view, name="api_openapi"),
    path("", api_router.urls),
]

urlpatterns = [path("api/v2/", include(api_patterns))]
