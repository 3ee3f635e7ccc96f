"""Steps the journeys share: logging in to the admin, taking screenshots when asked."""

import os
from pathlib import Path


def snap(page, name):
    """Save a screenshot into $SCREENSHOTS_DIR (set by `make screenshots`); otherwise nothing."""
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def admin_login(page, username, password):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form button[type=submit]")
