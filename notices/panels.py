"""Editor panel: how far the committee's review of this disclosure has got."""

from wagtail.admin.panels import Panel


class CommitteeProgressPanel(Panel):
    """Shows approvals so far (who, when) while the disclosure is with 监委会, and the last sign-off."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "notices/admin/committee_progress_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            from portal.review.models import ReviewApproval

            context = super().get_context_data(parent_context)
            page = self.instance
            task_state = page.current_workflow_task_state
            if task_state is not None and hasattr(task_state.task.specific, "quorum"):
                context["approvals"] = list(
                    ReviewApproval.objects.filter(task_state=task_state).order_by("approved_at")
                )
                context["quorum"] = task_state.task.specific.quorum
            context["signoff"] = page.committee_signoff()
            return context
