"""Factories for users in the portal's roles."""

import factory
from django.contrib.auth import get_user_model

from portal import roles

DEFAULT_PASSWORD = "test-password-123"  # noqa: S105 (tests only)


class UserFactory(factory.django.DjangoModelFactory):
    """A user; pass `roles=[roles.EDITOR_IN_CHIEF]` to put them in the role's group."""

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"测试用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*roles.groups(extracted))
        if create:
            self.save()

    @factory.post_generation
    def verified_name(self, create, extracted, **kwargs):
        """实名: given, or the first name for committee members (who cannot approve without one)."""
        from portal.accounts.models import set_verified_name

        if not create:
            return
        if extracted is None and roles.group(roles.COMMITTEE) in self.groups.all():
            extracted = self.first_name
        if extracted:
            set_verified_name(self, extracted)
