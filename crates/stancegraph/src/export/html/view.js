// stancegraph's HTML view: draws the network embedded in the page on a
// canvas, with zoom and pan, search, filters, a time slider, a legend, and
// the statements behind each node and edge. Every text from the data is
// shown through textContent or the canvas, never as markup.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("sg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const canvas = $("canvas");
  const ctx = canvas.getContext("2d");
  const nodes = data.nodes;
  const edges = data.edges;
  const statements = data.statements;

  // Edges at each node, for visibility and highlighting.
  const incident = nodes.map(() => []);
  edges.forEach((e, i) => {
    incident[e.s].push(i);
    incident[e.t].push(i);
  });

  const state = {
    scale: 1,
    tx: 0,
    ty: 0,
    fitScale: 1,
    relations: new Set(data.relations.map((r) => r.relation)),
    topic: "",
    until: null,
    slice: null, // the slice shown, for a series over time
    selected: null, // {type: "node" | "edge", index}
    hover: -1,
  };
  let visibleEdges = [];
  let span = 0; // milliseconds from the first date to the last
  let nodeVisible = nodes.map(() => true);
  let frame = 0;

  // ---- helpers -------------------------------------------------------
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function dash(line) {
    return line === "dashed" ? [6, 4] : line === "dotted" ? [2, 3] : [];
  }
  function toScreen(n) {
    return [n.x * state.scale + state.tx, -n.y * state.scale + state.ty];
  }
  function radius(n) {
    const base = Math.min(6 + 2 * Math.sqrt(n.statements || 0), 22);
    const zoom = Math.sqrt(state.scale / state.fitScale);
    const crowd = nodes.length > 300 ? 0.5 : 1;
    return Math.max(3, Math.min(40, base * crowd * Math.max(0.6, Math.min(zoom, 2.5))));
  }
  // A label in lines of about 24 characters, at most three.
  function lines(label) {
    const out = [];
    let line = "";
    for (const word of label.split(" ")) {
      if (line && (line + " " + word).length > 24) {
        out.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    }
    if (line) out.push(line);
    if (out.length > 3) {
      out.length = 3;
      out[2] = out[2].slice(0, 22) + "…";
    }
    return out.map((l) => (l.length > 30 ? l.slice(0, 29) + "…" : l));
  }
  function schedule() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  // ---- shapes --------------------------------------------------------
  function shapePath(c, kind, x, y, r) {
    c.beginPath();
    if (kind === "organization" || kind === "group") {
      c.rect(x - r, y - r * 0.8, 2 * r, 1.6 * r);
    } else if (kind === "country") {
      for (let k = 0; k < 6; k++) {
        const a = (Math.PI / 3) * k;
        const px = x + r * Math.cos(a);
        const py = y + r * Math.sin(a);
        if (k === 0) c.moveTo(px, py);
        else c.lineTo(px, py);
      }
      c.closePath();
    } else if (kind === "stance") {
      const w = r * 1.2;
      const h = r * 0.9;
      c.moveTo(x - w, y - h);
      c.lineTo(x + w - h * 0.6, y - h);
      c.lineTo(x + w, y - h + h * 0.6);
      c.lineTo(x + w, y + h);
      c.lineTo(x - w, y + h);
      c.closePath();
    } else {
      c.arc(x, y, r, 0, 2 * Math.PI);
    }
  }

  // ---- visibility ----------------------------------------------------
  function filtersActive() {
    return state.relations.size < data.relations.length || state.topic !== ""/*@coalition-active*/;
  }
  function edgeShown(e) {
    if (!state.relations.has(e.relation)) return false;
    if (state.topic && !e.topics.includes(state.topic)) return false;
    if (state.slice !== null && !e.w[state.slice]) return false;
    if (state.until && e.first && e.first > state.until) return false;/*@coalition-edge*/
    return true;
  }
  function recompute() {
    visibleEdges = [];
    const touched = nodes.map(() => false);
    edges.forEach((e, i) => {
      if (edgeShown(e)) {
        visibleEdges.push(i);
        touched[e.s] = true;
        touched[e.t] = true;
      }
    });
    const active = filtersActive();
    nodeVisible = nodes.map((n, i) => {
      if (state.until && n.first && n.first > state.until) return false;
      return touched[i] || (incident[i].length === 0 && !active);
    });
    schedule();
  }

  // ---- drawing -------------------------------------------------------
  // A tie's look at the time shown: in a series, as strong and as opaque
  // as its weight in the slice; played over dates, fading once its last
  // statement lies behind.
  function edgeWidth(e) {
    if (state.slice !== null) return 1 + (3 * Math.abs(e.w[state.slice])) / (data.max_weight || 1);
    return e.width;
  }
  function edgeAlpha(e) {
    if (state.slice !== null) return 0.2 + (0.65 * Math.abs(e.w[state.slice])) / (data.max_weight || 1);
    if (state.until && e.last && e.last < state.until && span > 0) {
      const gone = (Date.parse(state.until) - Date.parse(e.last)) / span;
      return Math.max(0.15, 0.85 * (1 - 2 * gone));
    }
    return 0.85;
  }
  function draw() {
    frame = 0;
    const started = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, w, h);
    const sel = state.selected;
    const near = new Set();
    if (sel && sel.type === "node") {
      near.add(sel.index);
      for (const i of incident[sel.index]) {
        near.add(edges[i].s);
        near.add(edges[i].t);
      }
    }
    // Edges, batched by look.
    const groups = new Map();
    for (const i of visibleEdges) {
      const e = edges[i];
      const key = e.color + "|" + e.line + "|" + Math.round(edgeWidth(e) * 2) / 2 + "|" + Math.round(edgeAlpha(e) * 20) / 20;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(e);
    }
    const zoomWidth = Math.max(0.5, Math.min(2, Math.sqrt(state.scale / state.fitScale)));
    for (const [key, list] of groups) {
      const [color, line, width, alpha] = key.split("|");
      ctx.strokeStyle = color;
      ctx.lineWidth = Number(width) * zoomWidth;
      ctx.setLineDash(dash(line));
      ctx.globalAlpha = sel ? 0.25 : Number(alpha);
      ctx.beginPath();
      for (const e of list) {
        const [x1, y1] = toScreen(nodes[e.s]);
        const [x2, y2] = toScreen(nodes[e.t]);
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    // The selected node's edges, or the selected edge, on top.
    const strong = sel
      ? sel.type === "node"
        ? incident[sel.index].filter((i) => edgeShown(edges[i]))
        : [sel.index]
      : [];
    for (const i of strong) {
      const e = edges[i];
      const [x1, y1] = toScreen(nodes[e.s]);
      const [x2, y2] = toScreen(nodes[e.t]);
      ctx.strokeStyle = e.color;
      ctx.lineWidth = edgeWidth(e) * zoomWidth + (sel.type === "edge" ? 3 : 1);
      ctx.setLineDash(dash(e.line));
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    // Arrowheads on directed networks, while they stay legible.
    if (data.directed && visibleEdges.length <= 2000) {
      for (const i of visibleEdges) {
        const e = edges[i];
        const [x1, y1] = toScreen(nodes[e.s]);
        const [x2, y2] = toScreen(nodes[e.t]);
        const len = Math.hypot(x2 - x1, y2 - y1);
        if (len < 12) continue;
        const r = radius(nodes[e.t]) + 2;
        const ux = (x2 - x1) / len;
        const uy = (y2 - y1) / len;
        const tipX = x2 - ux * r;
        const tipY = y2 - uy * r;
        ctx.fillStyle = e.color;
        ctx.globalAlpha = sel && !strong.includes(i) ? 0.25 : 0.9;
        ctx.beginPath();
        ctx.moveTo(tipX, tipY);
        ctx.lineTo(tipX - ux * 7 - uy * 3.5, tipY - uy * 7 + ux * 3.5);
        ctx.lineTo(tipX - ux * 7 + uy * 3.5, tipY - uy * 7 - ux * 3.5);
        ctx.closePath();
        ctx.fill();
      }
      ctx.globalAlpha = 1;
    }
    // Nodes.
    let drawn = 0;
    const visibleCount = nodeVisible.filter(Boolean).length;
    const labels = [];
    nodes.forEach((n, i) => {
      if (!nodeVisible[i]) return;
      drawn++;
      const [x, y] = toScreen(n);
      const r = radius(n);
      if (x < -50 || y < -50 || x > w + 50 || y > h + 50) return;
      shapePath(ctx, n.kind, x, y, r);
      ctx.fillStyle = n.color;
      ctx.globalAlpha = sel && !near.has(i) ? 0.35 : 1;
      ctx.fill();
      ctx.lineWidth = sel && sel.type === "node" && sel.index === i ? 3 : i === state.hover ? 2 : 1;
      ctx.strokeStyle = sel && sel.type === "node" && sel.index === i ? "#1a56db" : "#333";
      ctx.stroke();
      ctx.globalAlpha = 1;
      if (visibleCount <= 80 || r >= 11 || near.has(i) || i === state.hover) labels.push([n, x, y, r]);
    });
    ctx.font = "12px system-ui, -apple-system, Helvetica, Arial, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    for (const [n, x, y, r] of labels) {
      // In two-mode networks stances stand in a column on the right: their
      // labels go beside them, the others' below.
      const beside = data.directed && n.kind === "stance";
      const rows = lines(n.label);
      ctx.textAlign = beside ? "left" : "center";
      rows.forEach((text, k) => {
        const tx = beside ? x + r * 1.3 + 4 : x;
        const ty = beside ? y - (rows.length * 14) / 2 + k * 14 : y + r + 2 + k * 14;
        ctx.lineWidth = 3;
        ctx.strokeStyle = "rgba(255,255,255,0.9)";
        ctx.strokeText(text, tx, ty);
        ctx.fillStyle = "#111";
        ctx.fillText(text, tx, ty);
      });
    }
    const view = window.stancegraphView;
    if (!view.firstDrawMs) view.firstDrawMs = performance.now();
    view.drawMs.push(performance.now() - started);
    view.drawnNodes = drawn;
    window.stancegraphView.drawnEdges = visibleEdges.length;
    window.stancegraphView.frames++;
  }

  // ---- view ----------------------------------------------------------
  function fit() {
    const shown = nodes.filter((n, i) => nodeVisible[i]);
    const list = shown.length ? shown : nodes;
    const w = canvas.clientWidth || 800;
    const h = canvas.clientHeight || 600;
    if (!list.length) return;
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const n of list) {
      minX = Math.min(minX, n.x);
      maxX = Math.max(maxX, n.x);
      minY = Math.min(minY, n.y);
      maxY = Math.max(maxY, n.y);
    }
    const bw = Math.max(maxX - minX, 1e-9);
    const bh = Math.max(maxY - minY, 1e-9);
    // Room for the labels under the nodes at the edges, and for the
    // stances' labels beside them on the right of two-mode networks.
    const mx = Math.min(110, w / 5);
    const right = data.directed ? Math.min(200, w / 4) : mx;
    const my = Math.min(60, h / 5);
    const s = list.length === 1 ? 1 : Math.min((w - mx - right) / bw, (h - 2 * my) / bh);
    state.scale = state.fitScale = s > 0 && isFinite(s) ? s : 1;
    state.tx = mx + (w - mx - right) / 2 - ((minX + maxX) / 2) * state.scale;
    state.ty = h / 2 + ((minY + maxY) / 2) * state.scale;
    schedule();
  }
  function zoomAt(x, y, factor) {
    const s = Math.max(state.fitScale / 20, Math.min(state.fitScale * 50, state.scale * factor));
    const f = s / state.scale;
    state.tx = x - (x - state.tx) * f;
    state.ty = y - (y - state.ty) * f;
    state.scale = s;
    schedule();
  }
  function centerOn(i) {
    const n = nodes[i];
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    state.tx = w / 2 - n.x * state.scale;
    state.ty = h / 2 + n.y * state.scale;
    schedule();
  }

  // ---- hit testing ---------------------------------------------------
  function nodeAt(x, y) {
    let best = -1;
    let bestD = Infinity;
    nodes.forEach((n, i) => {
      if (!nodeVisible[i]) return;
      const [nx, ny] = toScreen(n);
      const d = Math.hypot(nx - x, ny - y);
      if (d <= radius(n) + 3 && d < bestD) {
        best = i;
        bestD = d;
      }
    });
    return best;
  }
  function edgeAt(x, y) {
    let best = -1;
    let bestD = 5;
    for (const i of visibleEdges) {
      const e = edges[i];
      const [x1, y1] = toScreen(nodes[e.s]);
      const [x2, y2] = toScreen(nodes[e.t]);
      const dx = x2 - x1;
      const dy = y2 - y1;
      const len2 = dx * dx + dy * dy;
      const t = len2 ? Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len2)) : 0;
      const d = Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
      if (d < bestD) {
        best = i;
        bestD = d;
      }
    }
    return best;
  }

  // ---- details -------------------------------------------------------
  function table(rows) {
    const t = el("table");
    for (const [k, v] of rows) {
      if (v === null || v === undefined || v === "") continue;
      const tr = el("tr");
      tr.append(el("th", k), el("td", v));
      t.append(tr);
    }
    return t;
  }
  function statementList(indices, total, show) {
    const box = el("section");
    const shown = indices.length;
    const heading = total > shown ? `Statements (${shown} of ${total})` : `Statements (${shown})`;
    box.append(el("h3", heading));
    if (!shown) {
      box.append(el("p", "No statements behind this.", "hint"));
      return box;
    }
    const ol = el("ol");
    for (const k of indices) {
      const s = statements[k];
      const li = el("li");
      li.className = "statement";
      const head = el("div");
      head.append(el("span", s.polarity, s.polarity), document.createTextNode(" "));
      if (show.actor) head.append(el("strong", s.actor), document.createTextNode(show.stance ? " on " : ""));
      if (show.stance) head.append(el("span", s.stance));
      li.append(head);
      const meta = [s.date, s.source, s.count ? s.count + " times" : ""].filter(Boolean).join(" · ");
      if (meta) li.append(el("div", meta, "meta"));
      if (s.quote) li.append(el("blockquote", s.quote, "quote"));
      ol.append(li);
    }
    box.append(ol);
    return box;
  }
  function showNode(i) {
    const n = nodes[i];
    const box = $("details");
    box.replaceChildren();
    box.append(el("h2", n.label));
    const rows = [["id", n.id]].concat(n.attrs);
    box.append(table(rows));
    const isStance = n.kind === "stance";
    box.append(statementList(n.st, n.statements, { actor: isStance || n.kind === "group" || n.kind === "country", stance: true }));
  }
  function showEdge(i) {
    const e = edges[i];
    const box = $("details");
    box.replaceChildren();
    const a = nodes[e.s];
    const b = nodes[e.t];
    box.append(el("h2", `${a.label} — ${e.relation} — ${b.label}`));
    box.append(
      table([
        ["relation", e.relation],
        ["weight", e.weight_text],
        ["statements", e.statements],
        ["first date", e.first],
        ["last date", e.last],
        ["topics", e.topics.join(", ")],
      ])
    );
    box.append(statementList(e.st, Math.max(e.st.length, e.statements), { actor: true, stance: true }));
  }
  function clearDetails() {
    const box = $("details");
    box.replaceChildren(el("p", "Click a node or an edge to see its attributes and the statements behind it.", "hint"));
  }
  function select(sel) {
    state.selected = sel;
    if (!sel) clearDetails();
    else if (sel.type === "node") showNode(sel.index);
    else showEdge(sel.index);
    schedule();
  }

  // ---- pointer -------------------------------------------------------
  let drag = null;
  function local(ev) {
    const r = canvas.getBoundingClientRect();
    return [ev.clientX - r.left, ev.clientY - r.top];
  }
  canvas.addEventListener("pointerdown", (ev) => {
    const [x, y] = local(ev);
    drag = { x, y, tx: state.tx, ty: state.ty, moved: false };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointermove", (ev) => {
    const [x, y] = local(ev);
    if (drag) {
      if (Math.hypot(x - drag.x, y - drag.y) > 3) drag.moved = true;
      if (drag.moved) {
        canvas.classList.add("dragging");
        state.tx = drag.tx + x - drag.x;
        state.ty = drag.ty + y - drag.y;
        schedule();
      }
      return;
    }
    const i = nodeAt(x, y);
    if (i !== state.hover) {
      state.hover = i;
      schedule();
    }
    const tip = $("tip");
    if (i >= 0) {
      tip.textContent = nodes[i].label;
      tip.style.left = x + 12 + "px";
      tip.style.top = y + 12 + "px";
      tip.hidden = false;
    } else {
      tip.hidden = true;
    }
  });
  canvas.addEventListener("pointerup", (ev) => {
    const [x, y] = local(ev);
    canvas.classList.remove("dragging");
    const was = drag;
    drag = null;
    if (was && was.moved) return;
    const n = nodeAt(x, y);
    if (n >= 0) return select({ type: "node", index: n });
    const e = edgeAt(x, y);
    if (e >= 0) return select({ type: "edge", index: e });
    select(null);
  });
  canvas.addEventListener("pointerleave", () => {
    $("tip").hidden = true;
  });
  canvas.addEventListener(
    "wheel",
    (ev) => {
      ev.preventDefault();
      const [x, y] = local(ev);
      zoomAt(x, y, Math.exp(-ev.deltaY * 0.0015));
    },
    { passive: false }
  );

  // ---- controls ------------------------------------------------------
  function swatch(draw) {
    const c = document.createElement("canvas");
    c.width = 28;
    c.height = 16;
    draw(c.getContext("2d"));
    return c;
  }
  function lineSwatch(r) {
    return swatch((c) => {
      c.strokeStyle = r.color;
      c.lineWidth = 2;
      c.setLineDash(dash(r.line));
      c.beginPath();
      c.moveTo(2, 8);
      c.lineTo(26, 8);
      c.stroke();
    });
  }
  for (const r of data.relations) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = r.relation;
    box.addEventListener("change", () => {
      if (box.checked) state.relations.add(r.relation);
      else state.relations.delete(r.relation);
      recompute();
    });
    label.append(box, " ", lineSwatch(r), " ", r.relation);
    $("relations").append(label);
  }
  if (!data.relations.length) $("relations").hidden = true;
  const topic = $("topic");
  for (const t of data.topics) {
    const o = el("option", t);
    o.value = t;
    topic.append(o);
  }
  if (!data.topics.length) {
    topic.hidden = true;
    topic.previousElementSibling.hidden = true;
  }
  topic.addEventListener("change", () => {
    state.topic = topic.value;
    recompute();
  });/*@coalition-init*/
  // The time control: the dates of the statements (the network up to
  // each), or the slices of a series; Play steps through them.
  const series = data.slices && data.slices.length ? data.slices : null;
  const days = series
    ? series.map((x) => x.middle)
    : [
        ...new Set(
          nodes
            .flatMap((n) => [n.first, n.last])
            .concat(edges.flatMap((e) => [e.first, e.last]), statements.map((x) => x.date))
            .filter(Boolean)
        ),
      ].sort();
  const slider = $("slider");
  const play = $("play");
  let timer = 0;
  function show(k) {
    const d = days[k];
    if (series) {
      state.slice = k;
      for (const n of nodes) {
        if (!n.cc) continue;
        n.coalition = n.cc[k] === null ? undefined : n.cc[k];
        n.color = n.colors[k];
      }
      $("date").textContent = `${d} (${series[k].start} to ${series[k].stop})`;
    } else {
      state.until = k === days.length - 1 ? null : d;
      $("date").textContent = d;
    }
    recompute();
  }
  function stop() {
    clearInterval(timer);
    timer = 0;
    play.textContent = "▶ Play";
    play.setAttribute("aria-pressed", "false");
  }
  function tick() {
    const k = Number(slider.value) + 1;
    if (k > days.length - 1) return stop();
    slider.value = String(k);
    show(k);
    if (k === days.length - 1) stop();
  }
  if (days.length > 1) {
    span = Date.parse(days[days.length - 1]) - Date.parse(days[0]);
    slider.max = String(days.length - 1);
    if (series) $("time-label").textContent = "Slice around";
    slider.value = series ? "0" : slider.max;
    show(Number(slider.value));
    slider.addEventListener("input", () => show(Number(slider.value)));
    play.addEventListener("click", () => {
      if (timer) return stop();
      if (Number(slider.value) >= days.length - 1) {
        slider.value = "0";
        show(0);
      }
      play.textContent = "❚❚ Pause";
      play.setAttribute("aria-pressed", "true");
      timer = setInterval(tick, Number($("speed").value));
    });
    $("speed").addEventListener("change", () => {
      if (!timer) return;
      clearInterval(timer);
      timer = setInterval(tick, Number($("speed").value));
    });
  } else {
    $("time").hidden = true;
  }
  for (const k of data.kinds) {
    const li = el("li");
    li.append(
      swatch((c) => {
        shapePath(c, k.kind, 14, 8, 6);
        c.fillStyle = k.color;
        c.fill();
        c.strokeStyle = "#333";
        c.stroke();
      }),
      el("span", k.kind)
    );
    $("legend-items").append(li);
  }
  for (const c of data.colours) {
    const li = el("li");
    li.append(
      swatch((g) => {
        g.beginPath();
        g.arc(14, 8, 6, 0, 2 * Math.PI);
        g.fillStyle = c.color;
        g.fill();
        g.strokeStyle = "#333";
        g.stroke();
      }),
      el("span", c.meaning)
    );
    $("legend-items").append(li);
  }
  for (const r of data.relations) {
    const li = el("li");
    li.append(lineSwatch(r), el("span", r.relation));
    $("legend-items").append(li);
  }
  if (data.max_weight > 1) $("legend-items").append(el("li", `thicker line: more weight (up to ${data.max_weight_text})`));
  $("legend-items").append(el("li", "bigger node: more statements"));
  const search = $("search");
  const hits = $("hits");
  function findHits() {
    const q = search.value.trim().toLowerCase();
    hits.replaceChildren();
    if (!q) return [];
    const found = [];
    nodes.forEach((n, i) => {
      if (found.length < 20 && n.label.toLowerCase().includes(q)) found.push(i);
    });
    for (const i of found) {
      const li = el("li", nodes[i].label);
      li.setAttribute("role", "option");
      li.addEventListener("click", () => choose(i));
      hits.append(li);
    }
    return found;
  }
  function choose(i) {
    hits.replaceChildren();
    centerOn(i);
    select({ type: "node", index: i });
  }
  search.addEventListener("input", findHits);
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      const found = findHits();
      if (found.length) choose(found[0]);
    }
  });
  $("fit").addEventListener("click", fit);
  const summary = `${nodes.length} nodes, ${edges.length} edges` +
    (data.shown_edges < data.total_edges ? ` (the ${data.shown_edges} strongest of ${data.total_edges})` : "");
  $("summary").textContent = summary;
  $("about").textContent = `Laid out by ${data.layout}. Made by stancegraph. Scroll to zoom, drag to pan.`;
  if (window.ResizeObserver) new ResizeObserver(schedule).observe(canvas);
  window.addEventListener("resize", schedule);

  // A small interface for scripted checks: what is drawn, and where.
  window.stancegraphView = {
    frames: 0,
    firstDrawMs: 0,
    drawMs: [],
    drawnNodes: 0,
    drawnEdges: 0,
    screenOf(id) {
      const i = nodes.findIndex((n) => n.id === id);
      if (i < 0) return null;
      const [x, y] = toScreen(nodes[i]);
      const r = canvas.getBoundingClientRect();
      return { x: x + r.left, y: y + r.top };
    },
  };
  recompute();
  fit();
  draw();
})();
