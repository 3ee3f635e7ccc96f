"""Fast creation of many issues (each with one live article) for the query-count tests.

Creating 900 issues one by one through treebeard takes minutes; here the tree paths are
computed directly and rows inserted in bulk, as a large archive would look in the database.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from news.models import ArticlePage, IssuePage


def _insert(model, rows):
    """Insert (parent, position, title, slug, specific fields) rows as live pages of `model`."""
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    base = Page.objects.bulk_create(
        [
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, position),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                live=True,
                first_published_at=now,
                last_published_at=now,
                locale_id=parent.locale_id,
            )
            for parent, position, title, slug, _ in rows
        ]
    )
    specific = [model(page_ptr_id=page.pk, **row[4]) for page, row in zip(base, rows, strict=True)]
    # bulk_create refuses multi-table models; insert the specific rows directly.
    model.objects._insert(specific, fields=model._meta.local_concrete_fields)
    return base


def add_issues(publication, count, first_number=1, cover=None, start=datetime.date(2000, 1, 7)):
    """`count` live issues of `publication`, a week apart, each with one live article."""
    publication.refresh_from_db()
    numbers = range(first_number, first_number + count)
    issue_rows = [
        (
            publication,
            publication.numchild + i + 1,
            f"第{n}期",
            f"issue-{n}",
            {
                "number": n,
                "date": start + datetime.timedelta(days=7 * (n - 1)),
                "cover_id": cover.pk if cover else None,
                "cover_alt": "",
                "editor_note": "",
            },
        )
        for i, n in enumerate(numbers)
    ]
    issues = _insert(IssuePage, issue_rows)
    Page.objects.filter(pk=publication.pk).update(numchild=publication.numchild + count)
    article_rows = [
        (issue, 1, f"{issue.title}的文章", "article", {"subtitle": "", "lead": "", "body": []})
        for issue in issues
    ]
    _insert(ArticlePage, article_rows)
    Page.objects.filter(pk__in=[i.pk for i in issues]).update(numchild=1)
    return issues
