"""Languages, modeltranslation registrations and fallback chains for the whole platform."""
