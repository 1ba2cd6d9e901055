"""The campaign at a glance: the public "Around the world" map and the coordinators' impact
dashboard. The map counts events through ``campaign.events.counts`` (the
calendar's own per-country count); the dashboard reads daily aggregates kept by a beat task.
"""
