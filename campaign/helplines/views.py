"""The public help pages: the country picker and one short page per country.

Why plain views and not Wagtail pages: the help page must exist on every site, in every
language, for every country (about 250), including countries nobody has written an entry
for yet, without an editor creating anything. The directory's content is edited as
snippets; these views only choose and order it.

Remembering the country: a strictly-necessary preference cookie holding only the ISO code
(``FR``), ``SameSite=Lax``, ``HttpOnly``, one year. It is set only when the visitor picks a
country, carries no identifier, and lets the server answer with the right page at once,
without JavaScript and without a second request. ``/help/`` is the only response that
depends on it (``Vary: Cookie``, private); country pages are the same for everyone.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.cache import never_cache
from django_countries import countries
from django_countries.fields import Country

from sid import counters
from sitecontent.models import RegionPage
from themes.loader import template_names

from .forms import CountryChoiceForm
from .international import helpline_directory, report_services
from .models import CountryHelp


def valid_country_code(value) -> str | None:
    code = (value or "").strip().upper()
    return code if len(code) == 2 and code in countries else None


def remembered_country(request) -> str | None:
    return valid_country_code(request.COOKIES.get(settings.HELPLINES_COUNTRY_COOKIE))


def _region(request) -> RegionPage | None:
    code = request.GET.get("region", "")
    if not code or len(code) > 12:
        return None
    return RegionPage.objects.live().filter(short_code=code).first()


def _sorted_countries(codes) -> list[Country]:
    """Countries sorted by their name in the visitor's language."""
    return sorted((Country(code) for code in codes), key=lambda country: str(country.name).casefold())


def _country_url(code: str) -> str:
    return reverse("helplines:country", kwargs={"country": code.lower()})


def render_country(request, code: str, *, remembered: bool = False, status: int = 200):
    entry = CountryHelp.objects.with_services().filter(country=code).first()
    helplines = list(entry.helplines.all()) if entry else []
    hotlines = list(entry.hotlines.all()) if entry else []
    context = {
        "country": Country(code),
        "entry": entry,
        "helplines": helplines,
        "hotlines": hotlines,
        "remembered": remembered,
        "international_helpline": helpline_directory(),
        "international_reports": report_services(),
    }
    return TemplateResponse(request, template_names("helplines/help_country.html"), context, status=status)


def render_picker(request, *, region=None, form=None, status: int = 200):
    region_codes = [country.code for country in region.countries] if region else []
    directory_codes = list(CountryHelp.objects.values_list("country", flat=True))
    context = {
        "region": region,
        "region_countries": _sorted_countries(region_codes),
        "directory_countries": _sorted_countries(code for code in directory_codes if code not in region_codes),
        "form": form or CountryChoiceForm(),
        "remembered": remembered_country(request),
        "international_helpline": helpline_directory(),
        "international_reports": report_services(),
    }
    return TemplateResponse(request, template_names("helplines/help_picker.html"), context, status=status)


def help_index(request):
    """The "Get help / Report" control's target: the visitor's country, or the picker.

    The country remembered on this device wins; then a region with a single country; else
    the picker, listing the region of the page the visitor came from first.
    """
    code = remembered_country(request)
    if code:
        response = render_country(request, code, remembered=True)
    else:
        region = _region(request)
        region_codes = [country.code for country in region.countries] if region else []
        if len(region_codes) == 1:
            response = render_country(request, region_codes[0])
        else:
            response = render_picker(request, region=region)
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, private=True)
    return response


def country_help(request, country: str):
    code = valid_country_code(country)
    if code is None:
        raise Http404
    if country != code.lower():
        return HttpResponseRedirect(_country_url(code))
    # One cache increment, nothing about the visitor (sid.counters).
    counters.count(counters.HELP_VISITS, code)
    return render_country(request, code)


@never_cache  # it sets a cookie: no shared cache may keep this answer
def choose_country(request):
    """The picker's target (a GET form and plain links): remember the country, show its help."""
    form = CountryChoiceForm(request.GET)
    if not form.is_valid():
        return render_picker(request, region=_region(request), form=form, status=400)
    code = form.cleaned_data["country"]
    response = HttpResponseRedirect(_country_url(code))
    response.set_cookie(
        settings.HELPLINES_COUNTRY_COOKIE,
        code,
        max_age=settings.HELPLINES_COUNTRY_COOKIE_AGE,
        samesite="Lax",
        httponly=True,
        secure=request.is_secure(),
    )
    return response


def countries_page(request):
    """The picker on demand ("Change country"), whatever is remembered."""
    response = render_picker(request, region=_region(request))
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, private=True)
    return response


@never_cache
def forget_country(request):
    """Forget the remembered country (a shared phone, a wrong choice)."""
    response = HttpResponseRedirect(reverse("helplines:countries"))
    response.delete_cookie(settings.HELPLINES_COUNTRY_COOKIE, samesite="Lax")
    return response
