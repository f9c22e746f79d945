// The _socket module that socket.py wraps: the socket type for AF_INET, AF_INET6 and AF_UNIX
// stream and datagram sockets (bind, listen, _accept, connect(_ex), send/sendall/sendto,
// recv/recv_into/recvfrom, shutdown, socket options, names, timeouts and blocking mode, close,
// detach, fileno), socketpair, getaddrinfo, gethostname, gethostbyname, the inet_* and byte
// order helpers, the default timeout, the constants, and herror/gaierror (error is OSError,
// timeout is TimeoutError, as in CPython 3.11).
//
// Invariants: a socket's descriptor, family/type/proto and timeout are read after read_barrier
// and written after write_barrier on the socket; m_fd == -1 means closed or detached, and every
// operation on such a socket raises OSError(EBADF). A socket with a timeout (>= 0) has
// O_NONBLOCK set on its descriptor; blocking with a timeout is done with poll(2). A swept socket
// that still owns a descriptor closes it (its m_destroy). System calls interrupted by a signal
// are retried after the signal handlers have run (PEP 475).
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/signal_module.h"
#include "objects/api.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_internal.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/slice_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/transaction.h"
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace pystm {

extern Type memoryview_type; // modules/io_memoryview.cpp

void setup_socket_types();
void init_socket_types();
ModuleObject* init_socket_module();

namespace {

Type socket_type { &type_type };
Value s_herror; // _socket.herror (a root)
Value s_gaierror; // _socket.gaierror (a root)
std::atomic<double> s_default_timeout { -1.0 }; // < 0: None

struct SocketObject : Object {
    int m_fd = -1;
    int m_family = AF_INET;
    int m_type = SOCK_STREAM;
    int m_proto = 0;
    double m_timeout = -1.0; // < 0: blocking without timeout (None)
    explicit SocketObject(Type* t) : Object(t) { }
};

void socket_destroy(Object* o)
{
    auto* s = static_cast<SocketObject*>(o);
    if (s->m_fd >= 0)
        ::close(s->m_fd);
    s->m_fd = -1;
}

SocketObject* as_sock(Value v)
{
    if (!isinstance(v, &socket_type))
        raise(&exc::TypeError, "descriptor requires a '_socket.socket' object but received a '%s'", type_name(v).c_str());
    return v.as<SocketObject>();
}

// The descriptor of an open socket (EBADF otherwise).
int sock_fd(SocketObject* s)
{
    read_barrier(s);
    if (s->m_fd < 0)
        raise_os_error(EBADF);
    return s->m_fd;
}

[[noreturn]] void raise_gai(int err)
{
    if (err == EAI_SYSTEM)
        raise_os_error(errno);
    raise_value(py_call2(s_gaierror, Value::small_int(err), str_from_utf8(gai_strerror(err))));
}

std::string_view data_arg(Value v, std::string& tmp)
{
    return need_buffer(v, tmp);
}

void set_nonblocking(int fd, bool on)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0)
        raise_os_error(errno);
    int want = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
    if (want != flags && fcntl(fd, F_SETFL, want) < 0)
        raise_os_error(errno);
}

double parse_timeout(Value v)
{
    if (is_none(v))
        return -1.0;
    double t = py_float_as_double(v);
    if (std::isnan(t))
        raise(&exc::ValueError, "Invalid value NaN (not a number)");
    if (t < 0)
        raise(&exc::ValueError, "Timeout value out of range");
    return t;
}

using Clock = std::chrono::steady_clock;

// Runs [op] (a system call returning < 0 with errno on failure) under the socket's timeout:
// waits for [events] with poll when a timeout is set, retries after EINTR, and raises
// TimeoutError("timed out") when the deadline passes.
template <typename Op>
ssize_t sock_call(SocketObject* s, short events, Op op)
{
    read_barrier(s);
    double timeout = s->m_timeout;
    auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout > 0 ? timeout : 0));
    for (;;) {
        int fd = sock_fd(s);
        if (timeout > 0) {
            double left = std::chrono::duration<double>(deadline - Clock::now()).count();
            if (left < 0)
                left = 0;
            pollfd p { fd, events, 0 };
            int r, err;
            {
                vm::BlockingRegion region;
                r = poll(&p, 1, static_cast<int>(std::ceil(left * 1000)));
                err = errno;
            }
            if (r < 0) {
                if (err == EINTR) {
                    signal_check_interrupt();
                    continue;
                }
                raise_os_error(err);
            }
            if (r == 0)
                raise(&exc::TimeoutError, "timed out");
        }
        ssize_t n;
        {
            // [op] works on C++ buffers and the stack only (TX-1).
            vm::BlockingRegion region;
            n = op(fd);
        }
        if (n >= 0)
            return n;
        if (errno == EINTR) {
            signal_check_interrupt();
            continue;
        }
        if (timeout > 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            continue;
        raise_os_error(errno);
    }
}

// --- addresses -----------------------------------------------------------------------------------

int64_t port_of(Value v, char const* caller)
{
    if (!is_int(v))
        raise(&exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(v).c_str());
    int64_t p;
    if (!int_to_i64(v, &p) || p < 0 || p > 65535)
        raise(&exc::OverflowError, "%s: port must be 0-65535.", caller);
    return p;
}

// Resolves [host] for [family] into [out] (the address part only).
void resolve_host(Value hostv, int family, sockaddr_storage* out)
{
    std::string host = is_str(hostv) ? str_utf8(hostv) : std::string(data_arg(hostv, host));
    if (family == AF_INET) {
        auto* a = reinterpret_cast<sockaddr_in*>(out);
        a->sin_family = AF_INET;
        if (host.empty()) {
            a->sin_addr.s_addr = htonl(INADDR_ANY);
            return;
        }
        if (host == "<broadcast>" || host == "255.255.255.255") {
            a->sin_addr.s_addr = htonl(INADDR_BROADCAST);
            return;
        }
        if (inet_pton(AF_INET, host.c_str(), &a->sin_addr) == 1)
            return;
    } else {
        auto* a = reinterpret_cast<sockaddr_in6*>(out);
        a->sin6_family = AF_INET6;
        if (host.empty()) {
            a->sin6_addr = in6addr_any;
            return;
        }
        if (inet_pton(AF_INET6, host.c_str(), &a->sin6_addr) == 1)
            return;
    }
    addrinfo hints {};
    hints.ai_family = family;
    addrinfo* res = nullptr;
    int err = getaddrinfo(host.c_str(), nullptr, &hints, &res);
    if (err)
        raise_gai(err);
    if (family == AF_INET)
        reinterpret_cast<sockaddr_in*>(out)->sin_addr = reinterpret_cast<sockaddr_in*>(res->ai_addr)->sin_addr;
    else
        reinterpret_cast<sockaddr_in6*>(out)->sin6_addr = reinterpret_cast<sockaddr_in6*>(res->ai_addr)->sin6_addr;
    freeaddrinfo(res);
}

socklen_t parse_sockaddr(SocketObject* s, Value addr, sockaddr_storage* out, char const* caller)
{
    memset(out, 0, sizeof *out);
    read_barrier(s);
    switch (s->m_family) {
    case AF_UNIX: {
        std::string tmp;
        std::string path;
        if (is_str(addr))
            path = str_utf8(addr);
        else
            path = std::string(data_arg(addr, tmp));
        auto* a = reinterpret_cast<sockaddr_un*>(out);
        if (path.size() >= sizeof a->sun_path)
            raise(&exc::OSError, "AF_UNIX path too long");
        a->sun_family = AF_UNIX;
        memcpy(a->sun_path, path.data(), path.size());
        // Abstract-namespace names (leading NUL) have no terminator.
        if (!path.empty() && path[0] == '\0')
            return static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());
        return static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() + 1);
    }
    case AF_INET: {
        if (!is_tuple(addr))
            raise(&exc::TypeError, "%s: AF_INET address must be tuple, not %s", caller, type_name(addr).c_str());
        TupleObject* t = addr.as<TupleObject>();
        if (t->m_size != 2)
            raise(&exc::TypeError, "AF_INET address must be a pair (host, port)");
        if (!is_str(t->item(0)) && !is_bytes(t->item(0)) && !is_bytearray(t->item(0)))
            raise(&exc::TypeError, "str, bytes or bytearray expected, not %s", type_name(t->item(0)).c_str());
        int64_t port = port_of(t->item(1), caller);
        resolve_host(t->item(0), AF_INET, out);
        reinterpret_cast<sockaddr_in*>(out)->sin_port = htons(static_cast<uint16_t>(port));
        return sizeof(sockaddr_in);
    }
    case AF_INET6: {
        if (!is_tuple(addr))
            raise(&exc::TypeError, "%s: AF_INET6 address must be tuple, not %s", caller, type_name(addr).c_str());
        TupleObject* t = addr.as<TupleObject>();
        if (t->m_size < 2 || t->m_size > 4)
            raise(&exc::TypeError, "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])");
        int64_t port = port_of(t->item(1), caller);
        int64_t flow = t->m_size > 2 ? py_index_i64(t->item(2)) : 0;
        int64_t scope = t->m_size > 3 ? py_index_i64(t->item(3)) : 0;
        if (flow < 0 || flow > 0xfffff)
            raise(&exc::OverflowError, "%s: flowinfo must be 0-1048575.", caller);
        resolve_host(t->item(0), AF_INET6, out);
        auto* a = reinterpret_cast<sockaddr_in6*>(out);
        a->sin6_port = htons(static_cast<uint16_t>(port));
        a->sin6_flowinfo = htonl(static_cast<uint32_t>(flow));
        a->sin6_scope_id = static_cast<uint32_t>(scope);
        return sizeof(sockaddr_in6);
    }
    default:
        raise(&exc::OSError, "%s(): bad family", caller);
    }
}

Value make_sockaddr(sockaddr const* sa, socklen_t len)
{
    if (len == 0)
        return none();
    char buf[INET6_ADDRSTRLEN];
    switch (sa->sa_family) {
    case AF_INET: {
        auto* a = reinterpret_cast<sockaddr_in const*>(sa);
        inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
        return tuple_of({ str_from_ascii(buf), Value::small_int(ntohs(a->sin_port)) });
    }
    case AF_INET6: {
        auto* a = reinterpret_cast<sockaddr_in6 const*>(sa);
        inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
        return tuple_of({ str_from_ascii(buf), Value::small_int(ntohs(a->sin6_port)),
            int_from_u64(ntohl(a->sin6_flowinfo)), int_from_u64(a->sin6_scope_id) });
    }
    case AF_UNIX: {
        auto* a = reinterpret_cast<sockaddr_un const*>(sa);
        size_t n = len > offsetof(sockaddr_un, sun_path) ? len - offsetof(sockaddr_un, sun_path) : 0;
        if (n > 0 && a->sun_path[0] == '\0')
            return bytes_new(std::string_view(a->sun_path, n));
        return str_from_utf8(std::string_view(a->sun_path, strnlen(a->sun_path, n)));
    }
    default:
        return tuple_of({ Value::small_int(sa->sa_family), bytes_new("") });
    }
}

// --- the socket type -----------------------------------------------------------------------------

Value sock_new(Value, Value const* args, size_t nargs, TupleObject*)
{
    if (nargs < 1 || !is_type(args[0]) || !args[0].as<Type>()->is_subtype(&socket_type))
        raise(&exc::TypeError, "socket.__new__(X): X is not a subtype of _socket.socket");
    return gc::make<SocketObject>(args[0].as<Type>());
}

int getsockopt_int(int fd, int level, int opt)
{
    int v = 0;
    socklen_t n = sizeof v;
    if (getsockopt(fd, level, opt, &v, &n) < 0)
        raise_os_error(errno);
    return v;
}

void init_timeout(SocketObject* s, bool nonblock_flag)
{
    double t = s_default_timeout.load();
    if (nonblock_flag)
        t = 0.0;
    s->m_timeout = t;
    if (t >= 0)
        set_nonblocking(s->m_fd, true);
}

Value sock_init(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    Value a[4];
    parse_args("socket", args, nargs, kw, { "family", "type", "proto", "fileno" }, 0, a);
    SocketObject* s = as_sock(self);
    int64_t family = a[0] && !is_none(a[0]) ? py_index_i64(a[0]) : -1;
    int64_t type = a[1] && !is_none(a[1]) ? py_index_i64(a[1]) : -1;
    int64_t proto = a[2] && !is_none(a[2]) ? py_index_i64(a[2]) : -1;
    write_barrier(s);
    if (a[3] && !is_none(a[3])) {
        if (is_float(a[3]))
            raise(&exc::TypeError, "'float' object cannot be interpreted as an integer");
        int64_t fd = py_index_i64(a[3]);
        if (fd < 0)
            raise(&exc::ValueError, "negative file descriptor");
        int ifd = static_cast<int>(fd);
        if (family == -1)
            family = getsockopt_int(ifd, SOL_SOCKET, SO_DOMAIN);
        if (type == -1)
            type = getsockopt_int(ifd, SOL_SOCKET, SO_TYPE);
        if (proto == -1)
            proto = getsockopt_int(ifd, SOL_SOCKET, SO_PROTOCOL);
        s->m_fd = ifd;
    } else {
        if (family == -1)
            family = AF_INET;
        if (type == -1)
            type = SOCK_STREAM;
        if (proto == -1)
            proto = 0;
        int fd = ::socket(static_cast<int>(family), static_cast<int>(type) | SOCK_CLOEXEC, static_cast<int>(proto));
        if (fd < 0)
            raise_os_error(errno);
        s->m_fd = fd;
    }
    s->m_family = static_cast<int>(family);
    s->m_type = static_cast<int>(type) & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    s->m_proto = static_cast<int>(proto);
    init_timeout(s, type & SOCK_NONBLOCK);
    return none();
}

Value sock_bind(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    check_nargs("bind", nargs, kw, 1, 1);
    SocketObject* s = as_sock(self);
    sockaddr_storage ss;
    socklen_t len = parse_sockaddr(s, args[0], &ss, "bind()");
    if (::bind(sock_fd(s), reinterpret_cast<sockaddr*>(&ss), len) < 0)
        raise_os_error(errno);
    return none();
}

Value sock_listen(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    check_nargs("listen", nargs, kw, 0, 1);
    int64_t backlog = nargs ? py_index_i64(args[0]) : std::min(SOMAXCONN, 128);
    if (backlog < 0)
        backlog = 0;
    if (::listen(sock_fd(as_sock(self)), static_cast<int>(std::min<int64_t>(backlog, INT32_MAX))) < 0)
        raise_os_error(errno);
    return none();
}

Value sock_accept(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("_accept", nargs, kw, 0, 0);
    SocketObject* s = as_sock(self);
    sockaddr_storage ss;
    socklen_t len = sizeof ss;
    ssize_t fd = sock_call(s, POLLIN, [&](int sfd) {
        len = sizeof ss;
        return static_cast<ssize_t>(::accept4(sfd, reinterpret_cast<sockaddr*>(&ss), &len, SOCK_CLOEXEC));
    });
    return tuple_of({ Value::small_int(fd), make_sockaddr(reinterpret_cast<sockaddr*>(&ss), len) });
}

// connect(); returns 0 or the errno (connect_ex) / raises (connect).
int do_connect(SocketObject* s, Value addr, bool raise_errors)
{
    sockaddr_storage ss;
    socklen_t len = parse_sockaddr(s, addr, &ss, "connect()");
    int fd = sock_fd(s);
    int r;
    do {
        r = ::connect(fd, reinterpret_cast<sockaddr*>(&ss), len);
        if (r < 0 && errno == EINTR)
            signal_check_interrupt();
    } while (r < 0 && errno == EINTR);
    int err = r < 0 ? errno : 0;
    read_barrier(s);
    if (err == EINPROGRESS && s->m_timeout > 0) {
        pollfd p { fd, POLLOUT, 0 };
        int pr;
        do
            pr = poll(&p, 1, static_cast<int>(std::ceil(s->m_timeout * 1000)));
        while (pr < 0 && errno == EINTR);
        if (pr == 0) {
            if (raise_errors)
                raise(&exc::TimeoutError, "timed out");
            return EWOULDBLOCK;
        }
        err = getsockopt_int(fd, SOL_SOCKET, SO_ERROR);
    }
    if (err && raise_errors)
        raise_os_error(err);
    return err;
}

Value sock_connect(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    check_nargs("connect", nargs, kw, 1, 1);
    do_connect(as_sock(self), args[0], true);
    return none();
}

Value sock_connect_ex(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    check_nargs("connect_ex", nargs, kw, 1, 1);
    return Value::small_int(do_connect(as_sock(self), args[0], false));
}

int flags_arg(Value const* args, size_t nargs, size_t i) { return nargs > i ? static_cast<int>(py_index_i64(args[i])) : 0; }

Value sock_send(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("send", nargs, kw, 1, 2);
    std::string tmp;
    std::string_view d = data_arg(args[0], tmp);
    int flags = flags_arg(args, nargs, 1);
    ssize_t n = sock_call(as_sock(self), POLLOUT, [&](int fd) { return ::send(fd, d.data(), d.size(), flags | MSG_NOSIGNAL); });
    return int_from_i64(n);
}

Value sock_sendall(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("sendall", nargs, kw, 1, 2);
    std::string tmp;
    std::string_view d = data_arg(args[0], tmp);
    int flags = flags_arg(args, nargs, 1);
    SocketObject* s = as_sock(self);
    while (!d.empty()) {
        ssize_t n = sock_call(s, POLLOUT, [&](int fd) { return ::send(fd, d.data(), d.size(), flags | MSG_NOSIGNAL); });
        d.remove_prefix(static_cast<size_t>(n));
        // A signal that interrupts send() after some bytes went out makes it return their count,
        // not EINTR: its handlers run before the next send, as CPython's (bpo-18748).
        signal_check_interrupt();
    }
    return none();
}

Value sock_sendto(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("sendto", nargs, kw, 2, 3);
    std::string tmp;
    std::string_view d = data_arg(args[0], tmp);
    int flags = nargs == 3 ? flags_arg(args, nargs, 1) : 0;
    SocketObject* s = as_sock(self);
    sockaddr_storage ss;
    socklen_t len = parse_sockaddr(s, args[nargs - 1], &ss, "sendto()");
    ssize_t n = sock_call(s, POLLOUT, [&](int fd) {
        return ::sendto(fd, d.data(), d.size(), flags | MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&ss), len);
    });
    return int_from_i64(n);
}

int64_t bufsize_arg(Value v, char const* what)
{
    int64_t n = py_index_i64(v);
    if (n < 0)
        raise(&exc::ValueError, "negative buffersize in %s", what);
    return n;
}

Value sock_recv(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("recv", nargs, kw, 1, 2);
    int64_t size = bufsize_arg(args[0], "recv");
    int flags = flags_arg(args, nargs, 1);
    std::string buf(static_cast<size_t>(size), '\0');
    ssize_t n = sock_call(as_sock(self), POLLIN, [&](int fd) { return ::recv(fd, buf.data(), buf.size(), flags); });
    buf.resize(static_cast<size_t>(n));
    return bytes_new(buf);
}

Value sock_recvfrom(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("recvfrom", nargs, kw, 1, 2);
    int64_t size = bufsize_arg(args[0], "recvfrom");
    int flags = flags_arg(args, nargs, 1);
    std::string buf(static_cast<size_t>(size), '\0');
    sockaddr_storage ss;
    socklen_t len = sizeof ss;
    ssize_t n = sock_call(as_sock(self), POLLIN, [&](int fd) {
        len = sizeof ss;
        return ::recvfrom(fd, buf.data(), buf.size(), flags, reinterpret_cast<sockaddr*>(&ss), &len);
    });
    buf.resize(static_cast<size_t>(n));
    return tuple_of({ bytes_new(buf), make_sockaddr(reinterpret_cast<sockaddr*>(&ss), len) });
}

// recv_into(buffer, nbytes=0, flags=0): any writable buffer (bytearray, array.array, a
// writable memoryview); nbytes counts bytes, not items.
Value recv_into_impl(Value self, Value const* args, size_t nargs, TupleObject* kw, bool from)
{
    Value a[3];
    parse_args(from ? "recvfrom_into" : "recv_into", args, nargs, kw, { "buffer", "nbytes", "flags" }, 1, a);
    WritableBuffer w;
    if (!writable_buffer(a[0], &w))
        raise(&exc::TypeError, "%s() argument 1 must be read-write bytes-like object, not %s",
            from ? "recvfrom_into" : "recv_into", type_name(a[0]).c_str());
    int64_t cap = w.size();
    int64_t want = a[1] ? py_index_i64(a[1]) : 0;
    if (want < 0)
        raise(&exc::ValueError, "negative buffersize in %s", from ? "recvfrom_into" : "recv_into");
    if (want == 0)
        want = cap;
    if (want > cap)
        raise(&exc::ValueError, "buffer too small for requested bytes");
    int flags = a[2] ? static_cast<int>(py_index_i64(a[2])) : 0;
    std::string buf(static_cast<size_t>(want), '\0');
    sockaddr_storage ss;
    socklen_t len = sizeof ss;
    ssize_t n = sock_call(as_sock(self), POLLIN, [&](int fd) {
        len = sizeof ss;
        return from ? ::recvfrom(fd, buf.data(), buf.size(), flags, reinterpret_cast<sockaddr*>(&ss), &len)
                    : ::recv(fd, buf.data(), buf.size(), flags);
    });
    w.write(0, std::string_view(buf.data(), static_cast<size_t>(n)));
    return from ? Value(tuple_of({ int_from_i64(n), make_sockaddr(reinterpret_cast<sockaddr*>(&ss), len) })) : int_from_i64(n);
}

Value sock_recv_into(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return recv_into_impl(self, args, nargs, kw, false);
}
Value sock_recvfrom_into(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    return recv_into_impl(self, args, nargs, kw, true);
}

Value sock_shutdown(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    check_nargs("shutdown", nargs, kw, 1, 1);
    if (::shutdown(sock_fd(as_sock(self)), static_cast<int>(py_index_i64(args[0]))) < 0)
        raise_os_error(errno);
    return none();
}

Value sock_close(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    check_nargs("close", nargs, kw, 0, 0);
    SocketObject* s = as_sock(self);
    write_barrier(s);
    int fd = s->m_fd;
    if (fd >= 0) {
        s->m_fd = -1;
        // ECONNRESET from close() means the peer went away: not an error for the caller.
        if (::close(fd) < 0 && errno != ECONNRESET)
            raise_os_error(errno);
    }
    return none();
}

Value sock_detach(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    check_nargs("detach", nargs, kw, 0, 0);
    SocketObject* s = as_sock(self);
    write_barrier(s);
    int fd = s->m_fd;
    s->m_fd = -1;
    return Value::small_int(fd);
}

Value sock_fileno(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("fileno", nargs, kw, 0, 0);
    SocketObject* s = as_sock(self);
    read_barrier(s);
    return Value::small_int(s->m_fd);
}

Value sock_name(Value self, bool peer)
{
    SocketObject* s = as_sock(self);
    sockaddr_storage ss;
    socklen_t len = sizeof ss;
    memset(&ss, 0, sizeof ss);
    int r = peer ? getpeername(sock_fd(s), reinterpret_cast<sockaddr*>(&ss), &len)
                 : getsockname(sock_fd(s), reinterpret_cast<sockaddr*>(&ss), &len);
    if (r < 0)
        raise_os_error(errno);
    if (len == 0 || ss.ss_family == AF_UNSPEC) {
        read_barrier(s);
        if (s->m_family == AF_UNIX)
            return str_empty();
    }
    return make_sockaddr(reinterpret_cast<sockaddr*>(&ss), len);
}
Value sock_getsockname(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("getsockname", nargs, kw, 0, 0);
    return sock_name(self, false);
}
Value sock_getpeername(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("getpeername", nargs, kw, 0, 0);
    return sock_name(self, true);
}

Value sock_setsockopt(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    check_nargs("setsockopt", nargs, kw, 3, 4);
    int level = static_cast<int>(py_index_i64(args[0]));
    int opt = static_cast<int>(py_index_i64(args[1]));
    int fd = sock_fd(as_sock(self));
    int r;
    if (nargs == 4) {
        if (!is_none(args[2]))
            raise(&exc::TypeError, "setsockopt() argument 3 must be NoneType, not %s", type_name(args[2]).c_str());
        r = ::setsockopt(fd, level, opt, nullptr, static_cast<socklen_t>(py_index_i64(args[3])));
    } else if (is_int(args[2])) {
        int v = static_cast<int>(py_index_i64(args[2]));
        r = ::setsockopt(fd, level, opt, &v, sizeof v);
    } else {
        std::string tmp;
        std::string_view d = data_arg(args[2], tmp);
        r = ::setsockopt(fd, level, opt, d.data(), static_cast<socklen_t>(d.size()));
    }
    if (r < 0)
        raise_os_error(errno);
    return none();
}

Value sock_getsockopt(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("getsockopt", nargs, kw, 2, 3);
    int level = static_cast<int>(py_index_i64(args[0]));
    int opt = static_cast<int>(py_index_i64(args[1]));
    int fd = sock_fd(as_sock(self));
    if (nargs == 2)
        return Value::small_int(getsockopt_int(fd, level, opt));
    int64_t buflen = py_index_i64(args[2]);
    if (buflen <= 0 || buflen > 1024)
        raise(&exc::OSError, "getsockopt buflen out of range");
    std::string buf(static_cast<size_t>(buflen), '\0');
    socklen_t n = static_cast<socklen_t>(buflen);
    if (getsockopt(fd, level, opt, buf.data(), &n) < 0)
        raise_os_error(errno);
    buf.resize(n);
    return bytes_new(buf);
}

void apply_timeout(SocketObject* s, double t)
{
    write_barrier(s);
    s->m_timeout = t;
    if (s->m_fd >= 0)
        set_nonblocking(s->m_fd, t >= 0);
}

Value sock_settimeout(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    check_nargs("settimeout", nargs, kw, 1, 1);
    apply_timeout(as_sock(self), parse_timeout(args[0]));
    return none();
}
Value sock_gettimeout(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("gettimeout", nargs, kw, 0, 0);
    SocketObject* s = as_sock(self);
    read_barrier(s);
    return s->m_timeout < 0 ? none() : float_new(s->m_timeout);
}
Value sock_setblocking(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    check_nargs("setblocking", nargs, kw, 1, 1);
    apply_timeout(as_sock(self), py_truthy(args[0]) ? -1.0 : 0.0);
    return none();
}
Value sock_getblocking(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("getblocking", nargs, kw, 0, 0);
    SocketObject* s = as_sock(self);
    read_barrier(s);
    return py_bool(s->m_timeout != 0.0);
}

Value sock_repr(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("__repr__", nargs, kw, 0, 0);
    SocketObject* s = as_sock(self);
    read_barrier(s);
    char buf[128];
    snprintf(buf, sizeof buf, "<socket object, fd=%d, family=%d, type=%d, proto=%d>", s->m_fd, s->m_family, s->m_type, s->m_proto);
    return str_from_ascii(buf);
}

Value sock_family(Value self) { return Value::small_int(as_sock(self)->m_family); }
Value sock_type_attr(Value self) { return Value::small_int(as_sock(self)->m_type); }
Value sock_proto(Value self) { return Value::small_int(as_sock(self)->m_proto); }
Value sock_timeout_attr(Value self)
{
    SocketObject* s = as_sock(self);
    read_barrier(s);
    return s->m_timeout < 0 ? none() : float_new(s->m_timeout);
}

// --- module functions ----------------------------------------------------------------------------

Value m_socketpair(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    check_nargs("socketpair", nargs, kw, 0, 3);
    int family = nargs > 0 && !is_none(args[0]) ? static_cast<int>(py_index_i64(args[0])) : AF_UNIX;
    int type = nargs > 1 && !is_none(args[1]) ? static_cast<int>(py_index_i64(args[1])) : SOCK_STREAM;
    int proto = nargs > 2 && !is_none(args[2]) ? static_cast<int>(py_index_i64(args[2])) : 0;
    int fds[2];
    if (::socketpair(family, type | SOCK_CLOEXEC, proto, fds) < 0)
        raise_os_error(errno);
    Value out[2];
    for (int i = 0; i < 2; i++) {
        auto* s = gc::make<SocketObject>(&socket_type);
        s->m_fd = fds[i];
        s->m_family = family;
        s->m_type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
        s->m_proto = proto;
        init_timeout(s, type & SOCK_NONBLOCK);
        out[i] = s;
    }
    return tuple_of({ out[0], out[1] });
}

Value m_getaddrinfo(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[6];
    parse_args("getaddrinfo", args, nargs, kw, { "host", "port", "family", "type", "proto", "flags" }, 2, a);
    std::string host, port, tmp;
    bool has_host = !is_none(a[0]), has_port = !is_none(a[1]);
    if (has_host) {
        if (is_str(a[0]))
            host = str_utf8(a[0]);
        else if (is_bytes(a[0]))
            host = std::string(a[0].as<BytesObject>()->view());
        else
            raise(&exc::TypeError, "getaddrinfo() argument 1 must be string or None");
    }
    if (has_port) {
        if (is_int(a[1]))
            port = std::to_string(py_index_i64(a[1]));
        else if (is_str(a[1]))
            port = str_utf8(a[1]);
        else if (is_bytes(a[1]))
            port = std::string(a[1].as<BytesObject>()->view());
        else
            raise(&exc::OSError, "Int or String expected");
    }
    addrinfo hints {};
    hints.ai_family = a[2] ? static_cast<int>(py_index_i64(a[2])) : AF_UNSPEC;
    hints.ai_socktype = a[3] ? static_cast<int>(py_index_i64(a[3])) : 0;
    hints.ai_protocol = a[4] ? static_cast<int>(py_index_i64(a[4])) : 0;
    hints.ai_flags = a[5] ? static_cast<int>(py_index_i64(a[5])) : 0;
    addrinfo* res = nullptr;
    int err = getaddrinfo(has_host ? host.c_str() : nullptr, has_port ? port.c_str() : nullptr, &hints, &res);
    if (err)
        raise_gai(err);
    ListObject* out = list_new();
    try {
        for (addrinfo* r = res; r; r = r->ai_next)
            list_append(out, tuple_of({ Value::small_int(r->ai_family), Value::small_int(r->ai_socktype),
                                 Value::small_int(r->ai_protocol), str_from_utf8(r->ai_canonname ? r->ai_canonname : ""),
                                 make_sockaddr(r->ai_addr, r->ai_addrlen) }));
    } catch (PyError&) {
        freeaddrinfo(res);
        throw;
    }
    freeaddrinfo(res);
    return out;
}

Value m_gethostname(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("gethostname", nargs, kw, 0, 0);
    char buf[256];
    if (gethostname(buf, sizeof buf) < 0)
        raise_os_error(errno);
    buf[sizeof buf - 1] = 0;
    return str_from_utf8(buf);
}

Value m_gethostbyname(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("gethostbyname", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "gethostbyname() argument 1 must be str, not %s", type_name(args[0]).c_str());
    sockaddr_storage ss {};
    resolve_host(args[0], AF_INET, &ss);
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&ss)->sin_addr, buf, sizeof buf);
    return str_from_ascii(buf);
}

// --- netdb look-ups (gethostbyaddr, getnameinfo, services, protocols, interfaces) ---------------

[[noreturn]] void raise_herror(int err)
{
    raise_value(py_call2(s_herror, Value::small_int(err), str_from_utf8(hstrerror(err))));
}

// A host name argument as CPython's "et" with the idna codec: str, bytes or bytearray.
std::string host_arg(Value v, char const* caller)
{
    if (is_str(v))
        return str_utf8(v);
    if (is_bytes(v) || is_bytearray(v)) {
        std::string tmp;
        return std::string(data_arg(v, tmp));
    }
    raise(&exc::TypeError, "%s() argument 1 must be str, bytes or bytearray, not %s", caller,
        is_none(v) ? "None" : type_name(v).c_str());
}

// (name, aliases, addresses) of a hostent, as CPython's gethost_common.
Value hostent_tuple(hostent const* h)
{
    ListObject* aliases = list_new();
    for (char** a = h->h_aliases; a && *a; a++)
        list_append(aliases, str_from_utf8(*a));
    ListObject* addrs = list_new();
    for (char** a = h->h_addr_list; a && *a; a++) {
        char buf[INET6_ADDRSTRLEN];
        if (inet_ntop(h->h_addrtype, *a, buf, sizeof buf))
            list_append(addrs, str_from_ascii(buf));
    }
    return tuple_of({ str_from_utf8(h->h_name), Value(aliases), Value(addrs) });
}

Value m_gethostbyname_ex(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("gethostbyname_ex", nargs, kw, 1, 1);
    std::string host = host_arg(args[0], "gethostbyname_ex");
    sockaddr_storage ss {};
    resolve_host(args[0], AF_INET, &ss); // gaierror for names that do not resolve, as CPython
    hostent hb;
    hostent* h = nullptr;
    char buf[16384];
    int herr = 0;
    gethostbyname_r(host.c_str(), &hb, buf, sizeof buf, &h, &herr);
    if (!h)
        raise_herror(herr);
    return hostent_tuple(h);
}

Value m_gethostbyaddr(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("gethostbyaddr", nargs, kw, 1, 1);
    std::string host = host_arg(args[0], "gethostbyaddr");
    in6_addr a6;
    in_addr a4;
    void const* addr;
    socklen_t len;
    int family;
    addrinfo* res = nullptr;
    if (inet_pton(AF_INET, host.c_str(), &a4) == 1) {
        addr = &a4, len = sizeof a4, family = AF_INET;
    } else if (inet_pton(AF_INET6, host.c_str(), &a6) == 1) {
        addr = &a6, len = sizeof a6, family = AF_INET6;
    } else {
        addrinfo hints {};
        hints.ai_family = AF_UNSPEC;
        if (int err = getaddrinfo(host.c_str(), nullptr, &hints, &res))
            raise_gai(err);
        family = res->ai_family;
        if (family == AF_INET)
            a4 = reinterpret_cast<sockaddr_in*>(res->ai_addr)->sin_addr, addr = &a4,
            len = sizeof a4;
        else
            a6 = reinterpret_cast<sockaddr_in6*>(res->ai_addr)->sin6_addr, addr = &a6,
            len = sizeof a6;
        freeaddrinfo(res);
    }
    hostent hb;
    hostent* h = nullptr;
    char buf[16384];
    int herr = 0;
    gethostbyaddr_r(addr, len, family, &hb, buf, sizeof buf, &h, &herr);
    if (!h)
        raise_herror(herr);
    return hostent_tuple(h);
}

Value m_getnameinfo(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("getnameinfo", nargs, kw, 2, 2);
    if (!is_tuple(args[0]))
        raise(&exc::TypeError, "getnameinfo() argument 1 must be a tuple");
    TupleObject* sa = args[0].as<TupleObject>();
    int flags = static_cast<int>(py_index_i64(args[1]));
    if (sa->m_size < 2 || sa->m_size > 4 || !is_str(sa->item(0)) || !is_int(sa->item(1)))
        raise(&exc::TypeError, "getnameinfo(): illegal sockaddr argument");
    std::string host = str_utf8(sa->item(0));
    int64_t port = py_index_i64(sa->item(1));
    uint64_t flowinfo = sa->m_size > 2 ? static_cast<uint64_t>(py_index_i64(sa->item(2))) : 0;
    uint64_t scope_id = sa->m_size > 3 ? static_cast<uint64_t>(py_index_i64(sa->item(3))) : 0;
    if (flowinfo > 0xfffff)
        raise(&exc::OverflowError, "getnameinfo(): flowinfo must be 0-1048575.");
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM; // one result per address, whatever the protocol
    hints.ai_flags = AI_NUMERICHOST;
    std::string pbuf = std::to_string(port);
    addrinfo* res = nullptr;
    if (int err = getaddrinfo(host.c_str(), pbuf.c_str(), &hints, &res))
        raise_gai(err);
    sockaddr_storage ss {};
    socklen_t len = static_cast<socklen_t>(res->ai_addrlen);
    bool several = res->ai_next != nullptr;
    int family = res->ai_family;
    memcpy(&ss, res->ai_addr, len);
    freeaddrinfo(res);
    if (several)
        raise(&exc::OSError, "sockaddr resolved to multiple addresses");
    if (family == AF_INET) {
        if (sa->m_size != 2)
            raise(&exc::OSError, "IPv4 sockaddr must be 2 tuple");
    } else if (family == AF_INET6) {
        auto* a = reinterpret_cast<sockaddr_in6*>(&ss);
        a->sin6_flowinfo = htonl(static_cast<uint32_t>(flowinfo));
        a->sin6_scope_id = static_cast<uint32_t>(scope_id);
    }
    char hbuf[NI_MAXHOST], sbuf[NI_MAXSERV];
    if (int err = getnameinfo(
            reinterpret_cast<sockaddr*>(&ss), len, hbuf, sizeof hbuf, sbuf, sizeof sbuf, flags))
        raise_gai(err);
    return tuple_of({ str_from_utf8(hbuf), str_from_utf8(sbuf) });
}

Value m_getprotobyname(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("getprotobyname", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "getprotobyname() argument must be str, not %s",
            type_name(args[0]).c_str());
    protoent pb;
    protoent* p = nullptr;
    char buf[4096];
    getprotobyname_r(str_utf8(args[0]).c_str(), &pb, buf, sizeof buf, &p);
    if (!p)
        raise(&exc::OSError, "protocol not found");
    return Value::small_int(p->p_proto);
}

// The optional protocol name of getservbyname() and getservbyport().
std::string proto_arg(Value const* args, size_t nargs, char const* caller)
{
    if (nargs < 2)
        return {};
    if (!is_str(args[1]))
        raise(&exc::TypeError, "%s() argument 2 must be str, not %s", caller,
            type_name(args[1]).c_str());
    return str_utf8(args[1]);
}

Value m_getservbyname(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("getservbyname", nargs, kw, 1, 2);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "getservbyname() argument 1 must be str, not %s",
            type_name(args[0]).c_str());
    std::string proto = proto_arg(args, nargs, "getservbyname");
    servent sb;
    servent* sp = nullptr;
    char buf[4096];
    getservbyname_r(str_utf8(args[0]).c_str(), proto.empty() ? nullptr : proto.c_str(), &sb, buf,
        sizeof buf, &sp);
    if (!sp)
        raise(&exc::OSError, "service/proto not found");
    return Value::small_int(ntohs(static_cast<uint16_t>(sp->s_port)));
}

Value m_getservbyport(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("getservbyport", nargs, kw, 1, 2);
    if (!is_int(args[0]))
        raise(&exc::TypeError, "'%s' object cannot be interpreted as an integer",
            type_name(args[0]).c_str());
    int64_t port = py_index_i64(args[0]);
    std::string proto = proto_arg(args, nargs, "getservbyport");
    if (port < 0 || port > 0xffff)
        raise(&exc::OverflowError, "getservbyport: port must be 0-65535.");
    servent sb;
    servent* sp = nullptr;
    char buf[4096];
    getservbyport_r(htons(static_cast<uint16_t>(port)), proto.empty() ? nullptr : proto.c_str(),
        &sb, buf, sizeof buf, &sp);
    if (!sp)
        raise(&exc::OSError, "port/proto not found");
    return str_from_utf8(sp->s_name);
}

Value m_if_nameindex(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("if_nameindex", nargs, kw, 0, 0);
    struct if_nameindex* ni = ::if_nameindex();
    if (!ni)
        raise_os_error(errno);
    ListObject* out = list_new();
    for (struct if_nameindex* i = ni; i->if_index != 0; i++)
        list_append(out, tuple_of({ int_from_u64(i->if_index), str_from_utf8(i->if_name) }));
    if_freenameindex(ni);
    return out;
}

Value m_if_nametoindex(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("if_nametoindex", nargs, kw, 1, 1);
    std::string name;
    if (is_str(args[0])) {
        name = str_utf8(args[0]);
    } else if (is_bytes(args[0])) {
        std::string tmp;
        name = std::string(data_arg(args[0], tmp));
    } else {
        raise(&exc::TypeError, "expected str, bytes or os.PathLike object, not %s",
            type_name(args[0]).c_str());
    }
    unsigned index = ::if_nametoindex(name.c_str());
    if (index == 0)
        raise(&exc::OSError, "no interface with this name");
    return int_from_u64(index);
}

Value m_if_indextoname(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("if_indextoname", nargs, kw, 1, 1);
    if (!is_int(args[0]))
        raise(&exc::TypeError, "an integer is required");
    int64_t index = py_index_i64(args[0]);
    if (index < 0 || index > int64_t(UINT32_MAX))
        raise(&exc::OverflowError, "index is too large");
    char name[IF_NAMESIZE + 1];
    if (!::if_indextoname(static_cast<unsigned>(index), name))
        raise_os_error(errno);
    return str_from_utf8(name);
}

Value m_sethostname(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("sethostname", nargs, kw, 1, 1);
    std::string tmp;
    std::string name = is_str(args[0]) ? str_utf8(args[0]) : std::string(data_arg(args[0], tmp));
    vm::transaction_irreversible(); // a change of the machine's state
    if (::sethostname(name.data(), name.size()) != 0)
        raise_os_error(errno);
    return none();
}

Value m_inet_aton(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("inet_aton", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "inet_aton() argument 1 must be str, not %s", type_name(args[0]).c_str());
    in_addr a;
    if (!inet_aton(str_utf8(args[0]).c_str(), &a))
        raise(&exc::OSError, "illegal IP address string passed to inet_aton");
    return bytes_new(std::string_view(reinterpret_cast<char*>(&a), 4));
}

Value m_inet_ntoa(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("inet_ntoa", nargs, kw, 1, 1);
    std::string tmp;
    std::string_view d = data_arg(args[0], tmp);
    if (d.size() != 4)
        raise(&exc::OSError, "packed IP wrong length for inet_ntoa");
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, d.data(), buf, sizeof buf);
    return str_from_ascii(buf);
}

Value m_inet_pton(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("inet_pton", nargs, kw, 2, 2);
    int family = static_cast<int>(py_index_i64(args[0]));
    if (!is_str(args[1]))
        raise(&exc::TypeError, "inet_pton() argument 2 must be str, not %s", type_name(args[1]).c_str());
    unsigned char buf[16];
    int r = inet_pton(family, str_utf8(args[1]).c_str(), buf);
    if (r < 0)
        raise_os_error(errno);
    if (r == 0)
        raise(&exc::OSError, "illegal IP address string passed to inet_pton");
    return bytes_new(std::string_view(reinterpret_cast<char*>(buf), family == AF_INET ? 4 : 16));
}

Value m_inet_ntop(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("inet_ntop", nargs, kw, 2, 2);
    int family = static_cast<int>(py_index_i64(args[0]));
    std::string tmp;
    std::string_view d = data_arg(args[1], tmp);
    if (family == AF_INET && d.size() != 4)
        raise(&exc::ValueError, "invalid length of packed IP address string");
    if (family == AF_INET6 && d.size() != 16)
        raise(&exc::ValueError, "invalid length of packed IP address string");
    if (family != AF_INET && family != AF_INET6)
        raise(&exc::ValueError, "unknown address family %d", family);
    char buf[INET6_ADDRSTRLEN];
    if (!inet_ntop(family, d.data(), buf, sizeof buf))
        raise_os_error(errno);
    return str_from_ascii(buf);
}

uint64_t unsigned_arg(Value v, uint64_t max, char const* msg)
{
    if (!is_int(v))
        raise(&exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(v).c_str());
    if (int_sign(v) < 0)
        raise(&exc::OverflowError, "%s", msg);
    int64_t x;
    if (!int_to_i64(v, &x) || static_cast<uint64_t>(x) > max)
        raise(&exc::OverflowError, "%s", msg);
    return static_cast<uint64_t>(x);
}
Value m_htons(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("htons", nargs, kw, 1, 1);
    return Value::small_int(htons(static_cast<uint16_t>(unsigned_arg(args[0], 0xffff, "htons: Python int too large to convert to C 16-bit unsigned integer"))));
}
Value m_ntohs(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("ntohs", nargs, kw, 1, 1);
    return Value::small_int(ntohs(static_cast<uint16_t>(unsigned_arg(args[0], 0xffff, "ntohs: Python int too large to convert to C 16-bit unsigned integer"))));
}
Value m_htonl(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("htonl", nargs, kw, 1, 1);
    return int_from_u64(htonl(static_cast<uint32_t>(unsigned_arg(args[0], 0xffffffffu, "int larger than 32 bits"))));
}
Value m_ntohl(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("ntohl", nargs, kw, 1, 1);
    return int_from_u64(ntohl(static_cast<uint32_t>(unsigned_arg(args[0], 0xffffffffu, "int larger than 32 bits"))));
}

Value m_getdefaulttimeout(Value, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("getdefaulttimeout", nargs, kw, 0, 0);
    double t = s_default_timeout.load();
    return t < 0 ? none() : float_new(t);
}
Value m_setdefaulttimeout(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("setdefaulttimeout", nargs, kw, 1, 1);
    s_default_timeout.store(parse_timeout(args[0]));
    return none();
}

Value m_dup(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("dup", nargs, kw, 1, 1);
    int fd = fcntl(static_cast<int>(py_index_i64(args[0])), F_DUPFD_CLOEXEC, 0);
    if (fd < 0)
        raise_os_error(errno);
    return Value::small_int(fd);
}

Value m_close(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    vm::transaction_irreversible(); // sockets are outside the transactional heap
    check_nargs("close", nargs, kw, 1, 1);
    if (::close(static_cast<int>(py_index_i64(args[0]))) < 0 && errno != ECONNRESET)
        raise_os_error(errno);
    return none();
}

MethodDef const socket_methods[] = {
    { "__new__", sock_new, METH_STATIC },
    { "__init__", sock_init },
    { "__repr__", sock_repr },
    { "_accept", sock_accept },
    { "bind", sock_bind },
    { "close", sock_close },
    { "connect", sock_connect },
    { "connect_ex", sock_connect_ex },
    { "detach", sock_detach },
    { "fileno", sock_fileno },
    { "getpeername", sock_getpeername },
    { "getsockname", sock_getsockname },
    { "getsockopt", sock_getsockopt },
    { "setsockopt", sock_setsockopt },
    { "gettimeout", sock_gettimeout },
    { "settimeout", sock_settimeout },
    { "getblocking", sock_getblocking },
    { "setblocking", sock_setblocking },
    { "listen", sock_listen },
    { "recv", sock_recv },
    { "recv_into", sock_recv_into },
    { "recvfrom", sock_recvfrom },
    { "recvfrom_into", sock_recvfrom_into },
    { "send", sock_send },
    { "sendall", sock_sendall },
    { "sendto", sock_sendto },
    { "shutdown", sock_shutdown },
    { nullptr, nullptr },
};

MethodDef const module_functions[] = {
    { "socketpair", m_socketpair },
    { "getaddrinfo", m_getaddrinfo },
    { "gethostname", m_gethostname },
    { "gethostbyname", m_gethostbyname },
    { "gethostbyname_ex", m_gethostbyname_ex },
    { "gethostbyaddr", m_gethostbyaddr },
    { "getnameinfo", m_getnameinfo },
    { "getprotobyname", m_getprotobyname },
    { "getservbyname", m_getservbyname },
    { "getservbyport", m_getservbyport },
    { "if_nameindex", m_if_nameindex },
    { "if_nametoindex", m_if_nametoindex },
    { "if_indextoname", m_if_indextoname },
    { "sethostname", m_sethostname },
    { "inet_aton", m_inet_aton },
    { "inet_ntoa", m_inet_ntoa },
    { "inet_pton", m_inet_pton },
    { "inet_ntop", m_inet_ntop },
    { "htons", m_htons },
    { "ntohs", m_ntohs },
    { "htonl", m_htonl },
    { "ntohl", m_ntohl },
    { "getdefaulttimeout", m_getdefaulttimeout },
    { "setdefaulttimeout", m_setdefaulttimeout },
    { "dup", m_dup },
    { "close", m_close },
    { nullptr, nullptr },
};

struct IntConst {
    char const* name;
    int64_t value;
};
IntConst const k_constants[] = {
    { "AF_UNSPEC", AF_UNSPEC }, { "AF_INET", AF_INET }, { "AF_INET6", AF_INET6 }, { "AF_UNIX", AF_UNIX },
    { "SOCK_STREAM", SOCK_STREAM }, { "SOCK_DGRAM", SOCK_DGRAM }, { "SOCK_RAW", SOCK_RAW },
    { "SOCK_SEQPACKET", SOCK_SEQPACKET }, { "SOCK_RDM", SOCK_RDM }, { "SOCK_NONBLOCK", SOCK_NONBLOCK },
    { "SOCK_CLOEXEC", SOCK_CLOEXEC }, { "SOL_SOCKET", SOL_SOCKET }, { "SOL_IP", SOL_IP }, { "SOL_TCP", SOL_TCP },
    { "SO_DEBUG", SO_DEBUG }, { "SO_ACCEPTCONN", SO_ACCEPTCONN },
    { "SO_REUSEADDR", SO_REUSEADDR }, { "SO_REUSEPORT", SO_REUSEPORT }, { "SO_KEEPALIVE", SO_KEEPALIVE },
    { "SO_DONTROUTE", SO_DONTROUTE }, { "SO_BROADCAST", SO_BROADCAST }, { "SO_LINGER", SO_LINGER },
    { "SO_OOBINLINE", SO_OOBINLINE }, { "SO_SNDBUF", SO_SNDBUF }, { "SO_RCVBUF", SO_RCVBUF },
    { "SO_SNDLOWAT", SO_SNDLOWAT }, { "SO_RCVLOWAT", SO_RCVLOWAT }, { "SO_SNDTIMEO", SO_SNDTIMEO },
    { "SO_RCVTIMEO", SO_RCVTIMEO }, { "SO_ERROR", SO_ERROR }, { "SO_TYPE", SO_TYPE }, { "SO_DOMAIN", SO_DOMAIN },
    { "SO_PROTOCOL", SO_PROTOCOL }, { "SOMAXCONN", SOMAXCONN }, { "MSG_OOB", MSG_OOB }, { "MSG_PEEK", MSG_PEEK },
    { "MSG_DONTROUTE", MSG_DONTROUTE }, { "MSG_DONTWAIT", MSG_DONTWAIT }, { "MSG_EOR", MSG_EOR },
    { "MSG_TRUNC", MSG_TRUNC }, { "MSG_CTRUNC", MSG_CTRUNC }, { "MSG_WAITALL", MSG_WAITALL },
    { "MSG_NOSIGNAL", MSG_NOSIGNAL }, { "MSG_CMSG_CLOEXEC", MSG_CMSG_CLOEXEC }, { "SHUT_RD", SHUT_RD },
    { "SHUT_WR", SHUT_WR }, { "SHUT_RDWR", SHUT_RDWR }, { "IPPROTO_IP", IPPROTO_IP }, { "IPPROTO_TCP", IPPROTO_TCP },
    { "IPPROTO_UDP", IPPROTO_UDP }, { "IPPROTO_IPV6", IPPROTO_IPV6 }, { "IPPROTO_ICMP", IPPROTO_ICMP },
    { "IPPROTO_ICMPV6", IPPROTO_ICMPV6 }, { "IPPROTO_RAW", IPPROTO_RAW }, { "IPV6_V6ONLY", IPV6_V6ONLY },
    { "IPV6_UNICAST_HOPS", IPV6_UNICAST_HOPS }, { "IPV6_JOIN_GROUP", IPV6_JOIN_GROUP },
    { "IPV6_LEAVE_GROUP", IPV6_LEAVE_GROUP }, { "IPV6_MULTICAST_HOPS", IPV6_MULTICAST_HOPS },
    { "IPV6_MULTICAST_IF", IPV6_MULTICAST_IF }, { "IPV6_MULTICAST_LOOP", IPV6_MULTICAST_LOOP },
    { "IP_TOS", IP_TOS }, { "IP_TTL", IP_TTL }, { "IP_HDRINCL", IP_HDRINCL }, { "IP_OPTIONS", IP_OPTIONS },
    { "IP_MULTICAST_IF", IP_MULTICAST_IF }, { "IP_MULTICAST_TTL", IP_MULTICAST_TTL },
    { "IP_MULTICAST_LOOP", IP_MULTICAST_LOOP }, { "IP_ADD_MEMBERSHIP", IP_ADD_MEMBERSHIP },
    { "IP_DROP_MEMBERSHIP", IP_DROP_MEMBERSHIP }, { "TCP_NODELAY", TCP_NODELAY }, { "TCP_MAXSEG", TCP_MAXSEG },
    { "TCP_KEEPIDLE", TCP_KEEPIDLE }, { "TCP_KEEPINTVL", TCP_KEEPINTVL }, { "TCP_KEEPCNT", TCP_KEEPCNT },
    { "TCP_CORK", TCP_CORK }, { "TCP_QUICKACK", TCP_QUICKACK }, { "TCP_USER_TIMEOUT", TCP_USER_TIMEOUT },
    { "INADDR_ANY", INADDR_ANY }, { "INADDR_BROADCAST", INADDR_BROADCAST }, { "INADDR_LOOPBACK", INADDR_LOOPBACK },
    { "INADDR_NONE", INADDR_NONE }, { "AI_PASSIVE", AI_PASSIVE }, { "AI_CANONNAME", AI_CANONNAME },
    { "AI_NUMERICHOST", AI_NUMERICHOST }, { "AI_NUMERICSERV", AI_NUMERICSERV }, { "AI_V4MAPPED", AI_V4MAPPED },
    { "AI_ALL", AI_ALL }, { "AI_ADDRCONFIG", AI_ADDRCONFIG }, { "NI_NUMERICHOST", NI_NUMERICHOST },
    { "NI_NUMERICSERV", NI_NUMERICSERV }, { "NI_NOFQDN", NI_NOFQDN }, { "NI_NAMEREQD", NI_NAMEREQD },
    { "NI_DGRAM", NI_DGRAM }, { "NI_MAXHOST", NI_MAXHOST }, { "NI_MAXSERV", NI_MAXSERV },
    { "EAI_AGAIN", EAI_AGAIN }, { "EAI_BADFLAGS", EAI_BADFLAGS }, { "EAI_FAIL", EAI_FAIL },
    { "EAI_FAMILY", EAI_FAMILY }, { "EAI_MEMORY", EAI_MEMORY }, { "EAI_NONAME", EAI_NONAME },
    { "EAI_SERVICE", EAI_SERVICE }, { "EAI_SOCKTYPE", EAI_SOCKTYPE }, { "EAI_SYSTEM", EAI_SYSTEM },
    { "EAI_OVERFLOW", EAI_OVERFLOW }, { "EAI_NODATA", EAI_NODATA }, { "EAI_ADDRFAMILY", EAI_ADDRFAMILY },
};

} // namespace

void setup_socket_types()
{
    init_static_type(&socket_type, "_socket.socket", nullptr, sizeof(SocketObject), TF_BASETYPE, nullptr, socket_destroy);
}

void init_socket_types()
{
    add_methods(&socket_type, socket_methods);
    add_getset(&socket_type, "family", sock_family);
    add_getset(&socket_type, "type", sock_type_attr);
    add_getset(&socket_type, "proto", sock_proto);
    add_getset(&socket_type, "timeout", sock_timeout_attr);
}

ModuleObject* init_socket_module()
{
    ModuleObject* m = module_new("_socket");
    for (MethodDef const* d = module_functions; d->name; d++)
        dict_set_cstr(m->m_dict, d->name, builtin_function_new(d, m));
    if (!s_herror) {
        for (auto [slot, name] : { std::pair { &s_herror, "herror" }, std::pair { &s_gaierror, "gaierror" } }) {
            DictObject* ns = dict_new();
            dict_set_str(ns, names::__module__, str_from_ascii("socket"));
            *slot = type_new(&type_type, intern(name), tuple_of({ Value(&exc::OSError) }), ns, nullptr);
            gc::add_root(slot);
        }
    }
    dict_set_cstr(m->m_dict, "herror", s_herror);
    dict_set_cstr(m->m_dict, "gaierror", s_gaierror);
    dict_set_cstr(m->m_dict, "error", &exc::OSError);
    dict_set_cstr(m->m_dict, "timeout", &exc::TimeoutError);
    dict_set_cstr(m->m_dict, "socket", &socket_type);
    dict_set_cstr(m->m_dict, "SocketType", &socket_type);
    dict_set_cstr(m->m_dict, "has_ipv6", py_bool(true));
    for (IntConst const& c : k_constants)
        dict_set_cstr(m->m_dict, c.name, int_from_i64(c.value));
    return m;
}

} // namespace pystm
