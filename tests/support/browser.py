"""A headless Chromium for the web page's tests and benchmark: Debian's ``chromium`` driven
through its ``chromedriver`` by Selenium (``make browser`` installs both). Nothing is
downloaded: the driver is given, so Selenium's own manager never runs. Each session has a
new empty profile, and the performance log records every request the page makes."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)


def missing() -> str | None:
    """Why no browser can run here (None when one can)."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).is_file():
            return f"{path} is missing: `make browser` installs chromium and chromium-driver"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """One browser session; closed, and its profile removed, at the end."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="pohon-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver: Any, path: Path, fragment: str = "") -> None:
    """Load ``path`` from file:// with a clean slate of logs (the browser's start-up
    requests are not the page's)."""
    drain(driver)
    driver.get(path.resolve().as_uri() + (f"#{fragment}" if fragment else ""))
    driver.execute_script("return document.readyState")


def drain(driver: Any) -> None:
    driver.get("about:blank")
    driver.get_log("performance")
    driver.get_log("browser")


def requests(driver: Any) -> list[str]:
    """Every URL requested since the last ``open_page``."""
    found = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            found.append(message["params"]["request"]["url"])
    return found


def console(driver: Any) -> list[str]:
    """The console's warnings and errors since the last ``open_page``."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] != "INFO"]
