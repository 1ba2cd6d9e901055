"""The open read API (Wagtail's API v2): published events, library resources and guides,
editions and the help directory, per language.

Every endpoint answers with what the public site shows, and nothing else:

* **Visibility.** Pages come from ``sitecontent.sitemap.public_pages``, the one definition of
  the pages visitors can reach (live, public, not below an unpublished page); drafts,
  private pages and stories in moderation never match it. Wagtail's own generic ``pages``,
  ``images`` and ``documents`` endpoints are not installed.
* **Language.** ``?lang=`` (English when absent) is activated for the whole request; every
  translated field reads the same fallback chain as the pages (the region's on a region's
  listing or an item's own detail, the global chain on global listings, then the source
  language), and ``meta.field_languages`` names the language each text is really in.
* **Filters** are the site's own: the calendar's filter form (country, audience, language
  spoken, format, dates) and the library's facets (region, topic, age, audience, format,
  language), so a filtered listing has the same items, in the same order, as the page.
  Values the site does not know are a 400 with a translated message.
* **Cost.** A listing runs a fixed number of queries whatever the number of items: the
  count, one page of rows, and one query per lookup shared by the page (regions, library
  facts, topics, helplines).

CORS (GET only) is django-cors-headers on ``/api/``; caching is the one caching gate
(``sid.httpcache``), purging ``sid.purging``; the rate limit is django-ratelimit keyed on
``sid.clientip`` like every other limit of the site.
"""

from __future__ import annotations

import zoneinfo
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from rest_framework.fields import Field
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import BaseSerializer, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Site

from campaign.editions.models import Edition
from campaign.events.fields import json_list_has
from campaign.events.filters import CalendarFilterForm
from campaign.events.models import AGE_BANDS, EventPage
from campaign.events.occurrences import listed_upcoming
from campaign.helplines.models import CountryHelp
from campaign.stories.consent import Reuse
from campaign.stories.models import CaseCardPage, Submission
from sitecontent.library.search import FACETS, LibraryQuery
from sitecontent.models import GuidePage, LibraryFacet, RegionPage, ResourcePage, Topic
from sitecontent.sitemap import public_pages
from translations.core.fallback import region_fallbacks

from .languages import UnknownLanguage, field_languages, requested_language


class InvalidQuery(BadRequestError):
    """A 400 whose body names each refused parameter (``errors``), in the request's language."""

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.errors = errors or {}


def api_rate() -> str:
    return settings.SID_API_RATE


# -- pagination ---------------------------------------------------------------------------
class Pagination(WagtailPagination):
    """Wagtail's ``limit``/``offset`` with translated errors and a link to the next page."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        try:
            offset = int(request.GET.get("offset", 0))
            limit = int(request.GET.get("limit", min(20, limit_max)))
        except ValueError:
            raise InvalidQuery(_("limit and offset must be whole numbers.")) from None
        if offset < 0 or limit < 1:
            raise InvalidQuery(_("limit must be at least 1 and offset at least 0."))
        if limit > limit_max:
            raise InvalidQuery(_("limit cannot be higher than %(max)s.") % {"max": limit_max})
        self.request, self.offset, self.limit = request, offset, limit
        self.total_count = queryset.count()
        return list(queryset[offset : offset + limit])

    def _link(self, offset):
        query = self.request.GET.copy()
        query["offset"] = str(offset)
        query["limit"] = str(self.limit)
        return self.request.build_absolute_uri(self.request.path + "?" + query.urlencode())

    def get_paginated_response(self, data):
        following = self.offset + self.limit
        meta = OrderedDict(
            [
                ("total_count", self.total_count),
                ("language", translation.get_language()),
                ("next", self._link(following) if following < self.total_count else None),
                ("previous", self._link(max(0, self.offset - self.limit)) if self.offset else None),
            ]
        )
        return Response(OrderedDict([("meta", meta), ("items", data)]))


# -- fields ------------------------------------------------------------------------------
class WholeObjectField(Field):
    """A read-only field computed from the whole object (and the view's shared lookups)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    @property
    def view(self):
        return self.context["view"]


class FieldLanguagesField(WholeObjectField):
    """``{"title": "fr", "description": "en"}``: the language each translated text is in."""

    def to_representation(self, instance):
        return field_languages(instance, self.view.translated_fields, translation.get_language())


class RegionField(WholeObjectField):
    def to_representation(self, page):
        region = self.view.region_of(page)
        return {"code": region.short_code, "name": region.title} if region else None


class LibraryFactsField(WholeObjectField):
    """A fact derived on publish (``sitecontent.library.indexing``): ``languages`` or ``format``."""

    def __init__(self, facet, many=True, **kwargs):
        self.facet, self.many = facet, many
        super().__init__(**kwargs)

    def to_representation(self, page):
        values = self.view.facts.get(page.pk, {}).get(self.facet, [])
        return values if self.many else (values[0] if values else None)


class TopicsField(WholeObjectField):
    """From the item's facts and one query for the topics' names (modelcluster's relation
    manager does not use a prefetch: one query per item otherwise)."""

    def to_representation(self, page):
        names = self.view.topic_names
        return [
            {"slug": slug, "name": names[slug]}
            for slug in self.view.facts.get(page.pk, {}).get("topic", [])
            if slug in names
        ]


class IcsUrlField(WholeObjectField):
    def to_representation(self, page):
        url = page.get_full_url(self.context["request"])
        return url + page.reverse_subpage("ics") if url else None


class EditionUrlField(WholeObjectField):
    def to_representation(self, edition):
        return self.context["request"].build_absolute_uri(reverse("editions:detail", args=[edition.year]))


class HelpUrlField(WholeObjectField):
    def to_representation(self, entry):
        return self.context["request"].build_absolute_uri(
            reverse("helplines:country", args=[str(entry.country).lower()])
        )


class CountryNameField(WholeObjectField):
    def to_representation(self, entry):
        return str(entry.country.name)


class HelplinesField(WholeObjectField):
    FIELDS = ("name", "phone", "sms", "chat_url", "website", "hours", "languages", "free_of_charge")

    def to_representation(self, entry):
        language = translation.get_language()
        return [
            {
                **{name: getattr(line, name) for name in self.FIELDS},
                "field_languages": field_languages(line, ("name", "hours"), language),
            }
            for line in entry.helplines.all()
        ]


class HotlinesField(WholeObjectField):
    def to_representation(self, entry):
        language = translation.get_language()
        return [
            {
                "name": line.name,
                "report_url": line.report_url,
                "field_languages": field_languages(line, ("name",), language),
            }
            for line in entry.hotlines.all()
        ]


class KeyMessagesField(WholeObjectField):
    def to_representation(self, edition):
        return edition.key_message_list


# -- the endpoints -----------------------------------------------------------------------
class PublicEndpoint(BaseAPIViewSet):
    """Read-only, anonymous, JSON only, one language per request, rate limited."""

    renderer_classes = [JSONRenderer]
    authentication_classes: list = []  # never reads the session: no cookie, no Vary: Cookie
    permission_classes = [AllowAny]
    pagination_class = Pagination
    #: The site's filters this endpoint accepts (documented in the OpenAPI description).
    filters: tuple[str, ...] = ()
    known_query_parameters = frozenset(["limit", "offset", "fields", "lang"])
    #: Translated fields listed in ``meta.field_languages``.
    translated_fields: tuple[str, ...] = ()
    #: Fields only the detail view shows (long texts).
    detail_only_fields: list = []

    @classmethod
    def get_listing_default_fields(cls, model):
        return [name for name in cls.get_available_fields(model) if name not in cls.detail_only_fields]

    def check_query_parameters(self, queryset):
        unknown = set(self.request.GET) - set(self.known_query_parameters) - set(self.filters)
        if unknown:
            raise InvalidQuery(
                _("Unknown query parameter: %(names)s.") % {"names": ", ".join(sorted(unknown))},
                {name: [_("Unknown parameter.")] for name in sorted(unknown)},
            )

    # -- request --------------------------------------------------------------------
    def dispatch(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD") and is_ratelimited(
            request, group="syndication:api", key="ip", rate=lambda _g, _r: api_rate(), increment=True
        ):
            response = JsonResponse(
                {"message": _("Too many requests. Please wait a minute and try again.")}, status=429
            )
            response["Retry-After"] = "60"
            return response
        # Answer under the API's own urlconf (see syndication.urls): a 404 stays a JSON 404.
        request.urlconf = "syndication.urls"
        try:
            language = requested_language(request.GET.get("lang"))
        except UnknownLanguage as error:
            return JsonResponse({"message": str(error), "errors": {"lang": [str(error)]}}, status=400)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        response["Content-Language"] = language
        # The language is the ?lang= parameter, never Accept-Language (sid.httpcache).
        response.sid_language_independent = True
        return response

    def handle_exception(self, exc):
        if isinstance(exc, InvalidQuery):
            return Response({"message": str(exc), "errors": exc.errors}, status=400)
        return super().handle_exception(exc)

    # -- lookups shared by a page of results (a fixed number of queries) -------------
    def prepare(self, items) -> None:
        """Load what the fields of ``items`` need, in one query per kind."""

    def listing_rules(self):
        """The fallback chain a listing reads its texts with (the global one by default)."""
        return None

    def detail_rules(self, instance):
        return None

    def get_object(self):
        # Only the item's own visibility: listing filters (upcoming, facets) do not apply.
        if not hasattr(self, "_cached_object"):
            try:
                pk = int(self.kwargs["pk"])
            except (KeyError, TypeError, ValueError):
                pk = None
            self._cached_object = self.get_queryset().filter(pk=pk).first()
            if self._cached_object is None:
                raise Http404(_("Not found."))
        return self._cached_object

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        with region_fallbacks(self.listing_rules()):
            items = self.paginate_queryset(queryset)
            self.prepare(items)
            data = self.get_serializer(items, many=True).data
        return self.get_paginated_response(data)

    def detail_view(self, request, pk):
        self.check_query_parameters(None)
        instance = self.get_object()
        with region_fallbacks(self.detail_rules(instance)):
            self.prepare([instance])
            data = self.get_serializer(instance).data
        return Response(data)

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]


class PageEndpoint(PublicEndpoint):
    base_serializer_class = PageSerializer
    meta_fields = [
        "type",
        "detail_url",
        "html_url",
        APIField("field_languages", serializer=FieldLanguagesField()),
    ]
    body_fields = ["id", "title", APIField("region", serializer=RegionField())]

    def site(self):
        return Site.find_for_request(self.request) or Site.objects.filter(is_default_site=True).first()

    def get_queryset(self):
        # Built once per request: building it reads the view restrictions and the
        # unpublished sections (sitecontent.routing.under_unpublished).
        if not hasattr(self, "_public_pages"):
            self._public_pages = public_pages(self.site(), self.model).defer_streamfields()
        return self._public_pages.all()

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            super().get_object()
            # The detail shows long texts: load the streamfields the listing leaves out.
            self._cached_object = self.model.objects.get(pk=self._cached_object.pk)
        return self._cached_object

    # -- regions: one query, matched by tree path ------------------------------------
    def regions(self):
        if not hasattr(self, "_regions"):
            self._regions = list(RegionPage.objects.live().public().order_by("path"))
        return self._regions

    def prepare(self, items):
        # Each item's region from the one query above: a text shown from its source language
        # asks the page for its region (translations.core.source), one query per item otherwise.
        for item in items:
            item.__dict__.setdefault("region", self.region_of(item))

    def region_of(self, page):
        return next((region for region in self.regions() if page.path.startswith(region.path)), None)

    def region_filter(self):
        """The region named by ``?region=`` (its short code), or None; unknown codes are a 400."""
        code = self.request.GET.get("region")
        if not code:
            return None
        region = next((region for region in self.regions() if region.short_code == code), None)
        if region is None:
            raise InvalidQuery(_("Unknown region %(code)s.") % {"code": code[:20]}, {"region": [_("Unknown region.")]})
        return region

    def listing_rules(self):
        # A region's listing reads its texts as the region's pages do (the region's chain).
        region = self.region_filter()
        return region.active_fallback_rules() if region is not None else None

    def detail_rules(self, instance):
        return instance.active_fallback_rules()


class EventsEndpoint(PageEndpoint):
    """Published events, upcoming first, as the calendar lists them (``/calendar/``)."""

    endpoint_name = "events"
    filters = ("region", "country", "audience", "age", "language", "format", "date_from", "date_to")
    translated_fields = ("title", "description")
    body_fields = PageEndpoint.body_fields + [
        "description",
        "start",
        "end",
        "time_zone",
        "all_day",
        "status",
        "format",
        "venue",
        "address",
        "country",
        "organiser",
        "audience",
        "age_bands",
        "languages",
        "registration_url",
        APIField("ics_url", serializer=IcsUrlField()),
    ]

    model = EventPage

    def filter_queryset(self, queryset):
        region = self.region_filter()
        if region is not None:
            queryset = queryset.descendant_of(region)
        form = CalendarFilterForm(self.request.GET)
        if not form.is_valid():
            raise InvalidQuery(
                _("Some filters are not valid."), {name: list(errors) for name, errors in form.errors.items()}
            )
        age = self.request.GET.get("age")
        if age:
            if age not in {code for code, _label in AGE_BANDS}:
                raise InvalidQuery(
                    _("Unknown age band %(code)s.") % {"code": age[:20]}, {"age": [_("Unknown age band.")]}
                )
            queryset = queryset.filter(**json_list_has("age_bands", age))
        # Dates are the calendar's local dates, as on the region's or the global calendar.
        zone = zoneinfo.ZoneInfo(region.time_zone if region is not None and region.time_zone else "UTC")
        return listed_upcoming(form.apply(queryset, zone), form.active(), timezone.now())


class LibraryEndpoint(PageEndpoint):
    """Library items of one kind, filtered and ordered as the library page lists them."""

    filters = ("region", "topic", "age", "audience", "format", "language")
    translated_fields = ("title", "summary", "source")
    detail_only_fields = ["body"]
    body_fields = PageEndpoint.body_fields + [
        "summary",
        "audiences",
        "age_bands",
        APIField("topics", serializer=TopicsField()),
        APIField("languages", serializer=LibraryFactsField("language")),
        APIField("format", serializer=LibraryFactsField("format", many=False)),
        "licence",
        "source",
        "source_url",
        "body",
    ]

    def filter_queryset(self, queryset):
        region = self.region_filter()
        query = LibraryQuery(language=translation.get_language(), scope=region, show_region_facet=region is None)
        vocab = query.vocabularies()
        selected, errors = {}, {}
        for name, _label in FACETS:
            values = [value for value in self.request.GET.getlist(name) if value]
            if name == "region" or not values:
                continue
            unknown = [value[:40] for value in values if value not in vocab[name]]
            if unknown:
                errors[name] = [_("Unknown value: %(values)s.") % {"values": ", ".join(unknown)}]
            selected[name] = values
        if errors:
            raise InvalidQuery(_("Some filters are not valid."), errors)
        # The library's own filtering and order: items in the visitor's language first, newest first.
        in_language = Exists(
            LibraryFacet.objects.filter(page_id=OuterRef("pk"), facet="language", value=query.language)
        )
        return (
            queryset.filter(pk__in=query.filtered(selected).values("pk"))
            .annotate(in_language=in_language)
            .order_by("-in_language", "-first_published_at", "-pk")
        )

    def prepare(self, items):
        super().prepare(items)
        self.facts = {item.pk: {} for item in items}
        rows = LibraryFacet.objects.filter(page_id__in=list(self.facts), facet__in=("language", "format", "topic"))
        for page_id, facet, value in rows.values_list("page_id", "facet", "value").order_by("pk"):
            self.facts[page_id].setdefault(facet, []).append(value)
        slugs = {slug for facts in self.facts.values() for slug in facts.get("topic", [])}
        self.topic_names = {topic.slug: topic.name for topic in Topic.objects.filter(slug__in=slugs)} if slugs else {}


class ResourcesEndpoint(LibraryEndpoint):
    endpoint_name = "resources"

    model = ResourcePage


class GuidesEndpoint(LibraryEndpoint):
    endpoint_name = "guides"

    model = GuidePage


class CreditField(WholeObjectField):
    """The card's credit as its author consented ("Story by <pen name>" or "a young person
    from <country>"), from the consents and pen names the page of results loaded at once."""

    def to_representation(self, card):
        reuse, pen_name = self.view.consents.get(card.story_id, (Reuse.NO, ""))
        if reuse == Reuse.WITH_NAME and pen_name:
            return gettext("Story by %(pen_name)s") % {"pen_name": pen_name}
        return gettext("Story by a young person from %(country)s") % {"country": card.country.name}


class QuestionsField(WholeObjectField):
    def to_representation(self, card):
        return card.question_list


class CaseCardsEndpoint(LibraryEndpoint):
    """Case cards: published stories their authors allowed in class, with questions.

    Only cards whose author's consent still stands are listed (withdrawal deletes the card
    too, ``campaign.stories.cards``); the credit follows the consent."""

    endpoint_name = "case-cards"

    model = CaseCardPage
    translated_fields = ("title", "summary", "story_text", "questions", "teacher_notes")
    detail_only_fields = ["story_text", "teacher_notes"]
    body_fields = [
        name for name in LibraryEndpoint.body_fields if name not in ("body", "licence", "source", "source_url")
    ] + [
        "country",
        APIField("credit", serializer=CreditField()),
        APIField("questions", serializer=QuestionsField()),
        "story_text",
        "teacher_notes",
    ]

    def get_queryset(self):
        return super().get_queryset().exclude(story__isnull=True).exclude(story__submission__reuse=Reuse.NO)

    def prepare(self, items):
        super().prepare(items)
        story_ids = [item.story_id for item in items if item.story_id]
        rows = Submission.objects.filter(page_id__in=story_ids).values_list("page_id", "reuse", "page__pen_name")
        self.consents = {page_id: (reuse, pen_name) for page_id, reuse, pen_name in rows}


class EditionsEndpoint(PublicEndpoint):
    """Every edition, the latest first (``/editions/``)."""

    endpoint_name = "editions"
    base_serializer_class = BaseSerializer
    translated_fields = (
        "theme",
        "slogan",
        "key_messages",
        "message_before",
        "message_week",
        "message_day",
        "message_after",
    )
    meta_fields = ["type", "detail_url", APIField("field_languages", serializer=FieldLanguagesField())]
    body_fields = [
        "id",
        "year",
        APIField("date"),
        "theme",
        "slogan",
        APIField("key_messages", serializer=KeyMessagesField()),
        "message_before",
        "message_week",
        "message_day",
        "message_after",
        APIField("html_url", serializer=EditionUrlField()),
    ]

    model = Edition

    def get_queryset(self):
        return self.model.objects.order_by("-year")


class HelpEndpoint(PublicEndpoint):
    """The help directory: each country's helplines and hotlines (``/help/<country>/``)."""

    endpoint_name = "help"
    filters = ("country", "region")
    base_serializer_class = BaseSerializer
    translated_fields = ("centre_name", "notes")
    meta_fields = ["type", "detail_url", APIField("field_languages", serializer=FieldLanguagesField())]
    body_fields = [
        "id",
        "country",
        APIField("country_name", serializer=CountryNameField()),
        "emergency_number",
        "centre_name",
        "centre_url",
        "notes",
        APIField("helplines", serializer=HelplinesField()),
        APIField("hotlines", serializer=HotlinesField()),
        "is_demo_data",
        "last_verified",
        APIField("html_url", serializer=HelpUrlField()),
    ]

    model = CountryHelp

    def get_queryset(self):
        return self.model.objects.with_services().order_by("country")

    def filter_queryset(self, queryset):
        country = (self.request.GET.get("country") or "").upper()
        if country:
            queryset = queryset.filter(country=country)
        code = self.request.GET.get("region")
        if code:
            region = RegionPage.objects.live().public().filter(short_code=code).first()
            if region is None:
                raise InvalidQuery(
                    _("Unknown region %(code)s.") % {"code": code[:20]}, {"region": [_("Unknown region.")]}
                )
            queryset = queryset.filter(country__in=[getattr(c, "code", c) for c in region.countries])
        return queryset


ENDPOINTS = (EventsEndpoint, ResourcesEndpoint, GuidesEndpoint, CaseCardsEndpoint, EditionsEndpoint, HelpEndpoint)

api_router = WagtailAPIRouter("sid_api")
for _endpoint in ENDPOINTS:
    api_router.register_endpoint(_endpoint.endpoint_name, _endpoint)


def listing_path(name: str, **params) -> str:
    """``/api/v2/<name>/?…`` (for links, purges and tests)."""
    path = reverse(f"sid_api:{name}:listing")
    return path + (f"?{urlencode(params, doseq=True)}" if params else "")
