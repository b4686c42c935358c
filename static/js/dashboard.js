// Draws each target's chart from the JSON the page embeds (json_script); the tables beside the charts
// hold the same numbers, so the page is complete without this script.
(function () {
  "use strict";

  const GREEN = "#1f7a4d";
  const GREY = "#6b7780";
  const AMBER = "#9a6700";

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    const suffix = data.unit === "percent" ? " %" : "";
    const datasets = [
      { label: data.names.values, data: data.values, borderColor: GREEN, backgroundColor: GREEN, pointRadius: 2, spanGaps: false },
      { label: data.names.target, data: data.labels.map(() => data.target), borderColor: GREY, borderDash: [6, 4], pointRadius: 0 },
    ];
    if (data.trend.length) {
      datasets.push({ label: data.names.trend, data: data.trend, borderColor: AMBER, borderDash: [2, 3], pointRadius: 0 });
    }
    new Chart(canvas, {
      type: "line",
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { ticks: { maxTicksLimit: 12 } },
          y: { beginAtZero: true, ticks: { callback: (value) => value + suffix } },
        },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
