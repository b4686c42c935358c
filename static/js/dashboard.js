// Draws each target's chart from the JSON the page embeds (json_script); the tables beside the charts
// hold the same numbers, so the page is complete without this script. Numbers are written the
// reader's way (Intl, in the language of <html lang>): 1 234,5 in French; the days come written by
// the server as the tables write them ("28 Jan 2016"), so the axis and the table agree.
(function () {
  "use strict";

  const LANG = document.documentElement.lang || "en";
  const NUMBER = new Intl.NumberFormat(LANG, { maximumFractionDigits: 1 });
  // The percent metrics come as 0-100; Intl's percent style wants a fraction.
  const PERCENT = new Intl.NumberFormat(LANG, { style: "percent", maximumFractionDigits: 1 });

  function formatValue(value, unit) {
    if (value === null || value === undefined) return "";
    return unit === "percent" ? PERCENT.format(value / 100) : NUMBER.format(value);
  }

  const GREEN = "#1f7a4d";
  const GREY = "#6b7780";
  const AMBER = "#9a6700";

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    const datasets = [
      { label: data.names.values, data: data.values, borderColor: GREEN, backgroundColor: GREEN, pointRadius: 2, spanGaps: false },
      { label: data.names.target, data: data.labels.map(() => data.target), borderColor: GREY, borderDash: [6, 4], pointRadius: 0 },
    ];
    if (data.trend.length) {
      datasets.push({ label: data.names.trend, data: data.trend, borderColor: AMBER, borderDash: [2, 3], pointRadius: 0 });
    }
    new Chart(canvas, {
      type: "line",
      data: { labels: data.days, datasets: datasets },
      options: {
        locale: LANG,
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { ticks: { maxTicksLimit: 12 } },
          y: { beginAtZero: true, ticks: { callback: (value) => formatValue(value, data.unit) } },
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: (item) => item.dataset.label + ": " + formatValue(item.parsed.y, data.unit),
            },
          },
        },
      },
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
