"""End-to-end: pages written by ``plot.write_html``, opened in headless Chromium, offline.

Every request the page makes other than for its own file is refused and
recorded; each test asserts there was none. Colours are read from
screenshots at a point well inside a country's shape.

Without Chromium (or playwright) these tests skip, saying why; when the
``CI`` environment variable is set they fail instead, so CI cannot pass
without having run them.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from plotting import PAYLOAD, tiny_ledger

import recognition
from recognition import plot

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.browser

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# A point inside the shape of a location, with the points 3 px around it
# inside too (so not on a border), as near the middle of its box as possible.
INTERIOR = """(loc) => {
  const el = [...document.querySelectorAll('path.choroplethlocation')]
    .find(p => p.__data__ && p.__data__.loc === loc);
  if (!el) return null;
  const box = el.getBoundingClientRect();
  const inverse = el.getScreenCTM().inverse();
  const inside = (x, y) => el.isPointInFill(new DOMPoint(x, y).matrixTransform(inverse));
  let best = null;
  for (let fy = 0.05; fy < 0.96; fy += 0.05) for (let fx = 0.05; fx < 0.96; fx += 0.05) {
    const x = Math.round(box.left + fx * box.width), y = Math.round(box.top + fy * box.height);
    const around = [[0, 0], [3, 0], [-3, 0], [0, 3], [0, -3]];
    const ok = around.every(([dx, dy]) => inside(x + dx, y + dy));
    const distance = Math.hypot(fx - 0.5, fy - 0.5);
    if (ok && (best === null || distance < best.distance)) best = {x, y, distance};
  }
  return best && [best.x, best.y];
}"""


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so browser tests must run")
    pytest.skip(reason)


def _chromium() -> str | None:
    """``BROWSER_PATH`` if set (kaleido honours it too), else the system Chromium."""
    override = os.environ.get("BROWSER_PATH")
    found = (override,) if override else ("/usr/bin/chromium", shutil.which("chromium"))
    return next((path for path in found if path and Path(path).is_file()), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415
    except ImportError:
        _unavailable("playwright is not installed")
    executable = _chromium()
    if executable is None:
        _unavailable("no Chromium: looked at $BROWSER_PATH, /usr/bin/chromium, chromium on PATH")
    assert executable is not None
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield launched
        launched.close()


class Offline:
    """A page that may load files only; it records any other request and refuses it."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(
            viewport={"width": 1200, "height": 800}, device_scale_factor=1
        )
        self.attempted: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.attempted.append(route.request.url)
            route.abort()

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("path.choroplethlocation", state="attached", timeout=30_000)

    def interior(self, location: str) -> tuple[int, int]:
        point = self.page.evaluate(INTERIOR, location)
        assert point is not None, f"no interior point for {location}"
        return point[0], point[1]

    def pixel(self, location: str) -> str:
        x, y = self.interior(location)
        shot = self.page.screenshot(clip={"x": x, "y": y, "width": 1, "height": 1})
        return _only_pixel(shot)

    def hover(self, location: str) -> str:
        """The hover label shown over ``location`` (its text, markup rendered)."""
        self.page.mouse.move(1, 1)
        x, y = self.interior(location)
        self.page.mouse.move(x, y)
        label = self.page.locator(".hoverlayer .hovertext")
        label.wait_for(timeout=10_000)
        self.page.wait_for_timeout(300)
        assert label.count() == 1
        assert self.page.locator(".hoverlayer .hovertext text.name").count() == 0  # no trace name
        return label.text_content() or ""

    def check_offline(self) -> None:
        assert self.attempted == [], f"the page tried the network: {self.attempted}"
        assert self.errors == []


@pytest.fixture
def offline(browser: Browser) -> Iterator[Offline]:
    page = Offline(browser)
    yield page
    page.context.close()


def _only_pixel(png: bytes) -> str:
    """The colour (``#RRGGBB``) of a 1x1 PNG, as Chromium writes them."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data, channels = 8, b"", 3
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        body = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert (width, height, depth) == (1, 1, 8)
            channels = {2: 3, 6: 4}[color]
        elif kind == b"IDAT":
            data += body
        position += 12 + length
    raw = zlib.decompress(data)
    # One row of one pixel: every PNG filter leaves it as it is.
    red, green, blue = raw[1 : 1 + channels][:3]
    return f"#{red:02X}{green:02X}{blue:02X}"


def _colour_of(figure: Any, location: str, z: Any) -> str:
    code = z[list(figure.data[0].locations).index(location)]
    colour: str = figure.data[1 + code].marker.color
    return colour.upper()


def test_slider_changes_the_colours_and_a_recogniser_has_its_claimants_colour(
    offline: Offline, tmp_path: Path
) -> None:
    figure = plot.choropleth_animation(
        recognition.load("venezuela"), "VE", start="2019-01-01", end="2019-02-05", every="week"
    )
    offline.open(plot.write_html(figure, tmp_path / "venezuela.html"))
    legend = offline.page.locator(".legendtext").all_text_contents()
    before = offline.pixel("US")
    assert before == _colour_of(figure, "US", figure.data[0].z)
    assert before != "#D55E00"
    assert offline.hover("US").startswith("United StatesNo statement on record")

    ticks = offline.page.locator(".slider-tick-rect")
    assert ticks.count() == 6
    ticks.last.click(force=True)
    offline.page.wait_for_function(  # the date shown above the slider
        "() => [...document.querySelectorAll('.slider-label')]"
        ".some(label => label.textContent === 'On 2019-02-05')"
    )
    offline.page.wait_for_timeout(300)
    assert offline.pixel("US") == "#D55E00"  # the Interim government of Juan Guaidó
    assert offline.pixel("RU") == "#0072B2"  # the Government of Nicolás Maduro
    # The hover text of the day, taken from the table the frames refer to.
    assert offline.hover("US").startswith(
        "United StatesRecognises Interim government of Juan Guaidó, since 2019-01"
    )
    assert offline.hover("RU").startswith(
        "Russian FederationRecognises Government of Nicolás Maduro, since 2019-01-23"
    )
    assert offline.page.locator(".legendtext").all_text_contents() == legend
    offline.check_offline()


def test_kosovo_is_drawn_in_its_own_colour(offline: Offline, tmp_path: Path) -> None:
    figure = plot.choropleth(
        recognition.load("kosovo"), "XK", on="2020-01-01", bounds=(13, 39, 24, 47)
    )
    offline.open(plot.write_html(figure, tmp_path / "kosovo.html"))
    assert offline.pixel("XK") == "#000000"
    assert offline.pixel("AL") == "#0072B2"  # Albania recognises Kosovo
    assert offline.pixel("RS") == "#D9D9D9"  # Serbia does not
    offline.check_offline()


def test_markup_in_a_source_is_shown_as_text_and_runs_nothing(
    offline: Offline, tmp_path: Path
) -> None:
    figure = plot.choropleth(tiny_ledger(PAYLOAD), "VE", on="2019-02-05")
    offline.open(plot.write_html(figure, tmp_path / "payload.html"))
    x, y = offline.interior("US")
    offline.page.mouse.move(x, y)
    hover = offline.page.locator(".hoverlayer .hovertext")
    hover.wait_for(timeout=10_000)
    offline.page.wait_for_timeout(300)
    shown = hover.text_content() or ""
    assert '<script>window.__pwned = "script"</script>' in shown
    assert "<img src=x" in shown
    assert "<b>bold?</b> & 'quotes'" in shown
    assert offline.page.evaluate("() => window.__pwned") is None
    assert offline.page.locator("img").count() == 0
    assert offline.page.locator(".hoverlayer script, .hoverlayer img").count() == 0
    offline.check_offline()


def test_write_image_renders_with_the_system_chromium(browser: Browser, tmp_path: Path) -> None:
    del browser  # only there to skip or fail where Chromium is missing
    figure = plot.choropleth(recognition.load("venezuela"), "VE", on="2019-02-05")
    png = plot.write_image(figure, tmp_path / "map.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 700)
    svg = plot.write_image(figure, tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "#d55e00" in svg.lower() or "rgb(213, 94, 0)" in svg
