"""Form data for the newspaper editor (the pages come from tests/sections.py)."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


def issue_form_data(number, title=None, slug=None, date="2026-05-01", **extra):
    """POST data for the issue editor in the admin."""
    return nested_form_data(
        {
            "title": title or f"第{number}期",
            "slug": slug or f"issue-{number}",
            "number": str(number),
            "total_number": "",
            "date": date,
            "cover": "",
            "cover_alt": "",
            "editor_note": rich_text(""),
            "print_edition": "",
            **extra,
        }
    )


def article_form_data(
    title, slug, column=None, correspondents=(), text="居民们在议事会上各抒己见。", **extra
):
    """POST data for the article editor in the admin."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "subtitle": "",
            "lead": "",
            "tags": "",
            "column": str(column.pk) if column else "",
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            **extra,
        }
    )
    data["correspondents"] = [str(c.pk) for c in correspondents]
    return data
