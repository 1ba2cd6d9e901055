"""Translatable fields of campaign.stories (registered here, with all other registrations)."""
