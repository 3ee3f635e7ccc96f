"""Wagtail's user forms with the real name (实名) and the role rules of maker–checker."""

from django import forms
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.log_actions import log
from wagtail.users.forms import UserCreationForm, UserEditForm

from portal import roles

from . import rules
from .models import set_verified_name, verified_name
from .viewsets import community_groups


class RoleRulesMixin:
    """Only superusers grant superuser status, change 监委会 membership or the credentials of
    protected accounts (portal.accounts.rules); conflicting roles are refused."""

    CREDENTIAL_FIELDS = ("username", "email", "password1", "password2", "is_active")

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self.roles_before = (
            roles.memberships_of_groups(self.instance.groups.all()) if self.instance.pk else set()
        )
        self.committee_before = bool(rules.committee_sites(self.roles_before))
        if for_user is not None and "groups" in self.fields:
            groups = community_groups(for_user)  # only the roles of the actor's own communities
            if groups is not None:
                self.fields["groups"].queryset = groups
        if for_user is not None and not for_user.is_superuser:
            self.fields.pop("is_superuser", None)
            if self.instance.pk and not rules.may_manage(for_user, self.instance):
                for name in self.CREDENTIAL_FIELDS:
                    if name in self.fields:
                        self.fields[name].disabled = True
                        self.fields[name].required = False
                        self.fields[name].help_text = rules.ONLY_SUPERUSERS
        self.fields["verified_name"] = forms.CharField(
            label="实名",
            required=False,
            max_length=60,
            initial=verified_name(self.instance) if self.instance.pk else "",
            help_text="监委会成员审核财务公开时，居民看到的署名。只有站点管理员能填写，本人不能修改。",
        )

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups")
        if groups is None:
            return cleaned
        held = roles.memberships_of_groups(groups)
        is_superuser = cleaned.get("is_superuser", self.instance.is_superuser)
        if self.for_user is not None:
            problem = rules.membership_refusal(self.for_user, self.roles_before, held, is_superuser)
        else:
            problem = roles.role_conflict(held, is_superuser)
        if problem:
            self.add_error("groups", problem)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            self.save_extras(user)
        return user

    def save_extras(self, user):
        name = self.cleaned_data.get("verified_name", "")
        if name != verified_name(user):
            set_verified_name(user, name, by=self.for_user)
            log(instance=user, action="accounts.verified_name", user=self.for_user, data={"name": name})
        committee_after = bool(rules.committee_sites(roles.memberships_of_groups(user.groups.all())))
        if committee_after != self.committee_before:
            log(
                instance=user,
                action="accounts.committee_join" if committee_after else "accounts.committee_leave",
                user=self.for_user,
            )


class PortalUserCreationForm(RoleRulesMixin, UserCreationForm):
    pass


class PortalUserEditForm(RoleRulesMixin, UserEditForm):
    pass


class LoginForm(WagtailLoginForm):
    """Wagtail's login form; its password field has no label, so it read "Password"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "密码"
