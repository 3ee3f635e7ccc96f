"""A user's verified real name, set only by site administrators."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class VerifiedName(models.Model):
    """实名: the name shown publicly under an approval; users cannot change their own."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="verified_name_record",
    )
    name = models.CharField("实名", max_length=60)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "实名"
        verbose_name_plural = "实名"

    def __str__(self):
        return self.name


def verified_name(user):
    """The user's verified real name, or "" when none is recorded."""
    try:
        return user.verified_name_record.name
    except VerifiedName.DoesNotExist:
        return ""


def set_verified_name(user, name, by=None):
    name = (name or "").strip()
    if not name:
        VerifiedName.objects.filter(user=user).delete()
        return
    VerifiedName.objects.update_or_create(
        user=user, defaults={"name": name, "set_by": by, "set_at": timezone.now()}
    )
