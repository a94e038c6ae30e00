"""The dashboard's pages, by address: one module a page, its `page` (and for a table, `download`, its CSV).
Adding a page: a module here, its template, a line below and (for the bar at the top) a line in texts.NAV."""

from bot.dashboard.page import Page
from bot.dashboard.pages import intros, network, overview, people, supply

PAGES: dict[str, Page] = {
    "/admin": overview.page,
    "/admin/": overview.page,
    "/admin/supply": supply.page,
    "/admin/supply.csv": supply.download,
    "/admin/supply-themes.csv": supply.themes,
    "/admin/people": people.page,
    "/admin/people.csv": people.download,
    "/admin/intros": intros.page,
    "/admin/intros.csv": intros.download,
    "/admin/network": network.page,
}
