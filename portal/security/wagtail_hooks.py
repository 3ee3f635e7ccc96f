from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from portal.security import two_factor, views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("two-factor/verify/", views.verify, name="security_verify"),
        path("two-factor/enrol/", views.enrol, name="security_enrol"),
        path("two-factor/", views.settings_view, name="security_settings"),
        path("two-factor/backup-codes/", views.backup_codes, name="security_backup_codes"),
        path("two-factor/disable/", views.disable, name="security_disable"),
        path("two-factor/reset/<int:user_id>/", views.reset_two_factor, name="security_reset_two_factor"),
        path("lockouts/", views.lockouts, name="security_lockouts"),
        path("lockouts/unlock/", views.unlock, name="security_unlock"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("security_settings"),
        "label": "两步验证",
        "help_text": "用手机验证器保护你的账号：开启、查看备用验证码、重新绑定。",
    }


class SiteAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return views.is_site_admin(request.user)


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return SiteAdminMenuItem(
        "登录锁定", reverse("security_lockouts"), name="lockouts", icon_name="lock", order=650
    )


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if views.is_site_admin(request_user) and two_factor.has_two_factor(user):
        button = Button(
            "重置两步验证",
            reverse("security_reset_two_factor", args=[user.pk]),
            icon_name="lock-open",
            priority=90,
        )
        button.allow_in_dropdown = True  # in the row's "…" menu, beside edit and delete
        yield button


@hooks.register("register_log_actions")
def register_log_actions(actions):
    """Changes to someone's sign-in protection appear in the admin's site history."""
    actions.register_action("security.enrol_two_factor", "开启两步验证", "开启了两步验证")
    actions.register_action("security.disable_two_factor", "关闭两步验证", "关闭了两步验证")
    actions.register_action("security.reset_two_factor", "重置两步验证", "重置了两步验证")
    actions.register_action("security.unlock", "解除登录锁定", "解除了登录锁定")
