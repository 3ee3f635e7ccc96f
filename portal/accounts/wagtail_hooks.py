from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages

from portal import roles

from . import rules


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("accounts.verified_name", "登记实名", "登记实名")
    actions.register_action("accounts.committee_join", "加入监委会", "加入监委会")
    actions.register_action("accounts.committee_leave", "退出监委会", "退出监委会")


@hooks.register("before_bulk_action")
def protect_accounts_in_bulk(request, action_type, objects, action):
    """The user list's bulk actions obey the same rules as the user form."""
    if action.model is not get_user_model():
        return None
    problem = None
    if action_type == "assign_role":
        group = action.cleaned_form.cleaned_data["role"]
        added = roles.memberships_of_groups([group])
        for user in objects:
            before = roles.memberships_of_groups(user.groups.all())
            problem = problem or rules.membership_refusal(
                request.user, before, before | added, user.is_superuser
            )
    elif action_type in ("delete", "set_active_state") and not all(
        rules.may_manage(request.user, user) for user in objects
    ):
        problem = rules.ONLY_SUPERUSERS
    if problem is None:
        return None
    messages.error(request, problem)
    return redirect("wagtailusers_users:index")


@hooks.register("before_delete_user")
def protect_accounts_from_deletion(request, user):
    if rules.may_manage(request.user, user):
        return None
    messages.error(request, rules.ONLY_SUPERUSERS)
    return redirect("wagtailusers_users:index")
