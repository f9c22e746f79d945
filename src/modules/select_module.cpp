// The select module: select() and poll objects on top of poll(2) (no epoll yet: selectors then
// picks PollSelector, subprocess uses poll).
//
// Invariant SEL-1: a poll object's registrations (fd -> event mask) live in a C++ map owned by
// the object and hold no Values, so the object needs no trace function; its destroy function
// releases the map. System calls interrupted by a signal are retried with the remaining
// timeout after the signal's handlers have had their chance to raise (PEP 475).
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/signal_module.h"
#include "objects/api.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/transaction.h"
#include <cerrno>
#include <chrono>
#include <climits>
#include <cmath>
#include <map>
#include <poll.h>
#include <vector>

namespace pystm {

namespace {

Type s_poll_type(&type_type);

int fd_of(Value v)
{
    Value fdv = v;
    if (!is_int(v)) {
        Value m = py_getattr_opt(v, str_from_ascii("fileno"));
        if (!m)
            raise(&exc::TypeError, "argument must be an int, or have a fileno() method.");
        fdv = py_call(m, nullptr, 0);
        if (!is_int(fdv))
            raise(&exc::TypeError, "fileno() returned a non-integer");
    }
    int64_t fd;
    if (!int_to_i64(fdv, &fd) || fd > INT_MAX || fd < INT_MIN)
        raise(&exc::OverflowError, "Python int too large to convert to C int");
    if (fd < 0)
        raise(&exc::ValueError, "file descriptor cannot be a negative integer (%lld)", static_cast<long long>(fd));
    return static_cast<int>(fd);
}

using Clock = std::chrono::steady_clock;

// poll(2) with EINTR retried against a deadline; [timeout_ms] < 0 waits forever.
int poll_retry(std::vector<pollfd>& fds, int64_t timeout_ms)
{
    Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms);
    for (;;) {
        int r, err;
        {
            vm::BlockingRegion region; // fds is C++ memory (TX-1)
            r = ::poll(fds.data(), static_cast<nfds_t>(fds.size()), static_cast<int>(std::min<int64_t>(timeout_ms, INT_MAX)));
            err = errno;
        }
        if (r >= 0)
            return r;
        if (err != EINTR)
            raise_os_error(err);
        signal_check_interrupt();
        if (timeout_ms >= 0) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            timeout_ms = left < 0 ? 0 : left;
        }
    }
}

std::vector<Value> seq_items(Value seq)
{
    std::vector<Value> out;
    Value it = py_iter(seq);
    while (Value v = py_next(it))
        out.push_back(v);
    return out;
}

Value sel_select(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[4];
    parse_args("select", args, nargs, kw, { "rlist", "wlist", "xlist", "timeout", "/" }, 3, a);
    int64_t timeout_ms = -1;
    if (a[3] && !is_none(a[3])) {
        double t = py_float_as_double(a[3]);
        if (std::isnan(t))
            raise(&exc::ValueError, "Invalid value NaN (not a number)");
        if (t < 0)
            raise(&exc::ValueError, "timeout must be non-negative");
        timeout_ms = static_cast<int64_t>(std::ceil(t * 1000.0));
    }
    gc::RootedValues objs;
    std::vector<pollfd> fds;
    std::vector<int> kinds;
    short const masks[3] = { POLLIN | POLLPRI | POLLHUP | POLLERR, POLLOUT | POLLERR, POLLPRI };
    for (int k = 0; k < 3; k++) {
        for (Value v : seq_items(a[k])) {
            objs.push_back(v);
            kinds.push_back(k);
            pollfd p;
            p.fd = fd_of(v);
            p.events = static_cast<short>(k == 0 ? POLLIN | POLLPRI : k == 1 ? POLLOUT : POLLPRI);
            p.revents = 0;
            fds.push_back(p);
        }
    }
    poll_retry(fds, timeout_ms);
    ListObject* out[3] = { list_new(), list_new(), list_new() };
    Value keep[3] = { Value(out[0]), Value(out[1]), Value(out[2]) };
    for (size_t i = 0; i < fds.size(); i++) {
        if (fds[i].revents & POLLNVAL)
            raise_os_error(EBADF);
        if (fds[i].revents & masks[kinds[i]])
            list_append(out[kinds[i]], objs[i]);
    }
    return Value(tuple_of({ keep[0], keep[1], keep[2] }));
}

struct PollObject : Object {
    std::map<int, short> m_fds;
    bool m_polling = false;
    explicit PollObject(Type* t) : Object(t) { }
};

void destroy_poll(Object* o) { static_cast<PollObject*>(o)->~PollObject(); }

PollObject* self_poll(Value self)
{
    PollObject* p = self.as<PollObject>();
    write_barrier(p);
    return p;
}

short mask_arg(Value v)
{
    int64_t m = py_index_i64(v);
    if (m < 0 || m > 0xFFFF)
        raise(&exc::OverflowError, "Python int too large for C unsigned short");
    return static_cast<short>(m);
}

Value sel_poll(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("poll", nargs, kw, 0, 0);
    return Value(gc::make<PollObject>(&s_poll_type));
}

Value po_register(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("register", nargs, kw, 1, 2);
    int fd = fd_of(args[0]);
    short mask = nargs > 1 ? mask_arg(args[1]) : static_cast<short>(POLLIN | POLLPRI | POLLOUT);
    self_poll(self)->m_fds[fd] = mask;
    return none();
}

Value po_modify(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("modify", nargs, kw, 2, 2);
    int fd = fd_of(args[0]);
    short mask = mask_arg(args[1]);
    PollObject* p = self_poll(self);
    auto it = p->m_fds.find(fd);
    if (it == p->m_fds.end())
        raise_os_error(ENOENT);
    it->second = mask;
    return none();
}

Value po_unregister(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("unregister", nargs, kw, 1, 1);
    int fd = fd_of(args[0]);
    PollObject* p = self_poll(self);
    if (!p->m_fds.erase(fd))
        raise_value(exception_new(&exc::KeyError, { args[0] }));
    return none();
}

Value po_poll(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("poll", nargs, kw, 0, 1);
    int64_t timeout_ms = -1;
    if (nargs && !is_none(args[0])) {
        double t = py_float_as_double(args[0]);
        timeout_ms = t < 0 ? -1 : static_cast<int64_t>(std::ceil(t));
    }
    PollObject* p = self_poll(self);
    if (p->m_polling)
        raise(&exc::RuntimeError, "concurrent poll() invocation");
    std::vector<pollfd> fds;
    for (auto const& [fd, mask] : p->m_fds)
        fds.push_back(pollfd { fd, mask, 0 });
    p->m_polling = true;
    try {
        poll_retry(fds, timeout_ms);
    } catch (PyError&) {
        self_poll(self)->m_polling = false;
        throw;
    }
    self_poll(self)->m_polling = false;
    ListObject* out = list_new();
    Value keep(out);
    for (pollfd const& f : fds)
        if (f.revents)
            list_append(out, Value(tuple_of({ Value::small_int(f.fd), Value::small_int(static_cast<uint16_t>(f.revents)) })));
    return keep;
}

MethodDef const s_poll_methods[] = {
    { "register", po_register },
    { "modify", po_modify },
    { "unregister", po_unregister },
    { "poll", po_poll },
    { nullptr, nullptr },
};

MethodDef const s_select_methods[] = {
    { "select", sel_select },
    { "poll", sel_poll },
    { nullptr, nullptr },
};

} // namespace

void setup_select_types()
{
    init_static_type(&s_poll_type, "select.poll", nullptr, sizeof(PollObject), 0, nullptr, destroy_poll);
}

void init_select_types() { add_methods(&s_poll_type, s_poll_methods); }

ModuleObject* init_select_module()
{
    ModuleObject* m = module_new("select");
    DictObject* d = m->m_dict;
    for (MethodDef const* def = s_select_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    dict_set_cstr(d, "error", Value(&exc::OSError));
    struct {
        char const* name;
        int value;
    } const consts[] = {
        { "POLLIN", POLLIN }, { "POLLPRI", POLLPRI }, { "POLLOUT", POLLOUT }, { "POLLERR", POLLERR },
        { "POLLHUP", POLLHUP }, { "POLLNVAL", POLLNVAL }, { "POLLRDNORM", POLLRDNORM },
        { "POLLRDBAND", POLLRDBAND }, { "POLLWRNORM", POLLWRNORM }, { "POLLWRBAND", POLLWRBAND },
        { "POLLMSG", 0x400 }, { "POLLRDHUP", 0x2000 }, { "PIPE_BUF", 4096 },
    };
    for (auto const& c : consts)
        dict_set_cstr(d, c.name, Value::small_int(c.value));
    return m;
}

} // namespace pystm
