/* geomap event map: one compact data object → an offline labelled base map, clustered markers,
 * a feed of the events beside the map, filters (type, dates, actor, country, search) and a
 * timeline acting on markers, feed and legend together, an optional heat-map, origin→target
 * arcs and a layer of places mentioned without events.
 *
 * Built for scale: events arrive as arrays (not one Leaflet object per event from Python),
 * markers share icons, popups are built only when opened, the feed draws its first entries
 * and more on request, labels are placed per view, and the cluster group loads in chunks.
 *
 * Safety: every text that comes from an article reaches the page through textContent, or
 * through esc() where Leaflet takes HTML (layer-control labels, marker icons). */
(function () {
  "use strict";

  var FEED_PAGE = 200;
  var LABEL_EVENT_PLACE = 4, LABEL_PLACE = 5;

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function swatch(type) {
    var node = el("span", "gm-swatch gm-" + type.shape);
    node.style.background = type.color;
    return node;
  }

  /* A sentence with the highlighted ranges wrapped in <mark>, built without innerHTML. */
  function sentenceNode(sentence) {
    var text = sentence[0], ranges = sentence[1] || [], quote = el("blockquote", "gm-quote");
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > text.length || r[0] >= r[1]) return;
      quote.appendChild(document.createTextNode(text.slice(at, r[0])));
      quote.appendChild(el("mark", null, text.slice(r[0], r[1])));
      at = r[1];
    });
    quote.appendChild(document.createTextNode(text.slice(at)));
    return quote;
  }

  function row(parent, label, value) {
    if (value === undefined || value === null || value === "") return;
    var line = el("div", "gm-row");
    line.appendChild(el("span", "gm-label", label));
    line.appendChild(document.createTextNode(" " + value));
    parent.appendChild(line);
  }

  // ACLED's geo_precision codes, said in words.
  var GEO_PRECISION = { 1: "the place itself", 2: "near the place", 3: "the region" };

  function eventPopup(data, i) {
    var ev = data.ev[i], info = data.info[i] || {}, type = data.types[ev[2]];
    var box = el("div", "gm-popup");
    var head = el("div", "gm-head");
    head.appendChild(swatch(type));
    head.appendChild(document.createTextNode(
      " " + type.name + (info.st && info.st !== type.name ? " — " + info.st : "")));
    box.appendChild(head);
    var date = ev[3] >= 0 ? data.dates[ev[3]] : "unknown";
    row(box, "Date", date + (info.dp ? " (precision: " + info.dp + ")" : ""));
    var place = [info.p, data.countries[info.cc] || info.cc].filter(Boolean).join(", ");
    if (info.k) place += " (" + info.k + ")";
    if (info.g) place += " · precision " + info.g + (GEO_PRECISION[info.g]
      ? ": " + GEO_PRECISION[info.g] : "");
    row(box, "Place", place);
    // "at Baghdad Airport" under "Place: Baghdad Airport" says nothing new.
    var where = (info.w || "").replace(/^(at|in|on|near|from|into|to)\s+(the\s+)?/i, "");
    if (where && where !== info.p) row(box, "Where", info.w);
    row(box, "Why this place", info.r);
    if (info.o) row(box, "From", info.o[2]);
    if (info.a1 || info.a2) row(box, "Actors", [info.a1, info.a2].filter(Boolean).join(" vs "));
    var toll = [];
    if (ev[4] >= 0) toll.push(ev[4] + " killed");
    if (info.inj !== undefined && info.inj !== null) toll.push(info.inj + " injured");
    row(box, "Fatalities", toll.join(", "));
    (info.s || []).forEach(function (s) { box.appendChild(sentenceNode(s)); });
    if (info.n) row(box, "Notes", info.n);
    var docs = info.doc || [];
    row(box, docs.length > 1 ? "Sources" : "Source", docs.join(" · "));
    if (info.c !== undefined) row(box, "Confidence", info.c);
    return box;
  }

  function placePopup(data, place) {
    var info = place[2] || {}, box = el("div", "gm-popup");
    box.appendChild(el("div", "gm-head", info.name));
    row(box, "Kind", [info.k, data.countries[info.cc] || info.cc].filter(Boolean).join(", "));
    row(box, "Mentioned as", (info.m || []).join(", "));
    row(box, "Why this place", info.r);
    row(box, "Source", info.doc);
    box.appendChild(el("div", "gm-note", "No event was found here."));
    return box;
  }

  /* Points of a gentle curve from origin to target (a quadratic Bézier, bent to the left). */
  function arcPoints(a, b) {
    var dx = b[1] - a[1], dy = b[0] - a[0];
    var cx = (a[1] + b[1]) / 2 - dy * 0.25, cy = (a[0] + b[0]) / 2 + dx * 0.25;
    var points = [];
    for (var k = 0; k <= 16; k++) {
      var t = k / 16, u = 1 - t;
      points.push([u * u * a[0] + 2 * u * t * cy + t * t * b[0],
                   u * u * a[1] + 2 * u * t * cx + t * t * b[1]]);
    }
    return points;
  }

  function markerSize(fatalities) {
    return fatalities > 0 ? Math.round(16 + Math.min(18, 5 * Math.log2(1 + fatalities))) : 16;
  }

  /* Base-map labels, placed per view: in priority order, skipping any that would overlap a
   * label already placed, so that every zoom shows as many names as fit and no clutter. */
  var CHAR_WIDTH = [7.6, 6.6, 6.4, 6.4, 7.2, 6.4];
  var LINE_HEIGHT = [14, 13, 12, 13, 14, 12];
  var MAX_LABELS = 400;
  // Where a label starts, right of its point (px), or null when centred on it (areas).
  var OFFSET = [null, 6, null, 6, 14, 8];
  /* Placed label boxes in a grid of cells, so that each new label is checked only against
   * its neighbours (a world view of 100,000 event places stays fast). */
  var CELL = 64;
  function cells(box, visit) {
    for (var x = Math.floor(box[0] / CELL); x <= Math.floor(box[2] / CELL); x++) {
      for (var y = Math.floor(box[1] / CELL); y <= Math.floor(box[3] / CELL); y++) {
        if (visit(x + ":" + y)) return true;
      }
    }
    return false;
  }
  function collides(grid, box) {
    return cells(box, function (key) {
      return (grid[key] || []).some(function (b) {
        return box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1];
      });
    });
  }
  function occupy(grid, box) {
    cells(box, function (key) { (grid[key] = grid[key] || []).push(box); return false; });
  }

  var LabelLayer = L.Layer.extend({
    initialize: function (labels, options) {
      // By the zoom a label appears at (countries before towns); event places come first
      // from regional zoom on, after the country names at world zoom.
      function order(eventsFirst) {
        return labels.map(function (label, i) { return [label, i]; }).sort(function (a, b) {
          var ga = a[0][3] >= LABEL_EVENT_PLACE ? (eventsFirst ? 0 : 1) : a[0][3] === 0 ? 0 : 2;
          var gb = b[0][3] >= LABEL_EVENT_PLACE ? (eventsFirst ? 0 : 1) : b[0][3] === 0 ? 0 : 2;
          return ga - gb || a[0][4] - b[0][4] || a[1] - b[1];
        }).map(function (pair) { return pair[0]; });
      }
      this._world = order(false);
      this._regional = order(true);
      this._showPlaces = options.showPlaces;
    },
    onAdd: function (map) {
      this._box = el("div", "gm-labels");
      map.getPane("gm-labels").appendChild(this._box);
      map.on("moveend", this._draw, this);
      map.on("zoomstart", this._clear, this);
      this._draw();
    },
    onRemove: function (map) {
      map.off("moveend", this._draw, this);
      map.off("zoomstart", this._clear, this);
      this._box.remove();
    },
    _clear: function () { this._box.textContent = ""; },
    _draw: function () {
      var map = this._map;
      if (!map) return;
      this._clear();
      var zoom = map.getZoom(), view = map.getBounds().pad(0.05), size = map.getSize();
      var origin = map.latLngToLayerPoint(map.containerPointToLatLng([0, 0]));
      var placed = [], grid = {}, fragment = document.createDocumentFragment();
      var showPlaces = this._showPlaces(), labels = zoom <= 4 ? this._world : this._regional;
      for (var i = 0; i < labels.length && placed.length < MAX_LABELS; i++) {
        var label = labels[i], kind = label[3];
        if (label[4] > zoom || (kind === LABEL_PLACE && !showPlaces)) continue;
        if (!view.contains([label[0], label[1]])) continue;
        var point = map.latLngToLayerPoint([label[0], label[1]]);
        var width = label[2].length * CHAR_WIDTH[kind] + 6, height = LINE_HEIGHT[kind];
        // Towns and event places sit right of their point; areas are centred on theirs.
        var left = OFFSET[kind] === null ? point.x - width / 2 : point.x + OFFSET[kind];
        var top = point.y - height / 2;
        var inside = left - origin.x > -width && left - origin.x < size.x &&
          top - origin.y > -height && top - origin.y < size.y;
        if (!inside) continue;
        var box = [left, top, left + width, top + height];
        if (collides(grid, box)) continue;
        occupy(grid, box);
        placed.push(box);
        var node = el("div", "gm-lbl gm-lbl-" + kind);
        node.appendChild(el("span", null, label[2]));
        L.DomUtil.setPosition(node, point);
        fragment.appendChild(node);
      }
      this._box.appendChild(fragment);
    },
  });

  /* Entry point: ``source`` is the id of the page's JSON data block. The base map paints first;
   * the data is parsed and drawn right after, so a large page never shows blank. */
  window.geomapEventMap = function (map, source) {
    if (map.options.maxZoom === undefined) map.setMaxZoom(18);  // clustering needs one
    var box = map.getContainer();
    box.classList.add("gm-map");  // the stylesheet leaves room for the feed
    map.invalidateSize();
    map.setView([20, 10], 2, { animate: false });  // an animation would end after the fit below
    setTimeout(function () {
      draw(map, JSON.parse(document.getElementById(source).textContent));
    }, 0);
  };

  function draw(map, data) {
    data.countries = data.countries || {};
    var iconCache = {};
    function icon(t, fatalities) {
      var key = t + ":" + fatalities;
      if (!iconCache[key]) {
        var type = data.types[t], size = markerSize(fatalities);
        var badge = fatalities > 0 ? '<span class="gm-badge">' + fatalities + "</span>" : "";
        iconCache[key] = L.divIcon({
          className: "gm-marker",
          iconSize: [size, size],
          html: '<span class="gm-shape gm-' + esc(type.shape) + '" style="background:' +
            esc(type.color) + '"></span>' + badge,
        });
      }
      return iconCache[key];
    }

    if (data.attribution) map.attributionControl.addAttribution(data.attribution);

    // The offline base map: land on a sea-blue background, country outlines, labels.
    map.createPane("gm-outlines").style.zIndex = 150;
    map.createPane("gm-labels").style.zIndex = 350;
    map.getPane("gm-labels").style.pointerEvents = "none";
    var placesLayer = null;
    var offline = L.layerGroup();
    if (data.outlines) {
      L.geoJSON(data.outlines, {
        pane: "gm-outlines", interactive: false,
        style: { color: "#a89f91", weight: 0.8, fillColor: "#f3efe6", fillOpacity: 1 },
      }).addTo(offline);
    }
    offline.addLayer(new LabelLayer(data.labels || [], {
      showPlaces: function () { return !!placesLayer && map.hasLayer(placesLayer); },
    }));
    offline.addTo(map);
    var baseLayers = { "Map (offline)": offline };
    if (data.tiles) {
      baseLayers["OpenStreetMap (online)"] = L.tileLayer(
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
          maxZoom: 19,
          attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">' +
            "OpenStreetMap</a> contributors",
        });
    }

    var markers = data.ev.map(function (ev, i) {
      var marker = L.marker([ev[0], ev[1]], { icon: icon(ev[2], ev[4]), keyboard: false });
      marker._gmIndex = i;
      return marker;
    });
    var cluster = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45,
      spiderfyOnMaxZoom: true,
    });
    function openPopup(i) {
      L.popup({ maxWidth: 360, autoPanPadding: [20, 20] })
        .setLatLng(markers[i].getLatLng()).setContent(eventPopup(data, i)).openOn(map);
    }
    cluster.on("click", function (e) { openPopup(e.layer._gmIndex); });
    map.addLayer(cluster);

    var overlays = {};
    var arcs = null;
    if (data.ev.some(function (_, i) { return data.info[i] && data.info[i].o; })) {
      arcs = L.layerGroup().addTo(map);
      overlays["Origin → target"] = arcs;
    }
    var heat = null;
    if (data.heat && L.heatLayer) {
      // Weighted by fatalities (log-scaled: one massacre must not hide every other event).
      var heaviest = 1;
      data.ev.forEach(function (ev) { heaviest = Math.max(heaviest, 1 + Math.log1p(ev[4])); });
      heat = L.heatLayer([], {
        radius: 30, blur: 22, minOpacity: 0.35, maxZoom: 9, max: heaviest,
        gradient: { 0.2: "#fee391", 0.45: "#fe9929", 0.7: "#ec7014", 1: "#99000d" },
      }).addTo(map);
      overlays["Heat map (fatalities)"] = heat;
    }
    if (data.places && data.places.length) {
      var renderer = L.canvas();
      placesLayer = L.layerGroup(data.places.map(function (place) {
        return L.circleMarker([place[0], place[1]], {
          renderer: renderer, radius: 4, color: "#444", weight: 1.5, fillColor: "#fff",
          fillOpacity: 1,
        }).bindPopup(function () { return placePopup(data, place); });
      }));
      overlays["Places without events (" + data.places.length + ")"] = placesLayer;
      // Off by default beside events; with no events the places are all there is to see.
      if (!data.ev.length) placesLayer.addTo(map);
      map.on("overlayadd overlayremove", function (e) {
        if (e.layer === placesLayer) map.fire("moveend");  // show or hide their labels
      });
    }
    L.control.layers(baseLayers, overlays, { collapsed: false, position: "topright" })
      .addTo(map);

    // -- filters: one state, applied to markers, feed, legend and heat together --
    var filter = { types: data.types.map(function () { return true; }), lo: "", hi: "",
      actor: "", country: "", query: "" };
    var searchText = [];
    function matchesSearch(i) {
      if (!filter.query) return true;
      if (searchText[i] === undefined) {
        var info = data.info[i] || {}, parts = [info.p, info.w, info.a1, info.a2, info.st,
          info.n, (info.doc || []).join(" "), data.types[data.ev[i][2]].name];
        (info.s || []).forEach(function (s) { parts.push(s[0]); });
        searchText[i] = parts.filter(Boolean).join(" ").toLowerCase();
      }
      return searchText[i].indexOf(filter.query) >= 0;
    }
    function passesExceptType(i) {
      var ev = data.ev[i], info = data.info[i] || {};
      if (ev[3] >= 0) {
        var date = data.dates[ev[3]];
        if (filter.lo && date.slice(0, filter.lo.length) < filter.lo) return false;
        if (filter.hi && date.slice(0, filter.hi.length) > filter.hi) return false;
      }
      if (filter.actor && info.a1 !== filter.actor && info.a2 !== filter.actor) return false;
      if (filter.country && info.cc !== filter.country) return false;
      return matchesSearch(i);
    }

    // Feed order: newest first, undated last.
    var order = data.ev.map(function (_, i) { return i; }).sort(function (a, b) {
      return data.ev[b][3] - data.ev[a][3] || a - b;
    });

    var feed = buildFeed(map, data);
    var visible = [], feedShown = 0;
    function refresh() {
      var counts = data.types.map(function () { return 0; }), shownMarkers = [], points = [];
      visible = [];
      for (var k = 0; k < order.length; k++) {
        var i = order[k], ev = data.ev[i];
        if (!passesExceptType(i)) continue;
        counts[ev[2]]++;
        if (!filter.types[ev[2]]) continue;
        visible.push(i);
        shownMarkers.push(markers[i]);
        points.push([ev[0], ev[1], 1 + Math.log1p(Math.max(0, ev[4]))]);
      }
      cluster.clearLayers();
      cluster.addLayers(shownMarkers);
      if (heat) heat.setLatLngs(points);
      if (arcs) {
        arcs.clearLayers();
        visible.forEach(function (i) {
          var o = data.info[i].o, ev = data.ev[i];
          if (!o) return;
          var color = data.types[ev[2]].color;
          L.polyline(arcPoints([o[0], o[1]], [ev[0], ev[1]]), {
            color: color, weight: 2, opacity: 0.8, dashArray: "6 4", interactive: false,
          }).addTo(arcs);
          L.circleMarker([o[0], o[1]], { radius: 3, color: color, interactive: false })
            .addTo(arcs);
        });
      }
      legendCounts.forEach(function (node, t) { node.textContent = " (" + counts[t] + ")"; });
      var shownText = visible.length.toLocaleString("en") + " of " +
        data.ev.length.toLocaleString("en") + " events shown";
      var shown = document.getElementById(data.id + "-shown");
      if (shown) shown.textContent = shownText;
      feed.count.textContent = shownText;
      feed.list.textContent = "";
      feedShown = 0;
      moreFeed();
    }
    function moreFeed() {
      var end = Math.min(visible.length, feedShown + FEED_PAGE), fragment =
        document.createDocumentFragment();
      for (var k = feedShown; k < end; k++) fragment.appendChild(feedItem(visible[k]));
      feedShown = end;
      feed.list.appendChild(fragment);
      feed.more.style.display = feedShown < visible.length ? "" : "none";
      feed.more.textContent = "Show " + Math.min(FEED_PAGE, visible.length - feedShown) +
        " more of " + (visible.length - feedShown).toLocaleString("en");
      if (!data.ev.length) feed.list.appendChild(el("div", "gm-empty", "No events"));
    }
    function feedItem(i) {
      var ev = data.ev[i], info = data.info[i] || {}, type = data.types[ev[2]];
      var item = el("div", "gm-feed-item");
      item.setAttribute("role", "button");
      item.tabIndex = 0;
      item.dataset.index = i;
      var top = el("div", "gm-feed-top");
      top.appendChild(swatch(type));
      top.appendChild(el("span", "gm-feed-date", ev[3] >= 0 ? data.dates[ev[3]] : "undated"));
      top.appendChild(el("span", "gm-feed-type", info.st || type.name));
      if (ev[4] > 0) top.appendChild(el("span", "gm-feed-dead", ev[4] + " killed"));
      item.appendChild(top);
      item.appendChild(el("div", "gm-feed-place",
        [info.p, data.countries[info.cc] || info.cc].filter(Boolean).join(", ")));
      var first = (info.s && info.s[0] && info.s[0][0]) || info.n || "";
      if (first) {
        item.appendChild(el("div", "gm-feed-text",
          first.length > 160 ? first.slice(0, 157) + "…" : first));
      }
      if (info.doc && info.doc.length) {
        item.appendChild(el("div", "gm-feed-doc", info.doc.join(" · ")));
      }
      function show() {
        cluster.zoomToShowLayer(markers[i], function () { openPopup(i); });
      }
      item.addEventListener("click", show);
      item.addEventListener("keydown", function (e) { if (e.key === "Enter") show(); });
      return item;
    }
    feed.more.addEventListener("click", moreFeed);

    // Filter controls in the feed.
    var timer = null;
    function later() {
      clearTimeout(timer);
      timer = setTimeout(refresh, data.ev.length > 20000 ? 250 : 0);
    }
    feed.search.addEventListener("input", function () {
      filter.query = feed.search.value.trim().toLowerCase();
      later();
    });
    fillSelect(feed.actor, "All actors", actorsByCount(data));
    feed.actor.addEventListener("change", function () { filter.actor = feed.actor.value; later(); });
    var codes = {};
    data.info.forEach(function (info) { if (info && info.cc) codes[info.cc] = 1; });
    fillSelect(feed.country, "All countries", Object.keys(codes).map(function (cc) {
      return [cc, data.countries[cc] || cc];
    }).sort(function (a, b) { return a[1] < b[1] ? -1 : 1; }));
    feed.country.addEventListener("change", function () {
      filter.country = feed.country.value;
      later();
    });
    if (data.dates.length) {
      [feed.from, feed.to].forEach(function (input) {
        input.min = data.dates[0].slice(0, 10);
        input.max = data.dates[data.dates.length - 1].slice(0, 10);
      });
    }
    var slider = null, sliderLabel = null;
    function describeSlider() {
      if (!slider) return;
      var hi = filter.hi || data.dates[data.dates.length - 1];
      sliderLabel.textContent = (filter.lo || data.dates[0]) + " → " + hi;
    }
    feed.from.addEventListener("change", function () {
      filter.lo = feed.from.value;
      describeSlider();
      later();
    });
    feed.to.addEventListener("change", function () {
      filter.hi = feed.to.value;
      if (slider) {
        var index = data.dates.length - 1;
        while (index > 0 && filter.hi && data.dates[index].slice(0, 10) > filter.hi) index--;
        slider.value = index;
      }
      describeSlider();
      later();
    });

    // Legend: the title, a checkbox, swatch and count per event type (counts follow filters).
    var legendCounts = [];
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var box = el("div", "gm-legend leaflet-control");
      box.id = data.id + "-legend";
      if (data.title) box.appendChild(el("div", "gm-title", data.title));
      if (!data.ev.length) {
        box.appendChild(el("div", "gm-empty", "No events" + (data.places.length
          ? " — showing the " + data.places.length + " places mentioned" : "")));
      }
      data.types.forEach(function (type, t) {
        var line = el("label", "gm-legend-row");
        var check = el("input");
        check.type = "checkbox";
        check.checked = true;
        check.addEventListener("change", function () {
          filter.types[t] = check.checked;
          refresh();
        });
        line.appendChild(check);
        line.appendChild(swatch(type));
        line.appendChild(document.createTextNode(" " + type.name));
        legendCounts[t] = el("span", "gm-count", " (" + type.count + ")");
        line.appendChild(legendCounts[t]);
        box.appendChild(line);
      });
      if (data.ev.length) {
        box.appendChild(el("div", "gm-note", "Marker size and badge: fatalities"));
        box.appendChild(el("div", "gm-note")).id = data.id + "-shown";
      }
      if (data.unmapped) {
        box.appendChild(el("div", "gm-note", data.unmapped + " events without coordinates"));
      }
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    legend.addTo(map);

    // Timeline: a slider over the distinct event dates; events up to the chosen date show.
    if (data.dates.length > 1) {
      var timeline = L.control({ position: "bottomleft" });
      timeline.onAdd = function () {
        var box = el("div", "gm-timeline leaflet-control");
        sliderLabel = el("div", "gm-timeline-label");
        slider = el("input");
        slider.type = "range"; slider.min = 0; slider.max = data.dates.length - 1;
        slider.value = data.dates.length - 1; slider.step = 1;
        slider.setAttribute("aria-label", "Show events up to this date");
        slider.addEventListener("input", function () {
          var index = Number(slider.value);
          filter.hi = index === data.dates.length - 1 ? "" : data.dates[index];
          feed.to.value = filter.hi.slice(0, 10);
          describeSlider();
          later();
        });
        describeSlider();
        box.appendChild(sliderLabel);
        box.appendChild(slider);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      };
      timeline.addTo(map);
    }

    refresh();

    // Fit the view to the events (or, with none, to the places mentioned).
    var latlngs = data.ev.length ? data.ev : (data.places || []);
    if (latlngs.length) {
      var bounds = L.latLngBounds(latlngs.map(function (p) { return [p[0], p[1]]; }));
      // Room on the right for the legend and the layer control.
      map.fitBounds(bounds, {
        paddingTopLeft: [40, 40], paddingBottomRight: [260, 80], maxZoom: 8, animate: false,
      });
    }
    map.geomap = { cluster: cluster, markers: markers, refresh: refresh, filter: filter,
      visible: function () { return visible.slice(); } };
  }

  function actorsByCount(data) {
    var counts = {};
    data.info.forEach(function (info) {
      [info && info.a1, info && info.a2].forEach(function (a) {
        if (a) counts[a] = (counts[a] || 0) + 1;
      });
    });
    return Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })
      .slice(0, 500).map(function (a) { return [a, a + " (" + counts[a] + ")"]; });
  }

  function fillSelect(select, all, options) {
    select.appendChild(el("option", null, all)).value = "";
    options.forEach(function (pair) {
      select.appendChild(el("option", null, pair[1])).value = pair[0];
    });
    select.disabled = !options.length;
  }

  /* The feed panel, left of the map: title, filters, the count and the list of events. */
  function buildFeed(map, data) {
    var panel = el("aside", "gm-feed");
    panel.setAttribute("aria-label", "Events");
    panel.appendChild(el("div", "gm-feed-title", data.title || "Events"));
    var filters = el("div", "gm-filters");
    var search = el("input", "gm-search");
    search.type = "search";
    search.placeholder = "Search places, actors, text…";
    search.setAttribute("aria-label", "Search events");
    filters.appendChild(search);
    var dates = el("div", "gm-dates");
    var from = el("input", "gm-from"), to = el("input", "gm-to");
    from.type = to.type = "date";
    from.setAttribute("aria-label", "From date");
    to.setAttribute("aria-label", "To date");
    dates.appendChild(from);
    dates.appendChild(el("span", null, "→"));
    dates.appendChild(to);
    filters.appendChild(dates);
    var actor = el("select", "gm-actor"), country = el("select", "gm-country");
    actor.setAttribute("aria-label", "Actor");
    country.setAttribute("aria-label", "Country");
    filters.appendChild(actor);
    filters.appendChild(country);
    panel.appendChild(filters);
    var count = el("div", "gm-feed-count");
    panel.appendChild(count);
    var scroll = el("div", "gm-feed-scroll");
    var list = el("div", "gm-feed-list");
    scroll.appendChild(list);
    panel.appendChild(scroll);
    var more = el("button", "gm-more");
    more.type = "button";
    scroll.appendChild(more);
    map.getContainer().parentNode.appendChild(panel);
    return { panel: panel, search: search, from: from, to: to, actor: actor,
      country: country, count: count, list: list, more: more };
  }
})();
