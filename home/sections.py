"""Home page sections that other apps fill in.

Each app registers a function with the Wagtail hook `home_page_sections`; it receives
(request, home_page) and returns a `HomeSection` or None. The home page shows the four
known sections in a fixed order, with a friendly empty state for any that nothing fills.
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "home_page_sections"


@dataclass
class HomeSection:
    key: str
    title: str
    template: str = ""
    context: dict = field(default_factory=dict)
    more_url: str = ""
    more_label: str = ""
    empty_text: str = ""
    # A stylesheet (static path) the section's template needs on the home page.
    stylesheet: str = ""

    @property
    def is_empty(self):
        return not self.template


# The order and empty states of the sections; apps replace them through the hook.
DEFAULT_SECTIONS = [
    HomeSection("notices", "公示中的公告", empty_text="目前没有正在公示的公告。"),
    HomeSection("news", "最新一期社区报", empty_text="社区报即将上线，敬请期待。"),
    HomeSection("volunteers", "志愿服务星级榜", empty_text="志愿服务星级榜即将上线。"),
    HomeSection("role_models", "身边的榜样", empty_text="榜样风采即将上线。"),
]


def collect_sections(request, page):
    """The home page's sections: defaults, replaced by what apps registered."""
    by_key = {s.key: s for s in DEFAULT_SECTIONS}
    extra = []
    for fn in hooks.get_hooks(HOOK_NAME):
        section = fn(request, page)
        if section is None:
            continue
        if section.key in by_key:
            by_key[section.key] = section
        else:
            extra.append(section)
    return [by_key[s.key] for s in DEFAULT_SECTIONS] + extra


def section_stylesheets(sections):
    """Each stylesheet the filled sections need, once, in order."""
    return list(dict.fromkeys(s.stylesheet for s in sections if s.stylesheet and not s.is_empty))


DISTRICT_HOOK = "district_community_items"


def collect_district_items(request, sites):
    """{site id: [items]} for a sub-district's home: what apps registered with the hook
    `district_community_items(request, sites)` (each returns {site id: [items]}), merged."""
    merged = {}
    for fn in hooks.get_hooks(DISTRICT_HOOK):
        for site_id, items in (fn(request, sites) or {}).items():
            merged.setdefault(site_id, []).extend(items)
    return merged
