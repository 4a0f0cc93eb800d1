/* The IOC console's map page: canvas layers for cameras, alerts, reports, sensors, tasks, ward
 * areas and warning areas, fed by the console through QWebChannel.
 *
 * Rules this file keeps:
 *  - Text from outside (names, report text) only ever reaches the page through textContent or
 *    canvas fillText, never innerHTML: the console escapes nothing twice and the page runs nothing.
 *  - Points are drawn on one canvas per layer and clustered on a grid per zoom level, so 183,000
 *    reports cost a loop over typed arrays per redraw, never a DOM element per point.
 *  - Live changes patch a layer's arrays and redraw it; the view (centre, zoom) is never touched.
 */
(function () {
  "use strict";

  var map = null;
  var bridge = null;
  var layers = {};
  var shape = null;
  var drawing = null;
  var pendingFocus = null;
  // Areas and the drawn shape live in panes of their own, below the point canvases (in the
  // overlay pane, z-index 400): with Chromium's GPU compositing, a shape drawn by Leaflet's
  // renderer in the same pane was painted over the markers inside it.
  var areaRenderer = null, shapeRenderer = null;

  var STYLE = {
    // Colour keys chosen by the console (layer_data.py) and their colours here.
    critical: "#ff5c5c", warning: "#ffb020", info: "#5aa9ff",
    online: "#3ecf8e", offline: "#8a96a3", degraded: "#ffb020", maintenance: "#b78cff",
    normal: "#3ecf8e", danger: "#ff5c5c", stale: "#8a96a3",
    open: "#ffb020", closed: "#6f7b88", overdue: "#ff5c5c", task: "#5aa9ff",
    cluster: "#4f8fd6", selected: "#ffffff"
  };
  var ORDER = ["wards", "warnings", "reports", "tasks", "sensors", "cameras", "alerts"];

  // ---- projection -------------------------------------------------------------------------
  function mercX(lon) { return (lon + 180) / 360; }
  function mercY(lat) {
    var s = Math.sin(lat * Math.PI / 180);
    s = Math.min(Math.max(s, -0.9999), 0.9999);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  // ---- a point layer on its own canvas ------------------------------------------------------
  function PointLayer(name, zIndex) {
    this.name = name;
    this.visible = true;
    this.mode = "markers"; // markers | clusters | density
    this.items = [];       // marker layers: [{id, lat, lon, colour, shape, label, pulse, text}]
    this.n = 0;            // point layers (reports): columns below
    this.ids = null; this.mx = null; this.my = null; this.colour = null; this.colours = [];
    this.drawn = [];       // what the last redraw put where, for hit testing
    this.canvas = document.createElement("canvas");
    this.canvas.className = "ioc-layer ioc-layer-" + name;
    this.canvas.style.zIndex = String(zIndex);
    this.ctx = this.canvas.getContext("2d");
    this.selected = null;
  }

  PointLayer.prototype.setItems = function (items) {
    this.items = items;
    for (var i = 0; i < items.length; i++) {
      items[i].mx = mercX(items[i].lon);
      items[i].my = mercY(items[i].lat);
    }
    this.index = {};
    for (var j = 0; j < items.length; j++) this.index[items[j].id] = j;
  };

  PointLayer.prototype.patchItems = function (upserts, removals) {
    var items = this.items, index = this.index, i;
    for (i = 0; i < (removals || []).length; i++) {
      var at = index[removals[i]];
      if (at !== undefined) items[at] = null;
    }
    for (i = 0; i < (upserts || []).length; i++) {
      var item = upserts[i];
      item.mx = mercX(item.lon); item.my = mercY(item.lat);
      var pos = index[item.id];
      if (pos !== undefined && items[pos] !== null) items[pos] = item;
      else { index[item.id] = items.length; items.push(item); }
    }
    if (removals && removals.length) {
      this.items = items.filter(function (x) { return x !== null; });
      this.index = {};
      for (i = 0; i < this.items.length; i++) this.index[this.items[i].id] = i;
    }
  };

  // Columns of a big point layer: {ids: [...], lat: [...], lon: [...], colour: [k...], colours: [...]}
  PointLayer.prototype.setColumns = function (data) {
    var n = data.ids.length;
    this.n = n;
    this.ids = data.ids;
    this.mx = new Float64Array(n);
    this.my = new Float64Array(n);
    this.colour = new Uint8Array(n);
    this.colours = data.colours || [];
    var lat = data.lat, lon = data.lon, col = data.colour;
    for (var i = 0; i < n; i++) {
      this.mx[i] = (lon[i] + 180) / 360;
      var s = Math.sin(lat[i] * Math.PI / 180);
      this.my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
      this.colour[i] = col ? col[i] : 0;
    }
  };

  PointLayer.prototype.count = function () {
    return this.ids ? this.n : this.items.length;
  };

  PointLayer.prototype.frame = function () {
    var size = map.getSize();
    var topLeft = map.containerPointToLayerPoint([0, 0]);
    var origin = map.getPixelOrigin();
    var scale = 256 * Math.pow(2, map.getZoom());
    var ratio = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(size.x * ratio) || this.canvas.height !== Math.round(size.y * ratio)) {
      this.canvas.width = Math.round(size.x * ratio);
      this.canvas.height = Math.round(size.y * ratio);
      this.canvas.style.width = size.x + "px";
      this.canvas.style.height = size.y + "px";
    }
    L.DomUtil.setPosition(this.canvas, topLeft);
    this.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.ctx.clearRect(0, 0, size.x, size.y);
    return { w: size.x, h: size.y, scale: scale, ox: origin.x + topLeft.x, oy: origin.y + topLeft.y };
  };

  PointLayer.prototype.redraw = function (now) {
    var f = this.frame();
    this.drawn = [];
    if (!this.visible) return;
    if (this.ids) {
      if (this.mode === "density") this.drawDensity(f);
      else this.drawClusters(f);
    } else {
      this.drawMarkers(f, now || performance.now());
    }
  };

  PointLayer.prototype.drawClusters = function (f) {
    var cell = map.getZoom() >= 17 ? 1 : 56;
    var gx0 = Math.floor(f.ox / cell) - 1, gy0 = Math.floor(f.oy / cell) - 1;
    var cols = Math.ceil(f.w / cell) + 3, rows = Math.ceil(f.h / cell) + 3;
    var total = cols * rows;
    if (cell === 1) { this.drawSingles(f); return; }
    var counts = new Int32Array(total), sx = new Float64Array(total), sy = new Float64Array(total);
    var first = new Int32Array(total).fill(-1);
    var mx = this.mx, my = this.my, scale = f.scale, n = this.n;
    for (var i = 0; i < n; i++) {
      var px = mx[i] * scale, py = my[i] * scale;
      var gx = Math.floor(px / cell) - gx0, gy = Math.floor(py / cell) - gy0;
      if (gx < 0 || gy < 0 || gx >= cols || gy >= rows) continue;
      var k = gy * cols + gx;
      if (counts[k] === 0) first[k] = i;
      counts[k]++; sx[k] += px; sy[k] += py;
    }
    var ctx = this.ctx;
    ctx.font = "bold 12px 'Noto Sans', 'DejaVu Sans', sans-serif";
    ctx.textAlign = "center"; ctx.textBaseline = "middle";
    for (var c = 0; c < total; c++) {
      var count = counts[c];
      if (!count) continue;
      var x = sx[c] / count - f.ox, y = sy[c] / count - f.oy;
      if (count === 1) {
        this.dot(x, y, this.colours[this.colour[first[c]]] || STYLE.open, 5);
        this.drawn.push({ x: x, y: y, r: 7, id: this.ids[first[c]] });
        continue;
      }
      var r = Math.min(30, 11 + Math.log(count) * 3.2);
      ctx.beginPath(); ctx.arc(x, y, r + 4, 0, 2 * Math.PI);
      ctx.fillStyle = "rgba(79,143,214,0.30)"; ctx.fill();
      ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = "rgba(38,92,158,0.92)"; ctx.fill();
      ctx.fillStyle = "#ffffff";
      ctx.fillText(count >= 10000 ? Math.round(count / 1000) + "k" : String(count), x, y);
      this.drawn.push({ x: x, y: y, r: r, cluster: count });
    }
  };

  PointLayer.prototype.drawSingles = function (f) {
    var mx = this.mx, my = this.my, n = this.n;
    for (var i = 0; i < n; i++) {
      var x = mx[i] * f.scale - f.ox, y = my[i] * f.scale - f.oy;
      if (x < -8 || y < -8 || x > f.w + 8 || y > f.h + 8) continue;
      this.dot(x, y, this.colours[this.colour[i]] || STYLE.open, 6);
      this.drawn.push({ x: x, y: y, r: 8, id: this.ids[i] });
    }
  };

  PointLayer.prototype.drawDensity = function (f) {
    var cell = 10;
    var cols = Math.ceil(f.w / cell) + 1, rows = Math.ceil(f.h / cell) + 1;
    var counts = new Int32Array(cols * rows), max = 0;
    var mx = this.mx, my = this.my, n = this.n;
    for (var i = 0; i < n; i++) {
      var gx = Math.floor((mx[i] * f.scale - f.ox) / cell), gy = Math.floor((my[i] * f.scale - f.oy) / cell);
      if (gx < 0 || gy < 0 || gx >= cols || gy >= rows) continue;
      var k = gy * cols + gx;
      counts[k]++;
      if (counts[k] > max) max = counts[k];
    }
    if (!max) return;
    var ctx = this.ctx, logMax = Math.log(max + 1);
    for (var c = 0; c < counts.length; c++) {
      if (!counts[c]) continue;
      var t = Math.log(counts[c] + 1) / logMax; // 0..1
      var hue = 200 - 200 * t;                  // blue (few) to red (many)
      ctx.fillStyle = "hsla(" + hue.toFixed(0) + ",90%,55%," + (0.25 + 0.6 * t).toFixed(2) + ")";
      ctx.fillRect((c % cols) * cell, Math.floor(c / cols) * cell, cell, cell);
    }
  };

  PointLayer.prototype.dot = function (x, y, colour, r) {
    var ctx = this.ctx;
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fillStyle = colour; ctx.fill();
    ctx.lineWidth = 1.5; ctx.strokeStyle = "rgba(10,14,20,0.85)"; ctx.stroke();
  };

  PointLayer.prototype.symbol = function (x, y, item, size) {
    var ctx = this.ctx, s = size;
    ctx.beginPath();
    switch (item.shape) {
      case "triangle": ctx.moveTo(x, y - s); ctx.lineTo(x + s, y + s * 0.8); ctx.lineTo(x - s, y + s * 0.8); break;
      case "square": ctx.rect(x - s * 0.8, y - s * 0.8, s * 1.6, s * 1.6); break;
      case "diamond": ctx.moveTo(x, y - s); ctx.lineTo(x + s, y); ctx.lineTo(x, y + s); ctx.lineTo(x - s, y); break;
      case "hexagon":
        for (var a = 0; a < 6; a++) {
          var ang = Math.PI / 3 * a + Math.PI / 6;
          if (a === 0) ctx.moveTo(x + s * Math.cos(ang), y + s * Math.sin(ang));
          else ctx.lineTo(x + s * Math.cos(ang), y + s * Math.sin(ang));
        }
        break;
      case "camera": ctx.rect(x - s, y - s * 0.65, s * 2, s * 1.3); break;
      default: ctx.arc(x, y, s * 0.9, 0, 2 * Math.PI);
    }
    ctx.closePath();
    ctx.fillStyle = STYLE[item.colour] || item.colour || STYLE.info;
    ctx.fill();
    ctx.lineWidth = 1.5; ctx.strokeStyle = "rgba(10,14,20,0.9)"; ctx.stroke();
  };

  PointLayer.prototype.drawMarkers = function (f, now) {
    var ctx = this.ctx, zoom = map.getZoom();
    // Small at city scale (700 cameras must not hide the reports under them), larger close up.
    var size = zoom >= 14 ? 8 : zoom >= 12 ? 6.5 : zoom >= 10 ? 4.5 : 3.5;
    var phase = (now % 1400) / 1400;
    ctx.font = "600 11px 'Noto Sans', 'DejaVu Sans', sans-serif";
    ctx.textAlign = "left"; ctx.textBaseline = "middle";
    this.pulsing = false;
    for (var i = 0; i < this.items.length; i++) {
      var item = this.items[i];
      var x = item.mx * f.scale - f.ox, y = item.my * f.scale - f.oy;
      if (x < -20 || y < -20 || x > f.w + 20 || y > f.h + 20) continue;
      if (item.pulse) {
        this.pulsing = true;
        ctx.beginPath(); ctx.arc(x, y, size + 3 + 12 * phase, 0, 2 * Math.PI);
        ctx.strokeStyle = "rgba(255,92,92," + (0.9 * (1 - phase)).toFixed(2) + ")";
        ctx.lineWidth = 2.5; ctx.stroke();
      }
      if (this.selected !== null && String(item.id) === String(this.selected)) {
        ctx.beginPath(); ctx.arc(x, y, size + 5, 0, 2 * Math.PI);
        ctx.strokeStyle = STYLE.selected; ctx.lineWidth = 2.5; ctx.stroke();
      }
      this.symbol(x, y, item, size);
      if (item.text && zoom >= 13) {
        ctx.lineWidth = 3; ctx.strokeStyle = "rgba(10,14,20,0.9)";
        ctx.strokeText(item.text, x + size + 4, y);
        ctx.fillStyle = "#e8eef5"; ctx.fillText(item.text, x + size + 4, y);
      }
      this.drawn.push({ x: x, y: y, r: size + 3, id: item.id, label: item.label });
    }
  };

  PointLayer.prototype.hit = function (x, y) {
    var best = null, bestD = Infinity;
    for (var i = 0; i < this.drawn.length; i++) {
      var d = this.drawn[i], dx = d.x - x, dy = d.y - y, dist = dx * dx + dy * dy;
      if (dist <= d.r * d.r && dist < bestD) { best = d; bestD = dist; }
    }
    return best;
  };

  // ---- the whole page ------------------------------------------------------------------------
  var redrawQueued = false;
  function redrawAll() {
    if (redrawQueued) return;
    redrawQueued = true;
    window.requestAnimationFrame(function () {
      redrawQueued = false;
      var now = performance.now();
      for (var i = 0; i < ORDER.length; i++) {
        var layer = layers[ORDER[i]];
        if (layer instanceof PointLayer) layer.redraw(now);
      }
    });
  }

  var animating = false, paused = false;
  function animate() {
    // Redraws only the alert layer, about 12 times a second, while new alerts are on screen.
    if (animating || paused) return;
    animating = true;
    var step = function () {
      var alerts = layers.alerts;
      if (paused || !alerts || !alerts.pulsing || !alerts.visible) { animating = false; return; }
      alerts.redraw(performance.now());
      window.setTimeout(function () { window.requestAnimationFrame(step); }, 80);
    };
    window.requestAnimationFrame(step);
  }

  function tooltip(text, x, y) {
    var tip = document.getElementById("ioc-tip");
    if (!text) { tip.style.display = "none"; return; }
    tip.textContent = text;
    tip.style.left = (x + 14) + "px";
    tip.style.top = (y + 10) + "px";
    tip.style.display = "block";
  }

  function hitAt(containerPoint) {
    for (var i = ORDER.length - 1; i >= 0; i--) {
      var layer = layers[ORDER[i]];
      if (!(layer instanceof PointLayer) || !layer.visible) continue;
      var found = layer.hit(containerPoint.x, containerPoint.y);
      if (found) return { layer: layer, item: found };
    }
    return null;
  }

  function onClick(e) {
    if (drawing) return;
    var found = hitAt(e.containerPoint);
    if (!found) return;
    if (found.item.cluster) {
      map.setView(e.latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
      return;
    }
    select(found.layer.name, found.item.id);
    bridge.markerClicked(found.layer.name, String(found.item.id));
  }

  function select(layerName, id) {
    for (var name in layers) {
      if (layers[name] instanceof PointLayer) layers[name].selected = name === layerName ? id : null;
    }
    redrawAll();
  }

  function onMove(e) {
    if (drawing) return;
    var found = hitAt(e.containerPoint);
    map.getContainer().style.cursor = found ? "pointer" : "";
    var label = null;
    if (found) label = found.item.cluster ? null : found.item.label || null;
    tooltip(label, e.containerPoint.x, e.containerPoint.y);
  }

  // ---- areas (wards, warnings) and the drawn shape -------------------------------------------
  function textElement(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function setAreas(name, areas, style) {
    var group = layers[name];
    if (group) group.clearLayers();
    else { group = L.layerGroup(); layers[name] = group; }
    group.iocCount = areas.length;
    for (var i = 0; i < areas.length; i++) {
      var a = areas[i], shapeLayer;
      if (a.circle) shapeLayer = L.circle([a.circle.lat, a.circle.lon], { radius: a.circle.radius_km * 1000, renderer: areaRenderer });
      else if (a.polygon) shapeLayer = L.polygon(a.polygon, { renderer: areaRenderer });
      else continue;
      shapeLayer.setStyle(style);
      if (a.label) shapeLayer.bindTooltip(textElement(a.label), { sticky: true, className: "ioc-area-tip" });
      group.addLayer(shapeLayer);
    }
    if (group.iocVisible !== false && !map.hasLayer(group)) group.addTo(map);
  }

  function showShape(s) {
    if (shape) { map.removeLayer(shape); shape = null; }
    if (!s) return;
    var style = { color: "#ffd166", weight: 2, dashArray: "6 4", fillOpacity: 0.08 };
    if (s.circle) shape = L.circle([s.circle.lat, s.circle.lon], { radius: s.circle.radius_km * 1000, renderer: shapeRenderer });
    else shape = L.polygon(s.polygon, { renderer: shapeRenderer });
    shape.setStyle(style).addTo(map);
  }

  function startDraw(kind) {
    stopDraw();
    drawing = { kind: kind, points: [], preview: null };
    map.getContainer().style.cursor = "crosshair";
    if (kind === "circle") map.dragging.disable();
    map.doubleClickZoom.disable();
  }

  function stopDraw() {
    if (!drawing) return;
    if (drawing.preview) map.removeLayer(drawing.preview);
    drawing = null;
    map.dragging.enable();
    map.doubleClickZoom.enable();
    map.getContainer().style.cursor = "";
  }

  function finishDraw(result) {
    stopDraw();
    showShape(result);
    bridge.shapeDrawn(JSON.stringify(result));
  }

  function onDrawDown(e) {
    if (!drawing || drawing.kind !== "circle") return;
    // No text selection or native drag while the circle is dragged out (the map's own dragging,
    // which would prevent them, is off in this mode).
    if (e.originalEvent && e.originalEvent.preventDefault) e.originalEvent.preventDefault();
    drawing.points = [e.latlng];
    drawing.preview = L.circle(e.latlng, { radius: 1, color: "#ffd166", weight: 2, fillOpacity: 0.08, renderer: shapeRenderer }).addTo(map);
  }

  function onDrawMove(e) {
    if (!drawing || !drawing.points.length) return;
    if (drawing.kind === "circle") drawing.preview.setRadius(map.distance(drawing.points[0], e.latlng));
    else {
      var pts = drawing.points.concat([e.latlng]);
      if (drawing.preview) drawing.preview.setLatLngs(pts);
      else drawing.preview = L.polyline(pts, { color: "#ffd166", weight: 2, dashArray: "6 4", renderer: shapeRenderer }).addTo(map);
    }
  }

  function onDrawUp(e) {
    if (!drawing || drawing.kind !== "circle" || !drawing.points.length) return;
    var centre = drawing.points[0], radius = map.distance(centre, e.latlng);
    if (radius < 5) { stopDraw(); return; }
    finishDraw({ circle: { lat: centre.lat, lon: centre.lng, radius_km: radius / 1000 } });
  }

  function onDrawClick(e) {
    if (!drawing || drawing.kind !== "polygon") return;
    var pts = drawing.points;
    if (pts.length >= 3) {
      var first = map.latLngToContainerPoint(pts[0]);
      if (first.distanceTo(e.containerPoint) < 10) { closePolygon(); return; }
    }
    pts.push(e.latlng);
  }

  function closePolygon() {
    var pts = drawing.points;
    if (pts.length < 3) { stopDraw(); return; }
    var ring = pts.map(function (p) { return [p.lat, p.lng]; });
    ring.push(ring[0].slice());
    finishDraw({ polygon: ring });
  }

  // ---- commands from the console -------------------------------------------------------------
  function counts() {
    var out = {};
    for (var name in layers) {
      var layer = layers[name];
      out[name] = layer instanceof PointLayer ? layer.count() : (layer.iocCount || 0);
    }
    return out;
  }

  function loadLayer(name, url) {
    return window.fetch(url).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " for layer " + name);
      return response.json();
    }).then(function (data) {
      applyLayer(name, data);
      return name;
    });
  }

  function applyLayer(name, data) {
    if (name === "wards") {
      setAreas("wards", data.areas, { color: "#6f8fb3", weight: 1, fillColor: "#2b3a4d", fillOpacity: 0.18 });
      return;
    }
    if (name === "warnings") {
      setAreas("warnings", data.areas, { color: "#ff6b6b", weight: 2, dashArray: "8 5", fillOpacity: 0.12 });
      return;
    }
    var layer = layers[name];
    if (!layer) {
      layer = new PointLayer(name, 400 + ORDER.indexOf(name));
      layers[name] = layer;
      map.getPanes().overlayPane.appendChild(layer.canvas);
    }
    if (data.columns) layer.setColumns(data.columns);
    else layer.setItems(data.items);
    if (data.mode) layer.mode = data.mode;
  }

  function afterPaint(callback) {
    window.requestAnimationFrame(function () { window.requestAnimationFrame(callback); });
  }

  var commands = {
    load: function (cmd) {
      // cmd: {generation, layers: {name: url}}: replace these layers, then report "layers ready".
      var names = Object.keys(cmd.layers);
      Promise.all(names.map(function (name) { return loadLayer(name, cmd.layers[name]); }))
        .then(function () {
          redrawAll();
          animate();
          afterPaint(function () {
            bridge.layersReady(JSON.stringify({ generation: cmd.generation, counts: counts() }));
            if (pendingFocus) { var f = pendingFocus; pendingFocus = null; commands.focus(f); }
          });
        })
        .catch(function (error) { bridge.pageError(String(error && error.message || error)); });
    },
    patch: function (cmd) {
      // cmd: {layers: {name: {upserts: [...], removals: [...]}}}: live changes, view untouched.
      for (var name in cmd.layers) {
        var layer = layers[name];
        if (layer instanceof PointLayer && !layer.ids) layer.patchItems(cmd.layers[name].upserts, cmd.layers[name].removals);
      }
      redrawAll();
      animate();
      bridge.patchApplied(JSON.stringify(counts()));
    },
    visible: function (cmd) {
      var layer = layers[cmd.layer];
      if (!layer) return;
      if (layer instanceof PointLayer) { layer.visible = cmd.visible; redrawAll(); animate(); }
      else {
        layer.iocVisible = cmd.visible;
        if (cmd.visible && !map.hasLayer(layer)) layer.addTo(map);
        if (!cmd.visible && map.hasLayer(layer)) map.removeLayer(layer);
      }
    },
    mode: function (cmd) {
      var layer = layers[cmd.layer];
      if (layer instanceof PointLayer) { layer.mode = cmd.mode; redrawAll(); }
    },
    view: function (cmd) { map.setView([cmd.lat, cmd.lon], cmd.zoom, { animate: false }); },
    focus: function (cmd) {
      // Centre on a record (or a point) and select it; waits for the first load if needed.
      var layer = cmd.layer ? layers[cmd.layer] : null;
      if (cmd.layer && !layer) { pendingFocus = cmd; return; }
      var lat = cmd.lat, lon = cmd.lon;
      if (layer instanceof PointLayer && !layer.ids && layer.index && layer.index[cmd.id] !== undefined) {
        var item = layer.items[layer.index[cmd.id]];
        lat = item.lat; lon = item.lon;
        select(cmd.layer, item.id);
      }
      if (typeof lat === "number" && typeof lon === "number") {
        // An asked zoom is shown as asked (a presenter's view); Leaflet clamps it to the base map.
        var zoom = typeof cmd.zoom === "number" ? cmd.zoom : Math.max(map.getZoom(), 15);
        map.setView([lat, lon], zoom, { animate: false });
      }
    },
    draw: function (cmd) { if (cmd.kind) startDraw(cmd.kind); else stopDraw(); },
    shape: function (cmd) { showShape(cmd.shape || null); },
    paused: function (cmd) { paused = !!cmd.paused; if (!paused) { redrawAll(); animate(); } }
  };

  function onCommand(text) {
    var cmd;
    try { cmd = JSON.parse(text); } catch (error) { bridge.pageError("bad command: " + error); return; }
    var run = commands[cmd.op];
    if (!run) { bridge.pageError("unknown command " + cmd.op); return; }
    try { run(cmd); } catch (error) { bridge.pageError(cmd.op + ": " + (error && error.message || error)); }
  }

  function reportView() {
    var c = map.getCenter();
    bridge.viewChanged(JSON.stringify({ lat: c.lat, lon: c.lng, zoom: map.getZoom() }));
  }

  window.IocMap = {
    start: function (leafletMap) {
      map = leafletMap;
      map.createPane("iocAreas").style.zIndex = "380";
      map.createPane("iocShape").style.zIndex = "390";
      areaRenderer = L.canvas({ pane: "iocAreas" });
      shapeRenderer = L.canvas({ pane: "iocShape" });
      var tip = document.createElement("div");
      tip.id = "ioc-tip";
      document.body.appendChild(tip);
      map.on("moveend zoomend resize viewreset", redrawAll);
      map.on("moveend", reportView);
      map.on("zoomstart", function () {
        for (var n in layers) if (layers[n] instanceof PointLayer) layers[n].canvas.style.visibility = "hidden";
      });
      map.on("zoomend", function () {
        for (var n in layers) if (layers[n] instanceof PointLayer) layers[n].canvas.style.visibility = "";
      });
      map.on("click", function (e) { if (drawing) onDrawClick(e); else onClick(e); });
      map.on("dblclick", function (e) { if (drawing && drawing.kind === "polygon") closePolygon(); });
      map.on("mousedown", onDrawDown);
      map.on("mousemove", function (e) { if (drawing) onDrawMove(e); else onMove(e); });
      map.on("mouseup", onDrawUp);
      map.on("mouseout", function () { tooltip(null); });
      map.on("contextmenu", function (e) {
        var found = hitAt(e.containerPoint);
        bridge.contextRequested(e.latlng.lat, e.latlng.lng,
          found && !found.item.cluster ? found.layer.name : "", found && !found.item.cluster ? String(found.item.id) : "");
      });
      document.addEventListener("keydown", function (e) { if (e.key === "Escape" && drawing) stopDraw(); });
      new QWebChannel(qt.webChannelTransport, function (channel) {
        bridge = channel.objects.iocBridge;
        bridge.command.connect(onCommand);
        bridge.pageReady();
      });
    },
    // For tests and the benchmark: drive the page's own handlers through Leaflet's events, as the
    // pointer would (offscreen Chromium has no pointer), and read back what is drawn where.
    debugPointer: function (type, layerName, id) {
      var layer = layers[layerName];
      var drawn = layer && layer.drawn ? layer.drawn.filter(function (d) { return String(d.id) === String(id); })[0] : null;
      if (!drawn) return false;
      var point = L.point(drawn.x, drawn.y);
      map.fire(type, { containerPoint: point, latlng: map.containerPointToLatLng(point), originalEvent: {} });
      return true;
    },
    debugDrawCircle: function (lat, lon, radiusKm) {
      startDraw("circle");
      var centre = L.latLng(lat, lon);
      var edge = L.latLng(lat, lon + radiusKm / (111.32 * Math.cos(lat * Math.PI / 180)));
      onDrawDown({ latlng: centre });
      onDrawMove({ latlng: edge });
      onDrawUp({ latlng: edge });
      return true;
    },
    debugItem: function (layerName, id) {
      var layer = layers[layerName];
      if (!(layer instanceof PointLayer) || !layer.index || layer.index[id] === undefined) return null;
      return JSON.stringify(layer.items[layer.index[id]]);
    },
    debugAreaLabels: function (name) {
      // Opens each area's label as hovering would, and reads back the text the page shows.
      var out = [];
      var group = layers[name];
      if (!group || !group.eachLayer) return JSON.stringify(out);
      group.eachLayer(function (area) {
        var tip = area.getTooltip();
        if (!tip) return;
        area.openTooltip(area.getBounds ? area.getBounds().getCenter() : area.getLatLng());
        var element = tip.getElement();
        out.push(element ? element.textContent : null);
        area.closeTooltip();
      });
      return JSON.stringify(out);
    },
    tooltipText: function () {
      var tip = document.getElementById("ioc-tip");
      return tip && tip.style.display !== "none" ? tip.textContent : null;
    },
    // What is drawn where (layer -> [{x, y, id|cluster}]) and the counts.
    debugState: function () {
      var out = { counts: counts(), drawn: {}, center: map.getCenter(), zoom: map.getZoom() };
      for (var name in layers) if (layers[name] instanceof PointLayer) out.drawn[name] = layers[name].drawn;
      return JSON.stringify(out);
    }
  };
})();
