"""pystm.report: where the transactions of a pystm program lost their time.

    pystm -m pystm.report [--top N] [-o OUT] LOG
    pystm -m pystm.report --html [--top N] [-o OUT.html] LOG

LOG is a conflict log written by a run with PYSTM_LOG=LOG (or -X stmlog=LOG); its format is
docs/internals/conflict-log.md, and docs/conflict-report.md explains how to read the report. The
text report gives the totals per thread (time committed, aborted and waiting, commits, aborts by
kind, collections) and the costliest conflict sites, each with both source lines and a hint of
the usual fix. --html writes one self-contained page with a zoomable timeline of every thread as
well (lib/pystm/_report_html.py).

The module is plain Python 3.11 (struct, argparse, linecache and the like), so it runs under
pystm and under CPython alike. Errors in the input (a missing file, a file that is not a pystm
log, an unknown format version) end with one message on stderr and exit status 1, never a
traceback; a truncated log is reported as far as it goes, with a warning.
"""

import argparse
import linecache
import os
import struct
import sys
import time

MAGIC = b"PYSTMLOG"
VERSION = 1
HEADER = struct.Struct("<8sIIQQ")
RECORD = struct.Struct("<BBHIQQQQQ")

COMMIT, ABORT, WAIT, GC, THREAD, STRING, LOCATION = 1, 2, 3, 4, 5, 6, 7

KIND_NAMES = {1: "write_write", 2: "read_locked", 3: "validation", 4: "read_mostly",
              5: "killed_by_inevitable", 6: "inevitable_read", 7: "explicit"}
# WAIT kinds: 1 and 2 happen between attempts; the time of 3-5 is part of an attempt (its COMMIT
# or ABORT record's waiting time), so the totals count it there, once.
WAIT_GC, WAIT_BLOCKING, WAIT_OWNER, WAIT_INEVITABLE, WAIT_BECOME_INEVITABLE = 1, 2, 3, 4, 5
WAIT_NAMES = {1: "for collections", 2: "in blocking calls", 3: "for an object's owner",
              4: "for the inevitable transaction", 5: "to become inevitable"}
BETWEEN_ATTEMPTS = (WAIT_GC, WAIT_BLOCKING)

# Timeline categories (the HTML page draws each in its own colour; 5-7 overlap an attempt).
(CAT_COMMIT, CAT_INEVITABLE, CAT_ABORT, CAT_WAIT_GC, CAT_BLOCKING, CAT_WAIT_OWNER,
 CAT_WAIT_INEVITABLE, CAT_BECOME_INEVITABLE) = range(8)
_WAIT_CAT = {1: CAT_WAIT_GC, 2: CAT_BLOCKING, 3: CAT_WAIT_OWNER, 4: CAT_WAIT_INEVITABLE,
             5: CAT_BECOME_INEVITABLE}


class ReportError(Exception):
    """A problem with the input or the output that ends the report with a message."""


def kind_name(kind):
    return KIND_NAMES.get(kind, "kind %d" % kind)


def wait_name(kind):
    return WAIT_NAMES.get(kind, "of kind %d" % kind)


class ThreadTotals:
    """What one thread did, summed over its records. Times in ns."""

    __slots__ = ("index", "ident", "first", "last", "commits", "inevitable", "commit_ns",
                 "commit_wait_ns", "aborts", "abort_ns", "abort_wait_ns", "wait_ns", "inside_ns",
                 "gc_ns")

    def __init__(self, index):
        self.index = index
        self.ident = None
        self.first = None
        self.last = 0
        self.commits = 0
        self.inevitable = 0
        self.commit_ns = 0
        self.commit_wait_ns = 0
        self.aborts = {}        # abort kind -> [count, ns]
        self.abort_ns = 0
        self.abort_wait_ns = 0
        self.wait_ns = {}       # WAIT kind -> ns, waits between attempts (1, 2)
        self.inside_ns = {}     # WAIT kind -> ns, waits inside attempts (3-5 and unknown kinds)
        self.gc_ns = 0

    @property
    def abort_count(self):
        return sum(c for c, _ in self.aborts.values())

    # The four times below do not overlap: an attempt's waits count as waiting only.
    @property
    def committed(self):
        return self.commit_ns - self.commit_wait_ns

    @property
    def aborted(self):
        return self.abort_ns - self.abort_wait_ns

    @property
    def waiting(self):
        return self.commit_wait_ns + self.abort_wait_ns + sum(self.wait_ns.values())

    @property
    def inside_waiting(self):
        return self.commit_wait_ns + self.abort_wait_ns


class Location:
    """A source location: file, line and function, resolved from a location tag."""

    __slots__ = ("filename", "line", "function", "tag")

    def __init__(self, filename, line, function, tag):
        self.filename = filename
        self.line = line
        self.function = function
        self.tag = tag

    @property
    def key(self):
        if self.filename is None:
            return ("", self.tag, "")
        return (self.filename, self.line, self.function or "")

    def __str__(self):
        if self.filename is None:
            return "unknown location" if not self.tag else "unknown location (tag %#x)" % self.tag
        where = "%s:%d" % (self.filename, self.line)
        return where + (" in " + self.function if self.function else "")

    def source(self):
        """The text of the source line, stripped, or "" when the file cannot be read."""
        if self.filename is None or self.line <= 0:
            return ""
        return linecache.getline(self.filename, self.line).strip()


class Site:
    """Aborts with the same pair of source locations: where the aborted thread accessed the
    object (here) and where the other thread did (other). Times in ns."""

    __slots__ = ("here", "other", "count", "lost", "kinds", "types")

    def __init__(self, here, other):
        self.here = here
        self.other = other
        self.count = 0
        self.lost = 0
        self.kinds = {}   # abort kind -> [count, ns]
        self.types = {}   # type name -> count

    @property
    def main_kind(self):
        """The abort kind that lost the most time here."""
        return max(self.kinds.items(), key=lambda kv: (kv[1][1], kv[1][0], -kv[0]))[0]

    @property
    def type_names(self):
        return [t for t, _ in sorted(self.types.items(), key=lambda kv: (-kv[1], kv[0]))]


class WaitSite:
    """Waits inside attempts of one kind, at one source location, for one type of object, for a
    transaction at one other location (where it was when the wait began: best effort)."""

    __slots__ = ("kind", "here", "other", "type_name", "count", "waited")

    def __init__(self, kind, here, other, type_name):
        self.kind = kind
        self.here = here
        self.other = other
        self.type_name = type_name
        self.count = 0
        self.waited = 0


class Log:
    """A conflict log, read whole. keep_timeline keeps every attempt and wait per thread
    (timeline[thread] = list of (start, end, category, raw site index or -1)) for the page."""

    def __init__(self, path, keep_timeline=False):
        self.path = path
        self.version = VERSION
        self.wall_start = 0
        self.problem = None        # why the log ends early (truncated or damaged), or None
        self.records = 0           # attempts, waits and collections
        self.span = 0              # the latest time of any record (ns)
        self.threads = {}          # index -> ThreadTotals
        self.strings = {}          # id -> str
        self.loc_table = {}        # tag -> (file id, line, function id)
        self.gcs = []              # (start, end, thread, bytes live)
        self.raw_sites = {}        # (kind, type id, loc, other loc) -> [count, ns, index]
        self.raw_waits = {}        # (WAIT kind, type id, loc, other loc) -> [count, ns], waits
        #                            in attempts
        self.timeline = {} if keep_timeline else None
        data = self._read(path)
        self._parse(data)
        self._resolve()

    @staticmethod
    def _read(path):
        # The recorder truncates its file when the process starts: a report run with PYSTM_LOG
        # naming the log it reads would have emptied it before reading it.
        own = os.environ.get("PYSTM_LOG") or getattr(sys, "_xoptions", {}).get("stmlog")
        if isinstance(own, str) and os.path.exists(path) and os.path.exists(own) and \
                os.path.samefile(own, path):
            raise ReportError("%s: PYSTM_LOG names this file, so running the report overwrote "
                              "it; unset PYSTM_LOG (or -X stmlog) when running the report" % path)
        try:
            with open(path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            raise ReportError("%s: no such file" % path)
        except IsADirectoryError:
            raise ReportError("%s: is a directory, not a pystm log" % path)
        except OSError as e:
            raise ReportError("%s: cannot read: %s" % (path, e.strerror or e))
        if not data:
            raise ReportError("%s: empty file, not a pystm log" % path)
        if data[:len(MAGIC)] != MAGIC[:len(data)]:
            raise ReportError("%s: not a pystm log (no PYSTMLOG header); record one with "
                              "PYSTM_LOG=FILE" % path)
        if len(data) < HEADER.size:
            raise ReportError("%s: truncated inside its header, nothing to report" % path)
        return data

    def thread(self, index):
        t = self.threads.get(index)
        if t is None:
            t = self.threads[index] = ThreadTotals(index)
            if self.timeline is not None:
                self.timeline[index] = []
        return t

    def _parse(self, data):
        n = len(data)
        _, self.version, _, self.wall_start, _ = HEADER.unpack_from(data, 0)
        if self.version != VERSION:
            raise ReportError("%s: log format version %d; this report reads version %d (use "
                              "the report of the pystm that wrote the log)"
                              % (self.path, self.version, VERSION))
        unpack = RECORD.unpack_from
        size = RECORD.size
        threads = self.threads
        raw_sites = self.raw_sites
        timeline = self.timeline
        strings = self.strings
        span = 0
        count = 0
        off = HEADER.size
        while off + size <= n:
            rtype, kind, th, type_id, start, end, loc, other, extra = unpack(data, off)
            off += size
            if rtype == COMMIT or rtype == ABORT or rtype == WAIT:
                count += 1
                t = threads.get(th)
                if t is None:
                    t = self.thread(th)
                dur = end - start if end > start else 0
                if t.first is None or start < t.first:
                    t.first = start
                if end > t.last:
                    t.last = end
                if end > span:
                    span = end
                waited = extra if extra < dur else dur
                if rtype == COMMIT:
                    t.commits += 1
                    t.commit_ns += dur
                    t.commit_wait_ns += waited
                    if kind:
                        t.inevitable += 1
                    if timeline is not None:
                        timeline[th].append((start, end, CAT_INEVITABLE if kind else CAT_COMMIT,
                                             -1))
                elif rtype == ABORT:
                    t.abort_ns += dur
                    t.abort_wait_ns += waited
                    k = t.aborts.get(kind)
                    if k is None:
                        t.aborts[kind] = [1, dur]
                    else:
                        k[0] += 1
                        k[1] += dur
                    key = (kind, type_id, loc, other)
                    s = raw_sites.get(key)
                    if s is None:
                        s = raw_sites[key] = [0, 0, len(raw_sites)]
                    s[0] += 1
                    s[1] += dur
                    if timeline is not None:
                        timeline[th].append((start, end, CAT_ABORT, s[2]))
                elif kind == WAIT_GC or kind == WAIT_BLOCKING:
                    t.wait_ns[kind] = t.wait_ns.get(kind, 0) + dur
                    if timeline is not None:
                        timeline[th].append((start, end, _WAIT_CAT[kind], -1))
                else:
                    # Part of an attempt: the time is its record's; this one says where.
                    t.inside_ns[kind] = t.inside_ns.get(kind, 0) + extra
                    key = (kind, type_id, loc, other)
                    s = self.raw_waits.get(key)
                    if s is None:
                        self.raw_waits[key] = [1, extra]
                    else:
                        s[0] += 1
                        s[1] += extra
                    if timeline is not None:
                        timeline[th].append((start, end, _WAIT_CAT.get(kind, CAT_WAIT_OWNER),
                                             -1))
            elif rtype == GC:
                count += 1
                t = self.thread(th)
                dur = end - start if end > start else 0
                t.gc_ns += dur
                self.gcs.append((start, end, th, extra))
                if end > span:
                    span = end
            elif rtype == THREAD:
                t = self.thread(th)
                t.ident = extra
                if t.first is None or start < t.first:
                    t.first = start
            elif rtype == STRING:
                padded = (extra + 7) & ~7
                if off + padded > n:
                    self.problem = "truncated inside a string of the name table"
                    off = n
                    break
                strings[type_id] = data[off:off + extra].decode("utf-8", "replace")
                off += padded
            elif rtype == LOCATION:
                self.loc_table[loc] = (type_id, extra, other)
            else:
                self.problem = "damaged at byte %d (unknown record type %d)" % (off - size, rtype)
                off = n
                break
        if off < n and self.problem is None:
            self.problem = "truncated (%d stray bytes after the last whole record)" % (n - off)
        self.records = count
        self.span = span
        if timeline is not None:
            for lane in timeline.values():
                lane.sort()

    def _resolve(self):
        """Groups the aborts by source sites, once the name tables are all read."""
        self.locations_missing = False
        cache = {}

        def resolve(tag):
            r = cache.get(tag)
            if r is None:
                entry = self.loc_table.get(tag) if tag else None
                if entry is None or entry[0] not in self.strings:
                    if tag:
                        self.locations_missing = True
                    r = Location(None, 0, None, tag)
                else:
                    fid, line, fnid = entry
                    r = Location(self.strings[fid], line, self.strings.get(fnid), tag)
                cache[tag] = r
            return r

        sites = {}
        self.site_of_raw = [None] * len(self.raw_sites)
        for (kind, type_id, loc, other), (count, lost, index) in self.raw_sites.items():
            here = resolve(loc)
            there = resolve(other)
            key = (here.key, there.key)
            s = sites.get(key)
            if s is None:
                s = sites[key] = Site(here, there)
            s.count += count
            s.lost += lost
            k = s.kinds.get(kind)
            if k is None:
                s.kinds[kind] = [count, lost]
            else:
                k[0] += count
                k[1] += lost
            tname = self.strings.get(type_id, "?") if type_id else "?"
            s.types[tname] = s.types.get(tname, 0) + count
            self.site_of_raw[index] = s
        self.sites = sorted(sites.values(),
                            key=lambda s: (-s.lost, -s.count, str(s.here.key), str(s.other.key)))
        waits = {}
        for (kind, type_id, loc, other_loc), (count, ns) in self.raw_waits.items():
            here = resolve(loc)
            other = resolve(other_loc)
            tname = self.strings.get(type_id, "?") if type_id else "?"
            key = (kind, here.key, other.key, tname)
            s = waits.get(key)
            if s is None:
                s = waits[key] = WaitSite(kind, here, other, tname)
            s.count += count
            s.waited += ns
        self.wait_sites = sorted(waits.values(),
                                 key=lambda s: (-s.waited, -s.count, s.kind, str(s.here.key),
                                                str(s.other.key)))

    # Totals over every thread.
    def total(self, attr):
        return sum(getattr(t, attr) for t in self.threads.values())

    def aborts_by_kind(self):
        out = {}
        for t in self.threads.values():
            for kind, (c, ns) in t.aborts.items():
                o = out.setdefault(kind, [0, 0])
                o[0] += c
                o[1] += ns
        return out

    def waits_by_kind(self, inside=False):
        out = {}
        for t in self.threads.values():
            for kind, ns in (t.inside_ns if inside else t.wait_ns).items():
                out[kind] = out.get(kind, 0) + ns
        return out


# --- Hints ---------------------------------------------------------------------------------

_AUGMENTED = ("+=", "-=", "*=", "|=", "&=", "^=", "/=", "//=", "%=", "<<=", ">>=")
_LIST_GROWTH = (".append(", ".extend(", ".insert(", ".pop(", ".remove(")
_DICT_WRITE = (".setdefault(", ".update(", ".pop(", ".popitem(", "del ")


def _is_item_store(text):
    """True for `x[...] = ...` and `x[...] op= ...` (not `==`)."""
    close = text.find("]")
    if close < 0 or "[" not in text[:close]:
        return False
    rest = text[close + 1:].lstrip()
    return (rest.startswith("=") and not rest.startswith("==")) or rest.startswith(_AUGMENTED)


def hint(site):
    """A short, plain-language hint of the usual fix for a conflict site."""
    text = _hint(site)
    if site.here.filename is None and site.other.filename is None:
        text += " (The log gives no source location for these aborts.)"
    return text


def _hint(site):
    kind = KIND_NAMES.get(site.main_kind, "")
    types = site.type_names
    tname = types[0] if types else "?"
    here = site.here.source()
    other = site.other.source()
    texts = [t for t in (here, other) if t]
    same_line = site.here.filename is not None and site.here.key[:2] == site.other.key[:2]
    augmented = any(op in t for t in texts for op in _AUGMENTED)
    if kind == "killed_by_inevitable":
        return ("Another thread's transaction became inevitable (it did I/O or a blocking call, "
                "or ran too long) and needed this object, so this attempt was thrown away. Move "
                "I/O, print() and blocking calls out of `with pystm.atomic:` blocks and out of "
                "the hot loop (collect results, print them after the threads finish).")
    if kind == "inevitable_read":
        return ("A read-mostly object (module globals, class attributes) was written while an "
                "inevitable transaction (I/O, a blocking call) was reading such objects. Set "
                "them up before the threads start, and keep I/O out of atomic blocks.")
    if kind == "explicit":
        return ("The program aborted these transactions itself; nothing to fix unless that was "
                "not intended.")
    if kind == "read_mostly":
        if augmented:
            return ("A module global or class attribute used as a shared counter: every update "
                    "aborts all the threads that read globals. Use pystm.count(), or a per-thread "
                    "accumulator summed at the end.")
        return ("A read-mostly object (module globals, class attributes, a module's or class's "
                "dict) was written while the threads ran; each such write aborts every thread "
                "that read it. Set it up before the threads start, or keep the changing value "
                "in an object of its own (an instance attribute, a per-thread variable).")
    # write_write, read_locked, validation: two threads on the same object.
    if augmented and (same_line or not other):
        return ("A shared counter or accumulator updated by every thread. Use pystm.count(), or "
                "give each thread its own accumulator and sum them at the end.")
    if tname in ("dict_stripe", "set_stripe"):
        what = "dict" if tname == "dict_stripe" else "set"
        return ("Two threads used keys of one shared %s that belong to the same stripe (the "
                "unit in which pystm tracks a contended %s's keys), usually the same key: that "
                "conflict is real. Keep per-thread values (merged at the end), or touch the key "
                "less often; transactions that touch many keys also meet in stripes more often."
                % (what, what))
    if tname == "_random.Random":
        return ("Several threads drew numbers from one random generator (the random module's "
                "functions all use one): every draw changes its state. Give each thread its own "
                "random.Random(seed) and draw from that.")
    if tname == "functools._lru_cache_wrapper":
        return ("A function cached with functools.lru_cache or functools.cache was cleared "
                "(cache_clear()) while other threads called it: clearing replaces the whole "
                "cache. Clear it before or after the threads run, or give each thread its own "
                "cached function (wrap the function in the thread).")
    if tname == "list" and any(g in t for t in texts for g in _LIST_GROWTH):
        return ("A shared list grown or shrunk by every thread while also reading it (appends "
                "alone rarely conflict: they are applied at commit). Give each thread its own "
                "list and join them at the end, or pass items through pystm.queue.")
    if tname == "dict" and any(_is_item_store(t) or any(w in t for w in _DICT_WRITE)
                               for t in texts):
        return ("A shared dict whose keys several threads add or remove. Once transactions "
                "have contended for a dict, pystm tracks reading, updating and adding its str "
                "and int keys per key; removing keys, len(), iteration and copies still use the "
                "whole dict. Use pystm.stmdict (per key from the start), keep removals and "
                "whole-dict reads out of the parallel part, or use per-thread dicts merged at "
                "the end.")
    if augmented:
        return ("A shared value updated in place by several threads. Give each thread its own "
                "accumulator and combine them at the end (or use pystm.count() for a counter).")
    if kind == "validation":
        return ("An object read by every thread and written by a few: each write makes the "
                "readers start over. Split it, so that the part written during the run is a "
                "separate object from the part everyone reads, or write it less often.")
    return ("Two threads used the same %s object at these lines, one of them writing it. Share "
            "less: give each thread its own object, or make the shared part smaller. (No more "
            "specific hint for this pattern.)" % tname)


# --- Text report ---------------------------------------------------------------------------

def fmt_ns(ns):
    """A duration with a unit chosen for its size: 1.234 s, 12.3 ms, 45.6 us, 789 ns."""
    if ns >= 1_000_000_000:
        return "%.3f s" % (ns / 1e9)
    if ns >= 1_000_000:
        return "%.1f ms" % (ns / 1e6)
    if ns >= 1_000:
        return "%.1f us" % (ns / 1e3)
    return "%d ns" % ns


def pct(part, whole):
    return "%.1f%%" % (100.0 * part / whole) if whole else "-"


def wrap(text, width, indent):
    """Wraps text at spaces into lines of at most width characters (after the indent)."""
    lines = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = line + " " + word if line else word
    if line:
        lines.append(line)
    return ("\n" + indent).join(lines)


def thread_label(t):
    name = "main" if t.index == 0 else "thread %d" % t.index
    return name if not t.ident else "%s (ident %d)" % (name, t.ident)


def warnings(log):
    out = []
    if log.problem:
        out.append("the log is %s: the report covers the records before that%s"
                   % (log.problem, " (the program probably did not end normally)"
                      if log.problem.startswith("truncated") else ""))
    if log.locations_missing and not log.loc_table:
        out.append("the log has no location table (the recorder writes it when the process "
                   "exits): source locations are unknown")
    elif log.locations_missing:
        out.append("some location tags are missing from the log's location table: their "
                   "source locations are unknown")
    return out


def thread_rows(log):
    """The table of totals per thread, then over all threads: a header row, then rows of
    strings."""
    rows = [("thread", "commits", "inevitable", "aborts", "committed", "aborted", "waiting",
             "GC")]
    threads = [log.threads[i] for i in sorted(log.threads)]
    for t in threads:
        rows.append((thread_label(t), str(t.commits), str(t.inevitable), str(t.abort_count),
                     fmt_ns(t.committed), fmt_ns(t.aborted), fmt_ns(t.waiting), fmt_ns(t.gc_ns)))
    rows.append(("all", str(log.total("commits")), str(log.total("inevitable")),
                 str(sum(t.abort_count for t in threads)),
                 fmt_ns(sum(t.committed for t in threads)), fmt_ns(sum(t.aborted for t in threads)),
                 fmt_ns(sum(t.waiting for t in threads)), fmt_ns(log.total("gc_ns"))))
    return rows


def text_report(log, top):
    out = []
    w = out.append
    w("pystm conflict report: %s" % log.path)
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(log.wall_start / 1e9))
    w("recorded %s, %s, %d thread%s, %d records"
      % (when, fmt_ns(log.span), len(log.threads), "" if len(log.threads) == 1 else "s",
         log.records))
    for msg in warnings(log):
        w("warning: " + msg)
    w("")
    rows = thread_rows(log)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        w("  " + r[0].ljust(widths[0]) + "".join(
            "  " + c.rjust(wd) for c, wd in zip(r[1:], widths[1:])))
    threads = [log.threads[i] for i in sorted(log.threads)]
    committed = sum(t.committed for t in threads)
    aborted = sum(t.aborted for t in threads)
    waiting = sum(t.waiting for t in threads)
    gc_ns = sum(t.gc_ns for t in threads)
    busy = committed + aborted + waiting + gc_ns
    w("")
    w("time: committed %s, aborted %s (work lost), waiting %s, GC %s"
      % (pct(committed, busy), pct(aborted, busy), pct(waiting, busy), pct(gc_ns, busy)))
    kinds = log.aborts_by_kind()
    if kinds:
        w("aborts by kind: " + ", ".join(
            "%s %d (%s)" % (kind_name(k), c, fmt_ns(ns))
            for k, (c, ns) in sorted(kinds.items(), key=lambda kv: (-kv[1][1], kv[0]))))
    else:
        w("aborts by kind: none")
    w("waiting: " + waiting_summary(log))
    if log.gcs:
        longest = max(e - s for s, e, _, _ in log.gcs)
        w("GC pauses: %d, %s in all, longest %s"
          % (len(log.gcs), fmt_ns(sum(max(0, e - s) for s, e, _, _ in log.gcs)),
             fmt_ns(max(0, longest))))
    else:
        w("GC pauses: none")
    w("")
    if not log.sites:
        w("No conflicts: no transaction aborted.")
    else:
        conflict_sites(log, top, w)
    if log.wait_sites:
        wait_sites(log, top, w)
    return "\n".join(out) + "\n"


def waiting_summary(log):
    """One line: the waits between attempts, then those inside attempts, by kind."""
    parts = ["%s %s" % (wait_name(k), fmt_ns(ns))
             for k, ns in sorted(log.waits_by_kind().items())]
    inside = sum(t.inside_waiting for t in log.threads.values())
    if inside:
        kinds = log.waits_by_kind(inside=True)
        detail = ", ".join("%s %s" % (wait_name(k), fmt_ns(ns)) for k, ns in sorted(kinds.items()))
        parts.append("inside attempts %s%s" % (fmt_ns(inside), " (%s)" % detail if detail else ""))
    return ", ".join(parts) if parts else "none"


# Dicts and sets, and the objects that stand for their keys (stripes), by type name: what a
# big resize of a shared dict or set holds while the other threads wait (DICT-14).
_STRIPE_OWNERS = {"dict_stripe": "dict", "set_stripe": "set", "dict": "dict", "stmdict": "dict",
                  "set": "set", "stmset": "set"}


def wait_hint(site):
    """A short hint for waits inside attempts."""
    if site.kind == WAIT_OWNER:
        return ("Another transaction held this %s object (it was writing it), so this one "
                "waited: the same sharing as a conflict. Share less at this line: give each "
                "thread its own object." % site.type_name)
    if site.kind == WAIT_INEVITABLE:
        causes = ("A transaction runs inevitably for I/O or a blocking call, a write to an "
                  "object that cannot be rolled back (creating a class, for one), too many "
                  "aborts in a row, or the resize of a big dict or set that several threads "
                  "use.")
        container = _STRIPE_OWNERS.get(site.type_name)
        if container:
            return ("The inevitable transaction held this shared %s or keys of it. If the %s "
                    "is big, it was most likely resizing it: once a %s that several threads "
                    "write holds 8,192 entries or more, each of its resizes runs inevitably and "
                    "every thread that uses it waits. The waits end when it stops growing; "
                    "per-thread %ss merged at the end avoid them. %s"
                    % (container, container, container, container, causes))
        return ("The inevitable transaction held or read this object. %s Move I/O and blocking "
                "calls out of atomic blocks and out of the hot loop." % causes)
    if site.kind == WAIT_BECOME_INEVITABLE:
        return ("This transaction had to become inevitable (I/O or a blocking call) while "
                "another one was, so they took turns. Move the I/O out of the loop or the atomic "
                "block (collect output, print it at the end).")
    return "A wait of a kind this report does not know; no hint."


def other_lines(s, w):
    """The "other:" lines of an abort or wait site: the other thread's side."""
    if s.other.key == s.here.key and s.here.filename is not None:
        w("    other: the same line, in another thread")
    else:
        w("    other: %s" % s.other)
        if s.other.source():
            w("           %s" % s.other.source())


def wait_sites(log, top, w):
    shown = log.wait_sites[:top]
    w("")
    w("Longest waits inside attempts (%d of %d, by time waited):" % (len(shown),
                                                                   len(log.wait_sites)))
    for rank, s in enumerate(shown, 1):
        w("")
        w("%2d. %s waited %s in %d attempt%s; object: %s"
          % (rank, fmt_ns(s.waited), wait_name(s.kind), s.count, "" if s.count == 1 else "s",
             s.type_name))
        w("    here:  %s" % s.here)
        if s.here.source():
            w("           %s" % s.here.source())
        other_lines(s, w)
        w("    hint:  " + wrap(wait_hint(s), 88, "           "))


def conflict_sites(log, top, w):
    aborted = log.total("abort_ns")
    shown = log.sites[:top]
    w("Costliest conflict sites (%d of %d, by time lost in aborted attempts):"
      % (len(shown), len(log.sites)))
    for rank, s in enumerate(shown, 1):
        w("")
        kinds = ", ".join("%s %d" % (kind_name(k), c)
                          for k, (c, ns) in sorted(s.kinds.items(),
                                                   key=lambda kv: (-kv[1][1], kv[0])))
        w("%2d. %s lost in %d abort%s (%s), %s of all aborted time; object: %s"
          % (rank, fmt_ns(s.lost), s.count, "" if s.count == 1 else "s", kinds,
             pct(s.lost, aborted),
             ", ".join(s.type_names)))
        w("    here:  %s" % s.here)
        if s.here.source():
            w("           %s" % s.here.source())
        other_lines(s, w)
        w("    hint:  " + wrap(hint(s), 88, "           "))


# --- Command line --------------------------------------------------------------------------

def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="pystm -m pystm.report",
        description="Summarize a pystm conflict log (recorded with PYSTM_LOG=FILE): time "
                    "committed, aborted and waiting per thread, and the costliest conflict "
                    "sites with hints.")
    p.add_argument("log", metavar="FILE", help="the conflict log")
    p.add_argument("--top", metavar="N", type=int, default=10,
                   help="how many conflict sites to show (default 10)")
    p.add_argument("--html", action="store_true",
                   help="write an HTML page with a timeline (to -o, default FILE.html)")
    p.add_argument("-o", metavar="OUT", dest="out",
                   help="write the report to OUT instead of the standard output")
    args = p.parse_args(argv)
    if args.top < 1:
        p.error("--top must be at least 1")
    return args


def write_file(path, text):
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        raise ReportError("%s: cannot write: %s" % (path, e.strerror or e))


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        log = Log(args.log, keep_timeline=args.html)
        if args.html:
            try:
                from ._report_html import render
            except ImportError:  # run as a script (python3.11 lib/pystm/report.py)
                from _report_html import render
            out = args.out or args.log + ".html"
            write_file(out, render(log, args.top))
            for msg in warnings(log):
                print("pystm.report: warning: " + msg, file=sys.stderr)
            print("pystm.report: wrote %s (%d threads, %d records)"
                  % (out, len(log.threads), log.records))
        else:
            text = text_report(log, args.top)
            if log.problem:
                print("pystm.report: warning: the log is %s" % log.problem, file=sys.stderr)
            if args.out:
                write_file(args.out, text)
            else:
                sys.stdout.write(text)
                sys.stdout.flush()
    except ReportError as e:
        print("pystm.report: error: %s" % e, file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
