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


def test_the_demo_is_a_sub_district_of_three_communities_at_local_addresses(client, site):
    from wagtail.models import Site

    from notices.models import FinancialDisclosurePage
    from volunteers.models import Volunteer

    call_command("load_demo", "--no-index", "--port", "8123", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    User = get_user_model()
    for prefix in ("jinxiu", "lean"):
        community = Site.objects.get(hostname=f"{prefix}.localhost", port=8123)
        for role, username in (
            (roles.SITE_ADMINS, "admin"),
            (roles.COMMUNITY_STAFF, "staff"),
            (roles.EDITOR_IN_CHIEF, "chief"),
            (roles.RESIDENT_EDITORS, "editor"),
            (roles.COMMITTEE, "committee1"),
        ):
            assert (
                roles.group(role, community) in User.objects.get(username=f"{prefix}-{username}").groups.all()
            )
        assert FinancialDisclosurePage.objects.live().descendant_of(community.root_page).count() == 2
        assert Volunteer.objects.filter(site=community).count() == 5
        assert client.get("/notices/", HTTP_HOST=f"{prefix}.localhost:8123").status_code == 200
    district = Site.objects.get(hostname="jiedao.localhost")
    html = client.get("/", HTTP_HOST="jiedao.localhost:8123").content.decode()
    assert all(name in html for name in ("历山名郡社区", "锦绣社区", "乐安社区"))
    assert roles.has_any_role(User.objects.get(username="jiedao-admin"), [roles.DISTRICT_ADMINS])
    assert district.root_page.specific_class.__name__ == "SubDistrictPage"
    call_command("verify_disclosures", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # make run with another port moves every demo address to it.
    call_command("load_demo", "--if-empty", "--no-index", "--port", "9000", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Site.objects.values_list("port", flat=True)) == {9000}


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
