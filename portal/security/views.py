"""Admin views: the second sign-in step, 2FA enrolment and settings, lockouts, 2FA reset."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from portal import roles
from portal.security import lockout, two_factor
from portal.security.forms import TokenForm

WRONG_TOKEN = "验证码不正确或已过期。请输入验证器上当前显示的 6 位数字，或一个未用过的备用验证码。"  # noqa: S105 (a message, not a secret)
THROTTLED = "验证码错误次数过多，请稍等一会儿再试。"


def is_site_admin(user):
    return roles.is_site_admin(user) or roles.is_district(user)


def require_site_admin(request):
    if not is_site_admin(request.user):
        raise PermissionDenied


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def account_of(user):
    """The user model instance behind request.user (a lazy object the audit log does not know)."""
    return get_user_model().objects.get(pk=user.pk)


def throttled(user):
    """True after several wrong codes in a row: django-otp then refuses every code for a while
    (1 s after the first failure, doubling after each further one)."""
    for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
        allowed, details = device.verify_is_allowed()
        if not allowed and (details or {}).get("failure_count", 0) >= 3:
            return True
    return False


def verify(request):
    """Second step of signing in, for users who have an authenticator."""
    user = request.user
    if user.is_verified():
        return redirect(next_url(request))
    if not two_factor.has_two_factor(user):
        return redirect(f"{reverse('security_enrol')}?next={next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(next_url(request))
        form.add_error("token", THROTTLED if throttled(user) else WRONG_TOKEN)
    return render(request, "security/verify.html", {"form": form, "next": next_url(request)})


def enrol(request):
    """Set up an authenticator app: scan the QR code, confirm with one code, note backup codes.
    A user who already has one must verify with it first, so a password alone cannot replace it."""
    user = request.user
    if two_factor.has_two_factor(user) and not user.is_verified():
        return redirect(f"{reverse('security_verify')}?next={next_url(request)}")
    device = two_factor.pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = two_factor.confirm_device(device)
            otp_login(request, device)
            log(account_of(user), "security.enrol_two_factor", user=user)
            context = {"codes": codes, "next": next_url(request), "enrolled": True}
            return render(request, "security/backup_codes.html", context)
        form.add_error("token", WRONG_TOKEN)
    context = {
        "form": form,
        "next": next_url(request),
        "qr": two_factor.qr_svg(device.config_url),
        "secret": two_factor.secret_for_display(device),
        "required": two_factor.two_factor_required(user),
    }
    return render(request, "security/enrol.html", context)


def settings_view(request):
    """The user's own two-factor status, with backup codes and (if optional) switching off."""
    user = request.user
    context = {
        "enabled": two_factor.has_two_factor(user),
        "required": two_factor.two_factor_required(user),
        "codes_left": two_factor.backup_codes_left(user),
        "form": TokenForm(),
    }
    return render(request, "security/settings.html", context)


@require_POST
def backup_codes(request):
    if not two_factor.has_two_factor(request.user):
        return redirect("security_settings")
    codes = two_factor.new_backup_codes(request.user)
    return render(
        request, "security/backup_codes.html", {"codes": codes, "next": reverse("security_settings")}
    )


@require_POST
def disable(request):
    """Switch off optional 2FA; needs a current code, so a left-open session cannot do it."""
    user = request.user
    if two_factor.two_factor_required(user):
        messages.error(request, "你所在的角色必须使用两步验证，不能关闭。")
        return redirect("security_settings")
    form = TokenForm(request.POST)
    if form.is_valid() and match_token(user, form.cleaned_data["token"]) is not None:
        two_factor.remove_two_factor(user)
        log(account_of(user), "security.disable_two_factor", user=user)
        messages.success(request, "两步验证已关闭。")
    else:
        messages.error(request, WRONG_TOKEN)
    return redirect("security_settings")


def lockouts(request):
    """Current sign-in lockouts, each with an 解锁 button (站点管理员 only)."""
    require_site_admin(request)
    context = {
        "lockouts": lockout.current_lockouts(),
        "minutes": lockout.cool_off_minutes(),
        "limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "security/lockouts.html", context)


@require_POST
def unlock(request):
    require_site_admin(request)
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "")
    if kind not in ("username", "ip_address") or not value:
        messages.error(request, "没有找到要解锁的账号或地址。")
    else:
        lockout.unlock(kind, value)
        account = get_user_model().objects.filter(username=value).first() if kind == "username" else None
        if account is not None:
            log(account, "security.unlock", user=request.user)
        label = "账号" if kind == "username" else "地址"
        messages.success(request, f"已解锁{label} {value}，现在可以重新登录。")
    return redirect("security_lockouts")


def reset_two_factor(request, user_id):
    """A 站点管理员 removes a user's authenticator and backup codes (lost phone)."""
    require_site_admin(request)
    target = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        two_factor.remove_two_factor(target)
        log(target, "security.reset_two_factor", user=request.user)
        messages.success(
            request, f"已重置 {target.get_username()} 的两步验证，他下次登录时需要重新绑定手机验证器。"
        )
        return redirect("wagtailusers_users:index")
    return render(request, "security/reset_two_factor.html", {"target": target})
