// The conflict log's writer (vm/stm_log.h, LOG-1..2; format: docs/internals/conflict-log.md).
#include "vm/stm_log.h"

#include "base/fd_write.h"
#include "objects/object.h"
#include "objects/str_object.h"
#include "objects/type_object.h"
#include "stm/stm.h"
#include "vm/stm_location.h"
#include "vm/thread_state.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <mutex>
#include <string>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pystm::vm {

namespace {

enum RecordType : uint8_t { COMMIT = 1, ABORT = 2, WAIT = 3, GC = 4, THREAD = 5, STRING = 6, LOCATION = 7 };

// WAIT kinds of the format; the runtime's WaitReason n maps to 3 + n.
enum WaitKind : uint8_t { WAIT_GC = 1, WAIT_BLOCKING = 2, WAIT_LOCK_OWNER = 3 };

struct Record {
    uint8_t rtype;
    uint8_t kind;
    uint16_t thread;
    uint32_t type_id;
    uint64_t start; // now_ticks() while buffered; ns since the log began in the file
    uint64_t end;
    uint64_t loc;
    uint64_t other_loc;
    uint64_t extra;
};
static_assert(sizeof(Record) == 48, "the file format's record size");

constexpr size_t kBufferRecords = 4096;

// One thread's buffer. Its own lock only ever meets stm_log_finish() (daemon threads may still
// record while the main thread finishes the log).
struct ThreadLog {
    std::mutex mu;
    std::vector<Record> records;
    uint16_t index = 0;
    // The first wait of the running attempt (the Wait event that begins it): its object's type
    // and location and the other side's, kept until the attempt ends and the WAIT record is
    // complete.
    uint32_t wait_type = 0;
    uint64_t wait_loc = 0;
    uint64_t wait_other = 0; // the other side of the first wait
};

int s_fd = -1;
bool s_active = false;
uint64_t s_base_ticks = 0;
std::mutex s_mu; // guards everything below and writes to s_fd; a leaf lock
std::vector<ThreadLog*> s_threads; // never freed: a finished thread's records wait for the end
std::unordered_map<std::string, uint32_t> s_strings;
std::unordered_set<uint64_t> s_locations; // tags used by records (LOG-2)
thread_local ThreadLog* t_log = nullptr;

// A full disk loses the rest of the log, not the program.
void write_all(void const* data, size_t n) { write_fully(s_fd, data, n); }

double ns_per_tick() { return double(stm::ticks_to_ns(uint64_t(1) << 32)) / double(uint64_t(1) << 32); }

uint64_t to_ns(uint64_t ticks, double rate) { return ticks > s_base_ticks ? uint64_t(double(ticks - s_base_ticks) * rate) : 0; }

// Writes [log]'s records; s_mu and log->mu held.
void flush_locked(ThreadLog* log)
{
    if (log->records.empty())
        return;
    double rate = ns_per_tick();
    for (Record& r : log->records) {
        if (r.rtype == THREAD) {
            r.start = to_ns(r.start, rate);
            continue;
        }
        r.start = to_ns(r.start, rate);
        r.end = r.end ? to_ns(r.end, rate) : r.start;
        if (r.rtype == COMMIT || r.rtype == ABORT || r.rtype == WAIT)
            r.extra = uint64_t(double(r.extra) * rate);
    }
    write_all(log->records.data(), log->records.size() * sizeof(Record));
    log->records.clear();
}

uint32_t string_id_locked(std::string const& s)
{
    auto it = s_strings.find(s);
    if (it != s_strings.end())
        return it->second;
    uint32_t id = static_cast<uint32_t>(s_strings.size() + 1);
    s_strings.emplace(s, id);
    return id;
}

ThreadLog* this_thread_log()
{
    if (t_log)
        return t_log;
    auto* log = new ThreadLog;
    log->records.reserve(kBufferRecords);
    {
        std::lock_guard lk(s_mu);
        log->index = static_cast<uint16_t>(s_threads.size());
        s_threads.push_back(log);
    }
    t_log = log;
    Record r {};
    r.rtype = THREAD;
    r.thread = log->index;
    r.start = stm::now_ticks();
    r.extra = static_cast<uint64_t>(pthread_self()); // _thread.get_ident()
    log->records.push_back(r);
    return log;
}

void append(ThreadLog* log, Record const& r)
{
    std::lock_guard lk(log->mu);
    log->records.push_back(r);
    if (log->records.size() >= kBufferRecords) {
        std::lock_guard g(s_mu);
        flush_locked(log);
    }
}

// The string id of [o]'s type name (0 if none); notes nothing transactional (LOG-1).
uint32_t type_id_of(Object* o)
{
    if (!o || !o->m_type)
        return 0;
    std::string name = o->m_type->name_str();
    std::lock_guard lk(s_mu);
    return string_id_locked(name);
}

void note_locations(uint64_t a, uint64_t b)
{
    if (!a && !b)
        return;
    std::lock_guard lk(s_mu);
    if (a)
        s_locations.insert(a);
    if (b)
        s_locations.insert(b);
}

} // namespace

bool stm_log_open(char const* path)
{
    s_fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (s_fd < 0)
        return false;
    s_base_ticks = stm::now_ticks();
    char header[32] = {};
    std::memcpy(header, "PYSTMLOG", 8);
    uint32_t version = 1;
    std::memcpy(header + 8, &version, 4);
    uint64_t wall = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::system_clock::now().time_since_epoch()).count());
    std::memcpy(header + 16, &wall, 8);
    write_all(header, sizeof header);
    s_active = true;
    this_thread_log(); // the calling (main) thread is thread 0
    return true;
}

bool stm_log_active() { return s_active; }

void stm_log_record(stm::Event const& e)
{
    if (!s_active)
        return;
    ThreadLog* log = this_thread_log();
    Record r {};
    r.thread = log->index;
    r.start = e.start_ticks;
    r.end = e.end_ticks;
    r.extra = e.wait_ticks;
    switch (e.type) {
    case stm::EventType::Commit:
        r.rtype = COMMIT;
        r.kind = e.kind;
        break;
    case stm::EventType::Abort:
        r.rtype = ABORT;
        r.kind = e.kind;
        r.type_id = type_id_of(e.object);
        r.loc = e.location;
        r.other_loc = e.other_location;
        note_locations(r.loc, r.other_loc);
        break;
    case stm::EventType::Wait:
        if (e.end_ticks == 0) {
            // The attempt's first wait begins: the awaited object is alive now.
            log->wait_type = type_id_of(e.object);
            log->wait_loc = e.location;
            log->wait_other = e.other_location;
            note_locations(e.location, e.other_location);
            return;
        }
        r.rtype = WAIT;
        r.kind = static_cast<uint8_t>(WAIT_LOCK_OWNER + e.kind);
        r.type_id = log->wait_type;
        r.loc = log->wait_loc;
        r.other_loc = log->wait_other;
        break;
    }
    append(log, r);
}

void stm_log_gc(uint64_t start_ticks, uint64_t end_ticks, uint64_t live_bytes)
{
    if (!s_active)
        return;
    ThreadLog* log = this_thread_log();
    Record r {};
    r.rtype = GC;
    r.thread = log->index;
    r.start = start_ticks;
    r.end = end_ticks;
    r.extra = live_bytes;
    append(log, r);
}

void stm_log_wait(uint8_t kind, uint64_t start_ticks, uint64_t end_ticks, uint64_t location)
{
    if (!s_active)
        return;
    ThreadLog* log = this_thread_log();
    Record r {};
    r.rtype = WAIT;
    r.kind = kind;
    r.thread = log->index;
    r.start = start_ticks;
    r.end = end_ticks;
    r.extra = end_ticks - start_ticks;
    r.loc = location;
    note_locations(location, 0);
    append(log, r);
}

void stm_log_finish()
{
    if (!s_active)
        return;
    s_active = false;
    std::vector<ThreadLog*> logs;
    {
        std::lock_guard lk(s_mu);
        logs = s_threads;
    }
    for (ThreadLog* log : logs) {
        // The order append() takes them in: the buffer's lock, then s_mu.
        std::lock_guard g(log->mu);
        std::lock_guard lk(s_mu);
        flush_locked(log);
    }
    std::lock_guard lk(s_mu);
    // LOG-2: the tables. Locations first (they add their strings), then every string.
    std::vector<Record> locs;
    for (uint64_t tag : s_locations) {
        SourceLocation where;
        if (!resolve_location(tag, where))
            continue;
        Record r {};
        r.rtype = LOCATION;
        r.loc = tag;
        r.type_id = where.filename ? string_id_locked(str_utf8(where.filename)) : 0;
        r.other_loc = where.function ? string_id_locked(str_utf8(where.function)) : 0;
        r.extra = static_cast<uint64_t>(where.line > 0 ? where.line : 0);
        locs.push_back(r);
    }
    write_all(locs.data(), locs.size() * sizeof(Record));
    for (auto const& [text, id] : s_strings) {
        Record r {};
        r.rtype = STRING;
        r.type_id = id;
        r.extra = text.size();
        write_all(&r, sizeof r);
        write_all(text.data(), text.size());
        static char const zeros[8] = {};
        if (size_t pad = (8 - text.size() % 8) % 8)
            write_all(zeros, pad);
    }
    ::close(s_fd);
    s_fd = -1;
}

} // namespace pystm::vm
