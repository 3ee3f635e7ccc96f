"""Which community's daily reminder went out on which day, so a second run sends nothing."""

from django.db import models


class ReminderSent(models.Model):
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    staff_items = models.PositiveIntegerField(default=0)
    committee_items = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "期限提醒"
        verbose_name_plural = "期限提醒"
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="feedback_reminder_once_a_day")]

    def __str__(self):
        return f"{self.site_id}·{self.day:%Y-%m-%d}"
