"""Replace Wagtail's placeholder welcome page with a HomePage so `/` works on a new database."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")

    placeholder = Page.objects.filter(
        content_type__app_label="wagtailcore",
        content_type__model="page",
        depth=2,
        path="00010001",
        numchild=0,
    ).first()
    if placeholder is None:
        return
    locale = placeholder.locale or Locale.objects.first()
    placeholder.delete()

    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    homepage = HomePage.objects.create(
        title="社区公开栏",
        draft_title="社区公开栏",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True)
    else:
        site.root_page = homepage
        site.save()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
