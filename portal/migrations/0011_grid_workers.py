"""网格员 (grid workers): a community role like the others. The shared group is the default
community's; every community that already has groups of its own gets its 网格员·<社区> group
(new communities get theirs from add_community)."""

from django.db import migrations

from portal.migration_utils import ensure_permissions, set_key

KEY = "role:grid_worker"
LABEL = "网格员"


def create_grid_workers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    StableKey = apps.get_model("portal", "StableKey")
    CommunitySettings = apps.get_model("portal", "CommunitySettings")
    # The holiday table's permissions, which provisioning grants right after migrate.
    ensure_permissions(apps, "portal")
    access = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    shared, _ = Group.objects.get_or_create(name=LABEL)
    set_key(apps, shared, KEY, "auth", "group")
    shared.permissions.add(access)
    group_type, _ = ContentType.objects.get_or_create(app_label="auth", model="group")
    own_sites = (
        StableKey.objects.filter(key="role:staff", site__isnull=False).values_list("site", flat=True).distinct()
    )
    for site_id in own_sites:
        if StableKey.objects.filter(key=KEY, site_id=site_id).exists():
            continue
        settings = CommunitySettings.objects.filter(site_id=site_id).first()
        site = apps.get_model("wagtailcore", "Site").objects.get(pk=site_id)
        name = settings.community_name if settings else (site.site_name or site.hostname)
        group, _ = Group.objects.get_or_create(name=f"{LABEL}·{name}")
        group.permissions.add(access)
        StableKey.objects.create(key=KEY, site_id=site_id, content_type=group_type, object_id=group.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0010_workday_overrides"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    # Going back leaves the groups, like the other role migrations (0008).
    operations = [migrations.RunPython(create_grid_workers, migrations.RunPython.noop)]
