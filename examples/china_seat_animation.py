"""An animated map of the China seat since 1971: who recognised Beijing, who Taipei.

Run: python examples/china_seat_animation.py   (writes out/china-seat.html)
"""

from __future__ import annotations

from pathlib import Path

import recognition
from recognition import plot


def main(out: Path = Path("out") / "china-seat.html") -> None:
    ledger = recognition.load("china")
    figure = plot.choropleth_animation(
        ledger,
        "CN",
        start="1971-01-01",
        end="2025-01-01",
        every="change",
        title="Recognition of Beijing and Taipei since 1971",
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    plot.write_html(figure, out)
    steps = len(figure.layout.sliders[0].steps)
    size = out.stat().st_size / 1e6
    print(f"wrote {out} ({size:.1f} MB, {steps} slider steps); open it in a browser")


if __name__ == "__main__":
    main()
