// sitrep dashboard: reads /api/* with the filter bar's values and draws the charts with plotly.js.
"use strict";
const state = { entities: new Map(), world: null, config: { displaylogo: false, responsive: true, topojsonURL: "/geo/topojson/" } };
const $ = (id) => document.getElementById(id);

function params(extra) {
  const p = new URLSearchParams();
  for (const key of ["from", "to", "source"]) { if ($(key).value) p.set(key, $(key).value); }
  const name = $("entity").value.trim();
  if (name) p.set("entity", state.entities.get(name) || name);
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p.toString();
}

async function get(path, extra) {
  const response = await fetch(`${path}?${params(extra)}`);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function link(url, text) {
  const a = document.createElement("a");
  a.href = url || "#"; a.textContent = text || url || "(untitled)"; a.target = "_blank"; a.rel = "noopener";
  return a;
}

function drawVolume(volume) {
  $("total-articles").textContent = volume.total;
  Plotly.react("volume", [{ type: "bar", x: volume.days.map((d) => d.day), y: volume.days.map((d) => d.articles),
    marker: { color: "#2f6fb0" }, hovertemplate: "%{x}: %{y} articles<extra></extra>" }],
    { margin: { t: 10, r: 10, b: 40, l: 40 }, xaxis: { type: "date" }, yaxis: { title: { text: "articles" } } }, state.config);
}

function drawEntities(rows) {
  const box = $("entities");
  box.replaceChildren();
  const byType = new Map();
  for (const r of rows) { if (!byType.has(r.entity_type)) byType.set(r.entity_type, []); byType.get(r.entity_type).push(r); }
  if (!byType.size) { box.innerHTML = '<p class="empty">no entities for these filters</p>'; return; }
  for (const [type, list] of byType) {
    const div = document.createElement("div");
    div.className = "chart entity-chart"; div.dataset.type = type;
    box.appendChild(div);
    const ordered = list.slice().reverse();
    Plotly.newPlot(div, [{ type: "bar", orientation: "h", x: ordered.map((r) => r.mentions), y: ordered.map((r) => r.canonical_name),
      customdata: ordered.map((r) => r.entity_id), marker: { color: "#5a8f3c" }, hovertemplate: "%{y}: %{x} mentions<extra></extra>" }],
      { title: { text: type, font: { size: 13 } }, margin: { t: 30, r: 10, b: 30, l: 110 } }, state.config);
    div.on("plotly_click", (ev) => { $("entity").value = ev.points[0].y; state.entities.set(ev.points[0].y, ev.points[0].customdata); refresh(); });
  }
}

function drawMap(rows) {
  const counts = new Map(rows.map((r) => [r.country_iso3, r.mentions]));
  const features = state.world ? state.world.features : [];
  const ids = features.length ? features.map((f) => f.id) : rows.map((r) => r.country_iso3);
  const trace = { type: "choropleth", locations: ids, z: ids.map((id) => counts.get(id) || 0),
    colorscale: [[0, "#eef2f6"], [0.001, "#c6dbef"], [1, "#08306b"]], marker: { line: { color: "#9aa7b4", width: 0.3 } },
    hovertemplate: "%{location}: %{z} mentions<extra></extra>", colorbar: { thickness: 10 } };
  if (features.length) { trace.geojson = state.world; trace.featureidkey = "id"; }
  Plotly.react("map", [trace], { margin: { t: 0, r: 0, b: 0, l: 0 },
    geo: { visible: false, projection: { type: "natural earth" }, lataxis: { range: [-58, 85] } } }, state.config);
  $("map").dataset.countries = String(rows.length);
}

function drawCasualties(data) {
  const events = [...new Set(data.series.map((r) => r.event))];
  $("total-claims").textContent = data.series.reduce((n, r) => n + r.claims, 0);
  Plotly.react("casualties", events.map((event) => {
    const rows = data.series.filter((r) => r.event === event);
    return { type: "bar", name: event, x: rows.map((r) => r.day), y: rows.map((r) => r.value) };
  }), { barmode: "stack", margin: { t: 10, r: 10, b: 40, l: 50 }, xaxis: { type: "date" }, yaxis: { title: { text: "people (stated)" } } }, state.config);
  const body = document.querySelector("#claims tbody");
  body.replaceChildren();
  for (const c of data.claims) {
    const tr = document.createElement("tr");
    for (const text of [c.day, c.event, c.claim_text, c.entity_name || c.counted_object || ""]) {
      const td = document.createElement("td"); td.textContent = text; tr.appendChild(td);
    }
    const td = document.createElement("td"); td.appendChild(link(c.url, c.title)); tr.appendChild(td);
    body.appendChild(tr);
  }
}

async function search(event) {
  if (event) event.preventDefault();
  const q = $("q").value.trim();
  const list = $("results");
  list.replaceChildren();
  if (!q) return;
  const rows = await get("/api/search", { q });
  if (!rows.length) { list.innerHTML = '<li class="empty">no article matches</li>'; return; }
  for (const r of rows) {
    const li = document.createElement("li");
    li.append(`${r.day} · ${r.source_name || ""} · `, link(r.url, r.title));
    const p = document.createElement("div"); p.className = "snippet"; p.textContent = r.snippet; li.appendChild(p);
    list.appendChild(li);
  }
}

async function refresh(event) {
  if (event) event.preventDefault();
  const main = document.querySelector("main");
  main.dataset.state = "loading";
  try {
    const [volume, entities, countries, casualties] = await Promise.all([
      get("/api/volume"), get("/api/top_entities"), get("/api/countries"), get("/api/casualties")]);
    drawVolume(volume); drawEntities(entities); drawMap(countries); drawCasualties(casualties);
    if ($("q").value.trim()) await search();
    main.dataset.state = "ready";
  } catch (err) {
    main.dataset.state = "error";
    console.error(err);
  }
}

async function start() {
  const [meta, world] = await Promise.all([fetch("/api/meta").then((r) => r.json()),
    fetch("/geo/world.json").then((r) => r.json()).catch(() => null)]);
  state.world = world;
  for (const s of meta.sources) { const o = document.createElement("option"); o.value = s; o.textContent = s; $("source").appendChild(o); }
  const list = $("entity-list");
  for (const e of meta.entities) {
    state.entities.set(e.canonical_name, e.entity_id);
    const o = document.createElement("option"); o.value = e.canonical_name; o.label = `${e.entity_type} · ${e.mentions}`; list.appendChild(o);
  }
  if (meta.first_day) { $("from").min = $("to").min = meta.first_day; $("from").max = $("to").max = meta.last_day; }
  $("filters").addEventListener("submit", refresh);
  $("source").addEventListener("change", refresh);
  $("reset").addEventListener("click", () => { $("filters").reset(); refresh(); });
  $("search-form").addEventListener("submit", search);
  await refresh();
}

start();
