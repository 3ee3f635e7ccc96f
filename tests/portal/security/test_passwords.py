"""Passwords need at least 10 characters; refusals are in Chinese."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal import roles

pytestmark = pytest.mark.django_db

TOO_SHORT = "密码长度太短。密码必须包含至少 10 个字符。"


def test_site_admin_cannot_create_a_user_with_mingjun88(client, admin_user_role):
    client.force_login(admin_user_role)
    data = {
        "username": "newstaff",
        "email": "newstaff@example.org",
        "first_name": "王",
        "last_name": "芳",
        "password1": "mingjun88",
        "password2": "mingjun88",
        "is_active": "on",
    }
    response = client.post(reverse("wagtailusers_users:add"), data)
    assert response.status_code == 200
    assert TOO_SHORT in response.content.decode()
    assert not get_user_model().objects.filter(username="newstaff").exists()


def test_a_user_cannot_change_their_password_to_mingjun88(client, make_user, password):
    user = make_user(roles.COMMUNITY_STAFF)
    client.force_login(user)
    data = {
        "password-old_password": password,
        "password-new_password1": "mingjun88",
        "password-new_password2": "mingjun88",
    }
    response = client.post(reverse("wagtailadmin_account"), data)
    assert TOO_SHORT in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(password)


def test_ten_characters_are_enough():
    validate_password("qw7-lishan")  # raises if refused
    with pytest.raises(ValidationError) as refused:
        validate_password("qw7-lisha")
    assert refused.value.messages == [TOO_SHORT]
