"""Writes synthetic conflict logs (docs/internals/conflict-log.md) for the tests of the report.

LogWriter builds a log record by record, with string and location ids chosen for the caller, so
a test states what happened (a commit here, an abort at this line because of that line) and knows
the exact totals the report must print. Run as a script, it writes a large random log, for
measuring how fast the report reads one and how the HTML page copes:

    python3.11 tests/report/make_log.py OUT [--records N] [--threads T] [--seed S]
"""

import argparse
import random
import struct

MAGIC = b"PYSTMLOG"
HEADER = struct.Struct("<8sIIQQ")
RECORD = struct.Struct("<BBHIQQQQQ")

COMMIT, ABORT, WAIT, GC, THREAD, STRING, LOCATION = 1, 2, 3, 4, 5, 6, 7
KINDS = {"write_write": 1, "read_locked": 2, "validation": 3, "read_mostly": 4,
         "killed_by_inevitable": 5, "inevitable_read": 6, "explicit": 7}
WAIT_KINDS = {"gc": 1, "blocking": 2, "owner": 3, "inevitable": 4, "become_inevitable": 5}


class LogWriter:
    """Collects records in memory; data() returns the whole file. Tables (strings, locations)
    go at the end, as the recorder writes them, unless tables_first is set."""

    def __init__(self, version=1, wall_start=1_700_000_000_000_000_000, tables_first=False):
        self.version = version
        self.wall_start = wall_start
        self.tables_first = tables_first
        self.records = []
        self.strings = {}
        self.locations = {}

    def string(self, text):
        if text is None:
            return 0
        if text not in self.strings:
            self.strings[text] = len(self.strings) + 1
        return self.strings[text]

    def loc(self, filename, line, function):
        """The tag of a source location (made up, as the recorder's are opaque)."""
        key = (filename, line, function)
        if key not in self.locations:
            self.locations[key] = (len(self.locations) + 1) << 32 | (line * 2 + 1)
        return self.locations[key]

    def _rec(self, rtype, kind=0, thread=0, type_id=0, start=0, end=0, loc=0, other=0, extra=0):
        self.records.append(RECORD.pack(rtype, kind, thread, type_id, start, end, loc, other,
                                        extra))

    def thread(self, index, ident, first=0):
        self._rec(THREAD, thread=index, start=first, extra=ident)

    def commit(self, thread, start, end, inevitable=False, waited=0):
        self._rec(COMMIT, 1 if inevitable else 0, thread, 0, start, end, 0, 0, waited)

    def abort(self, thread, start, end, kind, type_name=None, loc=0, other=0, waited=0):
        self._rec(ABORT, KINDS[kind], thread, self.string(type_name), start, end, loc, other,
                  waited)

    def wait(self, thread, start, end, kind, type_name=None, loc=0, waited=None, other=0):
        """kind gc and blocking: between attempts; the others: inside an attempt, whose own
        record must count the same time as waiting ([other]: where the transaction waited for
        was)."""
        self._rec(WAIT, WAIT_KINDS[kind], thread, self.string(type_name), start, end, loc, other,
                  end - start if waited is None else waited)

    def gc(self, thread, start, end, live=0):
        self._rec(GC, 0, thread, 0, start, end, 0, 0, live)

    def tables(self):
        out = []
        # Intern every name a location uses before writing the strings.
        locs = [(tag, self.string(f), line, self.string(fn))
                for (f, line, fn), tag in self.locations.items()]
        for text, sid in self.strings.items():
            data = text.encode("utf-8")
            out.append(RECORD.pack(STRING, 0, 0, sid, 0, 0, 0, 0, len(data)))
            out.append(data + b"\0" * (-len(data) % 8))
        for tag, fid, line, fnid in locs:
            out.append(RECORD.pack(LOCATION, 0, 0, fid, 0, 0, tag, fnid, line))
        return out

    def data(self):
        head = HEADER.pack(MAGIC, self.version, 0, self.wall_start, 0)
        if self.tables_first:
            return b"".join([head] + self.tables() + self.records)
        return b"".join([head] + self.records + self.tables())

    def write(self, path):
        with open(path, "wb") as f:
            f.write(self.data())


def random_log(path, records, threads, seed):
    """A plausible busy log: each thread alternates commits and aborts at a few sites."""
    rng = random.Random(seed)
    w = LogWriter()
    sites = [w.loc("/tmp/prog%d.py" % (i % 3), 10 + i, "work%d" % i) for i in range(12)]
    kinds = list(KINDS)
    clocks = [0] * threads
    for t in range(threads):
        w.thread(t, 1000 + t, 0)
    for i in range(records):
        t = i % threads
        start = clocks[t] + rng.randrange(0, 2000)
        end = start + rng.randrange(500, 50_000)
        r = rng.random()
        if r < 0.7:
            w.commit(t, start, end, inevitable=r < 0.01)
        elif r < 0.95:
            w.abort(t, start, end, rng.choice(kinds), rng.choice(["dict", "list", "int"]),
                    rng.choice(sites), rng.choice(sites))
        elif r < 0.999:
            w.wait(t, start, end, rng.choice(["gc", "blocking"]))
        else:
            end = start + 200_000
            w.gc(t, start, end)
            for o in range(threads):
                clocks[o] = max(clocks[o], end)
        clocks[t] = max(clocks[t], end)
    w.write(path)


def main():
    p = argparse.ArgumentParser(description="write a random synthetic conflict log")
    p.add_argument("out")
    p.add_argument("--records", type=int, default=300_000)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    random_log(a.out, a.records, a.threads, a.seed)


if __name__ == "__main__":
    main()
