"""Maps and charts of recognition over time, built on plotly, working offline.

Import it as ``from recognition import plot`` (``import recognition`` does
not import plotly). Every function takes the ledger first, then the subject
and the days, then ``color_discrete_map`` and ``category_orders``, then
``title, template, width, height``, as plotly express does, and returns a
``plotly.graph_objects.Figure`` it never shows:

>>> import recognition
>>> from recognition import plot
>>> ledger = recognition.load("venezuela")
>>> fig = plot.choropleth(ledger, "VE", on="2019-02-05")
>>> [trace.name for trace in fig.data[1:3]]
['Government of Nicolás Maduro', 'Interim government of Juan Guaidó']

Save figures with :func:`write_html` (plotly.js embedded, no network) or
:func:`write_image` (PNG, SVG... through kaleido and a local Chromium). The
bundled world map and its sovereignty policy are described in
:mod:`recognition.plot.geometry`.
"""

from recognition.errors import PlotError
from recognition.plot.charts import count, relations_matrix, timeline
from recognition.plot.export import offline_config, write_html, write_image
from recognition.plot.geometry import TOPOJSON_URL, world
from recognition.plot.maps import choropleth, choropleth_animation
from recognition.plot.palette import OKABE_ITO, Category

__all__ = [
    "OKABE_ITO",
    "TOPOJSON_URL",
    "Category",
    "PlotError",
    "choropleth",
    "choropleth_animation",
    "count",
    "offline_config",
    "relations_matrix",
    "timeline",
    "world",
    "write_html",
    "write_image",
]
