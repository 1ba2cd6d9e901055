"""Demo content: a believable multilingual, multi-region site for local use.

``manage.py load_demo_content`` builds the global home, the regions and their pages, the
region groups and the demo accounts, then calls ``load(demo)`` in every installed project
app that has a ``demo`` module (campaign.events.demo, …), in INSTALLED_APPS order. Every
step is idempotent: pages are found by their slug under their parent and updated.
"""
