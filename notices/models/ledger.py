"""An append-only, hash-chained log of what happened to financial disclosures.

Each entry holds the hash of the one before it, so changing or removing any entry breaks
every later hash; `manage.py verify_disclosures` recomputes the chain and the fingerprints.
"""

import datetime
import hashlib
import json

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from portal.review.fingerprint import ZERO_HASH, canonical_json


class AppendOnly(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("财务公开的审核记录只能追加，不能修改。")

    def delete(self):
        raise AppendOnly("财务公开的审核记录只能追加，不能删除。")


class DisclosureEvent(models.Model):
    """One event: a member approved, a version was published or corrected, or it was withdrawn."""

    APPROVED, PUBLISHED, CORRECTED, WITHDRAWN = "approved", "published", "corrected", "withdrawn"
    KIND_CHOICES = [
        (APPROVED, "监委会成员审核通过"),
        (PUBLISHED, "公开"),
        (CORRECTED, "更正后重新公开"),
        (WITHDRAWN, "撤回"),
    ]
    PUBLICATIONS = (PUBLISHED, CORRECTED)

    kind = models.CharField("事件", max_length=20, choices=KIND_CHOICES)
    # Plain ids, not foreign keys: the log outlives anything it mentions.
    page_id = models.BigIntegerField("财务公开页面", db_index=True)
    revision_id = models.BigIntegerField("版本", null=True, blank=True)
    fingerprint = models.CharField("内容指纹", max_length=64, blank=True)
    actor = models.CharField("操作人", max_length=150, blank=True)
    created_at = models.DateTimeField("时间")
    data = models.TextField("内容（规范 JSON）", default="{}")
    prev_hash = models.CharField("上一条的哈希", max_length=64, unique=True)
    entry_hash = models.CharField("本条哈希", max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "财务公开审核日志"
        verbose_name_plural = "财务公开审核日志"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.page_id} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("财务公开的审核记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("财务公开的审核记录只能追加，不能删除。")

    @property
    def payload(self):
        return json.loads(self.data)

    def compute_hash(self):
        body = canonical_json(
            {
                "kind": self.kind,
                "page_id": self.page_id,
                "revision_id": self.revision_id,
                "fingerprint": self.fingerprint,
                "actor": self.actor,
                "created_at": self.created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
                "data": self.data,
            }
        )
        return hashlib.sha256(self.prev_hash.encode("ascii") + body).hexdigest()

    @classmethod
    def append(cls, kind, page, revision=None, fingerprint="", actor="", data=None):
        """Add an entry at the end of the chain (retrying if another entry got there first)."""
        for _ in range(5):
            try:
                with transaction.atomic():
                    last = cls.objects.select_for_update().order_by("-pk").first()
                    entry = cls(
                        kind=kind,
                        page_id=page.pk,
                        revision_id=revision.pk if revision else None,
                        fingerprint=fingerprint,
                        actor=actor,
                        created_at=timezone.now(),
                        data=canonical_json(data or {}).decode("utf-8"),
                        prev_hash=last.entry_hash if last else ZERO_HASH,
                    )
                    entry.entry_hash = entry.compute_hash()
                    entry.save()
                    return entry
            except IntegrityError:
                continue
        raise IntegrityError("could not append to the disclosure log")


def verify_chain(entries):
    """(entry, problem) for the first entry that breaks the chain, or None if it holds."""
    previous = ZERO_HASH
    for entry in entries:
        if entry.prev_hash != previous:
            return entry, "与上一条记录的哈希不相连（有记录被删除或插入）"
        if entry.compute_hash() != entry.entry_hash:
            return entry, "内容与它的哈希不符（记录被改动）"
        previous = entry.entry_hash
    return None
