"""Repeated wrong passwords lock the account and the address (django-axes); 站点管理员 unlock."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.portal.security.conftest import sign_in

pytestmark = pytest.mark.django_db

LOCKED = "登录失败次数过多，账号已暂时锁定，请 15 分钟后再试或联系站点管理员解锁"


def fail(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password-1", REMOTE_ADDR=address)
    return response


def test_the_right_password_is_refused_after_five_wrong_ones(plain_client, staff_user, password):
    assert fail(plain_client, staff_user.username, 4).status_code == 200
    locked = fail(plain_client, staff_user.username, 1)
    assert locked.status_code == 429
    assert LOCKED in locked.content.decode()
    response = sign_in(plain_client, staff_user.username, password, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert plain_client.get("/admin/").status_code == 302


def test_the_account_stays_locked_from_another_address(plain_client, staff_user, password):
    fail(plain_client, staff_user.username, 5, address="203.0.113.7")
    response = sign_in(plain_client, staff_user.username, password, REMOTE_ADDR="198.51.100.20")
    assert response.status_code == 429


def test_one_address_trying_many_accounts_is_locked(plain_client, make_user, password):
    for name in ("a1", "a2", "a3", "a4", "a5"):
        fail(plain_client, name, 1, address="203.0.113.9")
    editor = make_user(username="editor9")
    response = sign_in(plain_client, editor.username, password, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    # The same account from elsewhere is fine.
    assert sign_in(plain_client, editor.username, password, REMOTE_ADDR="198.51.100.3").status_code == 302


def test_site_admin_sees_and_lifts_a_lockout(client, plain_client, admin_user_role, staff_user, password):
    fail(plain_client, staff_user.username, 5)
    client.force_login(admin_user_role)
    page = client.get(reverse("security_lockouts")).content.decode()
    assert staff_user.username in page and "203.0.113.7" in page and "解锁" in page
    assert reverse("security_lockouts") in client.get("/admin/").content.decode()  # settings menu item

    response = client.post(
        reverse("security_unlock"), {"kind": "username", "value": staff_user.username}, follow=True
    )
    assert f"已解锁账号 {staff_user.username}" in response.content.decode()
    client.post(reverse("security_unlock"), {"kind": "ip_address", "value": "203.0.113.7"})
    assert "目前没有被锁定" in client.get(reverse("security_lockouts")).content.decode()
    assert sign_in(plain_client, staff_user.username, password, REMOTE_ADDR="203.0.113.7").status_code == 302
    entry = ModelLogEntry.objects.get(action="security.unlock")
    assert (entry.object_id, entry.user_id) == (str(staff_user.pk), admin_user_role.pk)


def test_others_cannot_see_or_lift_lockouts(client, plain_client, staff_user, make_user):
    fail(plain_client, "someone", 5)
    client.force_login(staff_user)
    response = client.get(reverse("security_lockouts"), follow=True)
    assert "someone" not in response.content.decode()
    client.post(reverse("security_unlock"), {"kind": "username", "value": "someone"})
    assert sign_in(plain_client, "someone", "x", REMOTE_ADDR="198.51.100.1").status_code == 429


def test_behind_nginx_the_visitors_address_is_locked_not_the_proxys(plain_client, make_user, password):
    """nginx passes the visitor's address in X-Real-IP; requests all come from 127.0.0.1."""
    for name in ("b1", "b2", "b3", "b4", "b5"):
        sign_in(
            plain_client, name, "wrong-password-1", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.50"
        )
    editor = make_user(username="editor7")
    locked = sign_in(
        plain_client, editor.username, password, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.50"
    )
    assert locked.status_code == 429
    # Another visitor through the same nginx is not affected.
    other = sign_in(
        plain_client, editor.username, password, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.9"
    )
    assert other.status_code == 302


def test_a_visitor_cannot_dodge_the_lockout_by_sending_x_real_ip(plain_client, make_user, password):
    for n, name in enumerate(("c1", "c2", "c3", "c4", "c5")):
        sign_in(
            plain_client, name, "wrong-password-1", REMOTE_ADDR="203.0.113.60", HTTP_X_REAL_IP=f"10.0.0.{n}"
        )
    editor = make_user(username="editor8")
    response = sign_in(
        plain_client, editor.username, password, REMOTE_ADDR="203.0.113.60", HTTP_X_REAL_IP="10.9.9.9"
    )
    assert response.status_code == 429


def test_signing_in_to_ones_own_account_does_not_reset_guesses_at_a_colleagues(
    plain_client, make_user, staff_user, password
):
    insider = make_user(username="insider")
    fail(plain_client, staff_user.username, 4)
    assert sign_in(plain_client, insider.username, password, REMOTE_ADDR="203.0.113.7").status_code == 302
    plain_client.post("/admin/logout/")
    # The fifth guess still counts as the fifth: the colleague's account is now locked.
    fail(plain_client, staff_user.username, 1, address="198.51.100.77")
    assert (
        sign_in(plain_client, staff_user.username, password, REMOTE_ADDR="198.51.100.78").status_code == 429
    )


def test_a_correct_password_forgets_ones_own_typos(plain_client, staff_user, password):
    fail(plain_client, staff_user.username, 4)
    assert sign_in(plain_client, staff_user.username, password, REMOTE_ADDR="203.0.113.7").status_code == 302
    plain_client.post("/admin/logout/")
    fail(plain_client, staff_user.username, 4)
    assert sign_in(plain_client, staff_user.username, password, REMOTE_ADDR="203.0.113.7").status_code == 302
