"""portal's own part of setting up a community (its site administrators)."""

from wagtail import hooks

from .provisioning import provision_site_admins

hooks.register("provision_community", provision_site_admins)
