"""Translatable fields of campaign.packs (registered here, with all other registrations)."""
