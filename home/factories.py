import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "测试社区"
    intro = "<p>欢迎来到测试社区。</p>"

    class Meta:
        model = HomePage
