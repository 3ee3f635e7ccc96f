"""Two-factor helpers for tests: enrol an authenticator and compute its current code, as the
phone app would; a test client that completes the second step after logging in."""

from django.http import HttpRequest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.security import two_factor


def enrol_totp(user):
    """The user's confirmed authenticator, created if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=two_factor.TOTP_NAME, confirmed=True)


def current_token(device):
    """The 6-digit code the phone app shows now (django_otp's own TOTP)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


class TwoFactorClient(Client):
    """Django's test client; after login() or force_login() of a user who needs a second factor
    it records a verified authenticator in the session, as the verify step does."""

    def login(self, **credentials):
        # django-axes checks every sign-in against the request (address, lockouts).
        credentials.setdefault("request", HttpRequest())
        return super().login(**credentials)

    def _login(self, user, backend=None):
        super()._login(user, backend)
        if two_factor.two_factor_required(user) or two_factor.has_two_factor(user):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = enrol_totp(user).persistent_id
            session.save()
