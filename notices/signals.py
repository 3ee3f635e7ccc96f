"""Receivers of the notice board: every publication of a disclosure goes into the disclosure log."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.signals import page_published

from portal.review.fingerprint import fingerprint

from .finance import diff_contents
from .models import DisclosureEvent, FinancialDisclosurePage
from .models.workflow import CommitteeApprovalTask


@receiver(page_published, sender=FinancialDisclosurePage, dispatch_uid="notices_log_publication")
def log_publication(sender, instance, revision, **kwargs):
    """Record the published version (its canonical record and fingerprint) and who approved it."""
    from portal.review.actions import sealed_approvals

    if not instance.live:
        return  # scheduled: recorded when publish_scheduled makes it live

    record = instance.public_record()
    previous = (
        DisclosureEvent.objects.filter(page_id=instance.pk, kind__in=DisclosureEvent.PUBLICATIONS)
        .order_by("pk")
        .last()
    )
    approvals = sealed_approvals(revision, CommitteeApprovalTask)
    data = {
        "record": record,
        "approvals": [
            {"name": a.approver_name, "approved_at": a.approved_at, "fingerprint": a.fingerprint}
            for a in approvals
        ],
    }
    change = diff_contents(previous.payload["record"], record) if previous is not None else None
    if change:
        data["changes"] = change.as_data()
    DisclosureEvent.append(
        DisclosureEvent.CORRECTED if change else DisclosureEvent.PUBLISHED,
        instance,
        revision=revision,
        fingerprint=fingerprint(record),
        actor="、".join(a.approver_name for a in approvals),
        data=data,
    )


@receiver(pre_save, sender=FinancialDisclosurePage, dispatch_uid="notices_new_disclosures_are_drafts")
def new_disclosures_start_as_drafts(sender, instance, raw=False, **kwargs):
    """A disclosure row that is born live (a copy of a section, an alias) would skip the committee:
    every new disclosure starts as a draft and goes live only through publish()."""
    if raw or not instance._state.adding or not instance.live:
        return
    instance.live = False
    instance.has_unpublished_changes = True
    instance.live_revision = None
    instance.first_published_at = instance.last_published_at = None
    instance.alias_of = None
