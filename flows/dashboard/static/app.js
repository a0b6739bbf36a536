// sitrep dashboard: reads /api/* with the filter bar's values and draws the panels with plotly.js.
// The filters and the panels' options live in the address (?from=...&entity=...): a view can be shared or
// bookmarked, and the back button returns to the view before. Text from the warehouse is only ever set
// as text (textContent), never parsed as HTML.
"use strict";
const state = { entities: new Map(), names: new Map(), world: null, seq: 0,
  config: { displaylogo: false, responsive: true, topojsonURL: "/geo/topojson/" } };
const $ = (id) => document.getElementById(id);
const FILTERS = ["from", "to", "source", "entity", "q"];
// address key -> [control id, default value]; a select whose default is "" shows the server's choice until
// the reader picks one (kept in its data-chosen), so that only a picked value goes into the address
const OPTIONS = { scope: ["casualty-scope", "all"], scale: ["casualty-scale", "log"], by: ["money-by", "company"],
  currency: ["money-currency", ""], trend: ["trend-type", ""] };
const LABEL = 22; // characters of a chart label; longer names end in an ellipsis and show whole on hover
const PERIOD = { day: 86400000, week: 7 * 86400000, month: "M1" };
const PERIOD_MS = { day: 86400000, week: 7 * 86400000, month: 30 * 86400000 };

const short = (name) => (name && name.length > LABEL ? `${name.slice(0, LABEL - 1)}…` : name || "");

// -- the address ----------------------------------------------------------------------------------------

function entityId() {
  const name = $("entity").value.trim();
  return name ? state.entities.get(name) || name : "";
}

function viewQuery() {
  const p = new URLSearchParams();
  for (const key of ["from", "to", "source"]) if ($(key).value) p.set(key, $(key).value);
  if (entityId()) p.set("entity", entityId());
  if ($("q").value.trim()) p.set("q", $("q").value.trim());
  for (const [key, [id, fallback]] of Object.entries(OPTIONS)) {
    const value = fallback ? $(id).value : $(id).dataset.chosen;
    if (value && value !== fallback) p.set(key, value);
  }
  if ($("money-contracts").checked) p.set("contracts", "1");
  return p;
}

function ensureOption(select, value) {
  if (value && ![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
}

async function showView(search) {
  const p = new URLSearchParams(search);
  for (const key of ["from", "to", "q"]) $(key).value = p.get(key) || "";
  ensureOption($("source"), p.get("source"));
  $("source").value = p.get("source") || "";
  for (const [key, [id, fallback]] of Object.entries(OPTIONS)) {
    ensureOption($(id), p.get(key));
    $(id).value = p.get(key) || fallback;
    if (!fallback) $(id).dataset.chosen = p.get(key) || "";
  }
  $("money-contracts").checked = p.get("contracts") === "1";
  const id = p.get("entity") || "";
  if (id && !state.names.has(id)) {
    const found = await fetch(`/api/entities?${new URLSearchParams({ id })}`).then((r) => r.json());
    for (const e of found) remember(e.entity_id, e.canonical_name);
  }
  $("entity").value = id ? state.names.get(id) || id : "";
}

function navigate(event) {
  if (event) event.preventDefault();
  const query = viewQuery().toString();
  if (query !== location.search.replace(/^\?/, "")) history.pushState(null, "", query ? `?${query}` : location.pathname);
  return refresh();
}

function remember(id, name) { state.entities.set(name, id); state.names.set(id, name); }

function chooseEntity(id, name) { if (!id) return; remember(id, name); $("entity").value = name; navigate(); }

async function get(path, extra) {
  const p = viewQuery();
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  const response = await fetch(`${path}?${p}`);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

// -- small builders -------------------------------------------------------------------------------------

function link(url, text) {
  const a = document.createElement("a");
  a.href = url || "#"; a.textContent = text || url || "(untitled)"; a.target = "_blank"; a.rel = "noopener";
  return a;
}

function cell(row, content) {
  const td = document.createElement("td");
  if (content instanceof Node) td.appendChild(content); else td.textContent = content == null ? "" : String(content);
  row.appendChild(td);
}

function fill(tbody, rows, cells, empty) {
  tbody.replaceChildren();
  for (const r of rows) { const tr = document.createElement("tr"); for (const c of cells(r)) cell(tr, c); tbody.appendChild(tr); }
  if (!rows.length) { const tr = document.createElement("tr"); const td = document.createElement("td"); td.colSpan = 9; td.className = "empty"; td.textContent = empty; tr.appendChild(td); tbody.appendChild(tr); }
}

// A passage with its highlights (code-point offsets, as the server counts them) marked; text only.
function passage(text, highlights) {
  const el = document.createElement("div");
  el.className = "passage";
  const chars = Array.from(text || "");
  let at = 0;
  for (const [start, end] of highlights || []) {
    if (start < at || end > chars.length) continue;
    el.append(chars.slice(at, start).join(""));
    const mark = document.createElement("mark"); mark.textContent = chars.slice(start, end).join(""); el.appendChild(mark);
    at = end;
  }
  el.append(chars.slice(at).join(""));
  return el;
}

function money(value, currency) {
  const units = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "k"]];
  const [size, suffix] = units.find(([n]) => Math.abs(value) >= n) || [1, ""];
  return `${currency === "?" ? "" : `${currency} `}${(value / size).toLocaleString("en", { maximumFractionDigits: 2 })}${suffix}`;
}

// Horizontal bars, largest on top: ids on the axis, names cut to LABEL with the whole name on hover. Each
// bar's customdata is [id, name, hover text, [entity id, entity name] a click chooses as the entity filter].
function bars(el, rows, { id, name, value, color, hover, entity, empty }) {
  const ordered = rows.slice().reverse();
  const height = Math.max(160, 64 + 24 * rows.length);
  el.style.height = `${height}px`;
  Plotly.react(el, [{ type: "bar", orientation: "h", x: ordered.map(value), y: ordered.map(id),
    customdata: ordered.map((r) => [id(r), name(r), hover(r), entity(r)]), marker: { color },
    hovertemplate: "%{customdata[1]}: %{customdata[2]}<extra></extra>" }],
  { margin: { t: 34, r: 10, b: 30, l: 10 }, height, // t: room for the mode bar
    yaxis: { type: "category", automargin: true, tickvals: ordered.map(id), ticktext: ordered.map((r) => short(name(r))) },
    xaxis: { automargin: true, visible: rows.length > 0 },
    annotations: rows.length ? [] : [{ text: empty, showarrow: false, xref: "paper", yref: "paper", x: 0.5, y: 0.5 }] }, state.config);
  if (!el.dataset.clicks) {
    el.dataset.clicks = "1";
    el.on("plotly_click", (ev) => { const [entityId, entityName] = ev.points[0].customdata[3] || []; chooseEntity(entityId, entityName); });
  }
}

// -- panels ---------------------------------------------------------------------------------------------

function drawVolume(volume) {
  $("total-articles").textContent = volume.total;
  $("undated-count").textContent = volume.undated_total;
  $("volume-bin").textContent = volume.bin;
  const el = $("volume");
  el.dataset.bin = volume.bin;
  const trace = (rows, name, color, yaxis) => ({ type: "bar", name, yaxis, x: rows.map((d) => d.day), y: rows.map((d) => d.articles),
    customdata: rows.map((d) => d.day), xperiod: PERIOD[volume.bin], xperiodalignment: "start",
    width: PERIOD_MS[volume.bin] * 0.8, marker: { color }, hovertemplate: `%{x}: %{y} ${name}<extra></extra>` });
  // undated articles on their own axis (right): a batch of them does not flatten the dated bars
  Plotly.react(el, [trace(volume.days, "dated (by publication day)", "#2f6fb0", "y"),
    trace(volume.undated, "undated (by ingest day)", "#b9c2cc", "y2")],
  { barmode: "overlay", margin: { t: 10, r: 10, b: 40, l: 50 }, xaxis: { type: "date", automargin: true },
    yaxis: { title: { text: "dated articles" }, automargin: true, rangemode: "tozero" },
    yaxis2: { title: { text: "undated articles" }, overlaying: "y", side: "right", showgrid: false, automargin: true,
      rangemode: "tozero" },
    legend: { orientation: "h", y: 1.12 } }, state.config);
  if (!el.dataset.clicks) {
    el.dataset.clicks = "1";
    el.on("plotly_click", (ev) => zoomTo(el.dataset.bin, ev.points[0].customdata));
  }
}

// A click on a bar of the volume: the range becomes that bar's day, week or month.
function zoomTo(bin, day) {
  const end = new Date(`${day}T00:00:00Z`);
  if (bin === "month") end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCDate(end.getUTCDate() + (bin === "week" ? 7 : 1));
  end.setUTCDate(end.getUTCDate() - 1);
  $("from").value = day; $("to").value = end.toISOString().slice(0, 10);
  navigate();
}

function drawEntities(rows) {
  const box = $("entities");
  box.replaceChildren();
  const byType = new Map();
  for (const r of rows) { if (!byType.has(r.entity_type)) byType.set(r.entity_type, []); byType.get(r.entity_type).push(r); }
  if (!byType.size) { box.innerHTML = '<p class="empty">no entities for these filters</p>'; return; }
  for (const [type, list] of byType) {
    const cellBox = document.createElement("div");
    const title = document.createElement("h3"); title.textContent = type;
    const div = document.createElement("div");
    div.className = "chart entity-chart"; div.dataset.type = type;
    cellBox.append(title, div);
    box.appendChild(cellBox);
    bars(div, list, { id: (r) => r.entity_id, name: (r) => r.canonical_name, value: (r) => r.mentions, color: "#5a8f3c",
      hover: (r) => `${r.mentions} mentions`, entity: (r) => [r.entity_id, r.canonical_name] });
  }
}

function drawMap(rows, places, incidents) {
  const counts = new Map(rows.map((r) => [r.country_iso3, r.mentions]));
  const features = state.world ? state.world.features : [];
  const ids = features.length ? features.map((f) => f.id) : rows.map((r) => r.country_iso3);
  const trace = { type: "choropleth", locations: ids, z: ids.map((id) => counts.get(id) || 0),
    colorscale: [[0, "#eef2f6"], [0.001, "#c6dbef"], [1, "#08306b"]], marker: { line: { color: "#9aa7b4", width: 0.3 } },
    hovertemplate: "%{location}: %{z} mentions<extra></extra>", colorbar: { thickness: 10 } };
  if (features.length) { trace.geojson = state.world; trace.featureidkey = "id"; }
  const most = Math.max(1, ...places.map((p) => p.mentions));
  const points = { type: "scattergeo", mode: "markers", lat: places.map((p) => p.lat), lon: places.map((p) => p.lon),
    text: places.map((p) => p.place_name), customdata: places.map((p) => [p.mentions, p.articles]),
    marker: { size: places.map((p) => 4 + 14 * Math.sqrt(p.mentions / most)), color: "#c0392b", opacity: 0.75,
      line: { color: "#ffffff", width: 0.5 } },
    hovertemplate: "%{text}: %{customdata[0]} mentions in %{customdata[1]} articles<extra></extra>", showlegend: false };
  const happened = { type: "scattergeo", mode: "markers", lat: incidents.map((i) => i.lat), lon: incidents.map((i) => i.lon),
    text: incidents.map((i) => `${i.event_type.replaceAll("_", " ")} at ${i.place_name}, ${i.day}`),
    customdata: incidents.map((i) => [i.reports, i.fatalities == null ? "no toll stated" : `${i.fatalities} killed`]),
    marker: { symbol: "diamond", size: 9, color: "#1f2d3d", opacity: 0.85, line: { color: "#ffffff", width: 0.5 } },
    hovertemplate: "%{text}: %{customdata[1]}, %{customdata[0]} reports<extra>incident</extra>", showlegend: false };
  Plotly.react("map", [trace, points, happened], { margin: { t: 0, r: 0, b: 0, l: 0 },
    geo: { visible: false, projection: { type: "natural earth" }, lataxis: { range: [-58, 85] } } }, state.config);
  $("map").dataset.countries = String(rows.length);
  $("map").dataset.places = String(places.length);
  $("map").dataset.incidents = String(incidents.length);
}

function drawCasualties(data) {
  $("total-claims").textContent = data.series.reduce((n, r) => n + r.claims, 0);
  const military = data.series.filter((r) => r.military);
  const traces = [...new Set(military.map((r) => r.event))].map((event) => {
    const rows = military.filter((r) => r.event === event);
    return { type: "scatter", mode: "lines+markers", name: `${event} (military)`, x: rows.map((r) => r.day), y: rows.map((r) => r.value),
      hovertemplate: `%{x}: %{y} ${event}<extra></extra>` };
  });
  const other = new Map();
  for (const r of data.series.filter((s) => !s.military)) other.set(r.day, (other.get(r.day) || 0) + r.value);
  if (other.size) traces.push({ type: "scatter", mode: "lines+markers", name: "other (not military)", x: [...other.keys()], y: [...other.values()],
    line: { dash: "dot", color: "#8896a5" }, hovertemplate: "%{x}: %{y} (not military)<extra></extra>" });
  Plotly.react("casualties", traces, { margin: { t: 10, r: 10, b: 40, l: 60 }, xaxis: { type: "date", automargin: true },
    yaxis: { type: $("casualty-scale").value, title: { text: "people (stated)" }, automargin: true }, legend: { orientation: "h", y: 1.12 } }, state.config);
  fill(document.querySelector("#claims tbody"), data.claims, (c) => [c.day, c.event, c.military ? "military" : "other", c.claim_text,
    c.entity_name || c.counted_object || "", link(c.url, c.title)], "no casualty claims for these filters");
}

function drawMoney(data) {
  const select = $("money-currency");
  select.replaceChildren(...data.currencies.map((c) => new Option(`${c.currency} (${c.claims})`, c.currency)));
  ensureOption(select, data.currency);
  select.value = data.currency;
  $("money-total").textContent = data.currencies.reduce((n, c) => n + c.claims, 0);
  bars($("money"), data.parties, { id: (r) => r.party, name: (r) => r.party_name, value: (r) => r.value, color: "#b07a2f",
    hover: (r) => `${money(r.value, data.currency)} in ${r.claims} amounts`, entity: (r) => [r.entity_id, r.party_name],
    empty: `no amounts in ${data.currency} naming a ${data.by}` });
  fill(document.querySelector("#money-claims tbody"), data.claims, (c) => [`${c.day}${c.dated === false ? " (undated)" : ""}`, c.claim_text, passage(c.passage, c.highlights),
    [...c.companies, ...c.systems, ...c.countries].join(", "), link(c.url, c.title)], "no amounts for these filters");
}

function drawComentions(data) {
  const el = $("comentions");
  const partners = data.mode === "partners";
  $("comentions-mode").textContent = partners ? `(with ${state.names.get(data.entity) || data.entity}, by articles)`
    : `(pairs mentioned together${data.window ? " in the range" : ", all time"})`;
  bars(el, data.rows, {
    id: (r) => (partners ? r.entity_id : `${r.entity_a}|${r.entity_b}`),
    name: (r) => (partners ? r.canonical_name : `${r.name_a} + ${r.name_b}`), value: (r) => r.articles, color: "#7a4fa0",
    hover: (r) => `${r.articles} articles`, entity: (r) => (partners ? [r.entity_id, r.canonical_name] : [r.entity_a, r.name_a]),
    empty: "no entities mentioned together" });
}

function drawTrends(data) {
  const select = $("trend-type");
  select.replaceChildren(...data.types.map((t) => new Option(t, t)));
  ensureOption(select, data.type);
  select.value = data.type;
  Plotly.react("trends", data.series.map((s) => ({ type: "scatter", mode: "lines+markers", name: s.canonical_name,
    x: s.weeks.map((w) => w.week), y: s.weeks.map((w) => w.mentions), hovertemplate: `${s.canonical_name}: %{y} mentions, week of %{x}<extra></extra>` })),
  { margin: { t: 10, r: 10, b: 40, l: 40 }, xaxis: { type: "date", automargin: true }, yaxis: { title: { text: "mentions a week" }, automargin: true },
    legend: { orientation: "h", y: -0.2 } }, state.config);
}

function drawIncidents(data) {
  $("total-incidents").textContent = data.incidents.length;
  const types = [...new Set(data.series.map((r) => r.event_type))];
  const traces = types.map((t) => {
    const rows = data.series.filter((r) => r.event_type === t);
    return { type: "bar", name: t, x: rows.map((r) => r.week), y: rows.map((r) => r.incidents),
      customdata: rows.map((r) => [r.reports, r.fatalities || 0]),
      hovertemplate: `%{x}: %{y} ${t} (%{customdata[0]} reports, %{customdata[1]} killed)<extra></extra>` };
  });
  Plotly.react("incidents", traces, { barmode: "stack", margin: { t: 10, r: 10, b: 40, l: 50 }, xaxis: { type: "date", automargin: true },
    yaxis: { title: { text: "incidents per week" }, automargin: true }, legend: { orientation: "h", y: 1.12 } }, state.config);
  fill(document.querySelector("#incident-list tbody"), data.incidents, (i) => {
    const reports = document.createElement("span");
    i.sources.forEach((s, n) => { if (n) reports.append(" · "); reports.append(link(s.url, `${s.source_name || ""} ${s.title || ""}`.trim())); });
    const toll = [i.fatalities ? `${i.fatalities} killed` : "", i.injured ? `${i.injured} injured` : "",
      i.amount ? `${i.amount.toLocaleString()} ${i.currency || ""}` : ""].filter(Boolean).join(", ");
    return [i.day, `${i.event_type} / ${i.subtype}`, i.actor || "", i.target || "", [i.place, i.country].filter(Boolean).join(", "), toll, reports];
  }, "no incidents for these filters");
}

function drawEvents(rows) {
  fill(document.querySelector("#events tbody"), rows, (e) => [e.event_date, e.date_text, e.names.join(", "), link(e.url, e.title)],
    "no dated events for these filters");
}

function drawArticles(rows, q) {
  $("articles-mode").textContent = q ? `(matching “${q}”)` : entityId() ? `(mentioning ${$("entity").value})` : "(newest)";
  const list = $("articles");
  list.replaceChildren();
  if (!rows.length) { const li = document.createElement("li"); li.className = "empty"; li.textContent = "no article matches"; list.appendChild(li); return; }
  for (const r of rows) {
    const li = document.createElement("li");
    li.append(`${r.day}${r.dated === false ? " (undated, ingest day)" : ""} · ${r.source_name || ""} · `, link(r.url, r.title));
    li.appendChild(passage(r.passage, r.highlights));
    list.appendChild(li);
  }
}

// -- loading --------------------------------------------------------------------------------------------

async function refresh() {
  const seq = ++state.seq;
  const main = document.querySelector("main");
  main.dataset.state = "loading";
  try {
    const q = $("q").value.trim();
    const answers = await Promise.all([get("/api/volume"), get("/api/top_entities"), get("/api/countries"), get("/api/casualties"),
      get("/api/money"), get("/api/comentions"), get("/api/trends", { type: $("trend-type").dataset.chosen }), get("/api/events"),
      q ? get("/api/search", { q }) : get("/api/articles"), get("/api/incidents"), get("/api/places")]);
    if (seq !== state.seq) return; // a newer view was asked for meanwhile
    const [volume, entities, countries, casualties, amounts, comentions, trends, events, articles, incidents, places] = answers;
    drawVolume(volume); drawEntities(entities); drawMap(countries, places, incidents.points || []); drawCasualties(casualties); drawMoney(amounts);
    drawComentions(comentions); drawTrends(trends); drawEvents(events); drawArticles(articles, q);
    drawIncidents(incidents);
    main.dataset.state = "ready";
  } catch (err) {
    if (seq === state.seq) main.dataset.state = "error";
    console.error(err);
  } finally {
    if (seq === state.seq) main.dataset.loads = String(seq);
  }
}

function reset() {
  HTMLFormElement.prototype.reset.call($("filters"));
  $("q").value = "";
  return navigate();
}

async function start() {
  const [meta, world] = await Promise.all([fetch("/api/meta").then((r) => r.json()),
    fetch("/geo/world.json").then((r) => r.json()).catch(() => null)]);
  state.world = world;
  for (const s of meta.sources) $("source").add(new Option(s, s));
  const list = $("entity-list");
  for (const e of meta.entities) {
    remember(e.entity_id, e.canonical_name);
    const o = document.createElement("option"); o.value = e.canonical_name; o.label = `${e.entity_type} · ${e.mentions}`; list.appendChild(o);
  }
  if (meta.first_day) { $("from").min = $("to").min = meta.first_day; $("from").max = $("to").max = meta.last_day; }
  $("filters").addEventListener("submit", navigate);
  $("search-form").addEventListener("submit", navigate);
  $("source").addEventListener("change", () => navigate());
  $("reset-filters").addEventListener("click", reset);
  for (const id of ["casualty-scope", "casualty-scale", "money-by", "money-currency", "money-contracts", "trend-type"]) {
    $(id).addEventListener("change", () => { $(id).dataset.chosen = $(id).value; navigate(); });
  }
  window.addEventListener("popstate", async () => { await showView(location.search); refresh(); });
  await showView(location.search);
  history.replaceState(null, "", viewQuery().toString() ? `?${viewQuery()}` : location.pathname);
  await refresh();
}

start();
