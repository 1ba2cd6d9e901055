import pytest
from django.core.management import call_command

from campaign.editions.models import Edition
from campaign.events.models import EventPage

pytestmark = pytest.mark.django_db


def test_demo_has_sixty_events_on_and_around_the_day_and_is_idempotent(client):
    call_command("load_demo_content")
    call_command("load_demo_content")
    current = Edition.objects.get(year=2027)
    assert str(current.date) == "2027-02-09"
    events = EventPage.objects.live()
    assert events.count() >= 60
    assert len(set(events.values_list("time_zone", flat=True))) >= 15
    on_the_day = [event for event in events if event.first_day <= current.date <= event.last_day]
    assert len(on_the_day) >= 40
    assert all(event.sequence == 0 for event in events)  # a reload changes nothing
    for code in ("en", "ar", "ja"):
        response = client.get(f"/{code}/calendar/on-the-day/")
        assert response.status_code == 200
    assert "Tokyo" in client.get("/en/calendar/on-the-day/?country=JP").content.decode()
