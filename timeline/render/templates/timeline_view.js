/* Part 3 of 3: labels, table, details panel, counts and event wiring. */
/* ---------- labels, table and count for the visible range ---------- */
/* The view in data units and the main axes' place in the label layer (plot-area pixels;
 * in the key view the main y axis leaves the bottom of the plot to the density strip). */
function viewRange() {
  var xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, size = gd._fullLayout._size;
  return {x0: toMs(xa.range[0]), x1: toMs(xa.range[1]),
    y0: Math.min(ya.range[0], ya.range[1]), y1: Math.max(ya.range[0], ya.range[1]),
    w: size.w, h: ya._length, top: ya._offset - size.t};
}
function inView(i, v) { return ev.x1[i] * DAY_MS >= v.x0 && ev.x0[i] * DAY_MS <= v.x1; }
function keyInView(j, v) { var t = key.day[j] * DAY_MS; return t >= v.x0 && t <= v.x1; }
function overlaps(a, b) { return a[0] < b[1] && b[0] < a[1] && a[2] < b[3] && b[2] < a[3]; }
var measure = document.createElement("canvas").getContext("2d");
function textWidth(text) {
  measure.font = "11px " + FONT;
  return measure.measureText(text).width;
}
/* Boxes (plot-area pixels) in columns of CELL pixels, so a label is checked against
 * what is near it only. */
var CELL = 64;
function Grid() { this.cells = {}; }
Grid.prototype.add = function (box) {
  for (var c = Math.floor(box[0] / CELL); c <= Math.floor(box[1] / CELL); c++) (this.cells[c] = this.cells[c] || []).push(box);
};
Grid.prototype.hits = function (box) {
  for (var c = Math.floor(box[0] / CELL); c <= Math.floor(box[1] / CELL); c++) {
    var list = this.cells[c] || [];
    for (var k = 0; k < list.length; k++) if (overlaps(box, list[k])) return true;
  }
  return false;
};
function pixel(v, ms, y) { return [(ms - v.x0) / (v.x1 - v.x0) * v.w, v.top + (y - v.y0) / (v.y1 - v.y0) * v.h]; }
function sizeOf(t, p) { var s = t.marker && t.marker.size; return typeof s === "number" ? s : s ? s[p] : 6; }
/* Everything drawn on the main axes (markers, bars, publication diamonds) as boxes:
 * no label may cover any of them. */
function drawnBoxes(v) {
  var grid = new Grid();
  gd.data.forEach(function (t) {
    if ((t.yaxis && t.yaxis !== "y") || !t.x) return;
    var lines = t.mode === "lines", half = lines ? (t.line.width || 2) / 2 : 0, prev = null;
    for (var p = 0; p < t.x.length; p++) {
      if (t.x[p] === null) { prev = null; continue; }
      var at = pixel(v, toMs(t.x[p]), t.y[p]);
      if (lines) {
        if (prev && Math.max(prev[0], at[0]) >= 0 && Math.min(prev[0], at[0]) <= v.w)
          grid.add([Math.max(-1, Math.min(prev[0], at[0])), Math.min(v.w + 1, Math.max(prev[0], at[0])), at[1] - half, at[1] + half]);
        prev = at;
      } else if (at[0] >= -20 && at[0] <= v.w + 20) {
        var r = sizeOf(t, p) / 2 + 1;
        grid.add([at[0] - r, at[0] + r, at[1] - r, at[1] + r]);
      }
    }
  });
  return grid;
}
/* The first of ``spots`` (label boxes) inside the plot that covers no label and
 * nothing drawn, or null. */
function freeSpot(spots, v, labels, drawn) {
  for (var k = 0; k < spots.length; k++) {
    var box = spots[k];
    if (box[0] < 0 || box[1] > v.w || box[2] < v.top || box[3] > v.top + v.h) continue;
    if (!labels.hits(box) && !drawn.hits(box)) return box;
  }
  return null;
}
/* The top-K events by confidence in the visible range whose labels fit: above or below
 * the event's start, clear of other labels, markers, bars and publication dates. */
function pickLabels(v) {
  if (state.view === "key") return pickKeyLabels(v);
  var shown = {}, labels = new Grid(), drawn = drawnBoxes(v), out = [];
  visible.forEach(function (i) { shown[i] = true; });
  for (var n = 0; n < byConfidence.length && out.length < MAX_LABELS; n++) {
    var i = byConfidence[n];
    if (!shown[i] || !inView(i, v) || !ev.label[i]) continue;
    for (var k = 0; k < ev.ln[i].length; k++) {
      if (laneY[ev.ln[i][k]] === undefined) continue;
      var y = yOf(i, k), x = Math.max(ev.x0[i] * DAY_MS, v.x0);
      if (y < v.y0 || y > v.y1) continue;
      var text = clip(ev.label[i], LABEL_CHARS), at = pixel(v, x, y), w = textWidth(text);
      at[0] = Math.max(at[0], 3);  // an interval that starts left of the view: at its edge
      var box = freeSpot([[at[0] - 3, at[0] + 3 + w, at[1] - 21, at[1] - 7],
                          [at[0] - 3, at[0] + 3 + w, at[1] + 7, at[1] + 21]], v, labels, drawn);
      if (!box) continue;
      labels.add(box);
      out.push({text: text, left: box[0], top: box[2], dx: box[0] - at[0], dy: box[2] - at[1], x: x, y: y, event: i});
      break;
    }
  }
  return out;
}
/* Key events by rank: the headline right of the marker, else left of it. */
function pickKeyLabels(v) {
  var labels = new Grid(), drawn = drawnBoxes(v), out = [];
  var order = keyVisible.slice().sort(function (a, b) { return key.rank[a] - key.rank[b] || a - b; });
  order.forEach(function (j) {
    if (!keyInView(j, v) || out.length >= MAX_KEY_LABELS) return;
    var text = clip(key.head[j] || keyDate(j), LABEL_CHARS + 20), w = textWidth(text);
    var at = pixel(v, key.day[j] * DAY_MS, keyY[j]), r = keySize(j) / 2 + 2;
    var box = freeSpot([[at[0] + r + 1, at[0] + r + 3 + w, at[1] - 7, at[1] + 7],
                        [at[0] - r - 3 - w, at[0] - r - 1, at[1] - 7, at[1] + 7]], v, labels, drawn);
    if (!box) return;
    labels.add(box);
    out.push({text: text, left: box[0], top: box[2], dx: box[0] - at[0], dy: box[2] - at[1],
      x: key.day[j] * DAY_MS, y: keyY[j], event: j});
  });
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
    span.dataset[state.view === "key" ? "key" : "event"] = String(lab.event);
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
var HEADS = {all: ["When", "Event", "Expression \u2192 value", "Lane", "Source", "Sentence"],
  key: ["When", "Key event", "Articles", "First reported", "Summary"]};
function setHead() {
  var row = document.querySelector("#tl-table thead tr");
  row.textContent = "";
  HEADS[state.view].forEach(function (h) { row.appendChild(el("th", h)); });
}
function keyRow(j) {
  var tr = el("tr");
  tr.dataset.key = String(j);
  tr.appendChild(el("td", keyDate(j), "when"));
  tr.appendChild(el("td", key.head[j], "label"));
  tr.appendChild(el("td", fmt(key.n[j]), "count"));
  tr.appendChild(el("td", key.first[j] === null ? "" : iso(key.first[j]), "when"));
  tr.appendChild(el("td", key.sum[j], "sentence"));
  return tr;
}
function updateTable(v) {
  var isKey = state.view === "key", rows = isKey ?
    keyVisible.filter(function (j) { return keyInView(j, v); }) :
    visible.filter(function (i) { return inView(i, v); });
  var start = isKey ? key.day : ev.x0;
  rows.sort(function (a, b) { return start[a] - start[b] || a - b; });
  var body = document.getElementById("tl-rows"), frag = document.createDocumentFragment();
  rows.slice(0, MAX_ROWS).forEach(function (i) { frag.appendChild(isKey ? keyRow(i) : tableRow(i)); });
  body.textContent = "";
  body.appendChild(frag);
  var what = isKey ? "key event" : "event";
  document.getElementById("tl-table-note").textContent = (rows.length > MAX_ROWS ?
    "Showing the first " + MAX_ROWS + " of " + rows.length + " " + what + "s in view; zoom in or filter to see the rest." :
    rows.length + " " + what + (rows.length === 1 ? "" : "s") + " in view.") + (data.dated > N && !isKey ?
    " The page draws the " + fmt(N) + " most reported of " + fmt(data.dated) + " dated events; events.csv has them all." : "");
  return rows.length;
}
function refreshView() {
  var v = viewRange(), inRange = updateTable(v);
  placeLabels(pickLabels(v));
  var lanesTotal = Object.keys(laneY).length, lanesIn = 0;
  for (var l in laneY) if (laneY[l] >= v.y0 && laneY[l] <= v.y1) lanesIn += 1;
  var text = state.view === "key" ?
    fmt(keyVisible.length) + " of " + fmt(K) + " key events \u00b7 " + fmt(inRange) + " in view" :
    fmt(visible.length) + " of " + fmt(N) + " events" + (visible.length ? " \u00b7 " + fmt(inRange) + " in view" : "") +
    (lanesIn < lanesTotal ? " \u00b7 lanes " + lanesIn + " of " + lanesTotal + " shown (drag up/down)" : "");
  document.getElementById("tl-count").textContent = text;
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
/* A key event: its summary and the mentions behind it (the first MAX_MENTIONS). */
var MAX_MENTIONS = 20;
function showKeyDetails(j) {
  var box = document.getElementById("tl-detail");
  box.textContent = "";
  box.appendChild(el("h3", key.head[j] || keyDate(j)));
  box.appendChild(el("p", keyDate(j) + " \u00b7 reported by " + fmt(key.n[j]) + " article" +
    (key.n[j] === 1 ? "" : "s") + (key.first[j] === null ? "" : " \u00b7 first reported " + iso(key.first[j]))));
  if (key.sum[j]) box.appendChild(el("blockquote", key.sum[j]));
  var list = el("ul");
  key.ev[j].slice(0, MAX_MENTIONS).forEach(function (i) {
    var d = ev.doc[i], item = el("li", (docs.source[d] || docs.title[d]) + ": "), url = safeUrl(docs.url[d]);
    var cell = sentenceCell(i);
    while (cell.firstChild) item.appendChild(cell.firstChild);
    if (url) { var a = el("a", " \u2197"); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer"; item.appendChild(a); }
    list.appendChild(item);
  });
  if (key.ev[j].length > MAX_MENTIONS) list.appendChild(el("li", "\u2026 and " + fmt(key.ev[j].length - MAX_MENTIONS) + " more"));
  box.appendChild(list);
  box.hidden = false;
}

/* ---------- wiring ---------- */
var api = {ready: false, total: N, inView: 0, keys: K};
api.visibleCount = function () { return visible.length; };
api.keyCount = function () { return keyVisible.length; };
api.view = function () { return state.view; };
api.setView = function (name) { return setView(name); };
api.boxes = function () { return currentLabels.map(function (l) { return [l.left, l.top]; }); };
api.labels = function () { return currentLabels.map(function (l) { return l.text; }); };
/* The chart with its current labels as Plotly annotations (for SVG export). */
api.figure = function () {
  var lay = JSON.parse(JSON.stringify(gd.layout));
  lay.annotations = currentLabels.map(function (l) {
    return {x: new Date(l.x).toISOString(), y: l.y, text: esc(l.text), showarrow: false,
      xanchor: "left", yanchor: "top", xshift: l.dx, yshift: -l.dy, font: {size: 11, color: "#26313d"}};
  });
  return {data: gd.data, layout: lay};
};
api.drawnPoints = function () {
  return gd.data.filter(function (t) { return t.meta === "events"; })
    .reduce(function (n, t) { return n + t.customdata.length; }, 0);
};
window.__timeline = api;

function draw() {
  setHead();
  document.getElementById("tl-key-all").hidden = state.view === "key";
  document.getElementById("tl-key-key").hidden = state.view !== "key";
  if (state.view === "key") {
    laneY = {};
    var tracks = packKeys();
    return Plotly.react(gd, keyTraces(), keyLayout(tracks), config).then(refreshView);
  }
  var lanes = usedLanes();
  return Plotly.react(gd, traces(lanes), layout(lanes), config).then(refreshView);
}
function setView(name) {
  if (name === state.view || (name === "key" && !key)) return Promise.resolve();
  state.view = name;
  ["key", "all"].forEach(function (v) {
    document.getElementById("tl-view-" + v).setAttribute("aria-pressed", String(v === name));
  });
  document.getElementById("tl-detail").hidden = true;
  return draw();
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
  summary.textContent = (key ? fmt(K) + " key events; " : "") + fmt(data.dated) + " dated events from " +
    fmt(docs.title.length) + " article" + (docs.title.length === 1 ? "" : "s") + ", in " +
    fmt(data.lanes.name.length) + " lanes by " + data.mode +
    (data.dated > N ? " (the " + fmt(N) + " most reported drawn)" : "") +
    (data.undated ? " \u00b7 " + fmt(data.undated) + " undated not drawn" : "") + ".";
  var views = document.getElementById("tl-views");
  views.hidden = !key;
  ["key", "all"].forEach(function (v) {
    var button = document.getElementById("tl-view-" + v);
    button.setAttribute("aria-pressed", String(v === state.view));
    button.addEventListener("click", function () { setView(v); });
  });
  applyFilters().then(function () {
    gd.on("plotly_relayout", refreshView);
    gd.on("plotly_relayouting", function () {
      document.getElementById("tl-labels").style.visibility = "hidden";
    });
    gd.on("plotly_click", function (e) {
      var pt = e.points && e.points[0];
      if (pt && pt.data.meta === "events") showDetails(pt.customdata);
      if (pt && pt.data.meta === "key") showKeyDetails(pt.customdata);
    });
    api.ready = true;
    document.body.dataset.ready = "1";
  });
}
init();
