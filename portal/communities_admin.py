"""Admin listings and forms limited to the communities the user belongs to.

`CommunityModelViewSet` and `CommunitySnippetViewSet` show, open, change and delete only objects of
the user's communities (their `site_path` leads to a Site; 街道 roles and superusers see all);
anything else is a 404, so a crafted URL reveals nothing.
"""

from django.contrib.auth.models import AnonymousUser
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from . import roles


def in_communities(user, queryset, site_path="site"):
    ids = roles.user_site_ids(user or AnonymousUser())
    return queryset if ids is None else queryset.filter(**{f"{site_path}__in": ids})


class ScopedIndexMixin:
    site_path = "site"

    def get_base_queryset(self):
        return in_communities(self.request.user, super().get_base_queryset(), self.site_path)


class ScopedObjectMixin:
    site_path = "site"

    def get_queryset(self):
        return in_communities(self.request.user, super().get_queryset(), self.site_path)


class ScopedModelIndexView(ScopedIndexMixin, generic.IndexView):
    pass


class ScopedModelEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedModelDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedModelHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class ScopedModelUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class ScopedModelInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class ScopedModelCopyView(ScopedObjectMixin, generic.CopyView):
    pass


class ScopedSnippetIndexView(ScopedIndexMixin, snippets.IndexView):
    pass


class ScopedSnippetEditView(ScopedObjectMixin, snippets.EditView):
    pass


class ScopedSnippetDeleteView(ScopedObjectMixin, snippets.DeleteView):
    pass


class ScopedSnippetHistoryView(ScopedObjectMixin, snippets.HistoryView):
    pass


class ScopedSnippetUsageView(ScopedObjectMixin, snippets.UsageView):
    pass


class ScopedSnippetInspectView(ScopedObjectMixin, snippets.InspectView):
    pass


class ScopedSnippetCopyView(ScopedObjectMixin, snippets.CopyView):
    pass


class CommunityViewSetMixin:
    site_path = "site"
    list_select_related = ()

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(site_path=self.site_path, **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        if self.list_select_related:
            kwargs.setdefault(
                "queryset", self.model._default_manager.select_related(*self.list_select_related)
            )
        return super().get_index_view_kwargs(**kwargs)


class CommunityModelViewSet(CommunityViewSetMixin, ModelViewSet):
    index_view_class = ScopedModelIndexView
    edit_view_class = ScopedModelEditView
    delete_view_class = ScopedModelDeleteView
    history_view_class = ScopedModelHistoryView
    usage_view_class = ScopedModelUsageView
    inspect_view_class = ScopedModelInspectView
    copy_view_class = ScopedModelCopyView


class CommunitySnippetViewSet(CommunityViewSetMixin, SnippetViewSet):
    index_view_class = ScopedSnippetIndexView
    edit_view_class = ScopedSnippetEditView
    delete_view_class = ScopedSnippetDeleteView
    history_view_class = ScopedSnippetHistoryView
    usage_view_class = ScopedSnippetUsageView
    inspect_view_class = ScopedSnippetInspectView
    copy_view_class = ScopedSnippetCopyView


class CommunityFormMixin:
    """A form's `site` field offers only the user's communities; other fields pointing at
    community objects (listed in `community_fields`: field name -> site path) likewise."""

    community_fields = {"site": "pk"}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        ids = roles.user_site_ids(for_user) if for_user is not None else None
        if ids is None:
            return
        for name, path in self.community_fields.items():
            field = self.fields.get(name)
            if field is not None and hasattr(field, "queryset"):
                field.queryset = field.queryset.filter(**{f"{path}__in": ids})
        site = self.fields.get("site")
        if site is not None and len(ids) == 1:
            # Someone of one community only: it is theirs, nothing to choose.
            site.disabled = True
            if not self.instance.pk:
                site.initial = next(iter(ids))
