"""The HTML report in a real headless Chromium: it loads clean, its filters work, it is pictured.

CI installs Debian's ``chromium`` and ``chromium-driver`` (see ``.ci/run``); where they are
missing (a user's machine) the test skips. Selenium drives the browser through the system
chromedriver, so nothing is downloaded. ``LISTINGAUDIT_SCREENSHOT=path`` keeps a copy of the
screenshot (the README's picture of the report).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from listingaudit.reporting import write_report
from listingaudit_plugins.reporters.html import HtmlReporter

from .fixtures.reports import catalog

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
common = pytest.importorskip("selenium.common")
keys = pytest.importorskip("selenium.webdriver.common.keys")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1600",
)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("Debian's chromium and chromium-driver are not installed (CI installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _shown(browser: WebDriver) -> list[str]:
    """Titles of the listings on screen, and the page's own count of them."""
    cards = browser.find_elements("css selector", ".listing")
    titles = [c.find_element("css selector", "h3 .text").text for c in cards if c.is_displayed()]
    assert browser.find_element("id", "shown").text == str(len(titles))
    return titles


def _click(browser: WebDriver, group: str, value: str) -> None:
    selector = f'[data-filter="{group}"] button[data-value="{value}"]'
    browser.find_element("css selector", selector).click()


def _search(browser: WebDriver, text: str) -> None:
    """Type into the search box as a person does (``clear()`` fires no input event)."""
    box = browser.find_element("id", "search")
    box.send_keys(keys.Keys.CONTROL, "a")
    box.send_keys(keys.Keys.BACKSPACE, text)


def test_the_report_loads_filters_and_searches(
    browser: WebDriver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "report.html"
    write_report(HtmlReporter({}), catalog.build(tmp_path), str(page))
    browser.get(page.as_uri())

    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    with pytest.raises(common.NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 (the hostile title's alert() never ran)
    assert browser.execute_script(
        "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"
    )
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    everything = ["Blue Stoneware Mug", catalog.HOSTILE[:40], "Enamel Camping Mug", "Red Kettle"]
    assert [t[:40] for t in _shown(browser)] == [t.replace("\x07", "␇")[:40] for t in everything]

    screenshot = tmp_path / "report.png"
    assert browser.save_screenshot(str(screenshot)) and screenshot.stat().st_size > 10_000
    if os.environ.get("LISTINGAUDIT_SCREENSHOT"):
        shutil.copyfile(screenshot, os.environ["LISTINGAUDIT_SCREENSHOT"])

    _click(browser, "family", "returns")
    assert _shown(browser) == ["Blue Stoneware Mug"]
    findings = browser.find_elements("css selector", ".listing .finding")
    assert [f.find_element("css selector", "code").text for f in findings if f.is_displayed()] == [
        "RET002",
        "RET002",
    ]

    _click(browser, "family", "")
    _click(browser, "severity", "info")
    assert _shown(browser) == ["Red Kettle"]

    _click(browser, "severity", "")
    _search(browser, "CAMPING")
    assert _shown(browser) == ["Enamel Camping Mug"]  # no findings, found by its title
    _search(browser, "SHP003")
    assert _shown(browser) == ["Red Kettle"]  # found by a rule code in its findings
    _search(browser, "no such listing")
    assert _shown(browser) == []
    assert browser.find_element("id", "no-match").is_displayed()
    _search(browser, "")
    assert len(_shown(browser)) == 4
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
