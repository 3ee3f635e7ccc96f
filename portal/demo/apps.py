from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo community (历山名郡社区) and `manage.py load_demo`; installed in dev and test only."""

    name = "portal.demo"
    label = "demo"
    verbose_name = "演示数据"
