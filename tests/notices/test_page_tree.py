from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from notices.models import FinancialDisclosureIndexPage, FinancialDisclosurePage, NoticeIndexPage, NoticePage


class PageTreeTests(WagtailPageTestCase):
    def test_allowed_subpage_types(self):
        self.assertAllowedSubpageTypes(NoticeIndexPage, {NoticePage, FinancialDisclosureIndexPage})
        self.assertAllowedSubpageTypes(FinancialDisclosureIndexPage, {FinancialDisclosurePage})
        self.assertAllowedSubpageTypes(NoticePage, set())
        self.assertAllowedSubpageTypes(FinancialDisclosurePage, set())

    def test_allowed_parent_page_types(self):
        self.assertAllowedParentPageTypes(NoticeIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(NoticePage, {NoticeIndexPage})
        self.assertAllowedParentPageTypes(FinancialDisclosurePage, {FinancialDisclosureIndexPage})
