"""One list-of-choices field (sitecontent.fields.ChoicesListField) behind every list of codes:
the library's, the events' and the site's languages; their migrations keep their own paths."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from campaign.events.fields import ChoicesListField as EventChoicesListField
from campaign.events.fields import DateListField
from campaign.events.models import EventPage
from sitecontent.fields import ChoicesListField, ListField
from sitecontent.library.fields import CodeListField
from sitecontent.models import RegionPage, ResourcePage
from translations.core.fields import LanguageCodesField


def test_every_list_of_codes_is_the_one_field():
    fields = [
        ResourcePage._meta.get_field("audiences"),
        ResourcePage._meta.get_field("age_bands"),
        EventPage._meta.get_field("audience"),
        EventPage._meta.get_field("languages"),
        RegionPage._meta.get_field("languages"),
    ]
    assert {type(field) for field in fields} == {CodeListField, EventChoicesListField, LanguageCodesField}
    assert all(isinstance(field, ChoicesListField) for field in fields)
    assert isinstance(EventPage._meta.get_field("skipped_dates"), DateListField)
    assert issubclass(DateListField, ListField)


def test_language_codes_take_the_sites_languages_and_record_none_in_migrations(settings):
    field = RegionPage._meta.get_field("languages")
    name, path, args, kwargs = field.deconstruct()
    assert path == "translations.core.fields.LanguageCodesField"
    assert "list_choices" not in kwargs
    form_field = field.formfield()
    assert isinstance(form_field, forms.MultipleChoiceField)
    assert [code for code, _name in form_field.choices] == [code for code, _name in settings.LANGUAGES]
    field.validate(["en", "sw"], None)
    with pytest.raises(ValidationError) as raised:
        field.validate(["en", "xx"], None)
    assert raised.value.messages == ["Unknown language code(s): xx."]


def test_library_and_event_codes_keep_their_paths_and_choices():
    audiences = ResourcePage._meta.get_field("audiences")
    name, path, args, kwargs = audiences.deconstruct()
    assert path == "sitecontent.library.fields.CodeListField"
    assert kwargs["vocabulary"] == audiences.list_choices and "list_choices" not in kwargs
    audience = EventPage._meta.get_field("audience")
    name, path, args, kwargs = audience.deconstruct()
    assert path == "campaign.events.fields.ChoicesListField"
    assert kwargs["list_choices"] == audience.list_choices and kwargs["blank"] is True
    with pytest.raises(ValidationError) as raised:
        audience.validate(["nobody"], None)
    assert raised.value.messages == ["Unknown value(s): nobody."]
    assert audience.formfield().required is False
