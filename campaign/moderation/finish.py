"""The workflow finish action (imported by Wagtail while its models load: no model imports here)."""


def publish_approved(workflow_state, user=None):
    """``WAGTAIL_FINISH_WORKFLOW_ACTION``: the workflow's last task was approved, publish.

    This is the only way a page in moderation goes live (sitecontent.policy refuses "publish"
    on a page in a workflow and on anything the public sent, to everyone). The task already
    decided who may approve (the region's moderators group, or superusers), so the publish
    itself skips the page permission check: moderators hold no publish permission.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
