"""The shared blocks' data migrations on a copy of the demo: content saved in the old block shapes
(notice image `alt`, role-model quote `source`) comes through with every alt text, caption and
attribution, in the pages and in every revision; the migrations go back and forth."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.db.models.functions import Cast
from django.test import Client
from wagtail.models import Page, Revision

from news.models import ArticlePage
from notices.factories import NoticeIndexPageFactory, NoticePageFactory
from notices.models import NoticePage
from portal.demo.media import get_or_create_image
from portal.migration_utils import rename_struct_child
from volunteers.models import RoleModelPage

# Migrations change the database state: no test transaction; serialized_rollback restores the data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# news's 0010 only restates the article body's blocks: news stays at its latest schema, so the
# demo (written with today's models) loads whatever columns news adds later.
BEFORE_SHARED_BLOCKS = [
    ("notices", "0007_per_community"),
    ("volunteers", "0006_settings_per_site"),
]
# model, stream field, block type, the child's name before -> after
RENAMED = [
    (NoticePage, "body", "image", "alt", "alt_text"),
    (RoleModelPage, "story", "quote", "source", "attribution"),
]


# Where residents see images and quotes (articles kept their shapes; they must survive too).
IMAGES = [(NoticePage, "body"), (ArticlePage, "body")]
QUOTES = [(ArticlePage, "body"), (RoleModelPage, "story")]


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def raw_rows(model, field):
    """{page id: the stream's JSON as stored}, read past the StreamField."""
    rows = model.objects.annotate(raw=Cast(field, models.JSONField())).values_list("pk", "raw")
    return {pk: raw or [] for pk, raw in rows}


def write_row(model, field, pk, raw):
    model.objects.filter(pk=pk).update(**{field: models.Value(raw, output_field=models.JSONField())})


def revisions(model):
    return Revision.objects.filter(content_type=ContentType.objects.get_for_model(model))


def renamed(stream, block_type, old, new):
    """The stream with one child of every `block_type` block renamed, as the old code saved it."""
    return [
        {**block, "value": {(new if key == old else key): v for key, v in block["value"].items()}}
        if block["type"] == block_type
        else block
        for block in stream
    ]


def shown(streams, block_type, keys):
    """{page id: [the `keys` values of each `block_type` block]} for the pages that have one."""
    found = {}
    for model, field in streams:
        for pk, stream in raw_rows(model, field).items():
            blocks = [tuple(b["value"].get(k) for k in keys) for b in stream if b["type"] == block_type]
            if blocks:
                found[pk] = blocks
    return found


def save_in_old_shapes():
    """Rewrite the demo's pages and revisions in the block shapes before portal.blocks."""
    for model, field, block_type, old, new in RENAMED:
        for pk, stream in raw_rows(model, field).items():
            write_row(model, field, pk, renamed(stream, block_type, new, old))
        for revision in revisions(model):
            content = dict(revision.content)
            content[field] = json.dumps(renamed(json.loads(content[field]), block_type, new, old))
            Revision.objects.filter(pk=revision.pk).update(content=content)


def shapes(model, field, block_type, name):
    """Every `block_type` block's child keys and its `name` value, in rows and revisions."""
    streams = list(raw_rows(model, field).values())
    streams += [json.loads(r.content[field]) for r in revisions(model).order_by("pk")]
    blocks = [b["value"] for s in streams for b in s if b["type"] == block_type]
    return [(tuple(sorted(b)), b.get(name)) for b in blocks]


def test_the_demo_in_the_old_block_shapes_migrates_and_renders():
    # The demo is built by today's code on today's tables (fields added since then included),
    # then taken back to before the shared blocks and rewritten in the old shapes.
    call_command("load_demo", "--no-index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    images = shown(IMAGES, "image", ["alt_text", "caption"])
    quotes = shown(QUOTES, "quote", ["text", "attribution"])
    assert len(images) >= 2 and len(quotes) >= 4  # notices and articles; articles and role models
    migrate(BEFORE_SHARED_BLOCKS)
    save_in_old_shapes()
    assert {keys for keys, _ in shapes(NoticePage, "body", "image", "alt")} == {("alt", "caption", "image")}

    migrate()

    # Pages and every revision carry the new shapes with the same texts.
    assert shown(IMAGES, "image", ["alt_text", "caption"]) == images
    assert shown(QUOTES, "quote", ["text", "attribution"]) == quotes
    image_shapes = shapes(NoticePage, "body", "image", "alt_text")
    quote_shapes = shapes(RoleModelPage, "story", "quote", "attribution")
    assert image_shapes and all(
        keys == ("alt_text", "caption", "image") and alt for keys, alt in image_shapes
    )
    assert quote_shapes and all(keys == ("attribution", "text") and who for keys, who in quote_shapes)
    for revision in revisions(NoticePage):
        revision.as_object().body.render_as_block()  # old revisions open in the new code

    # Every page renders; what residents see keeps the alt texts, captions and attributions.
    client = Client()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        site_id, root, path = page.get_url_parts()
        host = root.split("://", 1)[1]
        response = client.get(path, follow=True, HTTP_HOST=host)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        for alt, caption in images.get(page.pk, []):
            assert f'alt="{alt}"' in html and f"<figcaption>{caption}</figcaption>" in html
        for text, who in quotes.get(page.pk, []):
            public_name = who if getattr(page, "has_consent", True) else page.masked_name
            assert text in html and (not who or f"—— {public_name}" in html)

    # Back to the old shapes and forward again.
    migrate(BEFORE_SHARED_BLOCKS)
    assert {keys for keys, _ in shapes(NoticePage, "body", "image", "alt")} == {("alt", "caption", "image")}
    assert {keys for keys, _ in shapes(RoleModelPage, "story", "quote", "source")} == {("source", "text")}
    migrate()
    assert shapes(NoticePage, "body", "image", "alt_text") == image_shapes
    assert shapes(RoleModelPage, "story", "quote", "attribution") == quote_shapes


def test_running_the_migration_twice_changes_nothing(home_page):
    from django.apps import apps

    picture = get_or_create_image("电梯井施工现场", text="施工", size=(200, 150))
    notice = NoticePageFactory(
        parent=NoticeIndexPageFactory(parent=home_page),
        body=[("image", {"image": picture, "alt_text": "电梯井道施工现场", "caption": "请绕行"})],
    )
    notice.save_revision()
    before = (raw_rows(NoticePage, "body"), [r.content["body"] for r in revisions(NoticePage)])
    forward = rename_struct_child("notices", "NoticePage", "body", "image", "alt", "alt_text")
    forward.code(apps, None)
    forward.code(apps, None)
    assert (raw_rows(NoticePage, "body"), [r.content["body"] for r in revisions(NoticePage)]) == before
