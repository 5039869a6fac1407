/* News timeline page: builds Plotly traces from the JSON blob in #timeline-data.
 * Article text is data, never markup: hover/axis strings are escaped before Plotly
 * sees them, and the table and details panel are built with textContent. */
/* Part 1 of 3 (concatenated inside one function scope by render_page.py):
 * the data blob, text helpers, hover text and filtering. */
var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
var DAY_MS = 864e5, MAX_PLOT_PX = 840, MAX_LABELS = 24, MAX_KEY_LABELS = 60, MAX_ROWS = 400, LABEL_CHARS = 38, WRAP = 80;
var KIND_DAY = 0, KIND_INTERVAL = 1, KIND_OPEN_END = 2, KIND_OPEN_START = 3;
var COLOR = {exact: "31,95,168", fuzzy: "120,160,210", open: "70,90,120", pub: "#d9822b"};
var data = JSON.parse(document.getElementById("timeline-data").textContent);
var ev = data.ev, docs = data.docs, N = ev.label.length;
["mod", "rel", "gran", "dl"].forEach(function (k) { ev[k] = ev[k].map(function (c) { return data.codes[k][c]; }); });
ev.x1 = ev.x0.map(function (x, i) { return x + ev.dx[i]; });
ev.he = ev.hs.map(function (h, i) { return h < 0 ? -1 : h + ev.tx[i].length; });
var key = data.key || null, K = key ? key.day.length : 0;
var gd = document.getElementById("tl-chart");
var state = {query: [], actor: -1, lane: -1, view: key ? "key" : "all"};
var visible = [], keyVisible = [], laneY = {}, keyY = [], hoverCache = {}, haystack = null;
var byConfidence = ev.conf.map(function (c, i) { return i; })
  .sort(function (a, b) { return ev.conf[b] - ev.conf[a] || a - b; });

function esc(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&#34;").replace(/'/g, "&#39;");
}
function iso(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
function toMs(v) {
  return typeof v === "number" ? v : Date.parse(String(v).replace(" ", "T") + (String(v).length > 10 ? "Z" : "T00:00:00Z"));
}
function fmt(n) { return Number(n).toLocaleString("en-US"); }
function clip(s, n) { return s.length > n ? s.slice(0, n - 1) + "\u2026" : s; }
function safeUrl(u) { return /^https?:\/\/[^\s]+$/i.test(u || "") ? u : ""; }
function el(tag, text, cls) {
  var node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

/* ---------- hover text: escape first, then wrap the escaped expression ---------- */
function wrapSentence(s, hs, he) {
  var lines = [], start = 0;
  while (start < s.length) {
    var stop = Math.min(s.length, start + WRAP);
    if (stop < s.length) { var sp = s.lastIndexOf(" ", stop); if (sp > start) stop = sp; }
    lines.push(markLine(s, start, stop, hs, he));
    start = stop + (s.charAt(stop) === " " ? 1 : 0);
  }
  return lines.join("<br>");
}
function markLine(s, a, b, hs, he) {
  if (hs < 0 || he <= a || hs >= b) return esc(s.slice(a, b));
  var m0 = Math.max(a, hs), m1 = Math.min(b, he);
  return esc(s.slice(a, m0)) + "<b><span style=\"color:#b3261e\">" + esc(s.slice(m0, m1)) +
    "</span></b>" + esc(s.slice(m1, b));
}
function intervalText(i) {
  var s = ev.x0[i], e = ev.x1[i], k = ev.kind[i];
  if (ev.dl[i] && (k === KIND_DAY || k === KIND_INTERVAL)) return ev.dl[i];  // the value's own precision
  if (k === KIND_DAY) return iso(s);
  var pub = docs.pub[ev.doc[i]];
  if (k === KIND_OPEN_END) return iso(s) + " \u2192 \u2026 (open end" + (pub === null ? ")" : "; as of " + iso(pub) + ")");
  if (k === KIND_OPEN_START) return "\u2026 \u2192 " + iso(e) + " (open start)";
  return iso(s) + " \u2192 " + iso(e);
}
function hoverText(i) {
  if (hoverCache[i]) return hoverCache[i];
  var d = ev.doc[i], sent = data.sentences[ev.sent[i]], url = safeUrl(docs.url[d]);
  var mod = ev.mod[i] ? " (" + ev.mod[i] + ")" : "";
  var parts = [
    "<b>" + esc(clip(ev.label[i] || ev.tx[i], 90)) + "</b>",
    wrapSentence(sent, ev.hs[i], ev.he[i]),
    "Expression: \u201c" + esc(ev.tx[i]) + "\u201d \u2192 " + esc(ev.val[i]) + esc(mod) +
      " \u00b7 " + esc(ev.rel[i] || "on"),
    "Interval: " + esc(intervalText(i)) + (ev.fz[i] ? " \u00b7 fuzzy date" : ""),
    "Source: " + esc(clip(docs.source[d] || "unknown", 40)) + " \u2014 " + esc(clip(docs.title[d], 70)),
    (url ? esc(clip(url, 90)) + " \u00b7 " : "") + "confidence " + ev.conf[i].toFixed(2) +
      (ev.n[i] > 1 ? " \u00b7 " + ev.n[i] + " sources" : "")
  ];
  hoverCache[i] = parts.join("<br>");
  return hoverCache[i];
}

/* ---------- filtering ---------- */
function buildHaystack() {
  haystack = new Array(N);
  for (var i = 0; i < N; i++) {
    var d = ev.doc[i], acts = ev.act[i].map(function (a) { return data.actors[a]; });
    haystack[i] = [ev.label[i], data.sentences[ev.sent[i]], ev.tx[i], ev.val[i], acts.join(" "),
      docs.title[d], docs.source[d]].join("\n").toLowerCase();
  }
}
function matches(i) {
  if (state.actor >= 0 && ev.act[i].indexOf(state.actor) < 0) return false;
  if (state.lane >= 0 && ev.ln[i].indexOf(state.lane) < 0) return false;
  for (var q = 0; q < state.query.length; q++) if (haystack[i].indexOf(state.query[q]) < 0) return false;
  return true;
}
/* A key event shows when its headline or summary holds every search word, or one of
 * the mentions behind it passes all filters; with an actor or lane filter, only then. */
function keyMatches(j, shown) {
  for (var k = 0; k < key.ev[j].length; k++) if (shown[key.ev[j][k]]) return true;
  if (state.actor >= 0 || state.lane >= 0) return false;
  var text = (key.head[j] + "\n" + key.sum[j]).toLowerCase();
  for (var q = 0; q < state.query.length; q++) if (text.indexOf(state.query[q]) < 0) return false;
  return true;
}
function applyFilters() {
  if (state.query.length && !haystack) buildHaystack();
  visible = [];
  for (var i = 0; i < N; i++) if (matches(i)) visible.push(i);
  keyVisible = [];
  if (key) {
    var shown = {};
    visible.forEach(function (i) { shown[i] = true; });
    for (var j = 0; j < K; j++) if (keyMatches(j, shown)) keyVisible.push(j);
  }
  return draw();
}
function keyDate(j) { return key.dl[j] || iso(key.day[j]); }
function keyHover(j) {
  var first = key.first[j] === null ? "" : " \u00b7 first reported " + iso(key.first[j]);
  return ["<b>" + esc(clip(key.head[j] || keyDate(j), 90)) + "</b>", esc(keyDate(j)),
    key.sum[j] ? wrapSentence(key.sum[j], -1, -1) : "",
    "Reported by " + fmt(key.n[j]) + " article" + (key.n[j] === 1 ? "" : "s") + esc(first),
    key.ev[j].length ? "Click for the " + fmt(key.ev[j].length) + " mentions behind it" : ""]
    .filter(Boolean).join("<br>");
}
