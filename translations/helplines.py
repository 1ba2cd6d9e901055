"""Translatable fields of campaign.helplines (registered here, with all other registrations)."""
