"""Admin sign-in and password-reset throttling (sid.accounts; an attacker's probes)."""

from __future__ import annotations

from django.core import mail
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD, UserFactory


@override_settings(AXES_ENABLED=True)
class LoginThrottlingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(username="coordinator-x", is_superuser=True, is_staff=True)

    def sign_in(self, password, address="203.0.113.7"):
        return self.client.post(
            reverse("wagtailadmin_login"),
            {"username": "coordinator-x", "password": password},
            REMOTE_ADDR=address,
        )

    def test_forty_wrong_passwords_then_the_right_one_is_refused(self):
        answers = [self.sign_in(f"wrong-{attempt}").status_code for attempt in range(40)]
        self.assertIn(429, answers)
        response = self.sign_in(PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many failed sign-in attempts", response.content.decode())
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_lockout_message_is_translated(self):
        for attempt in range(6):
            self.sign_in(f"wrong-{attempt}")
        with translation.override("fr"):
            response = self.client.post(
                reverse("wagtailadmin_login"),
                {"username": "coordinator-x", "password": PASSWORD},
                REMOTE_ADDR="203.0.113.7",
                HTTP_ACCEPT_LANGUAGE="fr",
            )
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response["Content-Language"], "fr")

    def test_another_address_still_signs_in(self):
        for attempt in range(6):
            self.sign_in(f"wrong-{attempt}")
        response = self.sign_in(PASSWORD, address="198.51.100.9")
        self.assertEqual(response.status_code, 302)

    def test_a_few_typos_do_not_lock_out(self):
        for attempt in range(3):
            self.sign_in(f"wrong-{attempt}")
        self.assertEqual(self.sign_in(PASSWORD).status_code, 302)


class PasswordResetThrottlingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(username="coordinator-y", email="coord@example.org", is_staff=True)

    def setUp(self):
        cache.clear()

    def test_fifteen_reset_requests_send_at_most_three_emails(self):
        answers = [
            self.client.post(reverse("wagtailadmin_password_reset"), {"email": "coord@example.org"}).status_code
            for _ in range(15)
        ]
        self.assertLessEqual(len(mail.outbox), 3)
        self.assertGreaterEqual(len(mail.outbox), 1)
        self.assertIn(429, answers)
        self.assertNotIn(500, answers)


@override_settings(AXES_ENABLED=True)
class LockoutReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = UserFactory(username="the-admin", is_superuser=True, is_staff=True)
        cls.coordinator = UserFactory(username="coordinator-z", is_staff=True)

    def test_administrators_see_lockouts_and_nobody_else(self):
        for attempt in range(6):
            self.client.post(
                reverse("wagtailadmin_login"),
                {"username": "coordinator-z", "password": f"wrong-{attempt}"},
                REMOTE_ADDR="203.0.113.8",
            )
        self.client.force_login(self.admin)
        body = self.client.get(reverse("sid_lockouts")).content.decode()
        self.assertIn("coordinator-z", body)
        self.assertIn("203.0.113.8", body)
        self.client.force_login(self.coordinator)
        self.assertNotEqual(self.client.get(reverse("sid_lockouts")).status_code, 200)
