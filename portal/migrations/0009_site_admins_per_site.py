"""The shared 站点管理员 group is the default community's: its page permissions on the whole tree
and its global permission on 社区信息 become permissions on the default site only
(portal.provisioning.provision_site_admins grants them per site from now on)."""

from django.db import migrations


def narrow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    StableKey = apps.get_model("portal", "StableKey")
    Site = apps.get_model("wagtailcore", "Site")
    key = StableKey.objects.filter(key="role:site_admin", site=None).first()
    group = Group.objects.filter(pk=key.object_id).first() if key else None
    if group is None:
        return
    GroupPagePermission.objects.filter(group=group, page__depth=1).delete()
    settings = Permission.objects.filter(content_type__app_label="portal", codename="change_communitysettings").first()
    if settings is not None:
        group.permissions.remove(settings)
        for site in Site.objects.filter(is_default_site=True):
            GroupSitePermission.objects.get_or_create(group=group, site=site, permission=settings)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0008_district_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(narrow, migrations.RunPython.noop)]
