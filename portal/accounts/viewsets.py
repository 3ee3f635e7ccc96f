"""The user admin: Wagtail's views, our forms, the requesting user passed to them."""

from wagtail.users.views import users


class FormUserMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class CreateView(FormUserMixin, users.CreateView):
    pass


class EditView(FormUserMixin, users.EditView):
    pass


class UserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView

    def get_form_class(self, for_update=False):
        from .forms import PortalUserCreationForm, PortalUserEditForm

        return PortalUserEditForm if for_update else PortalUserCreationForm
