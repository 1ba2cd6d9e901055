"""Translatable fields of campaign.editions (registered here, with all other registrations)."""
