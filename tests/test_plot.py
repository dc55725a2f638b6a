"""Figure-level tests of recognition.plot: what the figures hold, not how they look."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from plotly.offline import get_plotlyjs
from plotting import PAYLOAD, REFERENCE, category_of, hover_of, hovers_of, tiny_ledger

import recognition
from recognition import Ledger, QueryError, plot
from recognition.cli import main
from recognition.plot import labels
from recognition.plot.geometry import TOPOJSON_URL, world, world_ids
from recognition.plot.positions import Scope

GUAIDO = "Interim government of Juan Guaidó"
MADURO = "Government of Nicolás Maduro"


@pytest.fixture(scope="module")
def venezuela() -> Ledger:
    return recognition.load("venezuela")


@pytest.fixture(scope="module")
def weekly(venezuela: Ledger) -> Any:
    return plot.choropleth_animation(
        venezuela, "VE", start="2019-01-01", end="2019-06-30", every="week"
    )


@pytest.fixture(scope="module")
def daily(venezuela: Ledger) -> Any:
    return plot.choropleth_animation(
        venezuela, "VE", start="2019-01-01", end="2019-12-31", every="day"
    )


def legend(figure: Any) -> list[tuple[str, str]]:
    return [(trace.name, trace.marker.color) for trace in figure.data[1:]]


# -- one day --------------------------------------------------------------------


def test_a_state_that_recognises_a_claimant_gets_its_category(venezuela: Ledger) -> None:
    figure = plot.choropleth(venezuela, "VE", on="2019-02-05")
    assert category_of(figure, "US") == GUAIDO
    assert category_of(figure, "RU") == MADURO
    assert category_of(figure, "VE") == "Venezuela (the contested seat)"
    assert dict(legend(figure))[GUAIDO] == "#D55E00"
    assert figure.layout.title.text == "Recognition of the government of Venezuela, 2019-02-05"


def test_a_claimant_stands_for_its_seat_and_names_are_accepted(venezuela: Ledger) -> None:
    by_claimant = plot.choropleth(venezuela, "VE/guaido", on="2019-02-05")
    by_name = plot.choropleth(venezuela, "Venezuela", on="2019-02-05")
    assert by_claimant.to_plotly_json() == by_name.to_plotly_json()


def test_hover_names_the_position_since_when_and_the_sources(venezuela: Ledger) -> None:
    figure = plot.choropleth(venezuela, "VE", on="2019-02-05")
    text = hover_of(figure, "US")
    assert text.startswith("<b>United States</b><br>")
    status = venezuela.status("US", "VE", on="2019-02-05")
    assert f"Recognises {GUAIDO}, since {status.since}" in html.unescape(text)
    assert "Sources:" in text
    first = status.sources[0]
    assert labels.escape(first.outlet) in text
    assert "Sources disagree" not in text
    assert "Sources disagree" in hover_of(figure, "MX")
    assert category_of(figure, "MX") == "uncertain (imprecise date or sources disagree)"
    assert figure.data[0].hovertemplate == "%{text}<extra></extra>"


def test_organisations_are_not_drawn_and_do_not_make_categories() -> None:
    ledger = tiny_ledger()
    figure = plot.choropleth(ledger, "VE", on="2019-02-05")
    locations = set(figure.data[0].locations)
    assert "eu" not in locations
    assert all(loc == loc.upper() for loc in locations)
    only_eu = Ledger(r for r in ledger if r.event is not None and r.event.actor == "eu")
    names = [name for name, _ in legend(plot.choropleth(only_eu, "VE", on="2019-03-01"))]
    assert GUAIDO not in names
    rows = plot.timeline(ledger, "VE", start="2019-01-01", end="2019-03-01")
    assert all("European" not in y for trace in rows.data for y in trace.y)


def test_state_subject_categories_and_the_subject_itself() -> None:
    kosovo = recognition.load("kosovo")
    figure = plot.choropleth(kosovo, "XK", on="2020-01-01")
    assert category_of(figure, "XK") == "Kosovo"
    assert category_of(figure, "US") == "recognises Kosovo"
    assert category_of(figure, "RS") == "no recognition on record"
    assert dict(legend(figure))["Kosovo"] == "#000000"
    # Greenland is Danish; the Cook Islands recognised Kosovo themselves.
    assert category_of(figure, "GL") == category_of(figure, "DK")
    assert "(territory of Denmark)" in hover_of(figure, "GL")
    assert category_of(figure, "CK") == "recognises Kosovo"


def test_before_a_state_existed_its_shape_is_its_predecessor_or_not_a_state() -> None:
    china = recognition.load("china")
    figure = plot.choropleth(china, "CN", on="1965-06-01")
    assert category_of(figure, "UA") == category_of(figure, "RU") == "People's Republic of China"
    assert "(then part of Soviet Union)" in hover_of(figure, "UA")
    assert category_of(figure, "NA") == "not a state on that day"
    assert category_of(figure, "TW") == "China (the contested seat)"
    later = plot.choropleth(china, "CN", on="2000-01-01")
    assert "then part of" not in hover_of(later, "UA")


def test_colours_and_order_can_be_chosen(venezuela: Ledger) -> None:
    figure = plot.choropleth(
        venezuela,
        "VE",
        on="2019-02-05",
        color_discrete_map={"VE/guaido": "#123456", "neutral": "#654321"},
        category_orders={"position": ["neutral", GUAIDO, "VE/gonzalez"]},
    )
    names = [name for name, _ in legend(figure)]
    assert names[:3] == ["neutral", GUAIDO, venezuela.registry.lookup("VE/gonzalez").name]
    assert dict(legend(figure))[GUAIDO] == "#123456"
    assert category_of(figure, "US") == GUAIDO
    with pytest.raises(QueryError, match="no category 'recognised'"):
        plot.choropleth(venezuela, "VE", on="2019-02-05", color_discrete_map={"recognised": "red"})


def test_a_user_geojson_and_featureidkey() -> None:
    square = [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"iso": code},
                "geometry": {"type": "Polygon", "coordinates": square},
            }
            for code in ("US", "RU", "ZZ-NOT-AN-ENTITY", "VE")
        ],
    }
    figure = plot.choropleth(
        tiny_ledger(), "VE", on="2019-02-05", geojson=geojson, featureidkey="properties.iso"
    )
    trace = figure.data[0]
    assert list(trace.locations) == ["US", "RU", "VE"]
    assert trace.featureidkey == "properties.iso"
    assert trace.geojson == geojson
    with pytest.raises(QueryError, match=r"no 'properties\.code'"):
        plot.choropleth(
            tiny_ledger(), "VE", on="2019-02-05", geojson=geojson, featureidkey="properties.code"
        )


def test_the_bundled_map_is_read_lazily_and_each_copy_is_fresh() -> None:
    first = world()
    first["features"].clear()
    assert len(world()["features"]) == 240
    assert TOPOJSON_URL.startswith("data:application/json;base64,")
    assert TOPOJSON_URL.endswith("#")


# -- animation ------------------------------------------------------------------


def test_frames_change_only_colours_and_hover_texts(weekly: Any) -> None:
    base = weekly.data[0]
    assert base.geojson is not None
    assert base.text is None
    assert len(weekly.frames) >= 2
    for frame in weekly.frames:
        assert list(frame.traces) == [0]
        (data,) = frame.data
        keys = set(data.to_plotly_json())
        assert keys == {"type", "z", "hovertemplate"}
        assert len(data.z) == len(data.hovertemplate) == len(base.locations)
        assert all(0 <= z < len(weekly.data) - 1 for z in data.z)
        assert all(REFERENCE.fullmatch(template) for template in data.hovertemplate)
        assert frame.layout.to_plotly_json() == {}


def test_each_hover_text_is_sent_once_and_frames_draw_their_day(
    venezuela: Ledger, daily: Any
) -> None:
    table = daily.data[0].meta
    assert len(set(table)) == len(table)
    used = {t for f in daily.frames for t in f.data[0].hovertemplate} | set(
        daily.data[0].hovertemplate
    )
    assert len(used) == len(table)  # every text is shown somewhere
    locations = list(daily.data[0].locations)
    assert hovers_of(daily) == hovers_of(daily, 0)
    for number, frame in enumerate(daily.frames):
        day = plot.choropleth(venezuela, "VE", on=frame.name)
        assert list(day.data[0].locations) == locations
        assert hovers_of(daily, number) == hovers_of(day)
        assert [category_of(daily, loc, number) for loc in locations] == [
            category_of(day, loc) for loc in locations
        ]


def test_a_scope_gives_the_category_of_each_position_without_its_hover() -> None:
    kosovo = recognition.load("kosovo")
    for ledger, subject, days in (
        (kosovo, "XK", ("1990-06-01", "2008-02-20", "2020-01-01")),
        (tiny_ledger(), "VE", ("2019-01-01", "2019-01-15", "2019-02-05")),
    ):
        scope = Scope(ledger, subject)
        for day in map(dt.date.fromisoformat, days):
            drawn = [scope.position(shape, day) for shape in world_ids()]
            expected = [p.category if p is not None else None for p in drawn]
            assert [scope.category(shape, day) for shape in world_ids()] == expected
            assert len(set(expected)) >= 3


def test_a_daily_year_is_at_most_a_megabyte_beyond_plotlyjs(daily: Any, tmp_path: Path) -> None:
    page = plot.write_html(daily, tmp_path / "year.html").stat().st_size
    assert len(daily.layout.sliders[0].steps) == 365
    assert page - len(get_plotlyjs().encode()) <= 1_000_000


def test_the_geometry_is_sent_once(weekly: Any, tmp_path: Path) -> None:
    page = plot.write_html(weekly, tmp_path / "map.html").read_text(encoding="utf-8")
    andorra = json.dumps(world()["features"][0]["geometry"]["coordinates"], separators=(",", ":"))
    assert page.count(andorra) == 1
    spec = json.dumps(weekly.frames[0].to_plotly_json())
    assert "coordinates" not in spec
    assert "geojson" not in spec


def test_legend_and_colours_are_fixed_and_include_categories_absent_at_first() -> None:
    figure = plot.choropleth_animation(
        tiny_ledger(), "VE", start="2019-01-01", end="2019-02-10", every="day"
    )
    names = [name for name, _ in legend(figure)]
    assert GUAIDO in names
    guaido = names.index(GUAIDO)
    assert guaido not in figure.data[0].z
    assert any(guaido in frame.data[0].z for frame in figure.frames)
    assert category_of(figure, "US", frame=len(figure.frames) - 1) == GUAIDO
    # One colour scale for the whole figure: category i is always colour i.
    scale = figure.data[0].colorscale
    assert [scale[2 * i][1] for i in range(len(names))] == [c for _, c in legend(figure)]
    assert (figure.data[0].zmin, figure.data[0].zmax) == (-0.5, len(names) - 0.5)


def test_every_option(venezuela: Ledger) -> None:
    def steps(every: str) -> list[str]:
        figure = plot.choropleth_animation(
            venezuela, "VE", start="2019-01-01", end="2019-03-31", every=every
        )
        return [step.label for step in figure.layout.sliders[0].steps]

    days = steps("day")
    assert len(days) == 90
    assert (days[0], days[-1]) == ("2019-01-01", "2019-03-31")
    assert steps("week")[:3] == ["2019-01-01", "2019-01-08", "2019-01-15"]
    assert steps("week")[-1] == "2019-03-31"
    assert steps("month") == ["2019-01-01", "2019-02-01", "2019-03-01", "2019-03-31"]
    changes = steps("change")
    assert changes[0] == "2019-01-01"
    assert "2019-01-23" in changes
    assert set(changes) < set(days)
    with pytest.raises(QueryError, match="every must be one of"):
        steps("fortnight")


def test_frames_are_shared_by_days_that_draw_the_same_map(daily: Any) -> None:
    steps = daily.layout.sliders[0].steps
    names = {frame.name for frame in daily.frames}
    assert len(steps) == 365
    assert {step.args[0][0] for step in steps} == names
    assert len(names) < len(steps)


def test_write_html_is_offline_and_does_not_play(weekly: Any, tmp_path: Path) -> None:
    page = plot.write_html(weekly, tmp_path / "map.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:)?//", page)
    assert TOPOJSON_URL in page
    assert "Plotly.animate" not in page
    assert len(page) > 4_000_000  # plotly.js is inline
    beside = plot.write_html(weekly, tmp_path / "small.html", plotlyjs="directory")
    assert (tmp_path / "plotly.min.js").exists()
    assert re.search(r'<script [^>]*src="plotly.min.js"', beside.read_text(encoding="utf-8"))
    with pytest.raises(QueryError):
        plot.write_html(weekly, tmp_path / "x.html", plotlyjs="cdn")  # type: ignore[arg-type]


# -- escaping -------------------------------------------------------------------


@given(st.text())
def test_escape_leaves_no_markup_and_round_trips(text: str) -> None:
    escaped = labels.escape(text)
    assert not set("<>\"'") & set(escaped)
    assert html.unescape(escaped) == text


def test_data_text_is_escaped_everywhere() -> None:
    ledger = tiny_ledger(PAYLOAD)
    texts = [hover_of(plot.choropleth(ledger, "VE", on="2019-02-05"), "US")]
    bars = plot.timeline(ledger, "VE", start="2019-01-01", end="2019-03-01")
    texts += [t for trace in bars.data for t in trace.hovertext]
    animation = plot.choropleth_animation(ledger, "VE", start="2019-01-20", end="2019-02-10")
    texts += [t for number in range(len(animation.frames)) for t in hovers_of(animation, number)]
    assert any("&lt;script&gt;" in t for t in animation.data[0].meta)
    joined = "\n".join(texts)
    assert "&lt;script&gt;" in joined
    assert "&lt;img src=x" in joined
    assert "onerror=&#34;window.__pwned" in joined
    markup = set(re.findall(r"<[^>]*>", joined))
    assert markup <= {"<b>", "</b>", "<br>", "<i>", "</i>"}


# -- charts ---------------------------------------------------------------------


def test_timeline_bars(venezuela: Ledger) -> None:
    figure = plot.timeline(venezuela, "VE", start="2019-01-01", end="2019-12-31")
    by_name = {trace.name: trace for trace in figure.data}
    assert GUAIDO in by_name
    us = list(by_name[GUAIDO].y).index("United States")
    start = dt.date.fromisoformat(by_name[GUAIDO].base[us])
    assert start.isoformat().startswith("2019-01")
    days = (dt.date(2020, 1, 1) - start).days  # to 31 December, inclusive
    assert by_name[GUAIDO].x[us] == days * 86_400_000
    assert figure.layout.xaxis.type == "date"
    assert "no statement on record" not in by_name


def test_count_matches_the_ledger() -> None:
    kosovo = recognition.load("kosovo")
    figure = plot.count(kosovo, "XK", start="2008-01-01", end="2012-01-01", annotate=3)
    (line, *_) = figure.data
    assert line.line.shape == "hv"
    assert line.x[-1] == "2012-01-01"
    expected = sum(
        1
        for s in kosovo.who("XK", on="2012-01-01")
        if s.certain and s.actor_kind == "state" and s.holds("XK")
    )
    assert line.y[-1] == expected
    assert len(figure.layout.annotations) == 3


def test_count_of_a_seat_has_one_line_per_claimant(venezuela: Ledger) -> None:
    figure = plot.count(venezuela, "VE", start="2019-01-01", end="2019-12-31")
    names = [trace.name for trace in figure.data]
    assert GUAIDO in names
    assert MADURO in names


def test_relations_matrix() -> None:
    ledger = recognition.read_csv(Path(__file__).parent / "data" / "starter.csv")
    figure = plot.relations_matrix(ledger, ["VE", "US", "CU"], on="2019-03-01")
    heat = figure.data[0]
    assert heat.z[0][0] is None
    assert heat.z[0][1] == heat.z[1][0]
    names = [trace.name for trace in figure.data[1:]]
    assert names[heat.z[0][1]] == "relations severed"
    assert "expel diplomats" in heat.text[0][1]


def test_every_function_documents_every_parameter() -> None:
    for name in ("choropleth", "choropleth_animation", "timeline", "count", "relations_matrix"):
        function = getattr(plot, name)
        doc = function.__doc__
        assert "Args:" in doc
        for parameter in function.__code__.co_varnames[: function.__code__.co_kwonlyargcount + 2]:
            assert f"    {parameter}: " in doc, (name, parameter)


def test_importing_recognition_does_not_import_plotly() -> None:
    code = "import sys, recognition; print('plotly' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_write_image_without_a_browser_raises_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, venezuela: Ledger
) -> None:
    pytest.importorskip("kaleido")
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    figure = plot.choropleth(venezuela, "VE", on="2019-02-05")
    with pytest.raises(recognition.RecognitionError, match="Chromium") as caught:
        plot.write_image(figure, tmp_path / "map.png")
    assert isinstance(caught.value, RuntimeError)
    with pytest.raises(QueryError, match="image format"):
        plot.write_image(figure, tmp_path / "map.bmp")


# -- command line ---------------------------------------------------------------


def test_cli_map_and_charts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ve.html"
    argv = ["map", "VE", "--from", "2019-01-01", "--to", "2019-02-28", "--every", "month"]
    assert main([*argv, "-o", str(out), "--dataset", "venezuela"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert "Plotly.newPlot" in out.read_text(encoding="utf-8")
    assert (
        main(
            [
                "map",
                "XK",
                "--on",
                "2020-01-01",
                "-o",
                str(tmp_path / "xk.html"),
                "--dataset",
                "kosovo",
            ]
        )
        == 0
    )
    for kind in ("timeline", "count"):
        path = tmp_path / f"{kind}.html"
        assert (
            main(
                [
                    "chart",
                    kind,
                    "VE",
                    "--to",
                    "2019-12-31",
                    "-o",
                    str(path),
                    "--dataset",
                    "venezuela",
                ]
            )
            == 0
        )
        assert path.exists()
    capsys.readouterr()
    assert main(["map", "VE", "-o", str(out), "--dataset", "venezuela"]) == 2
    assert "--on" in capsys.readouterr().err
    assert main(["map", "Atlantis", "--on", "2020-01-01", "-o", str(out)]) == 1


def test_known_on_draws_the_ledger_as_it_stood() -> None:
    starter = recognition.read_csv(Path(__file__).parent / "data" / "starter.csv")
    now = plot.choropleth(starter, "VE", on="2019-02-05")
    then = plot.choropleth(starter, "VE", on="2019-02-05", known_on="2019-01-31")
    assert category_of(now, "US") == GUAIDO
    assert category_of(then, "US") == "no statement on record"
