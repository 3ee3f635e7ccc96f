"""Steps the journeys share: logging in to the admin, taking screenshots when asked."""

import os
from pathlib import Path

from django.contrib.auth import get_user_model

from portal.security import two_factor
from tests.two_factor import current_token, enrol_totp


def snap(page, name):
    """Save a screenshot into $SCREENSHOTS_DIR (set by `make screenshots`); otherwise nothing."""
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def admin_login(page, username, password):
    """Sign in as a person would. Users who must use two-factor (监委会, 站点管理员) get an
    authenticator enrolled beforehand, and the code it shows now is typed in after the password."""
    user = get_user_model().objects.get(username=username)
    device = enrol_totp(user) if two_factor.two_factor_required(user) else None
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    if device is not None:
        enter_token(page, current_token(device))


def enter_token(page, token):
    """The second sign-in step: type the authenticator's code."""
    page.fill("#id_token", token)
    with page.expect_navigation():
        page.click("form button[type=submit]")


class Clicks:
    """Counts a journey's clicks: every press of a button, link, tab or menu option made through
    `click()`. Typing into a field is not counted (nor the tap that puts the cursor there)."""

    def __init__(self):
        self.count = 0

    def click(self, locator, **kwargs):
        self.count += 1
        locator.click(**kwargs)
