"""The user admin: Wagtail's views, our forms, the requesting user passed to them, and a
community's administrators seeing only the accounts of their own community (and new ones)."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.users.views import users

from portal import roles
from portal.models import StableKey


def community_groups(actor):
    """The groups of the actor's communities; None means every group (the sub-district)."""
    site_ids = roles.user_site_ids(actor)
    if site_ids is None:
        return None
    keys = StableKey.objects.filter(
        content_type=ContentType.objects.get_for_model(Group), key__startswith="role:", site_id__in=site_ids
    )
    if roles.default_site_id() in site_ids:
        shared = [roles.group_key(role) for role in roles.COMMUNITY_ROLES]
        keys = keys | StableKey.objects.filter(key__in=shared, site=None)
    return Group.objects.filter(pk__in=keys.values("object_id"))


def in_communities(actor, queryset):
    """Accounts in the actor's communities, or in none yet; everyone for the sub-district."""
    groups = community_groups(actor)
    if groups is None:
        return queryset
    return queryset.filter(Q(groups__in=groups) | Q(groups__isnull=True)).distinct()


class FormUserMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class IndexView(users.IndexView):
    def get_base_queryset(self):
        return in_communities(self.request.user, super().get_base_queryset())


class CreateView(FormUserMixin, users.CreateView):
    pass


class EditView(FormUserMixin, users.EditView):
    def get_queryset(self):
        return in_communities(self.request.user, super().get_queryset())


class DeleteView(users.DeleteView):
    def get_queryset(self):
        return in_communities(self.request.user, super().get_queryset())


class UserViewSet(users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        from .forms import PortalUserCreationForm, PortalUserEditForm

        return PortalUserEditForm if for_update else PortalUserCreationForm
