"""Recompute every fingerprint and the disclosure log's hash chain; exit non-zero on any mismatch."""

from django.core.management.base import BaseCommand, CommandError

from notices.models import AttachmentCopy, DisclosureEvent, DisclosureItem, FinancialDisclosurePage
from notices.models.ledger import verify_chain
from notices.models.workflow import CommitteeApprovalTask
from portal.review.actions import sealed_approvals
from portal.review.fingerprint import fingerprint
from portal.review.models import ReviewApproval


class Command(BaseCommand):
    help = "核对财务公开：重新计算每份公开内容的指纹和审核日志的哈希链，有任何不符即报错退出。"

    def handle(self, *args, **options):
        problems = []
        entries = list(DisclosureEvent.objects.order_by("pk"))
        broken = verify_chain(entries)
        if broken:
            entry, why = broken
            problems.append(f"审核日志第 {entry.pk} 条（{entry}）：{why}")
        for entry in entries:
            if (
                entry.kind in DisclosureEvent.PUBLICATIONS
                and fingerprint(entry.payload["record"]) != entry.fingerprint
            ):
                problems.append(f"审核日志第 {entry.pk} 条：记录的内容与它的指纹不符")
        for copy in AttachmentCopy.objects.filter(
            sha256__in=DisclosureItem.objects.filter(page__live=True).values("attachment_sha256")
        ):
            if not copy.content_is_intact():
                problems.append(
                    f"附件存档 {copy.filename}（{copy.sha256[:16]}）的内容与它的指纹不符或文件丢失"
                )
        checked = 0
        for page in FinancialDisclosurePage.objects.live().order_by("pk"):
            checked += 1
            label = f"“{page.title}”（页面 {page.pk}，{page.url_path}）"
            publications = [
                e for e in entries if e.page_id == page.pk and e.kind in DisclosureEvent.PUBLICATIONS
            ]
            if not publications:
                problems.append(f"{label}：公开了，但审核日志里没有公开记录")
                continue
            current = fingerprint(page.public_record())
            if current != publications[-1].fingerprint:
                problems.append(
                    f"{label}：网站上的内容与监委会审核公开的内容不符（指纹 {current[:16]} ≠ {publications[-1].fingerprint[:16]}）"
                )
            approvals = (
                sealed_approvals(page.live_revision, CommitteeApprovalTask) if page.live_revision else []
            )
            if not approvals:
                problems.append(f"{label}：公开版本没有达到人数、指向同一内容的监委会审核")
            elif any(a.fingerprint != publications[-1].fingerprint for a in approvals):
                problems.append(f"{label}：监委会审核的指纹与公开的内容不符")
        problems += self.missing_entries(entries)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"核对未通过：发现 {len(problems)} 处不符。")
        self.stdout.write(f"核对通过：{checked} 份公开的财务公开、{len(entries)} 条审核日志均一致。")

    def missing_entries(self, entries):
        """Entries the log must hold for what the database says happened (a cut-off chain)."""
        problems = []
        approved = {
            (e.page_id, e.fingerprint, e.actor) for e in entries if e.kind == DisclosureEvent.APPROVED
        }
        withdrawn = {e.page_id for e in entries if e.kind == DisclosureEvent.WITHDRAWN}
        committee_states = ReviewApproval.objects.filter(
            task_state__task__in=CommitteeApprovalTask.objects.all()
        ).exclude(fingerprint="")
        for approval in committee_states:
            if (approval.page_id, approval.fingerprint, approval.approver_name) not in approved:
                problems.append(f"审核日志缺少 {approval.approver_name} 对页面 {approval.page_id} 的审核记录")
        for page in FinancialDisclosurePage.objects.filter(live=False, first_published_at__isnull=False):
            if page.pk not in withdrawn:
                problems.append(f"“{page.title}”（页面 {page.pk}）不再公开，但审核日志里没有撤回记录")
        return problems
