/* Kindred dashboard, Overview: draws each number's 12-week sparkline with the vendored uPlot.
   The weeks and series come from the page's JSON block (#overview-data); each chart element names its
   series in data-chart. Loaded as a file (the pages' CSP allows no inline script). Without JavaScript the
   page still shows every number and, under "Week by week", every week's value. */
(function () {
  "use strict";

  var HEIGHT = 44;

  function lonelyPoints(u, seriesIndex) {
    // A value with no value beside it draws no line: show it as a dot, and the latest week too.
    var ys = u.data[seriesIndex], shown = [];
    for (var i = 0; i < ys.length; i++) {
      var alone = (i === 0 || ys[i - 1] == null) && (i === ys.length - 1 || ys[i + 1] == null);
      if (ys[i] != null && (alone || i === ys.length - 1)) shown.push(i);
    }
    return shown.length ? shown : null;
  }

  function fromZero(u, min, max) {
    // Counts, rates and days are never negative: start the scale at zero, so a change is not overstated.
    return [Math.min(0, min == null ? 0 : min), max == null || max <= 0 ? 1 : max * 1.1];
  }

  function baseline(u) {
    // A faint line at zero under every chart: the scale's foot, and all a chart shows when it has no values.
    var ctx = u.ctx, y = Math.round(u.valToPos(0, "y", true)) - 0.5;
    ctx.save();
    ctx.strokeStyle = "rgba(0, 0, 0, 0.15)";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, y);
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
    ctx.restore();
  }

  function draw(element, weeks, values) {
    var colour = window.getComputedStyle(element).color;
    var xs = weeks.map(function (_, i) { return i; });
    var options = {
      width: Math.max(element.clientWidth, 60),
      height: HEIGHT,
      pxAlign: false,
      padding: [4, 4, 2, 4],
      hooks: { drawClear: [baseline] },
      cursor: { show: false },
      select: { show: false },
      legend: { show: false },
      scales: { x: { time: false }, y: { range: fromZero } },
      axes: [{ show: false }, { show: false }],
      series: [
        {},
        {
          stroke: colour,
          width: 2,
          spanGaps: false,
          points: { show: false, size: 5, fill: colour, filter: lonelyPoints }
        }
      ]
    };
    return new window.uPlot(options, [xs, values], element);
  }

  function start() {
    var source = document.getElementById("overview-data");
    if (!source || !window.uPlot) return;
    var data = JSON.parse(source.textContent);
    var plots = [];
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var values = data.series[element.getAttribute("data-chart")];
      if (values) plots.push({ element: element, plot: draw(element, data.weeks, values) });
    });
    window.addEventListener("resize", function () {
      plots.forEach(function (each) {
        each.plot.setSize({ width: Math.max(each.element.clientWidth, 60), height: HEIGHT });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
