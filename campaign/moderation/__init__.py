"""Pre-publication moderation shared by youth stories and partner events.

Both flows end in the same place: a draft page under a region's section that enters that
region's moderation workflow (a Wagtail ``Workflow`` with one ``GroupApprovalTask`` for the
region's moderators group), see ``workflows``. Approving publishes the submitted revision;
rejecting is done with a reason from ``reasons.RejectionReason``, shown to the submitter in
their own language.
"""
