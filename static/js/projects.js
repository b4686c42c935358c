// Small maps of partners (a consortium, a solution's replications), drawn on the European
// boundaries; the points come from a json_script element named by data-points.
(function () {
  "use strict";

  function draw(element) {
    var points = JSON.parse(document.getElementById(element.dataset.points).textContent);
    var map = L.map(element, { scrollWheelZoom: false, attributionControl: false });
    fetch(element.dataset.geojson)
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        L.geoJSON(geojson, { interactive: false, style: { color: "#8aa1ad", weight: 1, fillColor: "#f4f7f5", fillOpacity: 1 } })
          .addTo(map)
          .bringToBack();
      });
    var bounds = [];
    points.forEach(function (point) {
      var style = point.main
        ? { radius: 9, color: "#7a4f00", fillColor: "#e8a317", fillOpacity: 0.95 }
        : { radius: 7, color: "#0b6e4f", fillColor: "#16a06e", fillOpacity: 0.9 };
      var marker = L.circleMarker([point.lat, point.lon], style);
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      var popup = document.createElement("span");
      popup.appendChild(link);
      popup.appendChild(document.createTextNode(" (" + point.label + ")"));
      marker.bindPopup(popup).addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 6);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 7 });
    }
  }

  function init() {
    if (typeof L === "undefined") {
      return;
    }
    document.querySelectorAll(".js-points-map").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
