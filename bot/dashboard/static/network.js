/* The Network page's picture: Cytoscape.js draws the nodes and lines of the page's JSON block
   (#network-data, built by bot/dashboard/graph.py) into #network-picture, each node where the server put
   it (`preset`: no layout runs in the browser). Pointing at or tapping a node or line names it below the
   picture (#network-detail). No inline script or style: the page's CSP allows neither. */
(function () {
  "use strict";
  var box = document.getElementById("network-picture");
  var source = document.getElementById("network-data");
  var detail = document.getElementById("network-detail");
  if (!box || !source || typeof cytoscape !== "function") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var hint = detail ? detail.getAttribute("data-hint") : "";
  if (detail) {
    detail.textContent = hint;
  }
  box.classList.add("drawing");
  var elements = [];
  data.nodes.forEach(function (node, i) {
    elements.push({
      group: "nodes",
      data: { id: "n" + i, size: node[2], colour: node[3], role: node[4], title: node[5], label: node[6] },
      position: { x: node[0], y: node[1] }
    });
  });
  data.edges.forEach(function (edge, i) {
    elements.push({
      group: "edges",
      data: { id: "e" + i, source: "n" + edge[0], target: "n" + edge[1], width: edge[2], title: edge[3] || "" }
    });
  });
  var many = data.edges.length > 1500;
  var cy = cytoscape({
    container: box,
    elements: elements,
    layout: { name: "preset", fit: true, padding: 16 },
    boxSelectionEnabled: false,
    autoungrabify: true,
    hideEdgesOnViewport: many,
    textureOnViewport: many,
    minZoom: 0.05,
    maxZoom: 20,
    style: [
      {
        selector: "node",
        style: {
          width: "data(size)",
          height: "data(size)",
          "background-color": "data(colour)",
          label: "data(label)",
          color: "#fff",
          "font-size": 18,
          "font-weight": 600,
          "text-valign": "center",
          "text-halign": "center",
          "min-zoomed-font-size": 8
        }
      },
      { selector: 'node[role = "bridge"]', style: { "border-width": data.ring, "border-color": "#1d1c1d" } },
      { selector: 'node[role = "rest"]', style: { "background-opacity": 0.5, color: "#1d1c1d" } },
      {
        selector: "edge",
        style: { width: "data(width)", "line-color": "#8a8a8a", opacity: 0.45, "curve-style": "haystack" }
      },
      { selector: ".pointed", style: { "overlay-color": "#1d1c1d", "overlay-opacity": 0.25, "overlay-padding": 4 } }
    ]
  });
  function point(event) {
    cy.elements(".pointed").removeClass("pointed");
    event.target.addClass("pointed");
    if (detail && event.target.data("title")) {
      detail.textContent = event.target.data("title");
    }
  }
  cy.on("mouseover tap", "node, edge", point);
  cy.on("tap", function (event) {
    if (event.target === cy) {
      cy.elements(".pointed").removeClass("pointed");
      if (detail) {
        detail.textContent = hint;
      }
    }
  });
  box.setAttribute("data-drawn", String(data.nodes.length));
})();
