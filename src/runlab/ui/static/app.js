// runlab ui: the runs table, comparison charts, one run, the model registry.
// Every recorded string reaches the page through textContent (the h() helper), never as HTML;
// strings handed to plotly, which reads a few tags in labels, go through plotText() first.
"use strict";

const POLL_MS = 2000;
const PAGE_SIZE = 50;
const MAX_POINTS = 2000;
const BASE_COLUMNS = ["number", "name", "status", "experiment", "started", "duration",
  "exit_code", "command", "git.branch", "git.commit", "author", "host", "note"];
const DEFAULT_COLUMNS = ["number", "name", "status", "started", "duration"];

let timers = [];
let cleanup = [];

// -- small helpers ------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function plotText(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

async function api(path, options) {
  const res = await fetch(path, Object.assign({ credentials: "same-origin" }, options || {}));
  if (!res.ok) {
    let data = { error: res.statusText };
    try { data = await res.json(); } catch (e) { /* not JSON */ }
    const err = new Error(data.error || res.statusText);
    err.data = data;
    err.status = res.status;
    throw err;
  }
  return res;
}
const getJSON = async (path) => (await api(path)).json();
const send = async (method, path, body) => (await api(path, {
  method, headers: { "Content-Type": "application/json" },
  body: body === undefined ? undefined : JSON.stringify(body),
})).json();

function every(fn, ms) { const t = setInterval(fn, ms); timers.push(t); return t; }

// Live pages: the store's stamp is polled (/api/changes: two stats on the server, whatever the
// number of runs) and `reload` runs only when it moved: a new run, new points, a status, an
// edit. `stamp.now` is the stamp the page's data was read at (taken before reading it).
// `reload` resolving to false stops the polling; one that throws is tried again next tick.
function followStore(stamp, reload) {
  let busy = false;  // a slow reload is not overlapped by the next tick's
  const t = every(async () => {
    if (document.hidden || busy) return;
    busy = true;
    try {
      const c = await getJSON("/api/changes");
      const moved = c.stamp !== stamp.now;
      stamp.now = c.stamp;
      if (moved && (await reload()) === false) clearInterval(t);
    } catch (e) {
      stamp.now = null;  // the next tick tries again
    } finally { busy = false; }
  }, POLL_MS);
  return t;
}

function fmtNumber(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v !== "number") return JSON.stringify(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return (a !== 0 && (a < 1e-3 || a >= 1e6)) ? v.toExponential(3) : String(+v.toPrecision(5));
}
function fmtDuration(s) {
  if (s === null || s === undefined) return "";
  if (s < 60) return s.toFixed(1) + "s";
  if (s < 3600) return Math.floor(s / 60) + "m" + String(Math.round(s % 60)).padStart(2, "0") + "s";
  return Math.floor(s / 3600) + "h" + String(Math.floor(s % 3600 / 60)).padStart(2, "0") + "m";
}
function fmtTime(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return d.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}
function runLabel(r) { return "#" + r.number + (r.name ? " " + r.name : ""); }

// A key's field as the query language reads it, as store/fields.py `spell` writes it: bare
// where the key holds only letters, digits, _ - / and dots (and a metric's does not end in a
// statistic: metrics.loss.min is loss's minimum), else in backticks (metrics.`acc@1`).
const METRIC_STATS = ["last", "min", "max", "count", "last_step"];
const BARE_KEY = /^[\p{L}\p{N}_\-/.]+$/u;
function endsInStat(key) {
  const dot = key.lastIndexOf(".");
  return dot > 0 && METRIC_STATS.includes(key.slice(dot + 1));
}
function spell(table, key) {
  const bare = BARE_KEY.test(key) && !(table === "metrics" && endsInStat(key));
  const quoted = "`" + key.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\n/g, "\\n")
    .replace(/\t/g, "\\t") + "`";
  return table + "." + (bare ? key : quoted);
}
// [table, key] of a params/metrics/tags field, quoted or bare (columns saved before quoting
// read as the key written); ["", field] for any other.
function unspell(f) {
  const dot = f.indexOf(".");
  const table = dot > 0 ? f.slice(0, dot) : "";
  if (!["params", "metrics", "tags"].includes(table)) return ["", f];
  const rest = f.slice(dot + 1);
  if (rest.length > 1 && rest.startsWith("`") && rest.endsWith("`")) {
    return [table, rest.slice(1, -1).replace(/\\(.)/g, (_, c) => ({ n: "\n", t: "\t" })[c] || c)];
  }
  return [table, rest];
}
const respell = (f) => { const [table, key] = unspell(f); return table ? spell(table, key) : f; };

function fieldValue(r, f) {
  const [table, key] = unspell(f);
  if (table === "params") return r.params[key];
  if (table === "metrics") { const m = r.metrics[key]; return m ? m.last : undefined; }
  if (table === "tags") return r.tags[key];
  if (f.startsWith("git.")) return (r.git || {})[f.slice(4)];
  switch (f) {
    case "started": return fmtTime(r.started_at);
    case "ended": return fmtTime(r.ended_at);
    case "duration": return fmtDuration(r.duration_s);
    case "command": return r.command.join(" ");
    default: return r[f];
  }
}
function cell(r, f) {
  const v = fieldValue(r, f);
  if (f === "status") return h("td", { class: "status status-" + v, text: v });
  if (f === "number") return h("td", { class: "num" }, h("a", { href: "#/run/" + r.number, text: String(v) }));
  if (f === "name") return h("td", {}, h("a", { href: "#/run/" + r.number, text: v || "" }));
  const num = typeof v === "number";
  return h("td", { class: num ? "num" : "", title: v === undefined ? "" : String(v), text: num ? fmtNumber(v) : (v ?? "") });
}
function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else if (v !== null && v !== undefined && v !== "") q.set(k, v);
  }
  return q.toString();
}
function hashParams() {
  const [page, qs] = location.hash.slice(1).split("?");
  return { page: page || "/runs", params: new URLSearchParams(qs || "") };
}
function errorBox(err) {
  const box = h("div", { class: "error", role: "alert" });
  box.textContent = err.message;
  const d = err.data || {};
  if (d.expression !== undefined && d.column !== undefined) {
    box.textContent = d.error + " (column " + (d.column + 1) + ")\n  " + d.expression + "\n  " + " ".repeat(d.column) + "^";
  }
  return box;
}

// -- router -------------------------------------------------------------------------------------

const main = () => document.getElementById("main");

function route() {
  timers.forEach(clearInterval); timers = [];
  cleanup.forEach((f) => f()); cleanup = [];
  const { page, params } = hashParams();
  const name = page.split("/")[1] || "runs";
  document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.page === name));
  const root = main();
  root.replaceChildren();
  const pages = { runs: runsPage, compare: comparePage, run: runPage, models: modelsPage };
  (pages[name] || runsPage)(root, params, page.split("/").slice(2).join("/"));
}

// -- runs ---------------------------------------------------------------------------------------

const runsState = {
  where: "", sort: "", offset: 0, selected: new Map(), cursor: 0, runs: [], total: 0,
  // Saved columns respelled: one saved as metrics.acc@1 sorts as metrics.`acc@1`.
  columns: (JSON.parse(localStorage.getItem("runlab.columns") || "null") || null)?.map(respell) || null,
};

async function runsPage(root, params) {
  const st = runsState;
  if (params.has("where")) st.where = params.get("where");
  const input = h("input", { id: "query", type: "search", value: st.where, spellcheck: "false",
    placeholder: "filter: metrics.acc > 0.9 and params.lr < 0.1   (press / to focus, Enter to apply)",
    "aria-label": "Filter runs" });
  const err = h("div", { id: "query-error" });
  const compareBtn = h("button", { id: "compare-button", class: "primary", onclick: openCompare });
  const colsBtn = h("button", { id: "columns-button", text: "Columns", "aria-expanded": "false" });
  const panel = h("div", { class: "columns-panel", id: "columns-panel", hidden: true });
  const table = h("table", { class: "grid", id: "runs-table" });
  const info = h("span", { class: "muted", id: "runs-count" });
  const prev = h("button", { id: "prev-page", text: "\u2190 Prev", onclick: () => page(-1) });
  const next = h("button", { id: "next-page", text: "Next \u2192", onclick: () => page(1) });
  root.append(
    h("div", { class: "toolbar" }, input, h("button", { text: "Filter", onclick: apply }), colsBtn, compareBtn),
    err, panel, h("div", { class: "table-wrap" }, table), h("div", { class: "pager" }, prev, next, info));

  input.addEventListener("keydown", (e) => { if (e.key === "Enter") apply(); if (e.key === "Escape") input.blur(); });
  compareBtn.addEventListener("pointerenter", warmPlotly);
  compareBtn.addEventListener("focus", warmPlotly);
  colsBtn.addEventListener("click", async () => {
    panel.hidden = !panel.hidden;
    colsBtn.setAttribute("aria-expanded", String(!panel.hidden));
    if (!panel.hidden) await fillColumns();
  });

  function apply() { st.where = input.value.trim(); st.offset = 0; st.cursor = 0; load(); }
  function page(d) {
    const off = st.offset + d * PAGE_SIZE;
    if (off < 0 || off >= st.total) return;
    st.offset = off; st.cursor = 0; load();
  }
  function updateCompare() {
    compareBtn.textContent = "Compare " + st.selected.size + " selected";
    compareBtn.disabled = st.selected.size < 1;
  }
  async function fillColumns() {
    const keys = await getJSON("/api/fields");
    const all = [...BASE_COLUMNS, ...keys.params.map((k) => spell("params", k)),
      ...keys.metrics.map((k) => spell("metrics", k)), ...keys.tags.map((k) => spell("tags", k))];
    const cols = currentColumns();
    panel.replaceChildren(...all.map((f) => h("label", {},
      h("input", { type: "checkbox", checked: cols.includes(f), onchange: (e) => {
        const now = currentColumns().filter((c) => c !== f);
        if (e.target.checked) now.push(f);
        st.columns = now; localStorage.setItem("runlab.columns", JSON.stringify(now)); render();
      } }), " ", f)));
  }
  function currentColumns() {
    if (st.columns) return st.columns;
    // Until columns are chosen: the params and metrics of the runs on this page.
    const present = (part) => [...new Set(st.runs.flatMap((r) => Object.keys(r[part])))].sort();
    return [...DEFAULT_COLUMNS, ...present("params").slice(0, 8).map((x) => spell("params", x)),
      ...present("metrics").slice(0, 6).map((x) => spell("metrics", x))];
  }
  function render() {
    const cols = currentColumns();
    const [sortField, desc] = st.sort.startsWith("-") ? [st.sort.slice(1), true] : [st.sort, false];
    const head = h("tr", {}, h("th", { title: "Select all on this page" },
      h("input", { type: "checkbox", "aria-label": "select all", onchange: (e) => {
        st.runs.forEach((r) => e.target.checked ? st.selected.set(r.number, r) : st.selected.delete(r.number));
        render();
        warmPlotly();
      } })),
      ...cols.map((c) => h("th", { class: c === sortField ? "sorted" + (desc ? " desc" : "") : "",
        dataset: { field: c }, text: c, title: "Sort by " + c, onclick: () => {
          st.sort = st.sort === c ? "-" + c : (st.sort === "-" + c ? "" : c);
          st.offset = 0; load();
        } })));
    const body = st.runs.map((r, i) => h("tr", {
      class: (st.selected.has(r.number) ? "selected " : "") + (i === st.cursor ? "cursor" : ""),
      dataset: { number: r.number, status: r.status } },
    h("td", {}, h("input", { type: "checkbox", class: "select", checked: st.selected.has(r.number),
      "aria-label": "select run " + r.number, onchange: () => toggle(r) })),
    ...cols.map((c) => cell(r, c))));
    table.replaceChildren(h("thead", {}, head), h("tbody", {}, body));
    const first = st.total ? st.offset + 1 : 0;
    info.textContent = first + "\u2013" + (st.offset + st.runs.length) + " of " + st.total + " runs";
    prev.disabled = st.offset === 0;
    next.disabled = st.offset + PAGE_SIZE >= st.total;
    updateCompare();
  }
  function toggle(r) {
    if (st.selected.has(r.number)) st.selected.delete(r.number); else st.selected.set(r.number, r);
    render();
    warmPlotly();
  }
  const stamp = { now: null };
  async function load(live) {
    const q = query({ where: st.where, sort: st.sort, limit: PAGE_SIZE, offset: st.offset });
    try {
      const res = await api("/api/runs?" + q);
      const data = await res.json();
      stamp.now = res.headers.get("X-Runlab-Stamp");
      // A live refresh keeps the cursor on its run, wherever new runs put it.
      const at = live ? st.runs[st.cursor]?.number : undefined;
      st.runs = data.runs; st.total = data.total;
      if (at !== undefined) st.cursor = Math.max(0, st.runs.findIndex((r) => r.number === at));
      err.replaceChildren();
      render();
      if (!table.dataset.drawnAt) table.dataset.drawnAt = String(Math.round(performance.now()));
    } catch (e) {
      err.replaceChildren(errorBox(e));
    }
  }
  function openCompare() {
    if (!st.selected.size) return;
    location.hash = "#/compare?runs=" + [...st.selected.keys()].join(",");
  }
  const keys = (e) => {
    if (e.target.matches("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey) return;
    const r = st.runs[st.cursor];
    if (e.key === "/") { e.preventDefault(); input.focus(); input.select(); }
    else if (e.key === "j") { st.cursor = Math.min(st.cursor + 1, st.runs.length - 1); render(); }
    else if (e.key === "k") { st.cursor = Math.max(st.cursor - 1, 0); render(); }
    else if (e.key === "x" && r) toggle(r);
    else if ((e.key === "Enter" || e.key === "o") && r) location.hash = "#/run/" + r.number;
    else if (e.key === "c") openCompare();
    else if (e.key === "n") page(1);
    else if (e.key === "p") page(-1);
    else return;
    table.querySelector("tr.cursor")?.scrollIntoView({ block: "nearest" });
  };
  document.addEventListener("keydown", keys);
  cleanup.push(() => document.removeEventListener("keydown", keys));
  // Each page of runs comes with the stamp it was read at; a query that fails (load shows
  // its error) is not asked again until the store moves.
  await load();
  followStore(stamp, () => load(true));
}

// -- compare ------------------------------------------------------------------------------------

function ema(values, alpha) {
  if (!alpha) return values;
  const out = []; let last = null;
  for (const v of values) {
    if (typeof v !== "number" || !isFinite(v)) { out.push(v); continue; }
    last = last === null ? v : last * alpha + v * (1 - alpha);
    out.push(last);
  }
  return out;
}

function xOf(points, mode, startedAt) {
  if (mode === "step") return points.map((p) => p.step);
  if (mode === "wall") return points.map((p) => new Date(p.time));
  const t0 = new Date(startedAt).getTime();
  return points.map((p) => (new Date(p.time).getTime() - t0) / 1000);
}
function num(v) { return typeof v === "number" ? v : (v === "NaN" ? NaN : v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v); }

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
  "#7f7f7f", "#bcbd22", "#17becf"];

function plotLayout(title, opts) {
  const dark = matchMedia("(prefers-color-scheme: dark)").matches;
  const fg = dark ? "#dde3e8" : "#1d2328", grid = dark ? "#2e353c" : "#e5e8eb";
  return Object.assign({
    title: { text: plotText(title), font: { size: 13 }, y: 0.98, yanchor: "top" }, margin: { l: 50, r: 10, t: 50, b: 40 },
    paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", font: { color: fg, size: 11 },
    xaxis: { gridcolor: grid, zeroline: false }, yaxis: { gridcolor: grid, zeroline: false },
    showlegend: true, legend: { orientation: "h", x: 0, y: 1.0, yanchor: "bottom" }, hovermode: "closest",
  }, opts || {});
}
// plotly.min.js is large: loaded by the first page that draws a chart, or as soon as the runs
// page is asked for one (a run selected, Compare pointed at), not by the runs table itself.
let plotlyLoading = null;
function loadPlotly() {
  if (!plotlyLoading) {
    plotlyLoading = new Promise((resolve, reject) => {
      const s = h("script", { src: "/static/plotly.min.js" });
      s.addEventListener("load", resolve);
      s.addEventListener("error", () => reject(new Error("could not load the charting library")));
      document.head.append(s);
    });
  }
  return plotlyLoading;
}
// The first time a browser runs plotly.min.js takes seconds (V8 compiles it; later runs use
// its code cache): started when a chart is likely, it is done by the time one is opened.
function warmPlotly() { loadPlotly().catch(() => {}); }
function newPlot(el, traces, layout) {
  window.Plotly.react(el, traces, layout, { displaylogo: false, responsive: true });
}

async function comparePage(root, params) {
  const refs = (params.get("runs") || "").split(",").filter(Boolean);
  if (!refs.length) {
    root.append(h("p", { text: "Select runs on the Runs page (x or the checkboxes), then Compare." }));
    return;
  }
  root.append(h("h1", { text: "Compare " + refs.length + " runs" }));
  // The store's stamp is read before the runs: a change after it moves the stamp followed.
  const stamp = { now: null };
  let runs;
  try {
    stamp.now = (await getJSON("/api/changes")).stamp;
    runs = await Promise.all(refs.map((r) => getJSON("/api/runs/" + encodeURIComponent(r))));
  } catch (e) { root.append(errorBox(e)); return; }
  const paramKeys = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const differing = paramKeys.filter((k) => new Set(runs.map((r) => JSON.stringify(r.params[k]))).size > 1);
  // The metrics every run has; where they share none, all of them. A running run can add one.
  function sharedMetrics() {
    const metricSets = runs.map((r) => new Set(Object.keys(r.metrics)));
    const all = [...metricSets[0]].filter((k) => metricSets.every((s) => s.has(k))).sort();
    return all.length ? all : [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  }
  let shared = sharedMetrics();

  const opt = (v, label) => h("option", { value: v, text: label ?? v });
  const xSel = h("select", { id: "x-axis" }, opt("step"), opt("wall", "wall time"), opt("relative", "time since start"));
  const smooth = h("input", { id: "smoothing", type: "range", min: "0", max: "0.99", step: "0.01", value: "0" });
  const logY = h("input", { id: "log-y", type: "checkbox" });
  const colourBy = h("select", { id: "colour-by" }, opt("", "run"), paramKeys.map((k) => opt(k)));
  const groupBy = h("select", { id: "group-by" }, opt("", "none"), paramKeys.map((k) => opt(k)));
  root.append(h("div", { class: "toolbar" },
    h("label", {}, "x ", xSel), h("label", {}, "smoothing ", smooth), h("label", {}, logY, " log y"),
    h("label", {}, "colour by ", colourBy),
    h("label", { title: "Runs equal in every param but this one become one mean curve with a min\u2013max band" }, "group over ", groupBy)));

  // The runs, each with its status as the run page shows it, and the params that differ.
  const statusEls = runs.map((r) => h("span", { class: "status", dataset: { number: r.number } }));
  function showStatuses() {
    runs.forEach((r, i) => { statusEls[i].className = "status status-" + r.status; statusEls[i].textContent = r.status; });
  }
  showStatuses();
  const diff = h("table", { class: "grid", id: "params-diff" },
    h("thead", {}, h("tr", {}, h("th", { text: "run" }), differing.map((k) => h("th", { text: spell("params", k) })))),
    h("tbody", {}, runs.map((r, i) => h("tr", {}, h("td", {}, h("a", { href: "#/run/" + r.number, text: runLabel(r) }), " ", statusEls[i]),
      differing.map((k) => { const v = r.params[k]; return h("td", { text: v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v) }); })))));
  root.append(h("section", {}, h("h2", { text: differing.length ? "Runs and the params that differ" : "Runs (params all equal)" }), diff));

  const charts = h("div", { class: "charts", id: "compare-charts" });
  root.append(h("section", {}, h("h2", { text: "Metrics" }), charts));
  const series = {};  // key -> [points per run]
  const counts = {};  // key -> [the run's count of points when its series was read, per run]
  // A series is asked for again only when its run's count moved (a run that runs).
  function fetchSeries() {
    return Promise.all(shared.map(async (key) => {
      series[key] = series[key] || runs.map(() => []);
      counts[key] = counts[key] || runs.map(() => -1);
      await Promise.all(runs.map(async (r, i) => {
        const count = r.metrics[key] ? r.metrics[key].count : 0;
        if (counts[key][i] === count) return;
        try {
          series[key][i] = count ? (await getJSON("/api/runs/" + r.number + "/metrics/" + encodeURIComponent(key) + "?max_points=" + MAX_POINTS)).points : [];
          counts[key][i] = count;
        } catch (e) { series[key][i] = series[key][i] || []; }  // asked again at the next change
      }));
    }));
  }
  // The series are asked for before plotly.min.js is run: the first time a browser runs it
  // takes seconds, which the server's answers no longer wait behind.
  try { await Promise.all([fetchSeries(), loadPlotly()]); }
  catch (e) { root.append(errorBox(e)); return; }
  const chartEls = {};
  function placeCharts() {
    for (const key of shared) chartEls[key] = chartEls[key] || h("div", { class: "chart", dataset: { key } });
    charts.replaceChildren(...shared.map((key) => chartEls[key]));
  }
  placeCharts();

  function colours() {
    const by = colourBy.value;
    if (!by) return runs.map((_, i) => PALETTE[i % PALETTE.length]);
    const values = [...new Set(runs.map((r) => JSON.stringify(r.params[by])))].sort();
    return runs.map((r) => PALETTE[values.indexOf(JSON.stringify(r.params[by])) % PALETTE.length]);
  }
  function draw() {
    const alpha = +smooth.value, mode = xSel.value, cols = colours(), group = groupBy.value;
    for (const key of shared) {
      const traces = [];
      if (!group) {
        runs.forEach((r, i) => {
          const pts = series[key][i];
          if (!pts.length) return;
          traces.push({ type: "scatter", mode: pts.length === 1 ? "markers" : "lines",
            name: plotText(runLabel(r)), x: xOf(pts, mode, r.started_at),
            y: ema(pts.map((p) => num(p.value)), alpha), line: { color: cols[i], width: 1.5 } });
        });
      } else {
        groupsOf(runs, group).forEach((members, gi) => traces.push(...bandTraces(key, members, gi, alpha)));
      }
      // uirevision: a zoom survives the redraws of a live run, not a change of axes.
      newPlot(chartEls[key], traces, plotLayout(key, {
        uirevision: mode + (logY.checked ? " log" : ""),
        xaxis: { title: { text: mode === "step" ? "step" : mode === "wall" ? "time" : "seconds since start" }, type: mode === "wall" ? "date" : "linear" },
        yaxis: { type: logY.checked ? "log" : "linear" } }));
    }
  }
  function groupsOf(rs, over) {
    const groups = new Map();
    rs.forEach((r, i) => {
      const rest = Object.keys(r.params).filter((k) => k !== over).sort().map((k) => k + "=" + JSON.stringify(r.params[k])).join(" ");
      if (!groups.has(rest)) groups.set(rest, { label: differing.filter((k) => k !== over).map((k) => k + "=" + JSON.stringify(r.params[k] ?? null)).join(" "), members: [] });
      groups.get(rest).members.push(i);
    });
    return [...groups.values()].map((g) => [g.label, g.members]);
  }
  function bandTraces(key, [label, members], gi, alpha) {
    // Mean, min and max over the group's runs at each step any of them reached.
    const bySteps = new Map();
    for (const i of members) {
      const pts = series[key][i];
      const ys = ema(pts.map((p) => num(p.value)), alpha);
      pts.forEach((p, j) => { if (!bySteps.has(p.step)) bySteps.set(p.step, []); bySteps.get(p.step).push(ys[j]); });
    }
    const steps = [...bySteps.keys()].sort((a, b) => a - b);
    const stat = (f) => steps.map((s) => f(bySteps.get(s).filter((v) => typeof v === "number")));
    const colour = PALETTE[gi % PALETTE.length];
    const name = plotText((label || "all") + " (" + members.length + " runs)");
    return [
      { x: steps, y: stat((v) => Math.min(...v)), mode: "lines", line: { width: 0, color: colour }, showlegend: false, hoverinfo: "skip", name: name + " min" },
      { x: steps, y: stat((v) => Math.max(...v)), mode: "lines", line: { width: 0, color: colour }, fill: "tonexty", fillcolor: colour + "33", showlegend: false, hoverinfo: "skip", name: name + " max" },
      { x: steps, y: stat((v) => v.reduce((a, b) => a + b, 0) / v.length), mode: "lines", line: { color: colour, width: 2 }, name },
    ];
  }
  [xSel, smooth, logY, colourBy, groupBy].forEach((el) => el.addEventListener("input", draw));
  draw();

  // A sweep: each param that differs against a chosen metric.
  let redrawSweep = () => {};
  if (differing.length && shared.length) {
    const numeric = differing.filter((k) => runs.every((r) => typeof r.params[k] === "number"));
    const mSel = h("select", { id: "sweep-metric" }, shared.map((k) => opt(k)));
    const pSel = h("select", { id: "sweep-param" }, differing.map((k) => opt(k)));
    const scatter = h("div", { class: "chart", id: "sweep-scatter" });
    // Parallel coordinates drawn as SVG: no WebGL needed (headless browsers, remote desktops).
    const parcoords = numeric.length >= 1 ? h("div", { class: "chart parcoords", id: "sweep-parcoords" }) : null;
    root.append(h("section", {}, h("h2", { text: "Sweep" }),
      h("div", { class: "toolbar" }, h("label", {}, "param ", pSel), h("label", {}, "metric ", mSel)),
      h("div", { class: "charts" }, scatter, parcoords)));
    const drawSweep = () => {
      const m = mSel.value, p = pSel.value;
      const ys = runs.map((r) => r.metrics[m] ? num(r.metrics[m].last) : null);
      newPlot(scatter, [{ type: "scatter", mode: "markers", x: runs.map((r) => r.params[p]), y: ys,
        text: runs.map((r) => plotText(runLabel(r))), marker: { size: 10, color: colours() }, name: plotText(m) }],
      plotLayout(p + " vs " + m, { showlegend: false, xaxis: { title: { text: plotText(spell("params", p)) } }, yaxis: { title: { text: plotText(spell("metrics", m)) } } }));
      if (parcoords) {
        const axes = numeric.map((k) => ({ label: spell("params", k), values: runs.map((r) => r.params[k]) }));
        axes.push({ label: spell("metrics", m), values: ys });
        parallelCoordinates(parcoords, axes, runs.map(runLabel), "params \u2192 " + m);
      }
    };
    [mSel, pSel].forEach((el) => el.addEventListener("input", drawSweep));
    drawSweep();
    redrawSweep = () => {
      const chosen = mSel.value;
      mSel.replaceChildren(...shared.map((k) => opt(k)));
      if (shared.includes(chosen)) mSel.value = chosen;
      drawSweep();
    };
  }
  charts.dataset.ready = "1";
  charts.dataset.drawnAt = String(Math.round(performance.now()));

  // Live while any of the runs runs, as the runs page is: new points, a new shared metric, the
  // statuses; then no more polling.
  const running = () => runs.some((r) => r.status === "running");
  if (!running()) return;
  charts.dataset.live = "1";
  followStore(stamp, async () => {
    try {
      runs = await Promise.all(runs.map((r) => getJSON("/api/runs/" + r.number)));
    } catch (e) {
      if (e.status !== 404) throw e;  // (tried again next tick)
      charts.before(errorBox(e));  // a compared run was deleted: say so, stop following
      delete charts.dataset.live;
      return false;
    }
    const before = shared.join("\n");
    shared = sharedMetrics();
    await fetchSeries();
    if (shared.join("\n") !== before) placeCharts();
    showStatuses();
    draw();
    redrawSweep();
    if (running()) return true;
    delete charts.dataset.live;
    return false;
  });
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}
function viridis(t) {
  // Five stops of the Viridis scale, interpolated: low values dark blue, high ones yellow.
  const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const x = Math.min(Math.max(t, 0), 1) * (stops.length - 1), i = Math.min(Math.floor(x), stops.length - 2), f = x - i;
  return "rgb(" + stops[i].map((c, j) => Math.round(c + (stops[i + 1][j] - c) * f)).join(",") + ")";
}
function parallelCoordinates(box, axes, labels, title) {
  // One vertical axis per param (and the metric last); one line per run, coloured by the
  // metric. Labels are SVG text nodes (textContent), never markup.
  const W = Math.max(box.clientWidth || 600, 300), H = 320, top = 50, bottom = 30, side = 60;
  const xs = axes.map((_, i) => side + i * (W - 2 * side) / Math.max(axes.length - 1, 1));
  const scales = axes.map((a) => {
    const vals = a.values.filter((v) => typeof v === "number" && isFinite(v));
    const lo = Math.min(...vals), hi = Math.max(...vals);
    return { lo, hi, y: (v) => hi === lo ? (top + H - bottom) / 2 : top + (hi - v) / (hi - lo) * (H - top - bottom) };
  });
  const metric = scales[scales.length - 1];
  const plot = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img" });
  const heading = svg("text", { x: 10, y: 18, class: "pc-title" }); heading.textContent = title;
  const name = svg("title", {}); name.textContent = title;
  plot.append(name, heading);
  let lines = 0;
  labels.forEach((label, r) => {
    const vals = axes.map((a) => a.values[r]);
    if (!vals.every((v) => typeof v === "number" && isFinite(v))) return;
    const t = metric.hi === metric.lo ? 0.5 : (vals[vals.length - 1] - metric.lo) / (metric.hi - metric.lo);
    const line = svg("polyline", { points: vals.map((v, i) => xs[i] + "," + scales[i].y(v).toFixed(1)).join(" "),
      fill: "none", stroke: viridis(t), "stroke-width": "2", class: "pc-line" });
    const tip = svg("title", {}); tip.textContent = label + "\n" + axes.map((a, i) => a.label + " = " + fmtNumber(vals[i])).join("\n");
    line.append(tip);
    plot.append(line);
    lines++;
  });
  axes.forEach((a, i) => {
    const sc = scales[i];
    const g = svg("g", { class: "pc-axis" }, svg("line", { x1: xs[i], x2: xs[i], y1: top, y2: H - bottom }));
    const label = svg("text", { x: xs[i], y: top - 12, "text-anchor": "middle" }); label.textContent = a.label;
    const hi = svg("text", { x: xs[i] + 4, y: top + 4 }); hi.textContent = isFinite(sc.hi) ? fmtNumber(sc.hi) : "";
    const lo = svg("text", { x: xs[i] + 4, y: H - bottom + 14 }); lo.textContent = isFinite(sc.lo) ? fmtNumber(sc.lo) : "";
    g.append(label, hi, lo);
    plot.append(g);
  });
  box.replaceChildren(plot);
  box.dataset.lines = String(lines);
}

// -- one run ------------------------------------------------------------------------------------

const SGR_FLAGS = { 1: "ansi-bold", 2: "ansi-dim", 3: "ansi-italic", 4: "ansi-underline" };

function ansiInto(pre, text, state) {
  // Renders SGR colours as classed spans; other escape sequences are dropped; a lone \r
  // (a progress bar redrawing) keeps only the last redraw of a line.
  text = text.replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, "");
  text = text.split("\n").map((line) => {
    const parts = line.split("\r");
    let last = parts.length - 1;
    while (last > 0 && parts[last] === "") last--;
    return parts[last];
  }).join("\n");
  const re = /\x1b\[([0-9;?]*)([A-Za-z])/g;
  let at = 0, m;
  const flush = (s) => {
    if (!s) return;
    const cls = [...state.flags];
    if (state.fg !== null) cls.push("fg" + state.fg);
    if (state.bg !== null) cls.push("bg" + state.bg);
    pre.append(cls.length ? h("span", { class: cls.join(" "), text: s }) : document.createTextNode(s));
  };
  while ((m = re.exec(text))) {
    flush(text.slice(at, m.index));
    at = re.lastIndex;
    if (m[2] !== "m") continue;
    const codes = (m[1] || "0").split(";").map(Number);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c === 0) { state.flags = new Set(); state.fg = null; state.bg = null; }
      else if (SGR_FLAGS[c]) state.flags.add(SGR_FLAGS[c]);
      else if (c === 22) { state.flags.delete("ansi-bold"); state.flags.delete("ansi-dim"); }
      else if (c >= 30 && c <= 37) state.fg = c - 30;
      else if (c >= 90 && c <= 97) state.fg = c - 90 + 8;
      else if (c === 39) state.fg = null;
      else if (c >= 40 && c <= 47) state.bg = c - 40;
      else if (c === 49) state.bg = null;
      else if (c === 38 || c === 48) { i += codes[i + 1] === 5 ? 2 : 4; }
    }
  }
  flush(text.slice(at).replace(/\x1b/g, ""));
}

function diffInto(pre, patch) {
  for (const line of patch.split("\n")) {
    const cls = line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ") ? "file"
      : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : null;
    pre.append(cls ? h("span", { class: cls, text: line }) : document.createTextNode(line + "\n"));
  }
}

async function runPage(root, params, ref) {
  let run;
  try { run = await getJSON("/api/runs/" + encodeURIComponent(ref)); }
  catch (e) { root.append(errorBox(e)); return; }
  // plotly.min.js runs while the page fills in (the first time in a browser takes seconds):
  // only the charts wait for it.
  const plotlyReady = loadPlotly();
  const base = "/api/runs/" + run.number;
  const title = h("h1", { id: "run-title" });
  const status = h("span", { class: "status", id: "run-status" });
  const facts = h("table", { class: "kv" });
  function header() {
    title.replaceChildren(h("span", { text: "#" + run.number + " " }), h("span", { id: "run-name", text: run.name || "(no name)" }), " ", status);
    status.className = "status status-" + run.status; status.textContent = run.status;
    const git = run.git || {};
    const rows = [["command", h("code", { text: run.command.join(" ") })], ["experiment", run.experiment],
      ["started", fmtTime(run.started_at)], ["duration", fmtDuration(run.duration_s)],
      ["exit code", run.exit_code ?? ""], ["cwd", run.cwd], ["host", run.host || ""], ["author", run.author || ""],
      ["git", git.commit ? (git.commit.slice(0, 10) + " on " + (git.branch || "?") + (git.dirty ? " (dirty)" : "")) : "not a git repository"],
      ["commit message", git.message || ""], ["remote", git.remote || ""], ["id", run.id]];
    facts.replaceChildren(...rows.filter(([, v]) => v !== "").map(([k, v]) => h("tr", {}, h("td", { text: k }), h("td", {}, v))));
  }
  header();

  // Tags, note, name: journal events through the API.
  const tagsBox = h("div", { id: "tags" });
  const tagInput = h("input", { id: "tag-input", placeholder: "key=value or label", "aria-label": "New tag" });
  const note = h("textarea", { id: "note", "aria-label": "Note" });
  note.value = run.note || "";
  const nameInput = h("input", { id: "name-input", value: run.name || "", "aria-label": "Name" });
  const editErr = h("div", {});
  function renderTags() {
    tagsBox.replaceChildren(...Object.entries(run.tags).map(([k, v]) => h("span", { class: "tag", dataset: { key: k } },
      h("span", { text: v === "" ? k : k + "=" + v }),
      h("button", { title: "Remove tag " + k, "aria-label": "remove tag " + k, text: "\u00d7",
        onclick: () => edit(() => send("DELETE", base + "/tags/" + encodeURIComponent(k))) }))));
  }
  async function edit(fn) {
    try {
      run = await fn(); editErr.replaceChildren(); renderTags(); header();
      root.dataset.edits = String(+(root.dataset.edits || 0) + 1);
    }
    catch (e) { editErr.replaceChildren(errorBox(e)); }
  }
  const addTag = () => {
    const text = tagInput.value.trim();
    if (!text) return;
    const i = text.indexOf("=");
    const tags = {}; tags[i < 0 ? text : text.slice(0, i)] = i < 0 ? "" : text.slice(i + 1);
    edit(() => send("POST", base + "/tags", { tags })).then(() => { tagInput.value = ""; });
  };
  tagInput.addEventListener("keydown", (e) => { if (e.key === "Enter") addTag(); });
  renderTags();

  const paramsTable = h("table", { class: "kv", id: "params" }, Object.entries(run.params).map(([k, v]) =>
    h("tr", {}, h("td", { text: k }), h("td", { text: typeof v === "string" ? v : JSON.stringify(v) }))));
  const metricsBox = h("div", { class: "charts", id: "run-charts" });
  const sysBox = h("div", { class: "charts", id: "sys-charts" });
  const logPre = h("pre", { class: "log", id: "log" });
  const patchBox = h("div", {});
  const artifactsBox = h("div", { id: "artifacts" });

  root.append(title, h("div", { class: "row" },
    h("section", {}, facts),
    h("section", {},
      h("h2", { text: "Tags" }), tagsBox, h("div", { class: "toolbar" }, tagInput, h("button", { text: "Add tag", onclick: addTag })),
      h("h2", { text: "Name" }), h("div", { class: "toolbar" }, nameInput,
        h("button", { text: "Rename", onclick: () => edit(() => send("POST", base + "/name", { name: nameInput.value })) })),
      h("h2", { text: "Note" }), note,
      h("button", { id: "save-note", text: "Save note", onclick: () => edit(() => send("POST", base + "/note", { note: note.value })) }),
      editErr)),
  h("section", {}, h("h2", { text: "Params" }), Object.keys(run.params).length ? paramsTable : h("p", { class: "muted", text: "none" })),
  h("section", {}, h("h2", { text: "Metrics" }), metricsBox),
  h("section", {}, h("h2", { text: "System" }), sysBox),
  h("section", {}, h("h2", { text: "Output" }), logPre),
  h("section", {}, h("h2", { text: "Code changes" }), patchBox),
  h("section", {}, h("h2", { text: "Artifacts" }), artifactsBox));

  // Charts: one per metric, redrawn with new points while the run runs.
  const chartEls = {};
  const counts = {};
  async function drawMetrics() {
    const keys = Object.keys(run.metrics).sort();
    await Promise.all(keys.map(async (key) => {
      if (counts[key] === run.metrics[key].count) return;
      const d = await getJSON(base + "/metrics/" + encodeURIComponent(key) + "?max_points=" + MAX_POINTS);
      try { await plotlyReady; } catch (e) { metricsBox.replaceChildren(errorBox(e)); return; }
      counts[key] = run.metrics[key].count;
      if (!chartEls[key]) {
        chartEls[key] = h("div", { class: "chart", dataset: { key } });
        const box = key.startsWith("sys/") ? sysBox : metricsBox;
        box.querySelector("p.muted")?.remove();
        box.append(chartEls[key]);
      }
      newPlot(chartEls[key], [{ type: "scatter", mode: d.points.length === 1 ? "markers" : "lines", name: plotText(key),
        x: d.points.map((p) => p.step), y: d.points.map((p) => num(p.value)), line: { width: 1.5 } }],
      plotLayout(key + (d.downsampled ? " (" + d.points.length + " of " + d.count + " points)" : ""), { showlegend: false }));
      chartEls[key].dataset.points = String(d.points.length);
    }));
    if (!keys.some((k) => !k.startsWith("sys/"))) metricsBox.replaceChildren(h("p", { class: "muted", text: "no metrics" }));
    if (!keys.some((k) => k.startsWith("sys/"))) sysBox.replaceChildren(h("p", { class: "muted", text: "no system metrics" }));
  }

  // The log: its last 256 KiB, then what it goes on printing.
  let logSize = 0;
  const ansiState = { flags: new Set(), fg: null, bg: null };
  async function readLog(first) {
    const res = await api(base + "/log?" + query({ offset: first ? -262144 : logSize }));
    const text = new TextDecoder().decode(await res.arrayBuffer());
    logSize = +res.headers.get("X-Log-Size");
    const stick = logPre.scrollTop + logPre.clientHeight >= logPre.scrollHeight - 4;
    ansiInto(logPre, text, ansiState);
    if (stick || first) logPre.scrollTop = logPre.scrollHeight;
    logPre.dataset.size = String(logSize);
  }

  await Promise.all([drawMetrics(), readLog(true)]);
  if (run.git && run.git.dirty) {
    try {
      const text = await (await api(base + "/patch")).text();
      const pre = h("pre", { class: "diff", id: "patch" }); diffInto(pre, text); patchBox.append(pre);
    } catch (e) { patchBox.append(h("p", { class: "muted", text: "no patch recorded" })); }
  } else patchBox.append(h("p", { class: "muted", text: run.git ? "none: the tree was clean" : "not a git repository" }));
  artifactsInto(artifactsBox, base);
  root.dataset.ready = "1";

  if (run.status === "running") {
    const t = every(async () => {
      if (document.hidden) return;
      try {
        run = await getJSON(base);
        header();
        await Promise.all([drawMetrics(), readLog(false)]);
        if (run.status !== "running") clearInterval(t);
      } catch (e) { /* the next tick tries again */ }
    }, POLL_MS);
  }
}

async function artifactsInto(box, base) {
  const items = await getJSON(base + "/artifacts");
  if (!items.length) { box.append(h("p", { class: "muted", text: "none" })); return; }
  for (const a of items) {
    const url = base + "/artifacts/" + a.path.split("/").map(encodeURIComponent).join("/");
    const item = h("div", { class: "artifact" },
      h("a", { href: url + "?download=1", download: a.path.split("/").pop(), text: a.path }),
      h("span", { class: "muted", text: "  " + a.size + " bytes" }));
    box.append(item);
    const ext = a.path.toLowerCase().split(".").pop();
    if (["png", "jpg", "jpeg", "gif", "webp"].includes(ext)) {
      item.append(h("img", { src: url, alt: a.path, loading: "lazy" }));
    } else if (["txt", "log", "json", "yaml", "yml", "md", "csv", "tsv", "toml", "cfg", "ini", "py"].includes(ext) && a.size < 1 << 20) {
      const text = await (await api(url + "?download=1")).text();
      if (ext === "csv" || ext === "tsv") item.append(csvTable(text, ext === "csv" ? "," : "\t"));
      else item.append(h("pre", { class: "text", text: text.slice(0, 65536) }));
    }
  }
}

function csvTable(text, sep) {
  const rows = text.split(/\r?\n/).filter((l) => l.length).slice(0, 200).map((l) => l.split(sep));
  if (!rows.length) return h("p", { class: "muted", text: "empty" });
  return h("table", { class: "grid csv" }, h("thead", {}, h("tr", {}, rows[0].map((c) => h("th", { text: c })))),
    h("tbody", {}, rows.slice(1).map((r) => h("tr", {}, r.map((c) => h("td", { text: c }))))));
}

// -- models -------------------------------------------------------------------------------------

async function modelsPage(root) {
  root.append(h("h1", { text: "Models" }));
  const data = await getJSON("/api/models");
  if (!data.models.length) {
    root.append(h("p", { class: "muted", text: "No models yet: runlab model register RUN PATH --name NAME makes one." }));
    return;
  }
  const list = h("table", { class: "grid", id: "models" },
    h("thead", {}, h("tr", {}, ["name", "latest", "versions", "aliases", "framework", "updated"].map((c) => h("th", { text: c })))));
  const body = h("tbody");
  list.append(body);
  root.append(list);
  for (const m of data.models) {
    const detail = h("tr", { hidden: true }, h("td", { colspan: "6" }));
    const row = h("tr", { tabindex: "0", onclick: () => toggle(), onkeydown: (e) => { if (e.key === "Enter") toggle(); } },
      h("td", { text: m.name }), h("td", { text: "v" + m.latest_version }), h("td", { text: String(m.versions) }),
      h("td", { text: Object.entries(m.aliases).map(([a, v]) => a + "\u2192v" + v).join(", ") }),
      h("td", { text: m.framework || "" }), h("td", { text: fmtTime(m.updated_at) }));
    body.append(row, detail);
    async function toggle() {
      detail.hidden = !detail.hidden;
      if (detail.hidden || detail.dataset.loaded) return;
      const d = await getJSON("/api/models/" + encodeURIComponent(m.name));
      detail.dataset.loaded = "1";
      detail.firstChild.append(h("table", { class: "grid" },
        h("thead", {}, h("tr", {}, ["version", "aliases", "run", "path", "size", "created"].map((c) => h("th", { text: c })))),
        h("tbody", {}, d.versions.map((v) => h("tr", {}, h("td", { text: "v" + v.version }), h("td", { text: v.aliases.join(", ") }),
          h("td", {}, v.run ? h("a", { href: "#/run/" + v.run.number, text: runLabel(v.run) }) : "(purged)"),
          h("td", { text: v.path }), h("td", { text: String(v.size) }), h("td", { text: fmtTime(v.created_at) }))))));
    }
  }
}

// -- start --------------------------------------------------------------------------------------

let pendingG = false;
document.addEventListener("keydown", (e) => {
  if (e.target.matches("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey) return;
  if (pendingG) {
    pendingG = false;
    const to = { r: "#/runs", c: "#/compare?runs=" + [...runsState.selected.keys()].join(","), m: "#/models" }[e.key];
    if (to) location.hash = to;
    return;
  }
  if (e.key === "g") pendingG = true;
  else if (e.key === "?") document.getElementById("help").showModal();
});
document.getElementById("help-button").addEventListener("click", () => document.getElementById("help").showModal());
window.addEventListener("hashchange", route);
route();
