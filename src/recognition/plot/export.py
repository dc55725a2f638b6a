"""Writing figures to files that need no network: HTML pages and static images.

``write_html`` embeds plotly.js in the page (or writes ``plotly.min.js``
beside it) and passes :func:`offline_config`, whose ``topojsonURL`` replaces
plotly.js's CDN base map with an inline empty one; the page loads nothing
from the network and does not start playing on its own.

``write_image`` renders PNG, SVG, PDF, JPEG or WebP with kaleido (install
``recognition[export]``), which drives a Chromium or Chrome already on the
machine: it looks for ``chrome``, ``google-chrome``, ``chromium``,
``chromium-browser``... on ``PATH`` (on Debian, ``apt-get install chromium``
gives ``/usr/bin/chromium``), or uses the path in the ``BROWSER_PATH``
environment variable when it is set. MathJax, which kaleido would fetch
from a CDN, is switched off.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import plotly.graph_objects as go
import plotly.io as pio

from recognition.errors import PlotError
from recognition.ledger import QueryError
from recognition.plot.geometry import TOPOJSON_URL

__all__ = ["IMAGE_FORMATS", "offline_config", "write_html", "write_image"]

#: The file suffixes :func:`write_image` accepts.
IMAGE_FORMATS = ("png", "svg", "pdf", "jpeg", "jpg", "webp")

_DEFAULT_SIZE = (1200, 700)


def offline_config() -> dict[str, Any]:
    """The plotly.js config for offline figures: pass it to ``fig.show(config=...)``."""
    return {"topojsonURL": TOPOJSON_URL, "displaylogo": False, "responsive": True}


def write_html(
    fig: go.Figure,
    path: str | os.PathLike[str],
    *,
    plotlyjs: Literal["inline", "directory"] = "inline",
) -> Path:
    """Write ``fig`` as a standalone HTML page that works without a network.

    Args:
        fig: the figure.
        path: the HTML file to write.
        plotlyjs: ``inline`` embeds plotly.js in the page (about 4.7 MB);
            ``directory`` writes ``plotly.min.js`` beside it (once per
            folder) and refers to it.

    Returns:
        The path written.

    Raises:
        QueryError: ``plotlyjs`` is neither ``inline`` nor ``directory``.
    """
    if plotlyjs not in ("inline", "directory"):
        msg = f"plotlyjs must be 'inline' or 'directory', not {plotlyjs!r}"
        raise QueryError(msg)
    target = Path(path)
    pio.write_html(
        fig,
        target,
        config=offline_config(),
        auto_play=False,
        include_plotlyjs=True if plotlyjs == "inline" else "directory",
        include_mathjax=False,
        full_html=True,
    )
    return target


def write_image(
    fig: go.Figure,
    path: str | os.PathLike[str],
    *,
    width: int | None = None,
    height: int | None = None,
    scale: float = 1.0,
) -> Path:
    """Render ``fig`` to an image file; its suffix gives the format.

    An animated map is drawn as its first frame.

    Args:
        fig: the figure.
        path: the file to write: ``.png``, ``.svg``, ``.pdf``, ``.jpeg``,
            ``.jpg`` or ``.webp``.
        width: the width in pixels (default: the figure's, else 1200).
        height: the height in pixels (default: the figure's, else 700).
        scale: multiplies the pixel size of raster formats.

    Returns:
        The path written.

    Raises:
        QueryError: the suffix is not an image format.
        PlotError: kaleido is not installed, no Chromium or Chrome was
            found, or the browser failed to render.
    """
    target = Path(path)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in IMAGE_FORMATS:
        known = ", ".join(f".{suffix}" for suffix in IMAGE_FORMATS)
        msg = f"cannot tell the image format of {str(target)!r}: use one of {known}"
        raise QueryError(msg)
    try:
        import kaleido  # noqa: PLC0415 - optional, and slow to import
        from kaleido.errors import (  # noqa: PLC0415
            BrowserClosedError,
            BrowserFailedError,
            ChromeNotFoundError,
            JavascriptError,
            KaleidoError,
        )
    except ImportError as exc:
        msg = "image export needs kaleido: pip install 'recognition[export]'"
        raise PlotError(msg) from exc
    layout = fig.layout
    options = {
        "format": "jpeg" if suffix == "jpg" else suffix,
        "width": width or layout.width or _DEFAULT_SIZE[0],
        "height": height or layout.height or _DEFAULT_SIZE[1],
        "scale": scale,
    }
    try:
        data = kaleido.calc_fig_sync(
            fig.to_dict(), opts=options, topojson=TOPOJSON_URL, kopts={"mathjax": False}
        )
    except ChromeNotFoundError as exc:
        msg = (
            "image export needs Chromium or Chrome, and none was found on PATH; "
            "install one (Debian: apt-get install chromium) or set BROWSER_PATH "
            "to its executable"
        )
        raise PlotError(msg) from exc
    except (
        BrowserClosedError,
        BrowserFailedError,
        JavascriptError,
        KaleidoError,
        TimeoutError,
    ) as exc:
        msg = f"the browser could not render the figure to {str(target)!r}: {exc}"
        raise PlotError(msg) from exc
    target.write_bytes(data)
    return target
