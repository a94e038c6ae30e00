"""An admin opens the dashboard in a real browser: signs in with the link from Slack (and its page's
button), opens every page in the bar at the top (read from texts.NAV, so a new page is covered as soon as
it is in the bar), and signs out. On every page: no console error and no script error (a
Content-Security-Policy violation is a console error), the page's heading, every chart (`data-chart`) and
the network picture drawn, and no private need. Each page is saved as a full-page screenshot."""

import re
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Error, Locator, Page, expect

from bot.dashboard import texts
from tests.browser.conftest import Site

TIMEOUT_MS = 5_000  # for anything on a page: a chart drawn, a heading shown
LOADING_MS = 10_000  # for a page to load, on a busy machine
VIEWPORT = {"width": 1280, "height": 900}
DRAWN = """
(element) => [...element.querySelectorAll("canvas")].some((canvas) => {
  if (!canvas.width || !canvas.height) return false;
  const context = canvas.getContext("2d");
  if (!context) return true;  // a WebGL canvas: sized, its pixels not readable from here
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) return true;
  return false;
})
"""
SVG_DRAWN = "(svg) => svg.querySelectorAll('circle, line, path, rect').length > 0"


def test_an_admin_opens_every_page_and_each_is_drawn_without_errors(
    site: Site, chromium: Browser, screenshots: Path
) -> None:
    context = chromium.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(LOADING_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: _console_error(message, errors))
    page.on("pageerror", lambda error: errors.append(f"script error: {error}"))

    page.goto(site.sign_in_link())
    expect(page.locator("h1")).to_have_text(texts.SIGN_IN_TITLE)
    page.screenshot(path=screenshots / "dashboard-sign-in.png", full_page=True)
    with page.expect_navigation(url=f"{site.url}/admin"):
        page.get_by_role("button", name=texts.SIGN_IN_BUTTON_PAGE).click()
    for path, name, label in texts.NAV:
        with page.expect_navigation(url=f"{site.url}{path}"):  # loaded, even when it is the page shown
            page.locator("nav").get_by_role("link", name=label, exact=True).click()
        expect(page.locator("h1")).to_have_text(_named(label))
        expect(page.locator("nav a[aria-current=page]")).to_have_text(label)
        try:
            _drawn(page, label)
        finally:  # a page that failed is worth a look too
            page.screenshot(path=screenshots / f"dashboard-{name}.png", full_page=True)
        _no_private_need(page, label, site.planted.private_needs)
        assert errors == [], f"{label} ({path}): {errors}"

    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("h1")).to_have_text(texts.LOGGED_OUT_TITLE)
    page.goto(f"{site.url}/admin")
    expect(page.locator("h1")).to_have_text(texts.SIGNED_OUT_TITLE)
    page.screenshot(path=screenshots / "dashboard-signed-out.png", full_page=True)
    context.close()


def _named(label: str) -> re.Pattern[str]:
    """A heading that says what the bar's link says ("Supply & demand" or "Supply and demand")."""
    return re.compile("^" + r" *(?:&|and) *".join(re.escape(part.strip()) for part in label.split("&")) + "$")


def _console_error(message: ConsoleMessage, errors: list[str]) -> None:
    if message.type == "error":
        errors.append(f"console: {message.text} ({message.location.get('url', '')})")


def _drawn(page: Page, label: str) -> None:
    """Every chart on the page has a canvas with something drawn on it, and so has the network picture (or,
    drawn on the server, its SVG has shapes)."""
    charts = page.locator("[data-chart]")
    for n in range(charts.count()):
        chart = charts.nth(n)
        _wait_until(
            page, DRAWN, chart, f"{label}: chart {chart.get_attribute('data-chart')!r} has no drawing"
        )
    picture = page.locator("#network-picture")
    if picture.count():
        is_svg = picture.evaluate("(element) => element.localName === 'svg'")
        _wait_until(page, SVG_DRAWN if is_svg else DRAWN, picture, f"{label}: the network picture is empty")


def _wait_until(page: Page, test: str, element: Locator, problem: str) -> None:
    try:
        page.wait_for_function(test, arg=element.element_handle(), timeout=TIMEOUT_MS)
    except Error as error:
        raise AssertionError(f"{problem} after {TIMEOUT_MS} ms") from error


def _no_private_need(page: Page, label: str, private_needs: tuple[str, ...]) -> None:
    shown, source = page.inner_text("body"), page.content()
    for need in private_needs:
        assert need not in shown, f"{label} shows a private need"
        assert need not in source, f"{label} carries a private need in its HTML"
