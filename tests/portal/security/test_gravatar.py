"""Admin avatars never come from gravatar (an outside service, blocked in China)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_home", "wagtailadmin_account", "wagtailusers_users:index"]
)
def test_admin_pages_load_no_gravatar(client, admin_user_role, url_name):
    client.force_login(admin_user_role)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert "gravatar" not in response.content.decode().lower()
