import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from portal import roles
from portal.models import CommunitySettings

pytestmark = pytest.mark.django_db(transaction=False)


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "images": get_image_model().objects.count(),
        "settings": CommunitySettings.objects.count(),
    }


def test_load_demo_builds_the_community_and_is_idempotent(client, site):
    call_command("load_demo", "--no-index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = counts()
    call_command("load_demo", "--no-index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first

    settings = CommunitySettings.for_site(site)
    assert settings.community_name == "历山名郡社区"
    assert settings.hotline
    assert settings.wechat_qr is not None
    User = get_user_model()
    expected = {
        "admin": roles.SITE_ADMINS,
        "staff1": roles.COMMUNITY_STAFF,
        "chief": roles.EDITOR_IN_CHIEF,
        "editor1": roles.RESIDENT_EDITORS,
        "editor2": roles.RESIDENT_EDITORS,
        "committee1": roles.COMMITTEE,
        "committee2": roles.COMMITTEE,
        "committee3": roles.COMMITTEE,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert roles.group(role) in user.groups.all()
    assert User.objects.get(username="admin").is_superuser
    assert client.login(username="editor1", password="gongkailan2026")
    assert "历山名郡社区" in client.get("/").content.decode()


def test_if_empty_skips_a_database_with_users(make_user):
    make_user()
    call_command("load_demo", "--if-empty", "--no-index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not get_user_model().objects.filter(username="admin").exists()


@override_settings(PORTAL_ENVIRONMENT="production")
def test_refuses_in_production_without_demo_password(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("load_demo", "--no-index")
    assert not get_user_model().objects.filter(username="admin").exists()


@override_settings(PORTAL_ENVIRONMENT="production")
def test_production_uses_the_given_demo_password(monkeypatch, client):
    monkeypatch.setenv("DEMO_PASSWORD", "a-strong-demo-pass-2026")
    call_command("load_demo", "--no-index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert client.login(username="admin", password="a-strong-demo-pass-2026")
