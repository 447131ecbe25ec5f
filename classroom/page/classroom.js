"use strict";
// The classroom page: one WebSocket session (docs/SERVE.md, "Protocol"), the controls, the
// lever panel and the charts. Everything the page shows is also in window.moatsim (tests
// and curious students read it from the console).
const state = window.moatsim = {
  connected: false, welcome: null, world: null, months: [], levers: null, playing: false,
  speed: 4, events: [], errors: [], redraws: 0,
};
const $ = id => document.getElementById(id);
let socket = null, drawPending = false;

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}
function setStatus(text) { $("status").textContent = text; }
function showError(text) {
  state.errors.push(text);
  $("error").textContent = text;
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  socket = new WebSocket(scheme + location.host + "/ws");
  socket.onopen = () => { state.connected = true; setStatus("connected"); };
  socket.onclose = event => {
    state.connected = false;
    setStatus("disconnected" + (event.reason ? ": " + event.reason : "") + " — reload the page to start again");
  };
  socket.onmessage = event => receive(JSON.parse(event.data));
}

function receive(m) {
  switch (m.type) {
    case "welcome": onWelcome(m); break;
    case "world": onWorld(m); break;
    case "month": onMonth(m); break;
    case "levers": state.levers = m; syncLevers(); break;
    case "state": onState(m); break;
    case "pulled":
      $("error").textContent = "";
      for (const e of m.events) addFeed(e.text, "class", e.tick);
      break;
    case "export": download(m.files); break;
    case "error":
      showError(m.message);
      // A refused pull: put the controls back to the values in force.
      if (m.message.startsWith("too many lever changes") && state.levers) syncLevers();
      break;
  }
}

function onWelcome(m) {
  state.welcome = m;
  const select = $("scenario");
  select.replaceChildren(...m.scenarios.map(s => new Option(s.name, s.name)));
  const preferred = m.scenarios.find(s => s.name === "baseline") || m.scenarios[0];
  select.value = preferred.name;
  $("speed").max = m.caps.max_speed;
  send({type: "open", scenario: select.value});
}

function onWorld(m) {
  state.world = m;
  state.months = [];
  state.events = [];
  $("feed").replaceChildren();
  $("error").textContent = "";
  const s = state.welcome.scenarios.find(x => x.name === m.scenario);
  $("scenario-description").textContent = (s ? s.description : "") +
    ` — ${m.enterprises.toLocaleString("en")} enterprises, expected mode, seed ${m.seed}, from ${m.start}, ${m.ticks} months`;
  state.aws = m.clouds.indexOf("AWS");
  buildLevers();
  legend($("legend-clouds"), m.clouds, i => i === state.aws ? " (thick in the difference chart)" : "");
  legend($("legend-vendors"), m.vendors, () => "");
}

function onMonth(m) {
  state.months[m.tick] = m;
  state.months.length = m.tick + 1;
  for (const e of m.events) addFeed(e.text, e.source, m.tick, true);
  $("date").textContent = m.date;
  scheduleDraw();
}

function onState(m) {
  state.playing = m.playing;
  state.speed = m.speed;
  $("play").textContent = m.playing ? "Pause" : "Play";
  $("play").setAttribute("aria-pressed", String(m.playing));
  setStatus(m.finished ? "finished: reset to run again" : m.playing ? "playing" : "paused");
}

// Scenario events are listed when they fire; a student's pull when it is made ("pulled") —
// its month message repeats it, so repeats of the same text and month are skipped.
function addFeed(text, source, tick, fired) {
  if (state.events.some(e => e.text === text && e.tick === tick)) return;
  state.events.push({text, source, tick, fired: !!fired});
  const li = document.createElement("li");
  li.className = source;
  li.textContent = text;
  $("feed").prepend(li);
}

function legend(element, names, extra) {
  element.replaceChildren(...names.map((n, i) => {
    const span = document.createElement("span");
    span.style.setProperty("--c", seriesColour(i));
    span.textContent = n + extra(i);
    return span;
  }));
}

// ----- levers -----------------------------------------------------------------------------
function spec(id) { return state.welcome.levers.find(l => l.id === id); }

function lever(id, parts) {
  const s = spec(id), div = document.createElement("div");
  div.className = "lever";
  div.dataset.lever = id;
  const p = document.createElement("p");
  p.textContent = `${s.explanation}. Unit: ${s.unit}.`;
  div.append(...parts, p);
  return div;
}

// A slider with its value. The pull is sent 300 ms after the last change (release, or an
// arrow key): each pull re-runs the world from month 0 on the server, so holding an arrow key
// sends one pull, not one per step.
function slider(id, label, key, extra, format) {
  const s = spec(id), input = document.createElement("input"), out = document.createElement("output");
  input.type = "range";
  input.min = s.min; input.max = s.max; input.step = s.step;
  input.id = "lever-" + key;
  input.dataset.key = key;
  const lab = document.createElement("label");
  lab.htmlFor = input.id;
  lab.textContent = label + " ";
  out.htmlFor = input.id;
  const show = () => { out.textContent = format(+input.value); };
  input.addEventListener("input", show);
  if (extra) {
    const schedule = () => {
      clearTimeout(input.pending);
      input.pending = setTimeout(() => {
        input.pending = 0;
        send(Object.assign({type: "lever", lever: id, value: +input.value}, extra));
      }, 300);
    };
    input.addEventListener("change", schedule);
    input.addEventListener("keyup", () => { if (input.pending) schedule(); });
    input.addEventListener("input", () => { if (input.pending) schedule(); });
  }
  input.show = show;
  return [lab, input, document.createTextNode(" "), out];
}

const pct = v => (v * 100).toFixed(0) + "%";
const num = d => v => v.toFixed(d);

function buildLevers() {
  const w = state.world, list = $("lever-list");
  list.replaceChildren();
  // Catalog grid: one switch per cloud and vendor.
  const table = document.createElement("table");
  table.className = "grid";
  const head = table.createTHead().insertRow();
  head.append(document.createElement("th"));
  for (const v of w.vendors) {
    const th = document.createElement("th");
    th.className = "v"; th.scope = "col"; th.textContent = v;
    head.append(th);
  }
  const body = table.createTBody();
  w.clouds.forEach((c, k) => {
    const row = body.insertRow(), th = document.createElement("th");
    th.scope = "row"; th.textContent = c;
    row.append(th);
    w.vendors.forEach((v, m) => {
      const box = document.createElement("input");
      box.type = "checkbox";
      box.id = `catalog-${k}-${m}`;
      box.setAttribute("aria-label", `${c} offers ${v}`);
      box.addEventListener("change", () =>
        send({type: "lever", lever: "catalog", cloud: c, vendor: v, value: box.checked ? 1 : 0}));
      row.insertCell().append(box);
    });
  });
  const name = document.createElement("span");
  name.className = "name"; name.textContent = "Catalog (optionality)";
  list.append(lever("catalog", [name, table]));
  // The cloud with its own silicon: AWS when present, else the first with a discount.
  const silicon = state.aws >= 0 ? state.aws : 0, sc = w.clouds[silicon];
  list.append(lever("silicon_discount", slider("silicon_discount", `${sc} silicon discount`, "discount",
                                              {cloud: sc}, pct)));
  const ports = w.vendors.map(v => {
    const row = document.createElement("div");
    row.className = "row";
    row.append(...slider("port", v, "port-" + v, {cloud: sc, vendor: v}, pct));
    return row;
  });
  const portName = document.createElement("span");
  portName.className = "name"; portName.textContent = `Ported to ${sc}'s silicon`;
  list.append(lever("port", [portName, ...ports]));
  list.append(lever("lock_in_fear", slider("lock_in_fear", "Mean lock-in fear", "fear", {}, num(2))));
  list.append(lever("switch_cost_cloud", slider("switch_cost_cloud", "Cloud switching cost", "kc", {}, num(1))));
  list.append(lever("switch_cost_vendor", slider("switch_cost_vendor", "Vendor switching cost", "km", {}, num(1))));
  list.append(lever("review_rate", slider("review_rate", "Review rate", "review", {}, v => (v * 100).toFixed(1) + "%/month")));
  list.append(lever("price_war_ceiling", slider("price_war_ceiling", "Price-war ceiling", "ceiling", {}, num(2))));
  // GPU shock: a one-off action with a factor and a duration.
  const factor = slider("gpu_shock", "Factor", "shock", null, v => "x" + v.toFixed(1));
  factor[1].value = 0.5; factor[1].show();  // sent by the button, with the months
  const months = document.createElement("input");
  months.type = "number"; months.min = 1; months.max = 120; months.value = 12; months.id = "shock-months";
  const monthsLabel = document.createElement("label");
  monthsLabel.htmlFor = months.id; monthsLabel.textContent = " for months ";
  const apply = document.createElement("button");
  apply.type = "button"; apply.textContent = "Apply shock"; apply.id = "apply-shock";
  apply.addEventListener("click", () => send({type: "lever", lever: "gpu_shock", value: +factor[1].value, months: +months.value}));
  const shockName = document.createElement("span");
  shockName.className = "name"; shockName.textContent = "GPU supply shock";
  list.append(lever("gpu_shock", [shockName, ...factor, monthsLabel, months, apply]));
}

function syncLevers() {
  const l = state.levers, w = state.world;
  if (!l || !w) return;
  w.clouds.forEach((c, k) => w.vendors.forEach((v, m) => { $(`catalog-${k}-${m}`).checked = l.catalog[k][m] === 1; }));
  const silicon = state.aws >= 0 ? state.aws : 0;
  const set = (key, value) => {
    const input = document.querySelector(`input[data-key="${CSS.escape(key)}"]`);
    if (input && document.activeElement !== input) { input.value = value; input.show(); }
  };
  set("discount", l.silicon_discount[silicon]);
  w.vendors.forEach((v, m) => set("port-" + v, l.port[silicon][m]));
  set("fear", l.lock_in_fear);
  set("kc", l.switch_cost_cloud);
  set("km", l.switch_cost_vendor);
  set("review", l.review_rate);
  // The ceiling cannot go under the scenario's price floor (lerner_min).
  const ceiling = document.querySelector('input[data-key="ceiling"]');
  if (ceiling) ceiling.min = l.price_floor;
  set("ceiling", l.price_war_ceiling);
}

// ----- charts -----------------------------------------------------------------------------
function scheduleDraw() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => { drawPending = false; draw(); });
}

function draw() {
  const w = state.world, months = state.months.filter(Boolean);
  if (!w || months.length === 0) return;
  const xMax = w.ticks, start = w.start.split("-").map(Number);
  const xLabel = t => { const m = start[1] - 1 + t; return `${start[0] + Math.floor(m / 12)}-${String(m % 12 + 1).padStart(2, "0")}`.slice(0, 7); };
  const markers = [];
  for (const e of state.events)
    // Your changes: thick black dashes, not the vermillion of a cloud's series (the one
    // black series, the seventh vendor, is a solid line); scenario events: thin grey dashes.
    markers.push({x: e.tick, colour: e.source === "class" ? "#000000" : "#999999", dash: e.source === "class" ? [8, 4] : [4, 3],
                  width: e.source === "class" ? 2 : 1});
  const perCloud = (f, opts) => w.clouds.map((c, k) => Object.assign({name: c, colour: seriesColour(k), dash: seriesDash(k),
                                                                      values: months.map(m => f(m, k))}, opts ? opts(k) : {}));
  drawChart($("chart-share"), {series: perCloud((m, k) => m.student.share[k] * 100), xMax, yMin: 0,
                               format: v => v.toFixed(0), markers, xLabel});
  drawChart($("chart-diff"), {series: perCloud((m, k) => (m.student.share[k] - m.baseline.share[k]) * 100,
                                               k => ({width: k === state.aws ? 4 : 1.5})),
                              xMax, zero: true, zeroMin: 0.5, format: v => (v > 0 ? "+" : "") + v.toFixed(1), markers, xLabel});
  drawChart($("chart-vendors"), {series: w.vendors.map((v, i) => ({name: v, colour: seriesColour(i), dash: seriesDash(i),
                                                                  values: months.map(m => m.student.vendor_share[i] * 100)})),
                                 xMax, yMin: 0, format: v => v.toFixed(0), markers, xLabel});
  drawChart($("chart-prices"), {series: perCloud((m, k) => m.student.price[k]), xMax, yMin: 0,
                                format: v => "$" + v.toFixed(2), markers, xLabel});
  const last = months[months.length - 1];
  $("diff-now").textContent = "— now: " + w.clouds.map((c, k) => {
    const d = (last.student.share[k] - last.baseline.share[k]) * 100;
    return `${c} ${d >= 0 ? "+" : "−"}${Math.abs(d).toFixed(2)}`;
  }).join(", ");
  state.redraws++;
}

// The AWS (or any cloud's) difference in points at the last month: what the lesson is about.
state.difference = (cloud = "AWS") => {
  const k = state.world ? state.world.clouds.indexOf(cloud) : -1, m = state.months[state.months.length - 1];
  return k < 0 || !m ? NaN : (m.student.share[k] - m.baseline.share[k]) * 100;
};

function download(files) {
  for (const [name, text] of Object.entries(files)) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], {type: name.endsWith(".csv") ? "text/csv" : "application/toml"}));
    a.download = name;
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
}

// ----- controls -----------------------------------------------------------------------------
function togglePlay() { send(state.playing ? {type: "pause"} : {type: "play", speed: +$("speed").value}); }
function step() { send({type: "step"}); }
function reset() { send({type: "reset"}); }
function changeSpeed(delta) {
  const s = $("speed");
  s.value = Math.min(+s.max, Math.max(1, +s.value + delta));
  s.dispatchEvent(new Event("change"));
}

addEventListener("DOMContentLoaded", () => {
  $("play").addEventListener("click", togglePlay);
  $("step").addEventListener("click", step);
  $("reset").addEventListener("click", reset);
  $("scenario").addEventListener("change", () => send({type: "open", scenario: $("scenario").value}));
  $("speed").addEventListener("input", () => { $("speed-value").textContent = $("speed").value + " months/s"; });
  $("speed").addEventListener("change", () => {
    $("speed-value").textContent = $("speed").value + " months/s";
    send({type: "speed", value: +$("speed").value});
  });
  $("export-toml").addEventListener("click", () => send({type: "export", format: "toml"}));
  $("export-csv").addEventListener("click", () => send({type: "export", format: "csv"}));
  // Shortcuts when no text field or slider has the keyboard: space, n / right arrow, r, + and -.
  addEventListener("keydown", e => {
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLButtonElement) {
      if (!(t instanceof HTMLButtonElement) || e.key !== "n") return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === " ") { togglePlay(); e.preventDefault(); }
    else if (e.key === "n" || e.key === "ArrowRight") step();
    else if (e.key === "r") reset();
    else if (e.key === "+" || e.key === "=") changeSpeed(+2);
    else if (e.key === "-") changeSpeed(-2);
  });
  addEventListener("resize", scheduleDraw);
  connect();
});
