/* Part 2 of 3: Plotly traces (WebGL) and layout built from the filtered events. */
/* ---------- traces ---------- */
function series(name, extra) {
  var t = {type: "scattergl", name: name, x: [], y: [], hoverinfo: "skip", showlegend: false};
  for (var k in extra) t[k] = extra[k];
  return t;
}
function pointSeries(name, group, symbol, legend) {
  return series(name, {mode: "markers", legendgroup: group, showlegend: legend, meta: "events",
    customdata: [], hovertext: [], hoverinfo: "text",
    marker: {symbol: symbol, size: 9, color: [], line: {width: 1.5, color: []}}});
}
function lineSeries(name, group, rgb, alpha, dash, legend) {
  return series(name, {mode: "lines", legendgroup: group, showlegend: legend,
    line: {color: "rgba(" + rgb + "," + alpha + ")", width: dash ? 2.5 : 6, dash: dash || "solid"}});
}
function bucket(c) { return c >= 0.75 ? 0 : c >= 0.45 ? 1 : 2; }
var ALPHA = [0.95, 0.6, 0.32];
function newTraces() {
  var t = {
    day: pointSeries("Single day", "day", "circle", true),
    fuzzyDay: pointSeries("Fuzzy / approximate date (lighter)", "fuzzy", "circle-open", true),
    anchor: pointSeries("Interval start", "interval", "line-ns-open", false),
    fuzzyAnchor: pointSeries("Fuzzy interval start", "fuzzy", "line-ns-open", false),
    openAnchor: pointSeries("Open interval start", "open", "line-ns-open", false),
    arrow: series("Open end", {mode: "markers", legendgroup: "open", marker: {size: 10, symbol: [], color: "rgb(" + COLOR.open + ")"}}),
    bars: [], fuzzyBars: [], openBars: []
  };
  for (var b = 0; b < 3; b++) {
    t.bars.push(lineSeries("Interval", "interval", COLOR.exact, ALPHA[b], null, b === 0));
    t.fuzzyBars.push(lineSeries("Fuzzy interval", "fuzzy", COLOR.exact, (ALPHA[b] * 0.4).toFixed(2), null, false));
    t.fuzzyBars[b].line.width = 12;
    t.openBars.push(lineSeries("Open interval \u2192 publication date", "open", COLOR.open, ALPHA[b], "dot", b === 0));
  }
  return t;
}
function addPoint(trace, i, x, y, rgb) {
  var alpha = (0.3 + 0.7 * ev.conf[i]).toFixed(2);
  trace.x.push(x); trace.y.push(y); trace.customdata.push(i); trace.hovertext.push(hoverText(i));
  trace.marker.color.push(trace.marker.symbol === "circle-open" ? "rgba(255,255,255,0)" : "rgba(" + rgb + "," + alpha + ")");
  trace.marker.line.color.push("rgba(" + rgb + "," + alpha + ")");
}
function addSegment(trace, x0, x1, y) { trace.x.push(x0, x1, null); trace.y.push(y, y, null); }
function yOf(i, k) {
  var lane = ev.ln[i][k], rows = data.lanes.rows[lane];
  return rows > 1 ? laneY[lane] - 0.2 + ev.sr[i][k] * (0.52 / (rows - 1)) : laneY[lane] + 0.05;
}
function placeEvent(t, i, y) {
  var k = ev.kind[i], x0 = iso(ev.x0[i]), x1 = iso(ev.x1[i]), fz = ev.fz[i], b = bucket(ev.conf[i]);
  var rgb = fz ? COLOR.fuzzy : COLOR.exact;
  if (k === KIND_DAY) return addPoint(fz ? t.fuzzyDay : t.day, i, x0, y, rgb);
  if (k === KIND_INTERVAL) {
    addSegment(fz ? t.fuzzyBars[b] : t.bars[b], x0, x1, y);
    return addPoint(fz ? t.fuzzyAnchor : t.anchor, i, x0, y, rgb);
  }
  addSegment(t.openBars[b], x0, x1, y);
  t.arrow.x.push(k === KIND_OPEN_END ? x1 : x0); t.arrow.y.push(y);
  t.arrow.marker.symbol.push(k === KIND_OPEN_END ? "triangle-right" : "triangle-left");
  addPoint(t.openAnchor, i, k === KIND_OPEN_END ? x0 : x1, y, fz ? COLOR.fuzzy : COLOR.open);
}
function usedLanes() {
  var used = {};
  visible.forEach(function (i) {
    ev.ln[i].forEach(function (l) { if (state.lane < 0 || l === state.lane) used[l] = true; });
  });
  return Object.keys(used).map(Number).sort(function (a, b) { return a - b; });
}
function pubTrace(lanes) {
  var t = series("Publication date", {mode: "markers", showlegend: true, hoverinfo: "text",
    hovertext: [], marker: {symbol: "diamond", size: 10, color: COLOR.pub, line: {width: 1, color: "#fff"}}});
  var seen = {};
  visible.forEach(function (i) {
    ev.ln[i].forEach(function (l) {
      var d = ev.doc[i], key = l + ":" + d;
      if (seen[key] || laneY[l] === undefined || docs.pub[d] === null) return;
      seen[key] = true;
      t.x.push(iso(docs.pub[d])); t.y.push(laneY[l] + 0.42);
      t.hovertext.push("<b>Published " + iso(docs.pub[d]) + "</b><br>" + esc(clip(docs.title[d], 90)) +
        "<br>" + esc(docs.source[d] || ""));
    });
  });
  return t;
}
/* Weekly counts of the visible mentions (of every dated row when the page draws only
 * the most reported and no filter is set): on a hidden axis, drawn only in the range
 * slider, where the WebGL traces do not appear; in the key view also as a strip under
 * the key events (yaxis3). */
function weeklyCounts() {
  var filtered = state.query.length || state.actor >= 0 || state.lane >= 0;
  if (data.dated > N && !filtered) return {w0: data.density.w0, n: data.density.n};
  var counts = {}, lo = Infinity, hi = -Infinity;
  visible.forEach(function (i) {
    var w = Math.floor((ev.x0[i] + 3) / 7);
    counts[w] = (counts[w] || 0) + 1; lo = Math.min(lo, w); hi = Math.max(hi, w);
  });
  var n = [];
  for (var w = lo; w <= hi; w++) n.push(counts[w] || 0);
  return {w0: isFinite(lo) ? lo : 0, n: n};
}
function densityTrace() {
  var weeks = weeklyCounts();
  var t = {type: "scatter", mode: "lines", name: "density", yaxis: "y2", x: [], y: [],
    hoverinfo: "skip", showlegend: false, fill: "tozeroy", line: {width: 1, color: "rgba(31,95,168,0.8)", shape: "hv"},
    fillcolor: "rgba(31,95,168,0.25)"};
  weeks.n.forEach(function (c, k) {
    if (!c) return;
    var w = weeks.w0 + k;
    t.x.push(iso(w * 7 - 3), iso(w * 7 + 4)); t.y.push(c, 0);
  });
  return t;
}
function densityStrip() {
  var weeks = weeklyCounts();
  var t = {type: "bar", name: "mentions per week", yaxis: "y3", x: [], y: [], width: 7 * DAY_MS * 0.9,
    hovertemplate: "week of %{x|%Y-%m-%d}: %{y} mentions<extra></extra>", showlegend: false,
    marker: {color: "rgba(31,95,168,0.45)"}};
  weeks.n.forEach(function (c, k) {
    if (c) { t.x.push(iso((weeks.w0 + k) * 7 - 3 + 3)); t.y.push(c); }
  });
  return t;
}
/* ---------- the key-event view ---------- */
var KEY_TRACKS = 8, KEY_ROW_PX = 46;
function keySize(j) { return Math.min(28, 9 + 3 * Math.sqrt(key.n[j])); }
/* Tracks for the key events so that, in the first view, a headline fits to the right
 * of its marker before the next marker of its track. */
function packKeys() {
  var range = data.view.key || data.view.all || [0, 1], w = Math.max(200, gd.clientWidth - 64);
  var scale = w / Math.max(1, range[1] - range[0]), ends = [];
  keyY = [];
  keyVisible.slice().sort(function (a, b) { return key.day[a] - key.day[b] || a - b; }).forEach(function (j) {
    var x = (key.day[j] - range[0]) * scale, r = keySize(j) / 2;
    var right = x + r + 6 + textWidth(clip(key.head[j] || keyDate(j), LABEL_CHARS + 20));
    var track = 0, best = 0;
    while (track < ends.length && ends[track] > x - r - 4) track++;
    if (track >= KEY_TRACKS) {
      for (var k = 1; k < ends.length; k++) if (ends[k] < ends[best]) best = k;
      track = best;
    }
    ends[track] = right;
    keyY[j] = track;
  });
  return Math.max(1, Math.min(KEY_TRACKS, ends.length));
}
function keyTraces() {
  var t = series("Key events", {mode: "markers", meta: "key", customdata: [], hovertext: [], hoverinfo: "text",
    marker: {size: [], color: "rgba(" + COLOR.exact + ",0.85)", line: {width: 1.5, color: "#ffffff"}}});
  keyVisible.forEach(function (j) {
    t.x.push(iso(key.day[j])); t.y.push(keyY[j]); t.customdata.push(j);
    t.hovertext.push(keyHover(j)); t.marker.size.push(keySize(j));
  });
  t.type = "scatter";  // few points: SVG, so the markers can be measured and exported
  return [t, densityTrace(), densityStrip()];
}
function keyLayout(tracks) {
  var lay = baseLayout(150 + tracks * KEY_ROW_PX + 70, 40);
  lay.yaxis = {range: [tracks - 0.5, -0.5], domain: [0.2, 1], fixedrange: true, showticklabels: false,
    showgrid: false, zeroline: false};
  lay.yaxis3 = {domain: [0, 0.12], fixedrange: true, rangemode: "tozero", showgrid: false, zeroline: false,
    tickfont: {size: 10}, nticks: 3, title: {text: "mentions / week", font: {size: 10}}};
  return lay;
}
function traces(lanes) {
  laneY = {};
  lanes.forEach(function (l, r) { laneY[l] = r; });
  var t = newTraces();
  visible.forEach(function (i) {
    ev.ln[i].forEach(function (l, k) { if (laneY[l] !== undefined) placeEvent(t, i, yOf(i, k)); });
  });
  var list = t.bars.concat(t.fuzzyBars, t.openBars, [t.arrow, t.anchor, t.fuzzyAnchor, t.openAnchor,
    t.day, t.fuzzyDay, pubTrace(lanes), densityTrace()]);
  return list;
}

/* ---------- layout ---------- */
function laneLabel(name, twoLines) {
  if (!twoLines || name.length <= 30) return clip(name, 34);
  var cut = name.lastIndexOf(" ", 30);
  if (cut < 12) cut = 30;
  return name.slice(0, cut) + "\n" + clip(name.slice(cut).trim(), 30);
}
/* The first view: where the events are (data.view, robust to outliers); without one,
 * every event and publication date. The 1m/6m/1y buttons count back from its end. */
function fullExtent() {
  var view = data.view && data.view[state.view];
  if (view) return [iso(view[0]), iso(view[1])];
  var lo = Infinity, hi = -Infinity;
  for (var i = 0; i < N; i++) { lo = Math.min(lo, ev.x0[i]); hi = Math.max(hi, ev.x1[i]); }
  docs.pub.forEach(function (p) { if (p !== null) { lo = Math.min(lo, p); hi = Math.max(hi, p); } });
  if (!isFinite(lo)) { lo = Math.floor(Date.now() / DAY_MS) - 30; hi = lo + 60; }
  var pad = Math.max(3, Math.round((hi - lo) * 0.03));
  return [iso(lo - pad), iso(hi + pad)];
}
function baseLayout(height, left) {
  return {
    height: height, margin: {l: left, r: 24, t: 36, b: 30},
    font: {family: FONT, size: 12, color: "#26313d"},
    paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff", dragmode: "pan", hovermode: "closest",
    hoverlabel: {bgcolor: "#ffffff", bordercolor: "#9aa8b8", align: "left",
      font: {size: 12, color: "#26313d", family: FONT}},
    showlegend: false,
    xaxis: {type: "date", range: fullExtent(), uirevision: state.view, showgrid: true, gridcolor: "#e3e8ee",
      linecolor: "#9aa8b8", ticks: "outside", hoverformat: "%Y-%m-%d",
      rangeslider: {visible: true, thickness: 0.07, bgcolor: "#f4f6f9", bordercolor: "#c9d2dc", borderwidth: 1,
        yaxis2: {rangemode: "auto"}},
      rangeselector: {x: 0, xanchor: "left", y: 1.0, yanchor: "bottom", buttons: [
        {count: 1, label: "1m", step: "month", stepmode: "backward"},
        {count: 6, label: "6m", step: "month", stepmode: "backward"},
        {count: 1, label: "1y", step: "year", stepmode: "backward"},
        {step: "all", label: "all"}]}},
    yaxis2: {overlaying: "y", visible: false, fixedrange: true, range: [-2, -1]},
    uirevision: state.view
  };
}
function layout(lanes) {
  var n = Math.max(lanes.length, 1), per = n <= 6 ? 84 : n <= 20 ? 44 : 28;
  var shown = Math.min(n, Math.floor(MAX_PLOT_PX / per));
  var names = lanes.map(function (l) { return laneLabel(data.lanes.name[l], per >= 44); });
  var longest = names.reduce(function (m, s) {
    return Math.max(m, s.split("\n").reduce(function (a, line) { return Math.max(a, line.length); }, 0));
  }, 8);
  var lay = baseLayout(150 + shown * per, Math.min(280, 24 + longest * 6.6));
  lay.shapes = lanes.map(function (l, r) {
    return {type: "rect", xref: "paper", yref: "y", x0: 0, x1: 1, y0: r - 0.5, y1: r + 0.5,
      fillcolor: r % 2 ? "#ffffff" : "#f4f6f9", line: {width: 0}, layer: "below"};
  });
  lay.yaxis = {tickmode: "array", tickvals: lanes.map(function (l, r) { return r; }),
    ticktext: names.map(function (s) { return esc(s).replace(/\n/g, "<br>"); }),
    range: [shown - 0.5, -0.5], uirevision: lanes.join(","), fixedrange: shown === n,
    showgrid: false, zeroline: false, ticks: "outside", ticklen: 8, tickcolor: "rgba(0,0,0,0)",
    tickfont: {size: 12}};
  return lay;
}
