"""Translatable fields of campaign.events (registered here, with all other registrations)."""
