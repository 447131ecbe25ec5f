"use strict";
// Line charts on a canvas, drawn from scratch on every update (a few hundred points each).
// Colours: the Okabe-Ito palette of the project's reports (viz/palette.hpp), colour-blind
// safe; after seven series, repeats are dashed.
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"];
function seriesColour(i) { return PALETTE[i % PALETTE.length]; }
function seriesDash(i) { return [[], [6, 3], [2, 2]][Math.floor(i / PALETTE.length) % 3]; }

// Round axis steps: 1, 2 or 5 times a power of ten, about `count` of them over [lo, hi].
function niceTicks(lo, hi, count) {
  const span = hi - lo || 1, raw = span / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map(m => m * mag).find(s => s >= raw);
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(+v.toPrecision(12));
  return ticks;
}

// spec: {series: [{name, values, colour, dash, width}], xMax, yMin?, yMax?, zero?, format,
//        markers: [{x, colour, dash}], xLabel: i => text}
function drawChart(canvas, spec) {
  const dpr = window.devicePixelRatio || 1, w = canvas.clientWidth, h = canvas.clientHeight;
  if (w === 0 || h === 0) return;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const g = canvas.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  g.fillStyle = "#fff";
  g.fillRect(0, 0, w, h);
  const left = 48, right = 8, top = 8, bottom = 20;
  const pw = w - left - right, ph = h - top - bottom;
  let lo = Infinity, hi = -Infinity;
  for (const s of spec.series) for (const v of s.values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  if (spec.yMin !== undefined) lo = Math.min(lo, spec.yMin);
  if (spec.yMax !== undefined) hi = Math.max(hi, spec.yMax);
  if (spec.zero) { const m = Math.max(Math.abs(lo), Math.abs(hi), spec.zeroMin || 0.1); lo = -m; hi = m; }
  if (hi - lo < 1e-9) { hi += 0.5; lo -= 0.5; }
  const pad = (hi - lo) * 0.05; if (!spec.zero) { hi += pad; if (lo !== 0) lo -= pad; }
  const xMax = Math.max(1, spec.xMax);
  const X = x => left + (x / xMax) * pw, Y = y => top + (1 - (y - lo) / (hi - lo)) * ph;
  g.font = "11px system-ui, sans-serif";
  g.lineWidth = 1;
  g.strokeStyle = "#e5e5e5";
  g.fillStyle = "#333";
  g.textAlign = "right";
  g.textBaseline = "middle";
  for (const t of niceTicks(lo, hi, Math.max(2, Math.floor(ph / 35)))) {
    g.beginPath(); g.moveTo(left, Y(t)); g.lineTo(left + pw, Y(t)); g.stroke();
    g.fillText(spec.format(t), left - 4, Y(t));
  }
  g.textAlign = "center";
  g.textBaseline = "top";
  for (const t of niceTicks(0, xMax, Math.max(2, Math.floor(pw / 90)))) {
    if (t !== Math.round(t)) continue;
    g.fillText(spec.xLabel(t), X(t), top + ph + 4);
  }
  if (spec.zero) {
    g.strokeStyle = "#555"; g.lineWidth = 1;
    g.beginPath(); g.moveTo(left, Y(0)); g.lineTo(left + pw, Y(0)); g.stroke();
  }
  for (const m of spec.markers || []) {
    g.strokeStyle = m.colour; g.lineWidth = m.width || 1; g.setLineDash(m.dash || []);
    g.beginPath(); g.moveTo(X(m.x), top); g.lineTo(X(m.x), top + ph); g.stroke();
  }
  g.setLineDash([]);
  spec.series.forEach(s => {
    if (s.values.length === 0) return;
    g.strokeStyle = s.colour; g.lineWidth = s.width || 2; g.setLineDash(s.dash || []);
    g.beginPath();
    s.values.forEach((v, i) => (i === 0 ? g.moveTo(X(i), Y(v)) : g.lineTo(X(i), Y(v))));
    if (s.values.length === 1) g.lineTo(X(0) + 1, Y(s.values[0]));
    g.stroke();
  });
  g.setLineDash([]);
  g.strokeStyle = "#999"; g.lineWidth = 1;
  g.strokeRect(left, top, pw, ph);
}
