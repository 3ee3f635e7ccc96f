"""In a real browser: a committee member signs in with a TOTP code; no page breaks the
Content-Security-Policy (public pages, the admin dashboard, the page editor)."""

import pytest

from notices.factories import FundFactory
from portal import roles
from tests.browser.conftest import DESKTOP
from tests.browser.journeys import admin_login, enter_token, snap
from tests.corpus import build_corpus
from tests.portal.security.pages import every_public_url
from tests.two_factor import current_token, enrol_totp

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def record_csp_violations(page):
    """Collect every CSP violation the page reports (console errors and securitypolicyviolation)."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_committee_member_signs_in_with_a_totp_code(new_page, home_page, make_user, password):
    member = make_user(roles.COMMITTEE, username="committee1", first_name="周德明")
    device = enrol_totp(member)
    page = new_page(viewport=DESKTOP)
    page.goto("/admin/")
    page.fill("#id_username", "committee1")
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert "请输入验证码" in page.locator("main#main h1").inner_text()
    snap(page, "security-verify")

    enter_token(page, "000000" if current_token(device) != "000000" else "111111")
    snap(page, "security-verify-wrong")
    assert "验证码不正确" in page.locator("main").inner_text()
    page.wait_for_timeout(1100)  # django-otp refuses every code for a second after a wrong one
    enter_token(page, current_token(device))
    assert page.url.endswith("/admin/")
    assert "周德明" in page.locator("body").inner_text()


def test_first_sign_in_enrols_the_phone_by_qr_code(new_page, home_page, make_user, password):
    make_user(roles.SITE_ADMINS, username="siteadmin2", is_superuser=True, is_staff=True)
    page = new_page(viewport=DESKTOP)
    page.goto("/admin/login/")
    page.fill("#id_username", "siteadmin2")
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert "绑定手机验证器" in page.locator("main#main h1").inner_text()
    assert page.locator(".security-qr svg").is_visible()
    snap(page, "security-enrol")

    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username="siteadmin2", confirmed=False)
    enter_token(page, current_token(device))
    assert page.locator("#backup-codes li").count() == 10
    snap(page, "security-backup-codes")
    with page.expect_navigation():
        page.get_by_role("link", name="我已记下，继续").click()
    assert page.url.endswith("/admin/")


def test_public_pages_break_no_csp_rule(new_page, home_page):
    urls = every_public_url(build_corpus(home_page))
    page = new_page()
    violations = record_csp_violations(page)
    for name, url in urls.items():
        page.goto(url)
        page.wait_for_load_state("load")
        assert not violations, (name, violations)


def test_admin_dashboard_and_page_editor_break_no_csp_rule(new_page, home_page, make_user, password):
    pages = build_corpus(home_page)
    FundFactory(name="社区公益基金")
    make_user(roles.SITE_ADMINS, username="siteadmin", is_superuser=True, is_staff=True)
    page = new_page(viewport=DESKTOP)
    violations = record_csp_violations(page)
    admin_login(page, "siteadmin", password)
    assert not violations, violations
    for key in ("lift", "fees", "feast", "barber"):
        page.goto(f"/admin/pages/{pages[key].pk}/edit/")
        page.wait_for_load_state("networkidle")
        assert (
            page.locator("form#w-editor-form, form[data-edit-form]").count() or page.locator("main").count()
        )
        assert not violations, (key, violations)
    page.goto(f"/admin/pages/{pages['board'].pk}/")
    page.wait_for_load_state("networkidle")
    assert not violations, violations
    # Signed-in staff see Wagtail's user bar on public pages, under the strict policy.
    page.goto(pages["lift"].url)
    page.wait_for_load_state("networkidle")
    assert page.locator("wagtail-userbar, [data-wagtail-userbar]").count()
    assert not violations, violations
