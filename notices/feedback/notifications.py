"""Telling the resident who left an email or phone that their report's status changed."""

import logging

from django.core.mail import send_mail

from portal.communities import community_name

from .models import FeedbackContact, FeedbackSettings
from .sms import get_backend

logger = logging.getLogger(__name__)


def status_message(item, event):
    name = community_name(item.site)
    text = f"您在{name}反映的事项（受理号 {item.number}）状态已更新为“{event.status_label}”。"
    if event.reason:
        text += f"说明：{event.reason}"
    return text + f"请到 {item.site.root_url}/feedback/track/ 用受理号和查询码查看办理进程和答复。"


def notify_status(item, event):
    contact = FeedbackContact.objects.filter(feedback=item).first()
    if contact is None:
        return
    text = status_message(item, event)
    if contact.email:
        try:
            send_mail(
                f"【{community_name(item.site)}】受理号 {item.number} 办理进度", text, None, [contact.email]
            )
        except OSError:
            logger.exception("Feedback %s: the status email could not be sent.", item.number)
    if contact.phone and FeedbackSettings.for_site(item.site).sms_enabled:
        try:
            get_backend().send(contact.phone, text)
        except Exception:  # a gateway failure must not undo the change
            logger.exception("Feedback %s: the status text message could not be sent.", item.number)
