/* geomap event map: one compact data object → clustered markers, layers per event type,
 * legend, timeline, optional heat-map, origin→target arcs and a places layer.
 *
 * Built for scale: events arrive as arrays (not one Leaflet object per event from Python),
 * markers share icons, popups are built only when a marker is clicked, and the cluster group
 * loads in chunks so the page paints before 100,000 markers are in.
 *
 * Safety: every text that comes from an article reaches the page through textContent (popups,
 * legend, timeline) or through esc() (layer-control labels, which Leaflet sets as HTML). */
(function () {
  "use strict";

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

  function swatchHtml(type) {
    return '<span class="gm-swatch gm-' + esc(type.shape) + '" style="background:' +
      esc(type.color) + '"></span>';
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

  function eventPopup(data, i) {
    var ev = data.ev[i], info = data.info[i] || {}, type = data.types[ev[2]];
    var box = el("div", "gm-popup");
    var head = el("div", "gm-head");
    var swatch = el("span", "gm-swatch gm-" + type.shape);
    swatch.style.background = type.color;
    head.appendChild(swatch);
    head.appendChild(document.createTextNode(
      " " + type.name + (info.st && info.st !== type.name ? " — " + info.st : "")));
    box.appendChild(head);
    var date = ev[3] >= 0 ? data.dates[ev[3]] : "unknown";
    row(box, "Date", date + (info.dp && info.dp !== "day" ? " (" + info.dp + ")" : ""));
    var place = [info.p, info.cc].filter(Boolean).join(", ");
    if (info.k) place += " (" + info.k + ")";
    if (info.g) place += " · precision " + info.g;
    row(box, "Place", place);
    if (info.w && info.w !== info.p) row(box, "Where", info.w);
    if (info.o) row(box, "From", info.o[2]);
    if (info.a1 || info.a2) row(box, "Actors", [info.a1, info.a2].filter(Boolean).join(" vs "));
    var toll = [];
    if (ev[4] >= 0) toll.push(ev[4] + " killed");
    if (info.inj !== undefined && info.inj !== null) toll.push(info.inj + " injured");
    row(box, "Fatalities", toll.join(", "));
    (info.s || []).forEach(function (s) { box.appendChild(sentenceNode(s)); });
    if (info.n) row(box, "Notes", info.n);
    if (info.r) row(box, "Gazetteer", info.r);
    var source = [info.doc, info.c !== undefined ? "confidence " + info.c : null];
    row(box, "Source", source.filter(Boolean).join(" · "));
    return box;
  }

  function placePopup(place) {
    var info = place[2] || {}, box = el("div", "gm-popup");
    box.appendChild(el("div", "gm-head", info.name));
    row(box, "Kind", [info.k, info.cc].filter(Boolean).join(", "));
    row(box, "Mentioned as", (info.m || []).join(", "));
    row(box, "Gazetteer", info.r);
    row(box, "Source", info.doc);
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

  /* Entry point: ``source`` is the id of the page's JSON data block. The base map paints first;
   * the data is parsed and drawn right after, so a large page never shows blank. */
  window.geomapEventMap = function (map, source) {
    // Clustering needs a maximum zoom, which a map without tiles does not have.
    if (map.options.maxZoom === undefined) map.setMaxZoom(18);
    map.setView([20, 10], 2, { animate: false });  // an animation would end after the fit below
    setTimeout(function () {
      draw(map, JSON.parse(document.getElementById(source).textContent));
    }, 0);
  };

  function draw(map, data) {
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

    // Country outlines under the tiles: hidden once tiles load, the map itself when offline.
    if (data.outlines) {
      map.createPane("gm-outlines").style.zIndex = 150;
      L.geoJSON(data.outlines, {
        pane: "gm-outlines", interactive: false,
        style: { color: "#8c8c8c", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map);
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
    cluster.on("click", function (e) {
      var i = e.layer._gmIndex;
      L.popup({ maxWidth: 360, autoPanPadding: [20, 20] })
        .setLatLng(e.layer.getLatLng()).setContent(eventPopup(data, i)).openOn(map);
    });
    map.addLayer(cluster);

    // One (empty) layer per event type in the layer control; toggling one refilters the cluster.
    var overlays = {}, typeLayers = data.types.map(function (type) {
      var layer = L.layerGroup().addTo(map);
      overlays[swatchHtml(type) + " " + esc(type.name) + " (" + type.count + ")"] = layer;
      return layer;
    });

    var arcs = null;
    if (data.ev.some(function (_, i) { return data.info[i] && data.info[i].o; })) {
      arcs = L.layerGroup().addTo(map);
      overlays["Origin → target"] = arcs;
    }
    var heat = null;
    if (data.heat && L.heatLayer) {
      heat = L.heatLayer([], { radius: 22, blur: 18, maxZoom: 10 });
      overlays["Heat map"] = heat;
    }
    if (data.places && data.places.length) {
      var renderer = L.canvas();
      var places = L.layerGroup(data.places.map(function (place) {
        return L.circleMarker([place[0], place[1]], {
          renderer: renderer, radius: 5, color: "#555", weight: 1, fillColor: "#fff",
          fillOpacity: 0.9,
        }).bindPopup(function () { return placePopup(place); });
      }));
      overlays["Places without events (" + data.places.length + ")"] = places;
      // Off by default beside events; with no events the places are all there is to see.
      if (!data.ev.length) places.addTo(map);
    }
    if (Object.keys(overlays).length) {
      L.control.layers(null, overlays, { collapsed: data.types.length > 8, position: "topright" })
        .addTo(map);
    }

    var cutoff = data.dates.length - 1;  // show events dated up to this index
    function refresh() {
      var shown = data.types.map(function (_, t) { return map.hasLayer(typeLayers[t]); });
      var visible = [], points = [];
      for (var i = 0; i < markers.length; i++) {
        var ev = data.ev[i];
        if (!shown[ev[2]] || ev[3] > cutoff) continue;
        visible.push(markers[i]);
        points.push([ev[0], ev[1], ev[4] > 0 ? Math.min(1, 0.3 + ev[4] / 20) : 0.3]);
      }
      cluster.clearLayers();
      cluster.addLayers(visible);
      if (heat) heat.setLatLngs(points);
      if (arcs) {
        arcs.clearLayers();
        visible.forEach(function (marker) {
          var i = marker._gmIndex, o = data.info[i].o, ev = data.ev[i];
          if (!o) return;
          var color = data.types[ev[2]].color;
          L.polyline(arcPoints([o[0], o[1]], [ev[0], ev[1]]), {
            color: color, weight: 2, opacity: 0.8, dashArray: "6 4", interactive: false,
          }).addTo(arcs);
          L.circleMarker([o[0], o[1]], { radius: 3, color: color, interactive: false })
            .addTo(arcs);
        });
      }
      document.getElementById(data.id + "-shown").textContent =
        visible.length.toLocaleString("en") + " of " + data.ev.length.toLocaleString("en") +
        " events shown";
    }
    map.on("overlayadd overlayremove", function (e) {
      if (typeLayers.indexOf(e.layer) >= 0) refresh();
    });

    // Legend: a swatch and a count per event type, and what could not be mapped.
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var box = el("div", "gm-legend leaflet-control");
      box.id = data.id + "-legend";
      if (data.title) box.appendChild(el("div", "gm-title", data.title));
      if (!data.ev.length) {
        box.appendChild(el("div", "gm-empty", "No events" + (data.places.length
          ? " — showing the " + data.places.length + " places mentioned" : "")));
      }
      data.types.forEach(function (type) {
        var line = el("div", "gm-legend-row");
        var swatch = el("span", "gm-swatch gm-" + type.shape);
        swatch.style.background = type.color;
        line.appendChild(swatch);
        line.appendChild(document.createTextNode(" " + type.name + " (" + type.count + ")"));
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
        var label = el("div", "gm-timeline-label");
        var slider = el("input");
        slider.type = "range"; slider.min = 0; slider.max = data.dates.length - 1;
        slider.value = data.dates.length - 1; slider.step = 1;
        slider.setAttribute("aria-label", "Show events up to this date");
        function describe() {
          label.textContent = data.dates[0] + " → " + data.dates[cutoff] +
            (cutoff === data.dates.length - 1 ? "" : " (drag right for later events)");
        }
        var pending = null;
        slider.addEventListener("input", function () {
          cutoff = Number(slider.value);
          describe();
          clearTimeout(pending);
          pending = setTimeout(refresh, data.ev.length > 20000 ? 250 : 0);
        });
        describe();
        box.appendChild(label);
        box.appendChild(slider);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      };
      timeline.addTo(map);
    }

    if (data.ev.length) refresh();

    // Fit the view to the events (or, with none, to the places mentioned).
    var latlngs = data.ev.length ? data.ev : (data.places || []);
    if (latlngs.length) {
      var bounds = L.latLngBounds(latlngs.map(function (p) { return [p[0], p[1]]; }));
      // Room on the right for the legend and the layer control.
      map.fitBounds(bounds, {
        paddingTopLeft: [50, 50], paddingBottomRight: [300, 60], maxZoom: 8, animate: false,
      });
    }
    map.geomap = { cluster: cluster, markers: markers, refresh: refresh };
  }
})();
