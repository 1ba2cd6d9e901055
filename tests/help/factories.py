"""Factories for the help directory."""

from __future__ import annotations

import factory

from campaign.helplines.models import CountryHelp, Helpline, Hotline


class CountryHelpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountryHelp
        django_get_or_create = ("country",)

    country = "FR"
    emergency_number = "112"
    centre_name = "Centre"
    centre_url = "https://centre.example.org/"


class HelplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Helpline

    entry = factory.SubFactory(CountryHelpFactory)
    name = factory.Sequence(lambda n: f"Helpline {n}")
    phone = "116 111"
    sms = ""
    chat_url = "https://chat.example.org/"
    hours = "Every day, 24 hours"
    languages = "fr, nl"
    free_of_charge = True
    sort_order = factory.Sequence(lambda n: n)


class HotlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hotline

    entry = factory.SubFactory(CountryHelpFactory)
    name = factory.Sequence(lambda n: f"Hotline {n}")
    report_url = factory.Sequence(lambda n: f"https://report{n}.example.org/report")
    sort_order = factory.Sequence(lambda n: n)
