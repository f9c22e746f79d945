"""The HTML page of pystm.report: one self-contained file, readable offline.

render(log, top) returns the page for a Log of lib/pystm/report.py read with keep_timeline. The
page holds the totals, the conflict table (source locations link to the files, with the text of
each line) and a timeline: one lane per thread, committed, aborted and waiting time in distinct
colours, collections shown across all lanes, zoomed with the mouse wheel, dragged, or driven by
buttons, with a time axis.

Invariants:
  - No external resource: the CSS, the script and the data are inline.
  - The page draws on a canvas, and at each redraw it sums the attempts into pixel columns of
    the current zoom, so its cost follows the records in view and the canvas width, never one
    DOM node per record: a log of a few hundred thousand records stays responsive.
  - The records travel as base64 typed arrays (float64 times in ns since the log began, uint8
    categories and abort kinds, int32 site numbers), sorted by start within each lane.
  - After each drawing the script sets data-rendered, data-lanes, data-records and data-fills
    on #status, which the tests read from the DOM of a headless browser.
"""

import base64
import html
import json
import os
import struct

try:
    from . import report as _report
except ImportError:  # run as a script (python3.11 lib/pystm/report.py)
    import report as _report

_CHUNK = 8192


def _b64(fmt, values):
    """values packed little-endian with the struct code fmt, base64-encoded."""
    parts = []
    for i in range(0, len(values), _CHUNK):
        chunk = values[i:i + _CHUNK]
        parts.append(struct.pack("<%d%s" % (len(chunk), fmt), *chunk))
    return base64.b64encode(b"".join(parts)).decode("ascii")


def _file_url(path):
    path = os.path.abspath(path)
    safe = []
    for ch in path:
        if ch.isalnum() or ch in "/-_.~":
            safe.append(ch)
        else:
            safe.append("".join("%%%02X" % b for b in ch.encode("utf-8")))
    return "file://" + "".join(safe)


def _loc_html(loc):
    if loc.filename is None:
        return '<span class="unknown">%s</span>' % html.escape(str(loc))
    label = "%s:%d" % (loc.filename, loc.line)
    out = '<a href="%s#L%d">%s</a>' % (html.escape(_file_url(loc.filename)), loc.line,
                                       html.escape(label))
    if loc.function:
        out += ' in <span class="fn">%s</span>' % html.escape(loc.function)
    src = loc.source()
    if src:
        out += "<pre>%s</pre>" % html.escape(src)
    return out


def _short(loc):
    if loc.filename is None:
        return "?"
    return "%s:%d" % (os.path.basename(loc.filename), loc.line)


def _data(log):
    """The timeline's data, for the script."""
    site_index = {id(s): i for i, s in enumerate(log.sites)}
    raw_to_site = [site_index[id(s)] for s in log.site_of_raw]
    lanes = []
    for index in sorted(log.threads):
        recs = log.timeline.get(index, [])
        starts = [float(r[0]) for r in recs]
        ends = [float(r[1]) for r in recs]
        cats = [r[2] for r in recs]
        sites = [raw_to_site[r[3]] if r[3] >= 0 else -1 for r in recs]
        max_dur = max((r[1] - r[0] for r in recs), default=0)
        lanes.append({
            "label": "main" if index == 0 else "thread %d" % index,
            "n": len(recs),
            "maxDur": float(max(max_dur, 0)),
            "s": _b64("d", starts),
            "e": _b64("d", ends),
            "c": _b64("B", cats),
            "x": _b64("i", sites),
        })
    gcs = []
    for s, e, th, live in sorted(log.gcs):
        gcs.extend((float(s), float(e)))
    sites = []
    for i, s in enumerate(log.sites[:1000]):
        kinds = ", ".join("%s %d" % (_report.kind_name(k), c)
                          for k, (c, ns) in sorted(s.kinds.items(),
                                                   key=lambda kv: (-kv[1][1], kv[0])))
        sites.append("#%d %s / %s (%s)" % (i + 1, _short(s.here), _short(s.other), kinds))
    return {"span": float(log.span), "lanes": lanes, "gcs": _b64("d", gcs), "sites": sites}


def _table(rows, numeric_from=1):
    out = ["<table class=\"totals\"><thead><tr>"]
    out.extend("<th>%s</th>" % html.escape(h) for h in rows[0])
    out.append("</tr></thead><tbody>")
    for r in rows[1:]:
        cls = ' class="all"' if r is rows[-1] else ""
        out.append("<tr%s>" % cls)
        out.extend("<td%s>%s</td>" % (' class="num"' if i >= numeric_from else "", html.escape(c))
                   for i, c in enumerate(r))
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _other_html(s):
    """The other thread's side of an abort or wait site."""
    if s.other.key == s.here.key and s.here.filename is not None:
        return "the same line, in another thread"
    return _loc_html(s.other)


def _sites_table(log, top):
    if not log.sites:
        return "<p>No conflicts: no transaction aborted.</p>"
    total = log.total("abort_ns")
    out = ['<p>%d of %d sites, by time lost in aborted attempts. Click a row to mark its aborts '
           'on the timeline.</p>' % (min(top, len(log.sites)), len(log.sites)),
           '<table class="sites" id="sites"><thead><tr><th>#</th><th>time lost</th>'
           '<th>aborts</th><th>kinds</th><th>object</th><th>here</th><th>other</th>'
           '<th>hint</th></tr></thead><tbody>']
    for rank, s in enumerate(log.sites[:top], 1):
        kinds = "<br>".join("%s&nbsp;%d" % (html.escape(_report.kind_name(k)), c)
                            for k, (c, ns) in sorted(s.kinds.items(),
                                                     key=lambda kv: (-kv[1][1], kv[0])))
        other = _other_html(s)
        out.append(
            '<tr class="site" data-site="%d" data-here="%s" data-other="%s">'
            '<td class="num">%d</td><td class="num">%s<br><small>%s</small></td>'
            '<td class="num">%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>'
            % (rank - 1, html.escape(_short_full(s.here)), html.escape(_short_full(s.other)),
               rank, html.escape(_report.fmt_ns(s.lost)), _report.pct(s.lost, total), s.count,
               kinds, html.escape(", ".join(s.type_names)), _loc_html(s.here), other,
               html.escape(_report.hint(s))))
    out.append("</tbody></table>")
    return "".join(out)


def _waits_table(log, top):
    if not log.wait_sites:
        return ""
    out = ['<h2>Longest waits inside attempts</h2><p>%d of %d, by time waited.</p>'
           % (min(top, len(log.wait_sites)), len(log.wait_sites)),
           '<table class="sites" id="waits"><thead><tr><th>#</th><th>time waited</th>'
           '<th>attempts</th><th>waiting</th><th>object</th><th>here</th><th>other</th>'
           '<th>hint</th></tr></thead><tbody>']
    for rank, s in enumerate(log.wait_sites[:top], 1):
        out.append('<tr class="wait"><td class="num">%d</td><td class="num">%s</td>'
                   '<td class="num">%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>'
                   '<td>%s</td></tr>'
                   % (rank, html.escape(_report.fmt_ns(s.waited)), s.count,
                      html.escape(_report.wait_name(s.kind)), html.escape(s.type_name),
                      _loc_html(s.here), _other_html(s), html.escape(_report.wait_hint(s))))
    out.append("</tbody></table>")
    return "".join(out)


def _short_full(loc):
    return "" if loc.filename is None else "%s:%d" % (loc.filename, loc.line)


def render(log, top):
    rows = _report.thread_rows(log)
    threads = [log.threads[i] for i in sorted(log.threads)]
    busy = sum(t.committed + t.aborted + t.waiting + t.gc_ns for t in threads)
    kinds = log.aborts_by_kind()
    summary = [
        "time: committed %s, aborted %s (work lost), waiting %s, GC %s" % (
            _report.pct(sum(t.committed for t in threads), busy),
            _report.pct(sum(t.aborted for t in threads), busy),
            _report.pct(sum(t.waiting for t in threads), busy),
            _report.pct(log.total("gc_ns"), busy)),
        "aborts by kind: " + (", ".join(
            "%s %d (%s)" % (_report.kind_name(k), c, _report.fmt_ns(ns))
            for k, (c, ns) in sorted(kinds.items(), key=lambda kv: (-kv[1][1], kv[0])))
            or "none"),
        "waiting: " + _report.waiting_summary(log),
        "GC pauses: %d, %s in all" % (len(log.gcs), _report.fmt_ns(
            sum(max(0, e - s) for s, e, _, _ in log.gcs))),
    ]
    warn = "".join('<p class="warning">warning: %s</p>' % html.escape(m)
                   for m in _report.warnings(log))
    data = json.dumps(_data(log), separators=(",", ":"))
    # Inside <script>, "</" would end the element: JSON allows the escaped forms.
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _PAGE.format(
        title=html.escape("pystm conflict report: " + os.path.basename(log.path)),
        path=html.escape(log.path),
        meta=html.escape("%s, %d thread%s, %d records" % (
            _report.fmt_ns(log.span), len(log.threads), "" if len(log.threads) == 1 else "s",
            log.records)),
        warnings=warn,
        totals=_table(rows),
        summary="".join("<li>%s</li>" % html.escape(s) for s in summary),
        sites=_sites_table(log, top) + _waits_table(log, top),
        data=data,
        style=_STYLE,
        script=_SCRIPT)


_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 16px 24px; color: #222; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 20px 0 6px; }
.meta { color: #555; }
.warning { color: #a40; font-weight: bold; }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
tr.all td { font-weight: bold; }
table.sites pre { margin: 2px 0 0; padding: 2px 4px; background: #f4f4f4; white-space: pre-wrap; }
table.sites td:last-child { max-width: 36em; }
tr.site { cursor: pointer; }
tr.site.selected { background: #fff3c4; }
.unknown { color: #888; }
.fn { font-family: monospace; }
#controls button { font-size: 14px; min-width: 2.2em; margin-right: 2px; }
#controls span { margin-left: 12px; color: #555; }
#wrap { position: relative; border: 1px solid #ccc; margin-top: 6px; user-select: none; }
#timeline { display: block; width: 100%; cursor: grab; }
#tip { position: absolute; pointer-events: none; background: rgba(255,255,255,0.95);
       border: 1px solid #999; padding: 3px 6px; font-size: 12px; display: none;
       white-space: nowrap; }
.legend span { display: inline-block; margin-right: 14px; }
.legend i { display: inline-block; width: 12px; height: 12px; vertical-align: -2px;
            margin-right: 4px; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("data").textContent);
  const status = document.getElementById("status");
  const canvas = document.getElementById("timeline");
  const tip = document.getElementById("tip");
  const ctx = canvas.getContext("2d");
  // Categories 0-4 fill the lane (they never overlap in time); 5-7 are waits inside an
  // attempt, drawn in a strip along the bottom of the lane, over the attempt.
  const COLORS = ["#3c9d4e", "#1f6f99", "#d7301f", "#c4c4c4", "#8e63c4", "#e6a118", "#f06eaa",
                  "#6b4a1e"];
  const NAMES = ["committed", "committed (inevitable)", "aborted", "stopped for a collection",
                 "blocked in a call", "waiting for an object's owner",
                 "waiting for the inevitable transaction", "waiting to become inevitable"];
  const NCAT = COLORS.length, NMAIN = 5, ABORT = 2;
  const LEFT = 150, RIGHT = 30, AXIS = 26, LANE = 30, GAP = 6, MARK = 4, STRIP = 5;

  function decode(b64, Type) {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Type(bytes.buffer);
  }
  const lanes = data.lanes.map(l => ({
    label: l.label, n: l.n, maxDur: l.maxDur,
    s: decode(l.s, Float64Array), e: decode(l.e, Float64Array),
    c: decode(l.c, Uint8Array), x: decode(l.x, Int32Array)
  }));
  const gcs = decode(data.gcs, Float64Array);
  const span = Math.max(data.span, 1000);
  let t0 = 0, t1 = span, highlight = -1, pending = false, fills = 0;

  function fmt(ns) {
    const a = Math.abs(ns);
    if (a >= 1e9) return (ns / 1e9).toPrecision(4) + " s";
    if (a >= 1e6) return (ns / 1e6).toPrecision(4) + " ms";
    if (a >= 1e3) return (ns / 1e3).toPrecision(4) + " us";
    return Math.round(ns) + " ns";
  }
  function tickLabel(ns, step) {
    const units = [[1e9, " s"], [1e6, " ms"], [1e3, " us"], [1, " ns"]];
    for (const [u, name] of units) {
      if (step >= u || u === 1) {
        const digits = Math.max(0, Math.ceil(-Math.log10(step / u) - 1e-9));
        return (ns / u).toFixed(Math.min(digits, 6)) + name;
      }
    }
  }
  // The first record whose start is >= t (starts are sorted).
  function lowerBound(arr, n, t) {
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (arr[mid] < t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function size() {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(canvas.clientWidth, 400);
    const h = AXIS + lanes.length * (LANE + GAP) + 4;
    canvas.style.height = h + "px";
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return [w, h];
  }

  // Runs of equal values become one rectangle each.
  function fillRuns(values, W, x0, y, h, color, scaleH) {
    ctx.fillStyle = color;
    let p = 0;
    while (p < W) {
      const v = values[p];
      if (v <= 0) { p++; continue; }
      let q = p + 1;
      while (q < W && values[q] === v) q++;
      const hh = scaleH ? h * v : h;
      ctx.fillRect(x0 + p, y + (h - hh), q - p, hh);
      fills++;
      p = q;
    }
  }

  // Stacks categories [from, to) of cov bottom up, from baseline y, at most h pixels high.
  function stack(cov, from, to, W, y, h, column) {
    const bottom = new Float64Array(W);
    for (let cat = from; cat < to; cat++) {
      for (let p = 0; p < W; p++) {
        const v = Math.min(cov[cat * W + p], 1 - bottom[p]);
        column[p] = v > 0 ? Math.max(Math.round(v * h), 1) / h : 0;
      }
      ctx.fillStyle = COLORS[cat];
      let p = 0;
      while (p < W) {
        const v = column[p];
        if (v <= 0) { p++; continue; }
        let q = p + 1;
        while (q < W && column[q] === v && bottom[q] === bottom[p]) q++;
        const hh = v * h, yb = y - bottom[p] * h;
        ctx.fillRect(LEFT + p, yb - hh, q - p, hh);
        fills++;
        for (let r = p; r < q; r++) bottom[r] += v;
        p = q;
      }
    }
  }

  function draw() {
    const began = performance.now();
    pending = false;
    fills = 0;
    const [w, h] = size();
    const W = Math.max(1, Math.floor(w - LEFT - RIGHT));
    const k = W / (t1 - t0);
    ctx.clearRect(0, 0, w, h);
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    // Time axis.
    const target = (t1 - t0) / Math.max(1, W / 110);
    let step = Math.pow(10, Math.floor(Math.log10(target)));
    for (const m of [1, 2, 5, 10]) { if (step * m >= target) { step *= m; break; } }
    ctx.strokeStyle = "#ddd";
    ctx.fillStyle = "#444";
    ctx.textAlign = "center";
    for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
      const x = LEFT + (t - t0) * k;
      ctx.fillRect(x, AXIS - 6, 1, 6);
      ctx.fillText(tickLabel(t, step), x, AXIS / 2 - 2);
      ctx.beginPath();
      ctx.moveTo(x + 0.5, AXIS);
      ctx.lineTo(x + 0.5, h);
      ctx.stroke();
    }
    ctx.textAlign = "left";
    const cov = new Float64Array(W * NCAT);
    const column = new Float64Array(W);
    const marks = new Uint8Array(W), chosen = new Uint8Array(W);
    let drawn = 0;
    lanes.forEach((lane, li) => {
      const y = AXIS + li * (LANE + GAP) + GAP / 2;
      ctx.fillStyle = "#222";
      ctx.fillText(lane.label, 6, y + LANE / 2);
      ctx.fillStyle = "#f6f6f6";
      ctx.fillRect(LEFT, y, W, LANE);
      cov.fill(0); marks.fill(0); chosen.fill(0);
      const s = lane.s, e = lane.e, c = lane.c, x = lane.x;
      for (let i = lowerBound(s, lane.n, t0 - lane.maxDur); i < lane.n && s[i] < t1; i++) {
        if (e[i] <= t0) continue;
        const a = (Math.max(s[i], t0) - t0) * k, b = (Math.min(e[i], t1) - t0) * k;
        const base = c[i] * W;
        let p0 = Math.floor(a), p1 = Math.floor(b);
        if (p0 >= W) continue;
        if (p1 >= W) { p1 = W - 1; }
        if (p0 === p1 || b <= a) {
          cov[base + p0] += Math.max(b - a, 0);
        } else {
          cov[base + p0] += p0 + 1 - a;
          for (let p = p0 + 1; p < p1; p++) cov[base + p] += 1;
          cov[base + p1] += Math.min(b, W) - p1;
        }
        if (c[i] === ABORT) {
          marks[p0] = 1;
          if (x[i] === highlight) chosen[p0] = 1;
        }
        drawn++;
      }
      // Each pixel column stacks the share of its time in each category, bottom up. A sliver
      // too thin to see still shows: any abort in a column marks the strip above the lane.
      const body = LANE - MARK;
      stack(cov, 0, NMAIN, W, y + LANE, body, column);
      stack(cov, NMAIN, NCAT, W, y + LANE, STRIP, column);
      fillRuns(marks, W, LEFT, y, MARK - 1, COLORS[ABORT], false);
      if (highlight >= 0) fillRuns(chosen, W, LEFT, y - 2, MARK + 1, "#111", false);
    });
    // Collections stop every thread: a band across all lanes.
    ctx.fillStyle = "rgba(20, 30, 60, 0.3)";
    for (let i = 0; i + 1 < gcs.length; i += 2) {
      if (gcs[i + 1] < t0 || gcs[i] > t1) continue;
      const a = LEFT + (Math.max(gcs[i], t0) - t0) * k;
      const b = LEFT + (Math.min(gcs[i + 1], t1) - t0) * k;
      ctx.fillRect(a, AXIS, Math.max(b - a, 1), h - AXIS);
      fills++;
    }
    document.getElementById("view").textContent =
      "view " + fmt(t0) + " to " + fmt(t1) + " (" + fmt(t1 - t0) + ")";
    status.dataset.rendered = "1";
    status.dataset.lanes = String(lanes.length);
    status.dataset.records = String(lanes.reduce((n, l) => n + l.n, 0));
    status.dataset.drawn = String(drawn);
    status.dataset.fills = String(fills);
    status.dataset.ms = (performance.now() - began).toFixed(1);
  }
  function redraw() {
    if (!pending) { pending = true; requestAnimationFrame(draw); }
  }

  function setView(a, b) {
    const minW = 50;
    if (b - a < minW) { const m = (a + b) / 2; a = m - minW / 2; b = m + minW / 2; }
    const margin = span * 0.05;
    if (b - a > span + 2 * margin) { a = -margin; b = span + margin; }
    if (a < -margin) { b += -margin - a; a = -margin; }
    if (b > span + margin) { a -= b - span - margin; b = span + margin; }
    t0 = a; t1 = b;
    redraw();
  }
  function zoom(factor, at) {
    if (at === undefined) at = (t0 + t1) / 2;
    setView(at - (at - t0) * factor, at + (t1 - at) * factor);
  }
  function timeAt(px) {
    const W = Math.max(1, Math.floor(canvas.clientWidth - LEFT - RIGHT));
    return t0 + (px - LEFT) / W * (t1 - t0);
  }

  canvas.addEventListener("wheel", ev => {
    ev.preventDefault();
    const r = canvas.getBoundingClientRect();
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, timeAt(ev.clientX - r.left));
  }, { passive: false });
  let drag = null;
  canvas.addEventListener("mousedown", ev => {
    drag = { x: ev.clientX, t0: t0, t1: t1 };
    canvas.style.cursor = "grabbing";
  });
  window.addEventListener("mouseup", () => { drag = null; canvas.style.cursor = "grab"; });
  window.addEventListener("mousemove", ev => {
    if (!drag) return;
    const W = Math.max(1, Math.floor(canvas.clientWidth - LEFT - RIGHT));
    const dt = (ev.clientX - drag.x) / W * (drag.t1 - drag.t0);
    setView(drag.t0 - dt, drag.t1 - dt);
  });
  canvas.addEventListener("mousemove", ev => {
    if (drag) { tip.style.display = "none"; return; }
    const r = canvas.getBoundingClientRect();
    const px = ev.clientX - r.left, py = ev.clientY - r.top;
    const li = Math.floor((py - AXIS) / (LANE + GAP));
    if (px < LEFT || li < 0 || li >= lanes.length) { tip.style.display = "none"; return; }
    const lane = lanes[li];
    const t = timeAt(px);
    const slack = 2 * (t1 - t0) / Math.max(1, canvas.clientWidth - LEFT);
    let text = lane.label + " at " + fmt(t);
    // Prefer an abort near the cursor, else whatever covers it.
    let best = -1;
    for (let i = lowerBound(lane.s, lane.n, t - slack - lane.maxDur); i < lane.n &&
         lane.s[i] <= t + slack; i++) {
      if (lane.e[i] < t - slack) continue;
      if (best < 0 || (lane.c[i] === ABORT && lane.c[best] !== ABORT)) best = i;
    }
    if (best >= 0) {
      text += " | " + NAMES[lane.c[best]] + ", " + fmt(lane.e[best] - lane.s[best]);
      const site = lane.x[best];
      if (site >= 0) text += " | " + (data.sites[site] || "site #" + (site + 1));
    }
    tip.textContent = text;
    tip.style.display = "block";
    tip.style.left = Math.min(px + 12, r.width - tip.offsetWidth - 4) + "px";
    tip.style.top = (py + 14) + "px";
  });
  canvas.addEventListener("mouseleave", () => { tip.style.display = "none"; });
  document.getElementById("zin").onclick = () => zoom(0.5);
  document.getElementById("zout").onclick = () => zoom(2);
  document.getElementById("left").onclick = () => setView(t0 - (t1 - t0) / 4, t1 - (t1 - t0) / 4);
  document.getElementById("right").onclick = () => setView(t0 + (t1 - t0) / 4, t1 + (t1 - t0) / 4);
  document.getElementById("reset").onclick = () => setView(0, span);
  window.addEventListener("resize", redraw);
  document.querySelectorAll("tr.site").forEach(row => {
    row.addEventListener("click", ev => {
      if (ev.target.tagName === "A") return;
      const site = Number(row.dataset.site);
      highlight = highlight === site ? -1 : site;
      document.querySelectorAll("tr.site").forEach(r =>
        r.classList.toggle("selected", Number(r.dataset.site) === highlight));
      redraw();
    });
  });
  const legend = document.getElementById("legend");
  NAMES.forEach((name, i) => {
    const item = document.createElement("span");
    const swatch = document.createElement("i");
    swatch.style.background = COLORS[i];
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(name));
    legend.appendChild(item);
  });
  const gcItem = document.createElement("span");
  gcItem.innerHTML = '<i style="background: rgba(20,30,60,0.3)"></i>collection (all threads ' +
    'stopped)';
  legend.appendChild(gcItem);
  draw();
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<h1>pystm conflict report</h1>
<div class="meta">{path}: {meta}</div>
{warnings}
<h2>Threads</h2>
{totals}
<ul>{summary}</ul>
<h2>Timeline</h2>
<div id="controls"><button id="zin" title="zoom in">+</button><button id="zout"
title="zoom out">&minus;</button><button id="left" title="move left">&larr;</button><button
id="right" title="move right">&rarr;</button><button id="reset">whole run</button><span
id="view"></span><span>mouse wheel: zoom, drag: move; a red tick above a lane marks aborts</span>
</div>
<div class="legend" id="legend"></div>
<div id="wrap"><canvas id="timeline"></canvas><div id="tip"></div></div>
<div id="status" data-rendered="0"></div>
<h2>Costliest conflict sites</h2>
{sites}
<script type="application/json" id="data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
