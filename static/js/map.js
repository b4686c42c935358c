// The country map (/map/): countries coloured by their number of active partners, city and region
// partners as clustered markers, and a click on a country opens the directory filtered to it.
// Everything comes from data-* attributes and two JSON files; no inline script (strict CSP).
(function () {
  "use strict";
  const element = document.getElementById("network-map");
  if (!element || !window.L) return;

  // Five classes, light to dark; the colours live in site.css (.swatch-N) and here for SVG fills.
  const COLOURS = ["#f1f4f2", "#c7e6d5", "#8dcaa9", "#4ea67c", "#1d8059", "#075c3e"];

  function thresholds(max) {
    // Upper bounds of classes 1..5, so that 1 partner is already visible and max is the darkest.
    const step = Math.max(1, Math.ceil(max / 5));
    return [step, step * 2, step * 3, step * 4, Infinity];
  }

  function classOf(count, bounds) {
    if (!count) return 0;
    return 1 + bounds.findIndex((bound) => count <= bound);
  }

  function textNode(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function legend(bounds, max) {
    const control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      const box = L.DomUtil.create("div", "map-legend");
      const title = L.DomUtil.create("strong", "", box);
      title.textContent = element.dataset.legendTitle;
      const labels = [element.dataset.none];
      let low = 1;
      bounds.forEach((bound) => {
        if (low > max) return;
        const high = Math.min(bound, max);
        labels.push(low === high ? String(low) : low + "–" + high);
        low = high + 1;
      });
      labels.forEach((label, index) => {
        const row = L.DomUtil.create("div", "", box);
        L.DomUtil.create("span", "swatch swatch-" + index, row);
        row.appendChild(document.createTextNode(" " + label));
      });
      return box;
    };
    return control;
  }

  function draw(boundaries, data) {
    const byNumeric = new Map(data.countries.map((country) => [country.numeric, country]));
    const max = Math.max(1, ...data.countries.map((country) => country.count));
    const bounds = thresholds(max);
    const map = L.map(element, { zoomSnap: 0.5, minZoom: 2, maxZoom: 12 });
    map.fitBounds([[35, -11], [68, 32]]); // continental Europe, whatever the screen size
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, { attribution: element.dataset.tilesAttribution || "" }).addTo(map);
    }
    L.geoJSON(boundaries, {
      style: (feature) => {
        const country = byNumeric.get(feature.properties.numeric);
        return {
          className: "country country-" + feature.properties.numeric,
          color: "#5b6b75",
          weight: 1,
          fillColor: COLOURS[classOf(country && country.count, bounds)],
          fillOpacity: element.dataset.tiles ? 0.7 : 1,
        };
      },
      onEachFeature: (feature, layer) => {
        const country = byNumeric.get(feature.properties.numeric);
        const count = country ? country.count : 0;
        layer.bindTooltip(textNode(feature.properties.name + ": " + count), { sticky: true });
        if (country) {
          layer.on("click", () => {
            window.location.assign(element.dataset.directory + "?country=" + encodeURIComponent(country.code));
          });
        }
      },
    }).addTo(map);
    const markers = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
    data.features.forEach((feature) => {
      const [longitude, latitude] = feature.geometry.coordinates;
      const marker = L.circleMarker([latitude, longitude], {
        radius: 6, color: "#ffffff", weight: 2, fillColor: "#b3261e", fillOpacity: 0.9,
      });
      const link = document.createElement("a");
      link.href = feature.properties.url;
      link.textContent = feature.properties.name;
      marker.bindPopup(link);
      marker.bindTooltip(textNode(feature.properties.name));
      markers.addLayer(marker);
    });
    map.addLayer(markers);
    legend(bounds, max).addTo(map);
    element.dataset.ready = "true"; // for the browser tests
  }

  Promise.all([
    fetch(element.dataset.boundaries).then((response) => response.json()),
    fetch(element.dataset.geojson).then((response) => response.json()),
  ]).then(([boundaries, data]) => draw(boundaries, data));
})();
