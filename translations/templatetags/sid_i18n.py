"""Language switcher, hreflang alternates and the fallback notice.

The switcher keeps the visitor on the same page: for a Wagtail page it asks the page for
its URL in each language (translated slugs); for any other view it translates the path.
"""

import contextlib

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language, get_language_info

from translations.languages import DEFAULT_LANGUAGE
from translations.status import available_languages, fallback_language

register = template.Library()


def _page_url(page, request, code):
    """The page's URL in language ``code``, computed once per page, request and language.

    The switcher and the hreflang alternates both ask for every language. Each answer is
    kept on the page object, tied to the request, so the second asker gets it for free.
    """
    if request is None:
        with translation.override(code):
            return page.get_url(request=request)
    memo = page.__dict__.get("_sid_language_urls")
    if memo is None or memo[0] is not request:
        memo = page.__dict__["_sid_language_urls"] = (request, {})
    urls = memo[1]
    if code not in urls:
        with translation.override(code), _site_root_paths_kept(request):
            urls[code] = page.get_url(request=request)
    return urls[code]


@contextlib.contextmanager
def _site_root_paths_kept(request):
    """Keep the request's site root paths per language while looking up another language.

    wagtail-modeltranslation caches the site root paths on the request for one language
    only: asking for a URL in another language replaces them, and the next ``pageurl`` in
    the visitor's language fetches them from the cache again (a Redis round trip in
    production, per language and per link list). Here each language's paths are kept on
    the request and put back, so each is fetched at most once per request.
    """
    kept = request.__dict__.setdefault("_sid_site_root_paths", {})
    previous = (
        request.__dict__.get("_wagtail_cached_site_root_paths_language"),
        request.__dict__.get("_wagtail_cached_site_root_paths"),
    )
    if previous[0] is not None:
        kept.setdefault(previous[0], previous[1])
    language = get_language()
    if language in kept:
        request._wagtail_cached_site_root_paths_language = language
        request._wagtail_cached_site_root_paths = kept[language]
    try:
        yield
    finally:
        if request.__dict__.get("_wagtail_cached_site_root_paths_language") == language:
            kept.setdefault(language, request._wagtail_cached_site_root_paths)
        if previous[0] is not None:
            request._wagtail_cached_site_root_paths_language, request._wagtail_cached_site_root_paths = previous


@register.simple_tag(takes_context=True)
def language_links(context):
    """[{code, name, url, current}] for every language the site offers."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if page is not None and getattr(page, "pk", None) and hasattr(page, "get_url"):
            url = _page_url(page, request, code)
        else:
            url = translate_url(request.get_full_path() if request else "/", code)
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "current": code == current,
                "bidi": info["bidi"],
            }
        )
    return links


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """[{code, url}] for the languages the page exists in, plus x-default."""
    request = context.get("request")
    page = context.get("page")
    if page is None or request is None or not getattr(page, "pk", None):
        return []
    links = []
    for code in available_languages(page, "title"):
        url = _page_url(page, request, code)
        if url:
            links.append({"code": code, "url": request.build_absolute_uri(url)})
    default_url = _page_url(page, request, DEFAULT_LANGUAGE)
    if default_url:
        links.append({"code": "x-default", "url": request.build_absolute_uri(default_url)})
    return links


@register.inclusion_tag("translations/fallback_notice.html", takes_context=True)
def fallback_notice(context, instance=None, fields="title,intro,body"):
    """Tell the visitor, in their language, that some text is shown in another language."""
    instance = instance or context.get("page")
    current = get_language()
    shown = None
    if instance is not None:
        shown = fallback_language(instance, tuple(f.strip() for f in fields.split(",")), current)
    return {
        "shown": shown,
        "shown_name": get_language_info(shown)["name_local"] if shown else "",
        "shown_bidi": get_language_info(shown)["bidi"] if shown else False,
        "current_name": get_language_info(current)["name_translated"] if current else "",
    }


@register.filter
def language_name(code):
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code
