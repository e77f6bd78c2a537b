// pohon render --format html. Every text of the file goes in with textContent, never as
// markup; nothing is fetched. The data are the JSON block #pohon-data (pohon_cli/render/html.py).
"use strict";
(function () {
  const started = performance.now(); // for make bench: the page's own time, parse included
  const DATA = JSON.parse(document.getElementById("pohon-data").textContent);
  const OFFICES = DATA.offices;
  // the page's words in the language of the run (html.py, page_words), each {name} filled
  // in one pass, so that a value that reads like a placeholder stays as written
  const say = (key, values) =>
    DATA.words[key].replace(/\{(\w+)\}/g, (m, name) =>
      (values && name in values ? String(values[name]) : m));
  // a folder's page: one office at a time, the one the fragment names (the first else)
  const officeAt = Math.min(
    Math.max(0, Number(new URLSearchParams(location.hash.slice(1)).get("office")) || 0),
    OFFICES.length - 1);
  const D = OFFICES[officeAt];
  // the empty values html.py leaves out (_compact), put back
  const filled = (base) => (x) => (x === null ? null : Object.assign({}, base, x));
  const CAP = { target: "", realisasi: "", raw: "", capped: "", band: "", status: "", note: "" };
  D.nodes = D.nodes.map(filled({
    h: "", m: [], o: [], n: "", c: [], i: [], p: [], line: "", sup: [], kol: [],
  }));
  D.indicators = D.indicators.map(filled({
    s: "", pol: "", base: "", t: {}, r: {}, def: "", f: "", src: "", o: [], n: "", cap: [], p: [],
    line: "", sup: "",
  }));
  D.indicators.forEach((ind) => (ind.cap = ind.cap.map(filled(CAP))));
  const $ = (id) => document.getElementById(id);
  const units = new Map(D.units.map((u) => [u.k, u]));
  const parents = D.nodes.map(() => []);
  D.nodes.forEach((n, i) => n.c.forEach((c) => parents[c].push(i)));
  const first = new Array(D.nodes.length); // li of each node's first appearance
  const items = []; // every li.node (first appearances and references), in tree order
  const state = { q: "", misi: "", unit: "", year: D.years.length ? D.years[0] : D.year, node: "" };
  let yearAt = 0;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function unitText(code) {
    const u = units.get(code);
    return u ? code + " — " + u.n : code;
  }

  // -- the tree ------------------------------------------------------------------------
  function capOf(ind) {
    return ind.cap[yearAt] || null;
  }

  function figure(ind) {
    const cap = capOf(ind);
    const span = el("span", "fig");
    const target = cap ? cap.target : ind.t[String(state.year)] || "";
    span.append(say("figureTarget", { target: (target || "—") + (ind.s ? " " + ind.s : "") }));
    if (cap && cap.capped) {
      span.append(" · " + cap.capped + "%");
      const b = el("span", "band band-" + bandRank(cap.band), cap.band);
      span.append(b);
    } else if (cap && cap.status) {
      span.append(" · " + cap.status);
    }
    return span;
  }

  function bandRank(name) {
    const i = D.bands.indexOf(name);
    return i < 0 ? 4 : Math.min(i, 4);
  }

  function indicatorItem(entry) {
    const ind = D.indicators[entry[0]];
    const li = el("li", "ind");
    li.dataset.ind = entry[0];
    li.owners = entry[1];
    const what = el("span", "what");
    what.append(el("span", "kode", ind.k));
    const text = el("span", "text", ind.u);
    what.append(text);
    if (entry[2]) what.append(el("span", "units", say("carried", { kode: entry[2] })));
    if (ind.p.length) what.append(el("span", "problem-mark", "!" + ind.p.length));
    li.append(what, figure(ind));
    li.addEventListener("click", (ev) => {
      ev.stopPropagation();
      showIndicator(entry[0]);
    });
    return li;
  }

  function nodeRow(i, li, isRef, context) {
    const n = D.nodes[i];
    const lv = D.levels[n.l] || { t: "", fill: "#ccc" };
    const row = el("div", "row");
    row.style.setProperty("--fill", lv.fill);
    const toggle = el("button", "toggle", "−");
    toggle.type = "button";
    toggle.tabIndex = -1;
    toggle.setAttribute("aria-hidden", "true");
    toggle.addEventListener("click", (ev) => {
      ev.stopPropagation();
      setOpen(li, li.getAttribute("aria-expanded") !== "true");
    });
    const body = el("div", "body");
    body.append(el("span", "level", lv.t), el("span", "kode", n.k));
    if (isRef) {
      body.append(el("span", "text", say("reference", { uraian: n.u })));
    } else {
      body.append(el("span", "text", n.u));
      if (n.h) body.append(el("span", "hasil", n.h));
      if (n.o.length) body.append(el("span", "units", n.o.map(unitText).join("; ")));
      if (n.p.length) body.append(el("span", "problem-mark", "!" + n.p.length));
      // as show: a context node shows none of its indicators; under --unit, only those
      // the unit answers for there
      const listed = context ? [] : n.i.filter((e) => !state.unit || e[1].includes(state.unit));
      if (listed.length) {
        const inds = el("ul", "inds");
        listed.forEach((entry) => inds.append(indicatorItem(entry)));
        body.append(inds);
      }
    }
    row.append(toggle, body);
    row.addEventListener("click", () => (isRef ? reveal(i, true) : showNode(i)));
    return row;
  }

  // The branches shown, as ``pohon show`` grows them (pohon_cli/output/views/show.py):
  // a node serving several parents in full once, a reference elsewhere; under a filter,
  // the matched nodes and their ancestors as context, a context node that leads to
  // nothing new left out, and a matched node under a matched parent placed there.
  function grow(matched, kept) {
    const seen = new Set();
    const empty = new Set();
    function branch(i) {
      const context = matched !== null && !matched.has(i);
      if (empty.has(i)) return null;
      if (seen.has(i)) return context ? null : { i: i, ref: true, kids: [] };
      seen.add(i);
      const b = { i: i, ref: false, context: context, kids: [] };
      for (const k of D.nodes[i].c) {
        if (kept !== null && !kept.has(k)) continue;
        if (context && matched.has(k) && parents[k].some((p) => matched.has(p))) continue;
        const grown = branch(k);
        if (grown) b.kids.push(grown);
      }
      if (context && !b.kids.some((c) => !c.ref)) {
        seen.delete(i);
        empty.add(i);
        return null;
      }
      return b;
    }
    return D.roots.filter((r) => kept === null || kept.has(r)).map(branch).filter(Boolean);
  }

  function buildTree(branches) {
    const tree = $("tree");
    tree.textContent = "";
    items.length = 0;
    first.fill(undefined);
    const frag = document.createDocumentFragment();
    const stack = branches.slice().reverse().map((b) => [b, frag, 1]);
    while (stack.length) {
      const [b, into, depth] = stack.pop();
      const i = b.i;
      const li = el("li", "node" + (b.ref ? " ref" : "") + (b.context ? " context" : ""));
      li.setAttribute("role", "treeitem");
      li.tabIndex = -1;
      li.dataset.i = i;
      li.depth = depth;
      li.setAttribute("aria-level", depth);
      li.setAttribute("aria-label", D.nodes[i].k + " " + D.nodes[i].u);
      li.append(nodeRow(i, li, b.ref, b.context));
      items.push(li);
      into.append(li);
      if (b.ref) continue;
      first[i] = li;
      if (b.kids.length) {
        const ul = el("ul", "kids");
        ul.setAttribute("role", "group");
        li.append(ul);
        li.setAttribute("aria-expanded", "true");
        for (let k = b.kids.length - 1; k >= 0; k--) stack.push([b.kids[k], ul, depth + 1]);
      }
    }
    tree.append(frag);
    if (items.length) items[0].tabIndex = 0;
  }

  function setOpen(li, open) {
    const ul = li.lastElementChild;
    if (!ul || !ul.classList.contains("kids")) return;
    ul.hidden = !open;
    li.setAttribute("aria-expanded", open ? "true" : "false");
    li.firstElementChild.firstElementChild.textContent = open ? "−" : "+";
  }

  function openTo(li) {
    for (let p = li.parentElement; p && p.id !== "tree"; p = p.parentElement) {
      if (p.getAttribute("aria-expanded") === "false") setOpen(p, true);
    }
  }

  function toDepth(depth) {
    items.forEach((li) => setOpen(li, !depth || li.depth < depth));
  }

  // -- search ------------------------------------------------------------------------------
  const haystacks = [];
  function haystack(i) {
    if (haystacks[i] === undefined) {
      const n = D.nodes[i];
      const parts = [n.k, n.u, n.h, ...n.o.map(unitText)];
      n.i.forEach((e) => {
        const ind = D.indicators[e[0]];
        parts.push(ind.k, ind.u, ...e[1].map(unitText));
      });
      haystacks[i] = parts.join("\n").toLowerCase();
    }
    return haystacks[i];
  }

  function marked(span, text, words) {
    const low = text.toLowerCase();
    const spans = [];
    words.forEach((w) => {
      for (let at = low.indexOf(w); at >= 0 && w; at = low.indexOf(w, at + w.length)) {
        spans.push([at, at + w.length]);
      }
    });
    span.textContent = "";
    if (!spans.length) {
      span.textContent = text;
      return;
    }
    spans.sort((a, b) => a[0] - b[0]);
    let from = 0;
    spans.forEach(([s, e]) => {
      if (s < from) return;
      span.append(text.slice(from, s), el("mark", "", text.slice(s, e)));
      from = e;
    });
    span.append(text.slice(from));
  }

  let hits = [];
  let hitAt = -1;
  function search() {
    const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    hits.forEach((li) => {
      li.classList.remove("hit");
      unmark(li);
    });
    hits = [];
    hitAt = -1;
    if (!words.length) {
      $("count").textContent = "";
      return;
    }
    items.forEach((li) => {
      const i = Number(li.dataset.i);
      const hay = haystack(i);
      if (!words.every((w) => hay.includes(w))) return;
      li.classList.add("hit");
      hits.push(li);
      openTo(li);
      const row = li.firstElementChild;
      row.querySelectorAll(":scope > .body > .kode, :scope > .body > .text").forEach((s) => {
        marked(s, s.textContent, words);
      });
      row.querySelectorAll("li.ind").forEach((ind) => {
        const data = D.indicators[Number(ind.dataset.ind)];
        const text = (data.k + "\n" + data.u + "\n" + ind.owners.map(unitText).join("\n"))
          .toLowerCase();
        if (!words.some((w) => text.includes(w))) return;
        ind.classList.add("hit");
        ind.querySelectorAll(".kode, .text").forEach((s) => marked(s, s.textContent, words));
      });
    });
    $("count").textContent = say(hits.length === 1 ? "countOne" : "count", { count: hits.length });
    if (hits.length) hits[0].scrollIntoView({ block: "nearest" });
  }

  function unmark(li) {
    const spans = new Set();
    li.firstElementChild.querySelectorAll("mark").forEach((m) => spans.add(m.parentElement));
    spans.forEach((span) => (span.textContent = span.textContent)); // one text node again
    li.firstElementChild.querySelectorAll("li.ind.hit").forEach((x) => x.classList.remove("hit"));
  }

  function nextHit() {
    if (!hits.length) return;
    hitAt = (hitAt + 1) % hits.length;
    focusItem(hits[hitAt]);
  }

  // -- filters (as show --misi / --unit select: the nodes matched, and their ancestors) ----
  function render() {
    let matched = null;
    [["misi", state.misi], ["unit", state.unit]].forEach(([what, key]) => {
      if (!key) return;
      const set = new Set(D.filters[what][key] || []);
      matched = matched ? new Set([...matched].filter((i) => set.has(i))) : set;
    });
    let kept = null;
    if (matched) {
      kept = new Set(matched);
      const stack = [...matched];
      while (stack.length) {
        parents[stack.pop()].forEach((p) => {
          if (!kept.has(p)) {
            kept.add(p);
            stack.push(p);
          }
        });
      }
    }
    hits = [];
    buildTree(grow(matched, kept));
    items.forEach((li) => {
      if (!li.querySelector(":scope > ul.kids")) li.firstElementChild.firstElementChild.classList.add("leaf");
    });
    search();
  }

  function applyYear() {
    yearAt = Math.max(0, D.years.indexOf(Number(state.year)));
    document.querySelectorAll("li.ind").forEach((li) => {
      li.lastElementChild.replaceWith(figure(D.indicators[Number(li.dataset.ind)]));
    });
  }

  // -- the panel -------------------------------------------------------------------------
  function panel(title) {
    const body = $("panel-body");
    body.textContent = "";
    body.append(el("h2", "", title));
    $("panel").hidden = false;
    return body;
  }

  function facts(body, pairs) {
    const dl = el("dl");
    pairs.forEach(([k, v]) => {
      if (v === "" || v === null || v === undefined || (Array.isArray(v) && !v.length)) return;
      const dd = el("dd");
      if (v instanceof Node) dd.append(v);
      else dd.textContent = Array.isArray(v) ? v.join("; ") : String(v);
      dl.append(el("dt", "", k), dd);
    });
    body.append(dl);
  }

  function jump(i) {
    const a = el("a", "jump", D.nodes[i].k + " " + D.nodes[i].u);
    a.href = "#";
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      reveal(i, true);
    });
    return a;
  }

  // a kode in another office's file: a link when that office is on this page
  function linked(file, kodes) {
    if (!kodes.length) return "";
    const span = el("span");
    kodes.forEach(([kode, role], n) => {
      if (n) span.append("; ");
      const at = D.berkas[file];
      if (at === undefined) {
        span.append(kode + (file ? " (" + file + ")" : ""));
      } else {
        const a = el("a", "jump", kode + " — " + OFFICES[at].short);
        a.href = "#office=" + at + "&node=" + encodeURIComponent(kode);
        a.addEventListener("click", (ev) => {
          ev.preventDefault();
          location.hash = a.getAttribute("href").slice(1);
          location.reload();
        });
        span.append(a);
      }
      if (role) span.append(" (" + role + ")");
    });
    return span;
  }

  function linkedEach(partners) {
    const span = el("span");
    partners.forEach(([file, kode, role], n) => {
      if (n) span.append("; ");
      span.append(linked(file, [[kode, role]]));
    });
    return span;
  }

  function problemList(body, problems) {
    body.append(el("h3", "", say("problems")));
    if (!problems.length) {
      body.append(el("p", "", say("none")));
      return;
    }
    const ul = el("ul", "problems");
    problems.forEach((p) => {
      const li = el("li", "sev-" + p.sev);
      li.append(el("span", "kode", p.file + ":" + p.line + ":" + p.col));
      li.append(el("strong", "", p.code + " " + p.sev + ": "), p.msg);
      if (p.hint) li.append(el("div", "", "→ " + p.hint));
      ul.append(li);
    });
    body.append(ul);
  }

  function showNode(i) {
    const n = D.nodes[i];
    const lv = D.levels[n.l] || { t: "" };
    const body = panel(lv.t + " " + n.k);
    body.dataset.node = n.k;
    facts(body, [
      [say("uraian"), n.u],
      [say("hasil"), n.h],
      [say("misi"), n.m],
      [say("unit"), n.o.map(unitText)],
      [say("catatan"), n.n],
      [say("baris"), n.line],
      [say("mendukung"), linked(D.induk, n.sup.map((k) => [k, ""]))],
      [say("kolaborasi"), n.kol.length ? linkedEach(n.kol) : ""],
    ]);
    if (n.i.length) {
      body.append(el("h3", "", say("indikator")));
      const ul = el("ul");
      n.i.forEach((e) => {
        const ind = D.indicators[e[0]];
        const a = el("a", "jump", ind.k + " " + ind.u);
        a.href = "#";
        a.addEventListener("click", (ev) => {
          ev.preventDefault();
          showIndicator(e[0]);
        });
        const li = el("li");
        li.append(a, " ", figure(ind));
        ul.append(li);
      });
      body.append(ul);
    }
    problemList(body, n.p);
    state.node = n.k;
    saveHash();
  }

  function showIndicator(x) {
    const ind = D.indicators[x];
    const body = panel(say("indicatorTitle", { kode: ind.k }));
    body.dataset.indicator = ind.k;
    facts(body, [
      [say("uraian"), ind.u],
      [say("simpul"), jump(ind.home)],
      [say("satuan"), ind.s],
      [say("polaritas"), ind.pol],
      [say("baseline"), ind.base],
      [say("unit"), ind.o.map(unitText)],
      [say("catatan"), ind.n],
      [say("baris"), ind.line],
      [say("mendukung"), ind.sup ? linked(D.induk, [[ind.sup, ""]]) : ""],
    ]);
    body.append(el("h3", "", say("capaianTitle", { year: state.year })));
    const cap = capOf(ind);
    if (cap) {
      const t = el("table", "capaian");
      // each cell's class names its column whatever the language (cap-capaian, ...)
      [["target", cap.target], ["realisasi", cap.realisasi], ["capaian", cap.raw],
       ["dibatasi", cap.capped], ["predikat", cap.band || cap.status], ["catatan", cap.note]]
        .forEach(([k, v]) => {
          if (!v) return;
          const tr = el("tr");
          tr.append(el("th", "", say(k)), el("td", "cap-" + k, v));
          t.append(tr);
        });
      body.append(t);
    } else {
      body.append(el("p", "", say("notRated")));
    }
    const years = [...new Set([...Object.keys(ind.t), ...Object.keys(ind.r)])].sort();
    if (years.length) {
      body.append(el("h3", "", say("targets")));
      const t = el("table");
      const head = el("tr");
      head.append(el("th", "", say("tahun")), el("th", "", say("target")),
        el("th", "", say("realisasi")));
      t.append(head);
      years.forEach((y) => {
        const tr = el("tr");
        tr.append(el("td", "", y), el("td", "", ind.t[y] || "—"), el("td", "", ind.r[y] || "—"));
        t.append(tr);
      });
      body.append(t);
    }
    body.append(el("h3", "", say("manual")));
    facts(body, [[say("definisi"), ind.def], [say("formula"), ind.f], [say("sumber"), ind.src]]);
    if (!ind.def && !ind.f && !ind.src) body.append(el("p", "", say("notWritten")));
    problemList(body, ind.p);
  }

  function closePanel() {
    $("panel").hidden = true;
    state.node = "";
    saveHash();
  }

  // -- moving around -----------------------------------------------------------------------
  function reveal(i, open) {
    let li = first[i];
    showTree();
    if (!li || !li.isConnected) {
      state.misi = state.unit = "";
      $("f-misi").value = $("f-unit").value = "";
      render();
    }
    li = first[i];
    if (!li) return;
    openTo(li);
    focusItem(li);
    li.classList.remove("flash");
    void li.offsetWidth;
    li.classList.add("flash");
    if (open) showNode(i);
  }

  function focusItem(li) {
    items.forEach((x) => (x.tabIndex = -1));
    li.tabIndex = 0;
    li.focus({ preventScroll: true });
    li.scrollIntoView({ block: "center" });
  }

  function visible() {
    return items.filter((li) => li.offsetParent !== null);
  }

  function onKey(ev) {
    const li = ev.target.closest && ev.target.closest("li.node");
    if (!li || ev.target !== li) return;
    const shown = visible();
    const at = shown.indexOf(li);
    const open = li.getAttribute("aria-expanded");
    let to = null;
    if (ev.key === "ArrowDown") to = shown[at + 1];
    else if (ev.key === "ArrowUp") to = shown[at - 1];
    else if (ev.key === "Home") to = shown[0];
    else if (ev.key === "End") to = shown[shown.length - 1];
    else if (ev.key === "ArrowRight" && open === "false") setOpen(li, true);
    else if (ev.key === "ArrowRight" && open === "true") to = shown[at + 1];
    else if (ev.key === "ArrowLeft" && open === "true") setOpen(li, false);
    else if (ev.key === "ArrowLeft") to = li.parentElement.closest("li.node");
    else if (ev.key === "Enter" || ev.key === " ") li.firstElementChild.click();
    else return;
    ev.preventDefault();
    if (to) focusItem(to);
  }

  // -- the URL fragment keeps the view ------------------------------------------------------
  function saveHash() {
    // what the printed page shows: the filters and the search of the view
    const said = [];
    if (state.misi) said.push(say("viewMisi", { kode: state.misi }));
    if (state.unit) said.push(say("viewUnit", { unit: unitText(state.unit) }));
    if (state.q) said.push(say("viewSearch", { q: state.q }));
    said.push(say("viewYear", { year: state.year }));
    $("view").textContent = said.join(" · ");
    const p = new URLSearchParams();
    if (officeAt) p.set("office", officeAt);
    ["q", "misi", "unit", "node"].forEach((k) => state[k] && p.set(k, state[k]));
    if (String(state.year) !== String(D.years[0])) p.set("year", state.year);
    const hash = p.toString();
    if (hash !== location.hash.slice(1)) history.replaceState(null, "", hash ? "#" + hash : " ");
  }

  function loadHash() {
    const p = new URLSearchParams(location.hash.slice(1) || new URLSearchParams(D.start || {}));
    state.q = p.get("q") || "";
    state.misi = D.filters.misi[p.get("misi")] ? p.get("misi") : "";
    state.unit = D.filters.unit[p.get("unit")] ? p.get("unit") : "";
    const y = Number(p.get("year"));
    if (D.years.includes(y)) state.year = y;
    state.node = p.get("node") || "";
  }

  // -- posters -------------------------------------------------------------------------------
  function showTree() {
    $("posters").hidden = true;
    $("tree").hidden = false;
    $("toggle-posters").setAttribute("aria-pressed", "false");
  }

  function setupPosters() {
    const figures = D.posters.map((p) => document.querySelector(`figure[data-poster="${p.fig}"]`));
    if (!figures.length) return;
    const index = new Map(D.nodes.map((n, i) => [n.k, i]));
    const button = $("toggle-posters");
    button.hidden = false;
    button.addEventListener("click", () => {
      const show = $("posters").hidden;
      $("posters").hidden = !show;
      $("tree").hidden = show;
      button.setAttribute("aria-pressed", String(show));
    });
    figures.forEach((fig, f) => {
      const info = D.posters[f];
      if (!fig) return;
      const tab = el("button", "", say("viewMisi", { kode: info.misi }));
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.addEventListener("click", () => {
        figures.forEach((x, y) => (x.hidden = y !== f));
        $("poster-tabs").querySelectorAll("button").forEach((b, y) =>
          b.setAttribute("aria-selected", String(y === f)));
      });
      $("poster-tabs").append(tab);
      fig.querySelectorAll("g.node").forEach((g) => {
        const title = g.querySelector("title");
        const kode = title && info.ids[title.textContent];
        if (kode === undefined || !index.has(kode)) return;
        g.addEventListener("click", () => reveal(index.get(kode), true));
      });
      panZoom(fig);
    });
    $("poster-tabs").firstElementChild.click();
  }

  function panZoom(fig) {
    const svg = fig.querySelector("svg");
    if (!svg) return;
    let scale = 1, x = 0, y = 0, drag = null, moved = false;
    const apply = () => (svg.style.transform = `translate(${x}px, ${y}px) scale(${scale})`);
    fig.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const r = fig.getBoundingClientRect();
      const px = ev.clientX - r.left, py = ev.clientY - r.top;
      const k = ev.deltaY < 0 ? 1.15 : 1 / 1.15;
      x = px - (px - x) * k;
      y = py - (py - y) * k;
      scale *= k;
      apply();
    }, { passive: false });
    fig.addEventListener("pointerdown", (ev) => {
      drag = [ev.clientX - x, ev.clientY - y];
      moved = false;
    });
    fig.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      moved = true;
      x = ev.clientX - drag[0];
      y = ev.clientY - drag[1];
      apply();
    });
    fig.addEventListener("pointerup", () => (drag = null));
    fig.addEventListener("click", (ev) => moved && ev.stopPropagation(), true);
  }

  // -- start --------------------------------------------------------------------------------
  function header() {
    $("title").textContent = D.title;
    if (OFFICES.length > 1) {
      const chooser = $("f-office");
      OFFICES.forEach((o, at) => chooser.append(new Option(o.short + " — " + o.file, String(at))));
      chooser.value = String(officeAt);
      chooser.parentElement.hidden = false;
      chooser.addEventListener("change", () => {
        location.hash = "office=" + chooser.value;
        location.reload();
      });
    }
    $("visi").textContent = D.visi ? say("visi", { visi: D.visi }) : "";
    D.misi.forEach((m) => {
      const li = el("li");
      li.append(el("strong", "", m.k + " "), m.u);
      $("misi-list").append(li);
      $("f-misi").append(new Option(m.k, m.k));
    });
    D.units.forEach((u) => $("f-unit").append(new Option(u.k + " — " + u.n, u.k)));
    D.years.forEach((y) => $("f-year").append(new Option(String(y), String(y))));
    D.levels.forEach((l, i) => $("depth").append(new Option(String(i + 1), String(i + 1))));
    const count = D.problems.length + D.nodes.reduce((s, n) => s + n.p.length, 0) +
      D.indicators.reduce((s, n) => s + n.p.length, 0);
    if (count) {
      const s = $("problems-summary");
      s.textContent = say(count === 1 ? "summaryOne" : "summary", { count: count });
      D.problems.forEach((p) => s.append(
        el("span", "", p.line + ":" + p.col + " " + p.code + " " + p.msg + ". ")));
    }
  }

  function controls() {
    let timer = 0;
    $("search").addEventListener("input", (ev) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        state.q = ev.target.value.trim();
        search();
        saveHash();
      }, 120);
    });
    $("search").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") nextHit();
    });
    $("f-misi").addEventListener("change", (ev) => {
      state.misi = ev.target.value;
      render();
      saveHash();
    });
    $("f-unit").addEventListener("change", (ev) => {
      state.unit = ev.target.value;
      render();
      saveHash();
    });
    $("f-year").addEventListener("change", (ev) => {
      state.year = Number(ev.target.value);
      applyYear();
      saveHash();
    });
    $("depth").addEventListener("change", (ev) => toDepth(Number(ev.target.value)));
    $("expand-all").addEventListener("click", () => toDepth(0));
    $("collapse-all").addEventListener("click", () => toDepth(1));
    $("panel-close").addEventListener("click", closePanel);
    $("tree").addEventListener("keydown", onKey);
    document.addEventListener("keydown", (ev) => ev.key === "Escape" && closePanel());
  }

  D.bands = D.bands || [];
  header();
  loadHash();
  controls();
  setupPosters();
  $("search").value = state.q;
  $("f-misi").value = state.misi;
  $("f-unit").value = state.unit;
  $("f-year").value = String(state.year);
  yearAt = Math.max(0, D.years.indexOf(Number(state.year)));
  render();
  saveHash();
  const byKode = D.nodes.findIndex((n) => n.k === state.node);
  if (byKode >= 0) reveal(byKode, true);
  void document.body.offsetHeight; // laid out: what the reader waits for
  window.pohonRendered = performance.now() - started;
  // for make bench (benchmarks/run.py): the time of one search, laid out, in ms, and
  // how many nodes it found
  window.pohonSearch = (q) => {
    const t = performance.now();
    state.q = q;
    search();
    void document.body.offsetHeight;
    return [performance.now() - t, hits.length];
  };
})();
