"""社区工作人员's permission on 志愿服务规则 becomes per site (volunteers.provisioning grants it)."""

from django.db import migrations


def narrow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    StableKey = apps.get_model("portal", "StableKey")
    Site = apps.get_model("wagtailcore", "Site")
    key = StableKey.objects.filter(key="role:staff", site=None).first()
    group = Group.objects.filter(pk=key.object_id).first() if key else None
    permission = Permission.objects.filter(codename="change_volunteersettings").first()
    if group is None or permission is None:
        return
    group.permissions.remove(permission)
    for site in Site.objects.filter(is_default_site=True):
        GroupSitePermission.objects.get_or_create(group=group, site=site, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0005_stable_keys"),
        ("portal", "0008_district_roles"),
    ]

    operations = [migrations.RunPython(narrow, migrations.RunPython.noop)]
