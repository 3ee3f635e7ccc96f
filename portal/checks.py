"""Start-up check: everything the apps find by stable key exists (portal.provisioning)."""

from django.core.checks import Error, register
from django.db import DatabaseError

from .keys import keyed


@register("portal")
def stable_keys_check(app_configs=None, **kwargs):
    from .provisioning import required_keys

    errors = []
    try:
        missing = [(model, key) for model, key in required_keys() if keyed(model, key) is None]
    except DatabaseError:
        return []  # not migrated yet
    for model, key in missing:
        errors.append(
            Error(
                f"找不到稳定键为 {key} 的{model._meta.verbose_name}（{model._meta.label}）。",
                hint="它由数据迁移创建；请运行 manage.py migrate。若是被人删除，请从备份恢复或重新创建并登记这个键。",
                id="portal.E001",
            )
        )
    return errors
