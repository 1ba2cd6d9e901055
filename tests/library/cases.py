"""One library tree per test class (built once in setUpTestData, rolled back per test)."""

from django.test import TestCase
from django.utils import translation

from .factories import build_library_tree


class LibraryTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_library_tree()

    def setUp(self):
        translation.activate("en")
