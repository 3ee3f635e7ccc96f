"""What residents can filter search results by, and how each kind of page is labelled."""

from django.apps import apps

# key, label, page models ("app_label.ModelName"); a model that does not exist is skipped.
SEARCH_TYPES = [
    ("notice", "公告", ["notices.NoticePage"]),
    ("finance", "财务公开", ["notices.FinancialDisclosurePage"]),
    ("news", "社区报", ["news.ArticlePage", "news.IssuePage", "news.PublicationPage"]),
    ("rolemodel", "榜样", ["volunteers.RoleModelPage"]),
    # Not pages: teams live at <star board>/team/<id>/ (see views.search_teams).
    ("team", "志愿服务队", ["volunteers.VolunteerTeam"]),
]
TEAM_TYPE = "team"
OTHER_LABEL = "页面"


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def type_models(key):
    """The page models of one type key, or None for an unknown key."""
    for type_key, _label, labels in SEARCH_TYPES:
        if type_key == key:
            return [m for m in (_model(name) for name in labels) if m is not None]
    return None


def available_types():
    """(key, label) of the types whose models exist in this install."""
    return [(key, label) for key, label, _ in SEARCH_TYPES if type_models(key)]


def label_for(page):
    model_label = page._meta.label
    for _key, label, labels in SEARCH_TYPES:
        if model_label in labels:
            return label
    return OTHER_LABEL
