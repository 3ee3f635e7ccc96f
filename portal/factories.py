"""Factories for users in the portal's roles."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

DEFAULT_PASSWORD = "test-password-123"  # noqa: S105 (tests only)


class UserFactory(factory.django.DjangoModelFactory):
    """A user; pass `roles=["主编"]` to put them in groups."""

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
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()
