/* Part 3 of 3: labels, table, details panel, counts and event wiring. */
/* ---------- labels, table and count for the visible range ---------- */
function viewRange() {
  var xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  return {x0: toMs(xa.range[0]), x1: toMs(xa.range[1]),
    y0: Math.min(ya.range[0], ya.range[1]), y1: Math.max(ya.range[0], ya.range[1]),
    w: gd._fullLayout._size.w, h: gd._fullLayout._size.h};
}
function inView(i, v) { return ev.x1[i] * DAY_MS >= v.x0 && ev.x0[i] * DAY_MS <= v.x1; }
function overlaps(a, list) {
  for (var j = 0; j < list.length; j++) {
    var b = list[j];
    if (a[0] < b[1] && b[0] < a[1] && a[2] < b[3] && b[2] < a[3]) return true;
  }
  return false;
}
var measure = document.createElement("canvas").getContext("2d");
function textWidth(text) {
  measure.font = "11px " + FONT;
  return measure.measureText(text).width;
}
/* The top-K events by confidence in the visible range whose labels do not collide. */
function pickLabels(v) {
  var shown = {}, boxes = [], out = [];
  visible.forEach(function (i) { shown[i] = true; });
  for (var n = 0; n < byConfidence.length && out.length < MAX_LABELS; n++) {
    var i = byConfidence[n];
    if (!shown[i] || !inView(i, v) || !ev.label[i]) continue;
    for (var k = 0; k < ev.ln[i].length; k++) {
      if (laneY[ev.ln[i][k]] === undefined) continue;
      var y = yOf(i, k), x = Math.max(ev.x0[i] * DAY_MS, v.x0);
      if (y < v.y0 || y > v.y1) continue;
      var text = clip(ev.label[i], LABEL_CHARS);
      var px = (x - v.x0) / (v.x1 - v.x0) * v.w, py = (y - v.y0) / (v.y1 - v.y0) * v.h;
      var box = [px - 3, px + 3 + textWidth(text), py - 18, py - 3];
      if (box[1] > v.w || box[2] < -2 || overlaps(box, boxes)) continue;
      boxes.push(box);
      out.push({text: text, left: box[0], top: box[2], x: x, y: y, event: i});
      break;
    }
  }
  return out;
}
/* Labels live in an HTML layer over the plot (textContent, no Plotly redraw). */
function placeLabels(labels) {
  var layer = document.getElementById("tl-labels"), size = gd._fullLayout._size;
  var hover = gd.querySelector(".svg-container > svg.main-svg:last-of-type");
  if (hover && layer.nextSibling !== hover) hover.parentNode.insertBefore(layer, hover);  // under hover labels
  layer.style.left = size.l + "px"; layer.style.top = size.t + "px";
  layer.style.width = size.w + "px"; layer.style.height = size.h + "px";
  layer.textContent = "";
  labels.forEach(function (lab) {
    var span = el("span", lab.text, "tl-label");
    span.style.left = lab.left.toFixed(1) + "px"; span.style.top = lab.top.toFixed(1) + "px";
    span.dataset.event = String(lab.event);
    layer.appendChild(span);
  });
  layer.style.visibility = "visible";
  currentLabels = labels;
}
var currentLabels = [];
function whenCell(i) {
  var text = intervalText(i);
  return (ev.fz[i] ? "\u2248 " : "") + text;
}
function sentenceCell(i) {
  var td = el("td", null, "sentence"), s = data.sentences[ev.sent[i]], hs = ev.hs[i], he = ev.he[i];
  if (hs < 0) { td.textContent = s; return td; }
  td.appendChild(document.createTextNode(s.slice(0, hs)));
  td.appendChild(el("mark", s.slice(hs, he)));
  td.appendChild(document.createTextNode(s.slice(he)));
  return td;
}
function sourceCell(d) {
  var td = el("td"), url = safeUrl(docs.url[d]), name = docs.source[d] || docs.title[d];
  if (!url) { td.textContent = name; return td; }
  var a = el("a", name);
  a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
  td.appendChild(a);
  return td;
}
function tableRow(i) {
  var tr = el("tr");
  tr.dataset.event = String(i);
  tr.appendChild(el("td", whenCell(i), "when"));
  tr.appendChild(el("td", ev.label[i], "label"));
  tr.appendChild(el("td", ev.tx[i] + " \u2192 " + ev.val[i], "expr"));
  tr.appendChild(el("td", ev.ln[i].map(function (l) { return data.lanes.name[l]; }).join("; "), "lane"));
  tr.appendChild(sourceCell(ev.doc[i]));
  tr.appendChild(sentenceCell(i));
  if (ev.conf[i] < 0.75) tr.style.opacity = String(0.45 + 0.55 * ev.conf[i]);
  return tr;
}
function updateTable(v) {
  var rows = visible.filter(function (i) { return inView(i, v); });
  rows.sort(function (a, b) { return ev.x0[a] - ev.x0[b] || a - b; });
  var body = document.getElementById("tl-rows"), frag = document.createDocumentFragment();
  rows.slice(0, MAX_ROWS).forEach(function (i) { frag.appendChild(tableRow(i)); });
  body.textContent = "";
  body.appendChild(frag);
  document.getElementById("tl-table-note").textContent = rows.length > MAX_ROWS ?
    "Showing the first " + MAX_ROWS + " of " + rows.length + " events in view; zoom in or filter to see the rest." :
    rows.length + " event" + (rows.length === 1 ? "" : "s") + " in view.";
  return rows.length;
}
function refreshView() {
  var v = viewRange(), inRange = updateTable(v);
  placeLabels(pickLabels(v));
  var lanesTotal = Object.keys(laneY).length, lanesIn = 0;
  for (var l in laneY) if (laneY[l] >= v.y0 && laneY[l] <= v.y1) lanesIn += 1;
  document.getElementById("tl-count").textContent = fmt(visible.length) + " of " + fmt(N) + " events" +
    (visible.length ? " \u00b7 " + fmt(inRange) + " in view" : "") + (lanesIn < lanesTotal ?
    " \u00b7 lanes " + lanesIn + " of " + lanesTotal + " shown (drag up/down)" : "");
  api.inView = inRange;
}

/* ---------- details panel on click ---------- */
function showDetails(i) {
  var box = document.getElementById("tl-detail"), d = ev.doc[i], url = safeUrl(docs.url[d]);
  box.textContent = "";
  box.appendChild(el("h3", ev.label[i] || ev.tx[i]));
  box.appendChild(el("p", whenCell(i) + " \u00b7 \u201c" + ev.tx[i] + "\u201d \u2192 " + ev.val[i] +
    (ev.mod[i] ? " (" + ev.mod[i] + ")" : "") + " \u00b7 confidence " + ev.conf[i].toFixed(2)));
  var quote = el("blockquote"), cell = sentenceCell(i);
  while (cell.firstChild) quote.appendChild(cell.firstChild);
  box.appendChild(quote);
  var src = el("p", (docs.source[d] || "Unknown source") + " \u2014 " + docs.title[d] + " ");
  if (url) { var a = el("a", url); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer"; src.appendChild(a); }
  box.appendChild(src);
  box.hidden = false;
}

/* ---------- wiring ---------- */
var api = {ready: false, total: N, inView: 0};
api.visibleCount = function () { return visible.length; };
api.labels = function () { return currentLabels.map(function (l) { return l.text; }); };
/* The chart with its current labels as Plotly annotations (for SVG export). */
api.figure = function () {
  var lay = JSON.parse(JSON.stringify(gd.layout));
  lay.annotations = currentLabels.map(function (l) {
    return {x: new Date(l.x).toISOString(), y: l.y, text: esc(l.text), showarrow: false,
      xanchor: "left", yanchor: "bottom", xshift: -3, yshift: 3, font: {size: 11, color: "#26313d"}};
  });
  return {data: gd.data, layout: lay};
};
api.drawnPoints = function () {
  return gd.data.filter(function (t) { return t.meta === "events"; })
    .reduce(function (n, t) { return n + t.customdata.length; }, 0);
};
window.__timeline = api;

function draw() {
  var lanes = usedLanes();
  return Plotly.react(gd, traces(lanes), layout(lanes), config).then(refreshView);
}
var config = {responsive: true, displaylogo: false, scrollZoom: true,
  modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
  toImageButtonOptions: {format: "png", filename: "timeline", scale: 2}};

function fillSelect(id, names, order) {
  var sel = document.getElementById(id);
  order.forEach(function (idx) { var o = el("option", names[idx]); o.value = String(idx); sel.appendChild(o); });
  sel.addEventListener("change", function () {
    state[id === "tl-actor" ? "actor" : "lane"] = Number(sel.value);
    applyFilters();
  });
}
function actorOrder() {
  var counts = data.actors.map(function () { return 0; });
  ev.act.forEach(function (acts) { acts.forEach(function (a) { counts[a] += 1; }); });
  return data.actors.map(function (a, i) { return i; })
    .sort(function (a, b) { return counts[b] - counts[a] || (data.actors[a] < data.actors[b] ? -1 : 1); });
}
function init() {
  fillSelect("tl-actor", data.actors, actorOrder());
  fillSelect("tl-lane", data.lanes.name, data.lanes.name.map(function (n, i) { return i; }));
  var timer = null, box = document.getElementById("tl-search");
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      state.query = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      applyFilters();
    }, 120);
  });
  var summary = document.getElementById("tl-summary");
  summary.textContent = fmt(N) + " dated events from " + fmt(docs.title.length) + " article" +
    (docs.title.length === 1 ? "" : "s") + ", in " + fmt(data.lanes.name.length) + " lanes by " + data.mode +
    (data.undated ? " \u00b7 " + fmt(data.undated) + " undated not drawn" : "") + ".";
  applyFilters().then(function () {
    gd.on("plotly_relayout", refreshView);
    gd.on("plotly_relayouting", function () {
      document.getElementById("tl-labels").style.visibility = "hidden";
    });
    gd.on("plotly_click", function (e) {
      var pt = e.points && e.points[0];
      if (pt && pt.data.meta === "events") showDetails(pt.customdata);
    });
    api.ready = true;
    document.body.dataset.ready = "1";
  });
}
init();
