"""Language switcher, hreflang alternates and the fallback notice.

The switcher keeps the visitor on the same page: for a Wagtail page it asks the page for
its URL in each language (translated slugs); for any other view it translates the path.
"""

import contextlib
import uuid
from contextvars import ContextVar

from django import template
from django.conf import settings
from django.template.base import token_kwargs
from django.urls import translate_url
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from sid.absolute import absolute_url

from ..core.availability import available_languages, displayed_language, fallback_language
from ..core.languages import DEFAULT_LANGUAGE

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
            links.append({"code": code, "url": absolute_url(url)})
    default_url = _page_url(page, request, DEFAULT_LANGUAGE)
    if default_url:
        links.append({"code": "x-default", "url": absolute_url(default_url)})
    return links


def _notice_context(shown_codes) -> dict:
    current = get_language()
    shown = [
        {"code": code, "name": get_language_info(code)["name_local"], "bidi": get_language_info(code)["bidi"]}
        for code in shown_codes
    ]
    return {
        "shown": shown,
        "current_name": get_language_info(current)["name_translated"] if current else "",
    }


@register.inclusion_tag("translations/fallback_notice.html", takes_context=True)
def fallback_notice(context, instance=None, fields="title,intro,body"):
    """Tell the visitor, in their language, that some text is shown in another language."""
    instance = instance or context.get("page")
    shown = None
    if instance is not None:
        shown = fallback_language(instance, tuple(f.strip() for f in fields.split(",")), get_language())
    return _notice_context([shown] if shown else [])


# -- One language at a time -------------------------------------------------------------------
# Every piece of translated content a template prints goes through ``{% inlang %}``: the one
# gate that knows which language the text is really in (the same modeltranslation fallback
# chain, region rules included, that produced the value). Text in another language than the
# page's gets its own ``lang`` and ``dir`` (an element with ``dir`` is bidi-isolated) and a
# visible marker in the page's language; ``{% fallback_scope %}`` collects every language
# shown so the page's notice names them all, fragments included (banners, cards, blocks).

_shown_languages: ContextVar[set | None] = ContextVar("sid_shown_languages", default=None)


def record_shown(code: str) -> None:
    shown = _shown_languages.get()
    if shown is not None:
        shown.add(code)


def language_marker(code: str) -> str:
    """A visible "(in français)" in the page's language, the language name in its own."""
    current = get_language() or DEFAULT_LANGUAGE
    info = get_language_info(code)
    name = format_html('<span lang="{}" dir="{}">{}</span>', code, "rtl" if info["bidi"] else "ltr", info["name_local"])
    text = escape(_("in %(language)s")) % {"language": name}
    return format_html(
        ' <small class="lang-marker" lang="{}" dir="{}">({})</small>',
        current,
        "rtl" if get_language_info(current)["bidi"] else "ltr",
        mark_safe(text),  # noqa: S308 (escaped above; the name is built with format_html)
    )


def language_attrs(instance, field: str) -> tuple[str, str]:
    """(attributes, marker) for ``instance.field`` as shown in the active language."""
    shown = displayed_language(instance, field)
    current = get_language() or DEFAULT_LANGUAGE
    if not shown or shown == current:
        return "", ""
    record_shown(shown)
    bidi = get_language_info(shown)["bidi"]
    return format_html(' lang="{}" dir="{}"', shown, "rtl" if bidi else "ltr"), language_marker(shown)


@register.simple_tag
def written_in(code):
    """Attributes for text written in one language by its author (a story): ``lang`` and
    ``dir="auto"`` (the author's own text decides its direction, isolated from the page)."""
    if not code:
        return ""
    return format_html(' lang="{}" dir="auto"', code)


@register.simple_tag
def lang_marker(code):
    """The visible "(in français)" marker when ``code`` is not the page's language."""
    current = get_language() or DEFAULT_LANGUAGE
    if not code or code == current:
        return ""
    try:
        get_language_info(code)
    except KeyError:
        return ""
    record_shown(code)
    return language_marker(code)


@register.simple_tag
def lang_attrs(instance, field):
    """Only the ``lang``/``dir`` attributes of ``{% inlang %}``, for elements that cannot hold a
    marker (``<option>``): empty when the text is in the page's language."""
    return language_attrs(instance, field)[0] if instance is not None else ""


@register.simple_tag
def inlang_text(instance, field):
    """``instance.field`` as ``{% inlang %}`` marks it, as a value: ``{% inlang_text item "title"
    as title %}`` then ``{% blocktranslate with title=title %}`` keeps it marked in a sentence."""
    value = getattr(instance, field, "") or ""
    attrs, marker = language_attrs(instance, field)
    return format_html("<span{}>{}{}</span>", attrs, value, marker)


@register.filter
def og_locale(code):
    """Open Graph's locale form: ``fr`` -> ``fr``, ``zh-hans`` -> ``zh_Hans``."""
    return translation.to_locale(code or DEFAULT_LANGUAGE)


@register.filter
def as_name(value):
    """A proper name in a sentence (a network, a venue): ``translate="no"``, its own direction."""
    return format_html('<span translate="no" dir="auto">{}</span>', value) if value else ""


@register.simple_tag
def ui_lang():
    """``lang``/``dir`` of the page's language, for interface words inside content that may be
    in another language (a block's "Case study:" label inside an English body on an Arabic page)."""
    current = get_language() or DEFAULT_LANGUAGE
    return format_html(' lang="{}" dir="{}"', current, "rtl" if get_language_info(current)["bidi"] else "ltr")


#: Elements whose children are fixed (items, rows): a visible marker cannot go inside them.
LIST_TAGS = frozenset({"ul", "ol", "dl", "table", "tbody", "thead", "tr", "select"})


class InLanguageNode(template.Node):
    def __init__(self, instance, field, options, nodelist):
        self.instance, self.field, self.options, self.nodelist = instance, field, options, nodelist

    def render(self, context):
        instance = self.instance.resolve(context)
        field = self.field.resolve(context)
        options = {key: value.resolve(context) for key, value in self.options.items()}
        explicit_tag = options.pop("tag", None)
        tag = explicit_tag or "span"
        content = self.nodelist.render(context)
        attrs, marker = language_attrs(instance, field) if instance is not None else ("", "")
        if not attrs and not explicit_tag and not any(options.values()):
            return content  # in the page's language, inline: no wrapper needed
        extra = "".join(
            format_html(' {}="{}"', key.replace("_", "-"), value) for key, value in options.items() if value
        )
        if tag in LIST_TAGS:
            # A list may hold only its items: the marker follows the list instead.
            return mark_safe(f"<{tag}{extra}{attrs}>{content}</{tag}>{marker}")  # noqa: S308 (parts escaped)
        return mark_safe(f"<{tag}{extra}{attrs}>{content}{marker}</{tag}>")  # noqa: S308 (parts escaped)


@register.tag("inlang")
def do_inlang(parser, token):
    """``{% inlang page "intro" tag="p" class="lead" %}{{ page.intro }}{% endinlang %}``

    Wraps the content in ``<tag class=…>``; when the field's text is another language's
    (a fallback), the element carries that ``lang``/``dir`` and a visible marker.
    """
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError("inlang needs an object and a field name")
    instance, field = parser.compile_filter(bits[1]), parser.compile_filter(bits[2])
    options = token_kwargs(bits[3:], parser)
    nodelist = parser.parse(("endinlang",))
    parser.delete_first_token()
    return InLanguageNode(instance, field, options, nodelist)


class FallbackScopeNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        placeholder = f"<!--sid-fallback-notice-{uuid.uuid4().hex}-->"
        token = _shown_languages.set(set())
        try:
            with context.push(sid_fallback_placeholder=placeholder):
                content = self.nodelist.render(context)
            shown = _shown_languages.get()
        finally:
            _shown_languages.reset(token)
        page = context.get("page")
        if page is not None and getattr(page, "pk", None):
            field_shown = fallback_language(page, ("title", "intro", "body"), get_language())
            if field_shown:
                shown.add(field_shown)
        current = get_language()
        shown.discard(current)
        notice = ""
        if shown:
            notice = template.loader.render_to_string(
                "translations/fallback_notice.html", _notice_context(sorted(shown))
            )
        return mark_safe(content.replace(placeholder, notice, 1))  # noqa: S308 (rendered templates)


@register.tag("fallback_scope")
def do_fallback_scope(parser, token):
    """Around a page's main content: ``{% fallback_notice_here %}`` then shows one notice naming
    every language shown in it (page fields and fragments)."""
    nodelist = parser.parse(("endfallback_scope",))
    parser.delete_first_token()
    return FallbackScopeNode(nodelist)


@register.simple_tag(takes_context=True)
def fallback_notice_here(context):
    return mark_safe(context.get("sid_fallback_placeholder", ""))  # noqa: S308 (our own comment)


@register.filter
def language_name(code):
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code
