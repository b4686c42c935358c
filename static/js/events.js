/* Event page enhancements: the event's times in the reader's time zone, and the venue's map.
   The page states the event's own time zone without JavaScript. */
(function () {
  "use strict";

  function showLocalTime(element) {
    var readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!readerZone || readerZone === element.dataset.eventZone) {
      return; // the times shown are already the reader's
    }
    var starts = new Date(element.dataset.starts);
    var ends = new Date(element.dataset.ends);
    var format = new Intl.DateTimeFormat(undefined, {
      weekday: "long", day: "numeric", month: "long", year: "numeric",
      hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    });
    var range = format.formatRange
      ? format.formatRange(starts, ends)
      : format.format(starts) + " – " + format.format(ends);
    element.textContent = element.dataset.label + " (" + readerZone + "): " + range;
    element.hidden = false;
  }

  function drawMap(element) {
    if (typeof L === "undefined") {
      return;
    }
    var point = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    // A small picture of where the venue is: no controls, nothing to focus or drag.
    var map = L.map(element, {
      zoomControl: false, attributionControl: false, dragging: false, scrollWheelZoom: false,
      doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false
    }).setView(point, 5);
    fetch(element.dataset.geojson)
      .then(function (response) { return response.json(); })
      .then(function (data) {
        L.geoJSON(data, {
          interactive: false, style: { color: "#7a8a94", weight: 1, fillColor: "#f4f6f2", fillOpacity: 1 }
        })
          .addTo(map);
        marker.bringToFront();
      });
    var marker = L.circleMarker(point, {
      interactive: false, radius: 8, color: "#0b6e4f", fillColor: "#12a26f", fillOpacity: 0.9
    }).addTo(map);
  }

  // The events list answers malformed filters with status 400 and the form errors; htmx leaves
  // error responses unswapped unless told, so the errors would not show.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 400 && event.detail.target.id === "event-results") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.querySelectorAll("[data-local-time]").forEach(showLocalTime);
  document.querySelectorAll("#event-map").forEach(drawMap);
})();
