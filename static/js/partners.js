// The small map on a partner's profile: the country boundaries and one marker, no tile server needed.
(function () {
  "use strict";
  const element = document.getElementById("partner-map");
  if (!element || !window.L) return;
  const position = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lng)];
  const map = L.map(element, { scrollWheelZoom: false, keyboard: false }).setView(position, 6);
  fetch(element.dataset.boundaries)
    .then((response) => response.json())
    .then((boundaries) => {
      L.geoJSON(boundaries, {
        interactive: false,
        style: { color: "#5b6b75", weight: 1, fillColor: "#f1f4f2", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    });
  const label = document.createElement("span");
  label.textContent = element.dataset.name;
  L.circleMarker(position, { radius: 8, color: "#ffffff", weight: 2, fillColor: "#b3261e", fillOpacity: 0.9 })
    .addTo(map)
    .bindTooltip(label, { permanent: true, direction: "top", offset: [0, -8] });
})();
