"""Builds the map page with folium, every asset pointed at the console's own ``iocmap:`` scheme.

folium points at CDNs by default (Leaflet, jQuery, Bootstrap, awesome-markers, Font Awesome):
the page keeps only Leaflet, served locally, and our own layer code. A Content-Security-Policy
in the page forbids anything else, so even a bug cannot make it reach the internet.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import folium
from branca.element import Element, JavascriptLink, MacroElement
from jinja2 import Template

from ioc_console.workspaces.map.web_engine import MAP_HOST, MAP_SCHEME

HUE_CENTRE = (16.4637, 107.5909)
DEFAULT_ZOOM = 10
MIN_ZOOM = 7
MAX_ZOOM = 18
_LOCAL = f"{MAP_SCHEME.decode()}://{MAP_HOST}"
TILE_PATH = f"{_LOCAL}/tiles/{{z}}/{{x}}/{{y}}.png"


@dataclass(frozen=True)
class BaseMap:
    """Where the background comes from: nothing (a neutral background), a local MBTiles file served
    through the scheme, or an XYZ tile server when the console is online."""

    kind: str = "none"  # none | mbtiles | xyz
    xyz_url: str = ""
    attribution: str = ""
    max_zoom: int = MAX_ZOOM

    def __post_init__(self) -> None:
        if self.kind not in ("none", "mbtiles", "xyz"):
            raise ValueError(f"unknown base map kind {self.kind!r}")
        if self.kind == "xyz":
            check_xyz_url(self.xyz_url)

    @property
    def tile_host(self) -> str | None:
        """The one outside origin the page may reach (its tile server), or None."""
        if self.kind != "xyz":
            return None
        parts = urlsplit(self.xyz_url)
        return f"{parts.scheme}://{parts.netloc}"


def check_xyz_url(url: str) -> None:
    """Refuse a tile URL that is not http(s) with {z}, {x} and {y} (a typo would give a blank map)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the tile URL must start with http:// or https://, not {url!r}")
    missing = [name for name in ("{z}", "{x}", "{y}") if name not in url]
    if missing:
        raise ValueError(f"the tile URL must contain {', '.join(missing)}: {url!r}")
    if any(ch in url for ch in "\"'<> \\"):
        raise ValueError(f"the tile URL holds characters a URL cannot have: {url!r}")


class _StartLayers(MacroElement):
    """Starts the layer code once folium's script has created the map (a child renders after its parent)."""

    _template = Template("{% macro script(this, kwargs) %}IocMap.start({{ this._parent.get_name() }});{% endmacro %}")


def _csp(base: BaseMap) -> str:
    images = f"{_LOCAL} data: blob:"
    if base.tile_host:
        images += f" {base.tile_host}"
    return (
        f"default-src 'none'; script-src {_LOCAL} qrc: 'unsafe-inline'; style-src {_LOCAL} 'unsafe-inline'; "
        f"img-src {images}; connect-src {_LOCAL}; font-src {_LOCAL}"
    )


def build_page(base: BaseMap = BaseMap()) -> str:
    """The page's HTML: a Leaflet map of Huế whose layers the console fills in afterwards."""
    fmap = folium.Map(
        location=HUE_CENTRE,
        zoom_start=DEFAULT_ZOOM,
        min_zoom=MIN_ZOOM,
        max_zoom=base.max_zoom,
        tiles=None,
        control_scale=True,
        prefer_canvas=True,
        zoom_control=True,
    )
    # Instance attributes shadow the class's CDN lists: only Leaflet, from the local scheme.
    fmap.default_js = [("leaflet", f"{_LOCAL}/assets/leaflet/leaflet.js")]
    fmap.default_css = [
        ("leaflet_css", f"{_LOCAL}/assets/leaflet/leaflet.css"),
        ("ioc_css", f"{_LOCAL}/assets/ioc/ioc_map.css"),
    ]
    if base.kind == "mbtiles":
        folium.TileLayer(tiles=TILE_PATH, attr=base.attribution or "MBTiles", max_zoom=base.max_zoom).add_to(fmap)
    elif base.kind == "xyz":
        folium.TileLayer(tiles=base.xyz_url, attr=base.attribution or base.tile_host, max_zoom=base.max_zoom).add_to(
            fmap
        )
    root = fmap.get_root()
    root.header.add_child(Element(f'<meta http-equiv="Content-Security-Policy" content="{_csp(base)}">'), index=0)
    root.header.add_child(JavascriptLink("qrc:///qtwebchannel/qwebchannel.js"))
    root.header.add_child(JavascriptLink(f"{_LOCAL}/assets/ioc/ioc_map.js"))
    fmap.add_child(_StartLayers())
    return root.render()
