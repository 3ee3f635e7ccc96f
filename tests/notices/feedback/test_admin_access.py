"""Who sees and does what with reports in the Wagtail admin, driven with the test client: anonymous,
居民编辑, 主编, 社区工作人员, 网格员, 监委会, and staff of another community (both directions)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry, Site

from notices.feedback import factories, handling
from notices.feedback.models import Feedback, FeedbackNote, FeedbackReply
from portal import roles

pytestmark = pytest.mark.django_db
CONTACT = {"name": "赵建国", "phone": "13712345678", "email": "zhao@example.org"}


class Desk:
    """One community's report and one user per community role."""

    def __init__(self, site, make_user, tag):
        self.site = site
        self.item, _ = factories.file(f"{tag}：小区东门路面塌陷，雨天积水。", site=site, contact=CONTACT)
        self.users = {}
        for role in roles.COMMUNITY_ROLES:
            user = make_user(username=f"{tag}-{role}", first_name=f"{tag}{roles.LABELS[role]}")
            user.groups.add(roles.group(role, site))
            self.users[role] = user

    def url(self, name="edit", *args):
        return reverse(f"feedback_admin:{name}", args=[self.item.pk, *args])


@pytest.fixture
def desks(home_page, make_user):
    call_command("add_community", name="锦绣社区", hostname="jinxiu.localhost", stdout=io.StringIO())
    own = Desk(Site.objects.get(is_default_site=True), make_user, "历山")
    other = Desk(Site.objects.get(hostname="jinxiu.localhost"), make_user, "锦绣")
    return own, other


def denied(response):
    return (
        response.status_code in (403, 404)
        or (response.status_code == 302 and "/login/" in response.get("Location", ""))
        or (response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"))
    )


def both_ways(desks):
    a, b = desks
    return [(a, b), (b, a)]


def test_anonymous_visitors_are_sent_to_the_login(client, desks):
    own, _ = desks
    for url in (reverse("feedback_admin:index"), own.url(), reverse("feedback_admin:add")):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", [roles.RESIDENT_EDITORS, roles.EDITOR_IN_CHIEF])
def test_editors_and_chiefs_have_no_access(client, desks, role):
    own, _ = desks
    client.force_login(own.users[role])
    assert denied(client.get(reverse("feedback_admin:index")))
    assert denied(client.get(own.url()))
    assert denied(client.post(own.url(), {"action": "reply", "reply-text": "已处理。"}))
    assert not FeedbackReply.objects.exists()
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("feedback_admin:index") not in menu


def test_staff_list_handle_and_reply_only_in_their_own_community(client, desks):
    for own, other in both_ways(desks):
        client.force_login(own.users[roles.COMMUNITY_STAFF])
        listing = client.get(reverse("feedback_admin:index")).content.decode()
        assert f'href="{own.url()}"' in listing and f'href="{other.url()}"' not in listing
        assert client.get(own.url()).status_code == 200
        assert client.get(other.url()).status_code == 404
        response = client.post(other.url(), {"action": "reply", "reply-text": "越权答复。"})
        assert response.status_code == 404
        response = client.post(own.url(), {"action": "reply", "reply-text": "已安排维修，本周内完成。"})
        assert response.status_code == 302
    assert FeedbackReply.objects.count() == 2
    assert not FeedbackReply.objects.filter(text="越权答复。").exists()


def test_staff_cannot_reveal_or_see_photos_of_another_community(client, desks):
    own, other = desks
    client.force_login(own.users[roles.COMMUNITY_STAFF])
    assert client.post(other.url(), {"action": "reveal"}).status_code == 404
    assert client.get(other.url("photo", "0" * 32)).status_code == 404
    assert not ModelLogEntry.objects.filter(action="feedback.reveal_contact").exists()


def test_staff_see_the_contact_masked_until_they_open_it_and_the_opening_is_logged(client, desks):
    own, _ = desks
    staff = own.users[roles.COMMUNITY_STAFF]
    client.force_login(staff)
    html = client.get(own.url()).content.decode()
    assert "137****5678" in html and "赵**" in html and "z***@example.org" in html
    assert "13712345678" not in html and "赵建国" not in html
    html = client.post(own.url(), {"action": "reveal"}).content.decode()
    assert "13712345678" in html and "赵建国" in html
    entry = ModelLogEntry.objects.get(action="feedback.reveal_contact")
    assert entry.user == staff and entry.object_id == str(own.item.pk)
    # The opening is listed on the item for everyone who handles it.
    html = client.get(own.url()).content.decode()
    assert "查看反映人联系方式" in html and "13712345678" not in html


def test_the_committee_reads_everything_of_its_community_masked_and_changes_nothing(client, desks):
    for own, other in both_ways(desks):
        member = own.users[roles.COMMITTEE]
        client.force_login(member)
        listing = client.get(reverse("feedback_admin:index")).content.decode()
        assert f'href="{own.url()}"' in listing and f'href="{other.url()}"' not in listing
        html = client.get(own.url()).content.decode()
        assert "137****5678" in html and "13712345678" not in html
        assert 'value="reveal"' not in html and 'value="reply"' not in html
        assert denied(client.post(own.url(), {"action": "reveal"}))
        for action, data in [
            ("reply", {"reply-text": "监委会答复。"}),
            ("status", {"status-status": "in_progress"}),
            ("note", {"note-text": "监委会记录。"}),
            ("assign", {"assign-assignee": str(member.pk)}),
        ]:
            assert denied(client.post(own.url(), {"action": action, **data}))
        assert denied(client.get(reverse("feedback_admin:add")))
        assert client.get(other.url()).status_code == 404
    assert not ModelLogEntry.objects.filter(action="feedback.reveal_contact").exists()
    assert not FeedbackReply.objects.exists() and not FeedbackNote.objects.exists()
    assert set(Feedback.objects.values_list("status", flat=True)) == {"accepted"}


def test_grid_workers_see_and_note_only_what_is_assigned_to_them(client, desks):
    own, other = desks
    worker = own.users[roles.GRID_WORKERS]
    client.force_login(worker)
    assert own.item.number not in client.get(reverse("feedback_admin:index")).content.decode()
    assert client.get(own.url()).status_code == 404
    handling.assign(own.item, worker, own.users[roles.COMMUNITY_STAFF])
    assert own.item.number in client.get(reverse("feedback_admin:index")).content.decode()
    html = client.get(own.url()).content.decode()
    assert "137****5678" in html and "13712345678" not in html
    assert (
        client.post(own.url(), {"action": "note", "note-text": "已上门查看，路面确有塌陷。"}).status_code
        == 302
    )
    assert FeedbackNote.objects.get().actor == worker
    assert denied(client.post(own.url(), {"action": "reply", "reply-text": "网格员答复。"}))
    assert denied(client.post(own.url(), {"action": "reveal"}))
    assert not FeedbackReply.objects.exists()
    assert client.get(other.url()).status_code == 404


def test_only_the_communitys_staff_and_grid_workers_can_be_assigned(client, desks):
    own, other = desks
    client.force_login(own.users[roles.COMMUNITY_STAFF])
    outsider = other.users[roles.GRID_WORKERS]
    html = client.post(own.url(), {"action": "assign", "assign-assignee": str(outsider.pk)}).content.decode()
    assert "选择一个有效的选项" in html or "只能交给本社区" in html
    own.item.refresh_from_db()
    assert own.item.assigned_to is None
    editor = own.users[roles.RESIDENT_EDITORS]
    client.post(own.url(), {"action": "assign", "assign-assignee": str(editor.pk)})
    own.item.refresh_from_db()
    assert own.item.assigned_to is None


def test_staff_enter_a_phone_call_for_their_community_only(client, desks):
    own, other = desks
    client.force_login(own.users[roles.COMMUNITY_STAFF])
    data = {
        "site": str(other.site.pk),
        "source": "phone",
        "kind": "report",
        "text": "电话反映：12号楼电梯异响。",
        "location": "12号楼",
        "name": "",
        "phone": "",
        "email": "",
    }
    response = client.post(reverse("feedback_admin:add"), data)
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    data["site"] = str(own.site.pk)
    response = client.post(reverse("feedback_admin:add"), data)
    item = Feedback.objects.get(text="电话反映：12号楼电梯异响。")
    assert response.status_code == 302
    assert (
        item.site == own.site
        and item.source == "phone"
        and item.entered_by == own.users[roles.COMMUNITY_STAFF]
    )
