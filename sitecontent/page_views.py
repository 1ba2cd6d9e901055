"""The views that pages' routes call, found by name: a model never imports a view.

A routable page declares its routes as methods (Wagtail looks for them on the model), while
the work belongs to view functions, which import models: a model that imported them would
turn the layers upside down (models -> services -> views, docs/architecture.md). So a view
module offers a function to pages under a name::

    @page_view("events.upcoming")
    def upcoming(page, request): ...

and the page's route calls it by that name, passing itself::

    @path("", name="upcoming")
    def upcoming_view(self, request):
        return page_views.call("events.upcoming", self, request)

A view may hand a request over to a view of an app above its own the same way: the
certificates' forms on a partner's and a young author's private pages
(``page_views.call("certificates.event", event_page, request, submission)``), as the
certificates use the events' and stories' services.

The modules that register are imported by their app's ``ready()`` (the app is the wiring
layer), so every name is known before the first request; ``tests/foundation`` checks that
each name a route calls is registered.
"""

from __future__ import annotations

from collections.abc import Callable

_views: dict[str, Callable] = {}


def page_view(name: str):
    """Register the decorated function as the page view ``name`` (once per name)."""

    def register(view: Callable) -> Callable:
        if _views.get(name, view) is not view:
            raise ValueError(f"Page view {name!r} is registered twice ({_views[name]!r} and {view!r})")
        _views[name] = view
        return view

    return register


def get(name: str) -> Callable:
    try:
        return _views[name]
    except KeyError:
        raise LookupError(
            f"No page view is registered as {name!r}: is its module imported by its app's ready()?"
        ) from None


def call(name: str, page, request, *args, **kwargs):
    """Run the page view ``name`` for ``page``: ``view(page, request, *args, **kwargs)``."""
    return get(name)(page, request, *args, **kwargs)


def registered() -> dict[str, Callable]:
    return dict(_views)
