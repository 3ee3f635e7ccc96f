"""Two-factor sign-in: required for 监委会, 站点管理员 and superusers, optional for others."""

import re
import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from portal import roles
from portal.security import two_factor
from tests.portal.security.conftest import sign_in
from tests.two_factor import current_token, enrol_totp

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def wait_out_throttle():
    """django-otp refuses every code for 1 s after a wrong one (doubling after each further one)."""
    time.sleep(1.1)


@pytest.mark.parametrize("role", [roles.COMMITTEE, roles.SITE_ADMINS])
def test_members_who_must_use_2fa_are_sent_to_enrolment_first(plain_client, make_user, password, role):
    user = make_user(role)
    assert sign_in(plain_client, user.username, password).status_code == 302
    response = plain_client.get(DASHBOARD)
    assert response.status_code == 302
    assert response.url.startswith(reverse("security_enrol"))
    # No other admin page either.
    assert plain_client.get(reverse("wagtailadmin_pages:search")).url.startswith(reverse("security_enrol"))


def test_superusers_must_use_2fa(plain_client, make_user, password):
    user = make_user(username="root", is_superuser=True, is_staff=True)
    sign_in(plain_client, user.username, password)
    assert plain_client.get(DASHBOARD).url.startswith(reverse("security_enrol"))


def test_others_may_use_the_admin_without_2fa(plain_client, staff_user, password):
    sign_in(plain_client, staff_user.username, password)
    assert plain_client.get(DASHBOARD).status_code == 200


def test_enrolment_by_qr_code_shows_backup_codes_once(plain_client, member, password):
    sign_in(plain_client, member.username, password)
    page = plain_client.get(reverse("security_enrol")).content.decode()
    assert "<svg" in page and "绑定手机验证器" in page
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    # The secret is shown for typing by hand and sits in the QR code's otpauth:// URL.
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    assert secret in device.config_url

    wrong = plain_client.post(
        reverse("security_enrol"), {"token": "000000" if current_token(device) != "000000" else "111111"}
    )
    assert "验证码不正确" in wrong.content.decode()
    assert not two_factor.has_two_factor(member)

    wait_out_throttle()
    done = plain_client.post(reverse("security_enrol"), {"token": current_token(device), "next": DASHBOARD})
    html = done.content.decode()
    assert "只显示这一次" in html
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", html)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=member).values_list("token", flat=True))
    assert two_factor.has_two_factor(member)
    assert plain_client.get(DASHBOARD).status_code == 200


def test_sign_in_asks_for_the_code_after_the_password(plain_client, member, password):
    device = enrol_totp(member)
    sign_in(plain_client, member.username, password)
    response = plain_client.get(DASHBOARD)
    assert response.url.startswith(reverse("security_verify"))

    verify = plain_client.get(response.url)
    assert "请输入验证码" in verify.content.decode()
    bad = plain_client.post(reverse("security_verify"), {"token": "12345"})
    assert "验证码不正确" in bad.content.decode()
    assert plain_client.get(DASHBOARD).status_code == 302

    wait_out_throttle()
    good = plain_client.post(reverse("security_verify"), {"token": current_token(device), "next": DASHBOARD})
    assert good.status_code == 302 and good.url == DASHBOARD
    assert plain_client.get(DASHBOARD).status_code == 200


def test_a_backup_code_works_once(plain_client, member, password):
    enrol_totp(member)
    code = two_factor.new_backup_codes(member)[0]
    sign_in(plain_client, member.username, password)
    assert plain_client.post(reverse("security_verify"), {"token": code.upper()}).status_code == 302
    assert plain_client.get(DASHBOARD).status_code == 200

    plain_client.post(reverse("wagtailadmin_logout"))
    sign_in(plain_client, member.username, password)
    again = plain_client.post(reverse("security_verify"), {"token": code})
    assert "验证码不正确" in again.content.decode()


def test_password_alone_cannot_enrol_a_new_phone(plain_client, member, password):
    enrol_totp(member)
    sign_in(plain_client, member.username, password)
    response = plain_client.get(reverse("security_enrol"))
    assert response.url.startswith(reverse("security_verify"))
    assert not TOTPDevice.objects.filter(user=member, confirmed=False).exists()


def test_guessing_codes_is_throttled(plain_client, member, password):
    device = enrol_totp(member)
    sign_in(plain_client, member.username, password)
    plain_client.post(reverse("security_verify"), {"token": "000001"})
    # Right after a wrong code even the right one is refused...
    right_away = plain_client.post(reverse("security_verify"), {"token": current_token(device)})
    assert "验证码不正确" in right_away.content.decode()
    # ...and each further wrong code doubles the wait; after three the page says so.
    time.sleep(1.1)
    plain_client.post(reverse("security_verify"), {"token": "000001"})
    time.sleep(2.1)
    plain_client.post(reverse("security_verify"), {"token": "000001"})
    response = plain_client.post(reverse("security_verify"), {"token": current_token(device)})
    assert "错误次数过多" in response.content.decode()
    assert plain_client.get(DASHBOARD).status_code == 302


def test_before_the_second_factor_the_public_site_treats_the_user_as_signed_out(
    plain_client, member, password, home_page
):
    enrol_totp(member)
    sign_in(plain_client, member.username, password)
    assert "wagtail-userbar" not in plain_client.get("/").content.decode()


def test_optional_2fa_once_enabled_is_asked_at_sign_in(plain_client, staff_user, password):
    sign_in(plain_client, staff_user.username, password)
    settings_page = plain_client.get(reverse("security_settings")).content.decode()
    assert "未开启" in settings_page
    plain_client.get(reverse("security_enrol"))
    device = TOTPDevice.objects.get(user=staff_user)
    plain_client.post(reverse("security_enrol"), {"token": current_token(device)})
    assert "已开启" in plain_client.get(reverse("security_settings")).content.decode()

    plain_client.post(reverse("wagtailadmin_logout"))
    sign_in(plain_client, staff_user.username, password)
    assert plain_client.get(DASHBOARD).url.startswith(reverse("security_verify"))


def test_optional_2fa_can_be_switched_off_with_a_code(client, staff_user):
    device = enrol_totp(staff_user)
    client.force_login(staff_user)
    client.post(
        reverse("security_disable"), {"token": "999999" if current_token(device) != "999999" else "1"}
    )
    assert two_factor.has_two_factor(staff_user)
    wait_out_throttle()
    client.post(reverse("security_disable"), {"token": current_token(device)})
    assert not two_factor.has_two_factor(staff_user)


def test_required_2fa_cannot_be_switched_off(client, member):
    client.force_login(member)
    device = TOTPDevice.objects.get(user=member)
    response = client.post(reverse("security_disable"), {"token": current_token(device)}, follow=True)
    assert "不能关闭" in response.content.decode()
    assert two_factor.has_two_factor(member)


def test_new_backup_codes_replace_the_old(client, member):
    client.force_login(member)
    old = set(two_factor.new_backup_codes(member))
    html = client.post(reverse("security_backup_codes")).content.decode()
    new = set(re.findall(r"<li><code>([a-z0-9]+)</code></li>", html))
    assert len(new) == 10 and not new & old


def test_account_menu_links_to_2fa_settings(client, staff_user):
    client.force_login(staff_user)
    assert reverse("security_settings") in client.get(reverse("wagtailadmin_account")).content.decode()


def test_site_admin_resets_a_users_2fa_from_the_user_list(client, admin_user_role, member):
    enrol_totp(member)
    client.force_login(admin_user_role)
    url = reverse("security_reset_two_factor", args=[member.pk])
    assert url in client.get(reverse("wagtailusers_users:index")).content.decode()
    assert "确认重置" in client.get(url).content.decode()
    client.post(url)
    assert not two_factor.has_two_factor(member)


def test_only_site_admins_reset_2fa(client, staff_user, member):
    enrol_totp(member)
    client.force_login(staff_user)
    response = client.post(reverse("security_reset_two_factor", args=[member.pk]), follow=True)
    assert "没有权限" in response.content.decode()
    assert two_factor.has_two_factor(member)


def test_the_sign_in_screens_assets_load_before_the_second_factor(plain_client, member, password):
    """The admin's icon sprite and translations load on the verify page itself."""
    enrol_totp(member)
    sign_in(plain_client, member.username, password)
    assert plain_client.get(reverse("wagtailadmin_sprite")).status_code == 200
    assert plain_client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200


def test_changes_to_2fa_are_in_the_site_history(client, plain_client, admin_user_role, member, password):
    sign_in(plain_client, member.username, password)
    plain_client.get(reverse("security_enrol"))
    device = TOTPDevice.objects.get(user=member)
    plain_client.post(reverse("security_enrol"), {"token": current_token(device)})
    client.force_login(admin_user_role)
    client.post(reverse("security_reset_two_factor", args=[member.pk]))
    entries = ModelLogEntry.objects.filter(object_id=str(member.pk)).order_by("timestamp")
    assert [(e.action, e.user_id) for e in entries] == [
        ("security.enrol_two_factor", member.pk),
        ("security.reset_two_factor", admin_user_role.pk),
    ]
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "重置了两步验证" in history and "开启了两步验证" in history


def test_switching_optional_2fa_off_is_logged(client, staff_user):
    device = enrol_totp(staff_user)
    client.force_login(staff_user)
    client.post(reverse("security_disable"), {"token": current_token(device)})
    entry = ModelLogEntry.objects.get(action="security.disable_two_factor")
    assert (entry.object_id, entry.user_id) == (str(staff_user.pk), staff_user.pk)


def test_a_new_phone_replaces_the_old_one(client, member):
    client.force_login(member)
    old = TOTPDevice.objects.get(user=member, confirmed=True)
    assert "<svg" in client.get(reverse("security_enrol")).content.decode()
    new = TOTPDevice.objects.get(user=member, confirmed=False)
    client.post(reverse("security_enrol"), {"token": current_token(new)})
    assert list(TOTPDevice.objects.filter(user=member).values_list("pk", "confirmed")) == [(new.pk, True)]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_one_can_sign_out_from_the_code_step(plain_client, member, password):
    enrol_totp(member)
    sign_in(plain_client, member.username, password)
    page = plain_client.get(reverse("security_verify")).content.decode()
    assert f'action="{reverse("wagtailadmin_logout")}"' in page
    plain_client.post(reverse("wagtailadmin_logout"))
    assert plain_client.get(DASHBOARD).url.startswith(reverse("wagtailadmin_login"))
