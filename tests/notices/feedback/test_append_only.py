"""Insider misuse: the record of handling is append-only. A reply cannot be edited in place or
deleted, events cannot be deleted or rewritten, a report cannot be deleted, through the model, the
queryset or any admin URL; a corrected reply stays visible as 已更正."""

import pytest
from django.db.models import ProtectedError
from django.urls import NoReverseMatch, reverse

from notices.feedback import factories, handling
from notices.feedback.models import AppendOnlyError, Feedback, FeedbackEvent, FeedbackNote, FeedbackReply
from portal import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied(home_page, staff_user):
    item, _ = factories.file("3号楼北侧路灯不亮，晚上出行不便。")
    handling.publish_reply(item, "已报修，预计三天内修好。", staff_user)
    handling.add_note(item, "已联系物业电工。", staff_user)
    return item


def test_a_reply_cannot_be_edited_in_place(replied):
    reply = FeedbackReply.objects.get()
    reply.text = "早就修好了。"
    with pytest.raises(AppendOnlyError):
        reply.save()
    with pytest.raises(AppendOnlyError):
        FeedbackReply.objects.filter(pk=reply.pk).update(text="早就修好了。")
    assert FeedbackReply.objects.get().text == "已报修，预计三天内修好。"


@pytest.mark.parametrize("model", [FeedbackEvent, FeedbackReply, FeedbackNote])
def test_records_cannot_be_deleted(replied, model):
    count = model.objects.count()
    with pytest.raises(AppendOnlyError):
        model.objects.first().delete()
    with pytest.raises(AppendOnlyError):
        model.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        model.objects.filter(feedback=replied).update(actor=None)
    assert model.objects.count() == count


def test_a_report_with_its_history_cannot_be_deleted(replied):
    with pytest.raises((ProtectedError, AppendOnlyError)):
        Feedback.objects.filter(pk=replied.pk).delete()
    assert Feedback.objects.filter(pk=replied.pk).exists()


def test_the_admin_has_no_edit_form_and_no_delete_view(client, replied, make_user):
    superuser = make_user(roles.COMMUNITY_STAFF, username="boss", is_superuser=True)
    client.force_login(superuser)
    for name in ("delete", "history", "inspect", "copy", "usage"):
        with pytest.raises(NoReverseMatch):
            reverse(f"feedback_admin:{name}", args=[replied.pk])
    assert client.post(f"/admin/feedback/delete/{replied.pk}/").status_code == 404
    assert client.post(f"/admin/feedback/edit/{replied.pk}/", {"text": "改写居民原话"}).status_code in (
        302,
        403,
    )
    replied.refresh_from_db()
    assert replied.text == "3号楼北侧路灯不亮，晚上出行不便。"
    # An unknown action through the handling page is refused, not ignored into an edit.
    response = client.post(f"/admin/feedback/edit/{replied.pk}/", {"action": "edit_reply", "text": "x"})
    assert response.status_code in (302, 403)
    assert FeedbackReply.objects.get().text == "已报修，预计三天内修好。"


def test_a_later_reply_supersedes_and_the_earlier_stays_visible(client, replied, staff_user):
    client.force_login(staff_user)
    url = reverse("feedback_admin:edit", args=[replied.pk])
    client.post(url, {"action": "reply", "reply-text": "更正：路灯已于12月2日修好。"})
    assert FeedbackReply.objects.count() == 2
    html = client.get(f"/feedback/{replied.number}/").content.decode()
    assert "已报修，预计三天内修好。" in html and "更正：路灯已于12月2日修好。" in html
    assert "已更正" in html
    # The newer reply comes first; the first reply date stays the one the clock counted.
    assert html.index("更正：路灯") < html.index("已报修，预计")
    replied.refresh_from_db()
    assert replied.replied_on is not None
    assert FeedbackEvent.objects.filter(feedback=replied, status="replied").count() == 1
