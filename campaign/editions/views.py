"""The archive of editions: every year, browsable."""

from django.http import Http404
from django.template.response import TemplateResponse

from themes.loader import template_names

from .models import Edition


def archive(request):
    editions = list(Edition.objects.all())
    current = Edition.objects.current()
    return TemplateResponse(
        request, template_names("editions/archive.html"), {"editions": editions, "current": current}
    )


def detail(request, year: int):
    edition = Edition.objects.filter(year=year).first()
    if edition is None:
        raise Http404
    neighbours = Edition.objects.filter(year__in=(year - 1, year + 1)).values_list("year", flat=True)
    return TemplateResponse(
        request,
        template_names("editions/edition_detail.html"),
        {
            "edition": edition,
            "previous_year": year - 1 if year - 1 in neighbours else None,
            "next_year": year + 1 if year + 1 in neighbours else None,
        },
    )
