from django import template
from django.template.loader import render_to_string

from ..fingerprint import verification_code
from ..records import content_record

register = template.Library()


@register.filter
def code(fingerprint):
    """核验码 from a full fingerprint."""
    return verification_code(fingerprint)


@register.simple_tag(takes_context=True)
def review_summary(context, state):
    """The content under review, read-only: the page type's own summary or a link to the preview."""
    draft = state.revision.as_object()
    template_name = getattr(draft, "review_template", "review/summary_default.html")
    extra = draft.review_context() if hasattr(draft, "review_context") else {}
    return render_to_string(
        template_name,
        {
            "draft": draft,
            "record": content_record(draft),
            "state": state,
            "request": context.get("request"),
            **extra,
        },
    )
