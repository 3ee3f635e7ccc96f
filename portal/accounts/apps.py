from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    """Accounts: verified real names (实名) and who may hold which roles together."""

    name = "portal.accounts"
    label = "accounts"
    verbose_name = "账号"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401


class PortalUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our forms (installed in place of `wagtail.users`)."""

    user_viewset = "portal.accounts.viewsets.UserViewSet"
