// The time module: clocks (time, perf_counter, monotonic, process_time, thread_time and their
// _ns forms), sleep, struct_time conversions (gmtime, localtime, mktime), formatting
// (strftime, asctime, ctime), the timezone constants and get_clock_info.
// sleep() polls the eval breaker when interrupted, so Ctrl-C raises KeyboardInterrupt.
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "modules/posix_args.h"
#include "modules/structseq.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/int_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/eval_breaker.h"
#include "vm/import.h"
#include "vm/transaction.h"
#include <cerrno>
#include <cmath>
#include <ctime>
#include <string>

namespace pystm {

namespace {

Type s_struct_time_type(&type_type);
char const* const s_struct_time_fields[] = { "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec",
    "tm_wday", "tm_yday", "tm_isdst", "tm_zone", "tm_gmtoff", nullptr };
StructSeqDesc const s_struct_time_desc = { "time", "struct_time", s_struct_time_fields, 9, true,
    "The time value as returned by gmtime(), localtime(), and strptime(), and\n accepted by asctime(), mktime() and strftime().  May be considered as a\n sequence of 9 integers.\n\n Note that several fields' values are not the same as those defined by\n the C language standard for struct tm.  For example, the value of the\n field tm_year is the actual year, not year - 1900.  See individual\n fields' descriptions for details." };

int64_t clock_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

Value seconds(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return float_new(static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9);
}

#define CLOCK_FN(pyname, id)                                                                       \
    Value t_##pyname(Value, Value const*, size_t nargs, TupleObject* kwnames)                      \
    {                                                                                              \
        check_nargs(#pyname, nargs, kwnames, 0, 0);                                                \
        return seconds(id);                                                                        \
    }                                                                                              \
    Value t_##pyname##_ns(Value, Value const*, size_t nargs, TupleObject* kwnames)                 \
    {                                                                                              \
        check_nargs(#pyname "_ns", nargs, kwnames, 0, 0);                                          \
        return int_from_i64(clock_ns(id));                                                         \
    }
CLOCK_FN(time, CLOCK_REALTIME)
CLOCK_FN(perf_counter, CLOCK_MONOTONIC)
CLOCK_FN(monotonic, CLOCK_MONOTONIC)
CLOCK_FN(process_time, CLOCK_PROCESS_CPUTIME_ID)
CLOCK_FN(thread_time, CLOCK_THREAD_CPUTIME_ID)
#undef CLOCK_FN

double to_seconds(Value v)
{
    if (is_float(v))
        return float_value(v);
    if (is_int(v))
        return int_to_double(v);
    Value f = type_of(v)->special(SP_float);
    if (f)
        return py_float_as_double(v);
    // CPython's message for other types (from the integer conversion it tries last).
    raise(&exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(v).c_str());
}

Value t_sleep(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("sleep", nargs, kwnames, 1, 1);
    double secs = to_seconds(args[0]);
    if (std::isnan(secs))
        raise(&exc::ValueError, "Invalid value NaN (not a number)");
    if (secs < 0)
        raise(&exc::ValueError, "sleep length must be non-negative");
    int64_t deadline = clock_ns(CLOCK_MONOTONIC) + static_cast<int64_t>(secs * 1e9);
    for (;;) {
        int64_t left = deadline - clock_ns(CLOCK_MONOTONIC);
        if (left <= 0)
            break;
        struct timespec ts { static_cast<time_t>(left / 1000000000), static_cast<long>(left % 1000000000) };
        int r, err;
        {
            vm::BlockingRegion region; // other threads run meanwhile
            r = nanosleep(&ts, nullptr);
            err = errno;
        }
        if (r == 0)
            break;
        if (err != EINTR)
            raise_os_error(err);
        // A signal arrived: let a pending SIGINT become KeyboardInterrupt.
        if (ThreadState* st = tstate())
            vm::poll_eval_breaker(st);
    }
    return none();
}

time_t time_arg(Value const* args, size_t nargs)
{
    if (nargs == 0 || is_none(args[0]))
        return std::time(nullptr);
    double d = to_seconds(args[0]);
    if (std::isnan(d))
        raise(&exc::ValueError, "Invalid value NaN (not a number)");
    if (!(d > -1e18 && d < 1e18))
        raise(&exc::OverflowError, "timestamp out of range for platform time_t");
    return static_cast<time_t>(std::floor(d));
}

Value struct_time_from_tm(struct tm const& tm)
{
    Value items[] = { int_from_i64(tm.tm_year + 1900LL), Value::small_int(tm.tm_mon + 1), Value::small_int(tm.tm_mday),
        Value::small_int(tm.tm_hour), Value::small_int(tm.tm_min), Value::small_int(tm.tm_sec),
        Value::small_int((tm.tm_wday + 6) % 7), Value::small_int(tm.tm_yday + 1), Value::small_int(tm.tm_isdst),
        Value(str_from_utf8(tm.tm_zone ? tm.tm_zone : "")), int_from_i64(tm.tm_gmtoff) };
    return structseq_new(&s_struct_time_type, items, 11);
}

Value t_gmtime(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("gmtime", nargs, kwnames, 0, 1);
    time_t t = time_arg(args, nargs);
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        raise(&exc::OverflowError, "timestamp out of range for platform time_t");
    return struct_time_from_tm(tm);
}

Value t_localtime(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("localtime", nargs, kwnames, 0, 1);
    time_t t = time_arg(args, nargs);
    struct tm tm;
    if (!localtime_r(&t, &tm))
        raise(&exc::OverflowError, "timestamp out of range for platform time_t");
    return struct_time_from_tm(tm);
}

// A C int argument (CPython's "i" conversion): clock ids and struct_time fields.
int c_int_arg(Value v)
{
    int64_t i;
    if (!int_to_i64(py_number_index(v), &i) || i > INT_MAX)
        raise(&exc::OverflowError, "signed integer is greater than maximum");
    if (i < INT_MIN)
        raise(&exc::OverflowError, "signed integer is less than minimum");
    return static_cast<clockid_t>(i);
}

// A struct_time or 9-tuple as a struct tm (CPython's gettmarg).
struct tm tm_from_value(Value v, char const* fname)
{
    if (!is_tuple(v))
        raise(&exc::TypeError, "Tuple or struct_time argument required");
    TupleObject* t = v.as<TupleObject>();
    if (t->m_size != 9)
        raise(&exc::TypeError, "%s(): illegal time tuple argument", fname);
    int64_t f[9];
    for (int i = 0; i < 9; i++) {
        Value item = t->item(i);
        if (is_float(item))
            raise(&exc::TypeError, "'float' object cannot be interpreted as an integer");
        f[i] = c_int_arg(item); // a C int, with the "i" conversion's messages
    }
    if (f[0] < INT_MIN + 1900LL)
        raise(&exc::OverflowError, "year out of range");
    struct tm tm {};
    tm.tm_year = static_cast<int>(f[0] - 1900);
    tm.tm_mon = static_cast<int>(f[1] - 1);
    tm.tm_mday = static_cast<int>(f[2]);
    tm.tm_hour = static_cast<int>(f[3]);
    tm.tm_min = static_cast<int>(f[4]);
    tm.tm_sec = static_cast<int>(f[5]);
    tm.tm_wday = static_cast<int>((f[6] + 1) % 7);
    tm.tm_yday = static_cast<int>(f[7] - 1);
    tm.tm_isdst = static_cast<int>(f[8]);
    if (v.as_object()->m_type == &s_struct_time_type) {
        Value zone = t->items()[9], off = t->items()[10];
        if (is_int(off))
            tm.tm_gmtoff = static_cast<long>(py_index_i64(off));
        (void)zone;
    }
    return tm;
}

// CPython's checktm(), after the 0 -> 1 coercions strftime and asctime apply.
void check_tm(struct tm& tm)
{
    if (tm.tm_mon == -1)
        tm.tm_mon = 0;
    else if (tm.tm_mon < 0 || tm.tm_mon > 11)
        raise(&exc::ValueError, "month out of range");
    if (tm.tm_mday == 0)
        tm.tm_mday = 1;
    else if (tm.tm_mday < 0 || tm.tm_mday > 31)
        raise(&exc::ValueError, "day of month out of range");
    if (tm.tm_hour < 0 || tm.tm_hour > 23)
        raise(&exc::ValueError, "hour out of range");
    if (tm.tm_min < 0 || tm.tm_min > 59)
        raise(&exc::ValueError, "minute out of range");
    if (tm.tm_sec < 0 || tm.tm_sec > 61)
        raise(&exc::ValueError, "seconds out of range");
    if (tm.tm_wday < 0)
        raise(&exc::ValueError, "day of week out of range");
    if (tm.tm_yday == -1)
        tm.tm_yday = 0;
    else if (tm.tm_yday < 0 || tm.tm_yday > 365)
        raise(&exc::ValueError, "day of year out of range");
}

struct tm now_local()
{
    time_t t = std::time(nullptr);
    struct tm tm;
    localtime_r(&t, &tm);
    return tm;
}

Value t_mktime(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("mktime", nargs, kwnames, 1, 1);
    struct tm tm = tm_from_value(args[0], "mktime");
    tm.tm_wday = -1;
    time_t t = std::mktime(&tm);
    if (t == static_cast<time_t>(-1) && tm.tm_wday == -1)
        raise(&exc::OverflowError, "mktime argument out of range");
    return float_new(static_cast<double>(t));
}

Value t_strftime(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("strftime", nargs, kwnames, 1, 2);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "strftime() argument 1 must be str, not %s", type_name(args[0]).c_str());
    struct tm tm = nargs > 1 ? tm_from_value(args[1], "strftime") : now_local();
    if (nargs > 1)
        check_tm(tm);
    std::string fmt = str_utf8(args[0]);
    if (fmt.find('\0') != std::string::npos)
        raise(&exc::ValueError, "embedded null character");
    if (fmt.empty())
        return Value(str_empty());
    // strftime's result length is unknown; grow until it fits (an empty result is ambiguous,
    // so a marker character is appended and removed).
    fmt += "\x01";
    std::string out(256, '\0');
    for (;;) {
        size_t n = std::strftime(out.data(), out.size(), fmt.c_str(), &tm);
        if (n > 0) {
            out.resize(n - 1);
            break;
        }
        if (out.size() > 1 << 20)
            raise(&exc::ValueError, "strftime format too long");
        out.resize(out.size() * 4);
    }
    return Value(str_from_utf8(out));
}

std::string asctime_text(struct tm const& tm)
{
    static char const* const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static char const* const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec" };
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s %s%3d %.2d:%.2d:%.2d %d", days[tm.tm_wday % 7], months[tm.tm_mon % 12],
        tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 1900 + tm.tm_year);
    return buf;
}

Value t_asctime(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("asctime", nargs, kwnames, 0, 1);
    struct tm tm = nargs ? tm_from_value(args[0], "asctime") : now_local();
    if (nargs)
        check_tm(tm);
    return Value(str_from_utf8(asctime_text(tm)));
}

Value t_ctime(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("ctime", nargs, kwnames, 0, 1);
    time_t t = time_arg(args, nargs);
    struct tm tm;
    if (!localtime_r(&t, &tm))
        raise(&exc::OverflowError, "timestamp out of range for platform time_t");
    return Value(str_from_utf8(asctime_text(tm)));
}

// strptime(string, format="%a %b %d %H:%M:%S %Y"): the pure-Python _strptime does the work, as
// in CPython.
Value t_strptime(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    if (kwnames)
        raise(&exc::TypeError, "strptime() takes no keyword arguments");
    Value mod = import_module("_strptime");
    return py_call_method(mod, intern("_strptime_time"), args, nargs);
}

Value t_get_clock_info(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("get_clock_info", nargs, kwnames, 1, 1);
    if (!is_str(args[0]))
        raise(&exc::TypeError, "get_clock_info() argument 1 must be str, not %s", type_name(args[0]).c_str());
    std::string name = str_utf8(args[0]);
    char const* impl;
    bool monotonic = true, adjustable = false;
    clockid_t id;
    if (name == "time") {
        impl = "clock_gettime(CLOCK_REALTIME)";
        monotonic = false;
        adjustable = true;
        id = CLOCK_REALTIME;
    } else if (name == "monotonic" || name == "perf_counter") {
        impl = "clock_gettime(CLOCK_MONOTONIC)";
        id = CLOCK_MONOTONIC;
    } else if (name == "process_time") {
        impl = "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)";
        id = CLOCK_PROCESS_CPUTIME_ID;
    } else if (name == "thread_time") {
        impl = "clock_gettime(CLOCK_THREAD_CPUTIME_ID)";
        id = CLOCK_THREAD_CPUTIME_ID;
    } else {
        raise(&exc::ValueError, "unknown clock");
    }
    struct timespec res;
    clock_getres(id, &res);
    Value ns = py_call0(Value(&simple_namespace_type));
    py_setattr(ns, intern("implementation"), Value(str_from_utf8(impl)));
    py_setattr(ns, intern("monotonic"), py_bool(monotonic));
    py_setattr(ns, intern("adjustable"), py_bool(adjustable));
    py_setattr(ns, intern("resolution"), float_new(static_cast<double>(res.tv_sec) + static_cast<double>(res.tv_nsec) * 1e-9));
    return ns;
}

Value t_clock_gettime(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    // PyArg_ParseTuple's messages.
    if (kwnames)
        raise(&exc::TypeError, "clock_gettime() takes no keyword arguments");
    if (nargs != 1)
        raise(&exc::TypeError, "clock_gettime() takes exactly 1 argument (%zu given)", nargs);
    struct timespec ts;
    if (clock_gettime(c_int_arg(args[0]), &ts) != 0)
        raise_os_error(errno);
    return float_new(static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9);
}

Value t_clock_gettime_ns(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("clock_gettime_ns", nargs, kwnames, 1, 1);
    struct timespec ts;
    if (clock_gettime(c_int_arg(args[0]), &ts) != 0)
        raise_os_error(errno);
    return int_from_i64(static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec);
}

Value t_clock_getres(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("clock_getres", nargs, kwnames, 1, 1);
    struct timespec ts;
    if (clock_getres(c_int_arg(args[0]), &ts) != 0)
        raise_os_error(errno);
    return float_new(static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9);
}

void settime(clockid_t id, int64_t ns)
{
    struct timespec ts;
    ts.tv_sec = static_cast<time_t>(ns / 1000000000);
    ts.tv_nsec = static_cast<long>(ns % 1000000000);
    if (ts.tv_nsec < 0) {
        ts.tv_nsec += 1000000000;
        ts.tv_sec -= 1;
    }
    vm::transaction_irreversible(); // an effect an abort could not undo
    if (clock_settime(id, &ts) != 0)
        raise_os_error(errno);
}

Value t_clock_settime(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("clock_settime", nargs, kwnames, 2, 2);
    clockid_t id = c_int_arg(args[0]);
    double secs = to_seconds(args[1]);
    if (std::isnan(secs))
        raise(&exc::ValueError, "Invalid value NaN (not a number)");
    if (!(std::fabs(secs) < 9.2e9))
        raise(&exc::OverflowError, "timestamp too large to convert to C _PyTime_t");
    settime(id, static_cast<int64_t>(secs * 1e9));
    return none();
}

Value t_clock_settime_ns(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("clock_settime_ns", nargs, kwnames, 2, 2);
    clockid_t id = c_int_arg(args[0]);
    if (!is_int(args[1]))
        raise(&exc::TypeError, "expect int, got %s", type_name(args[1]).c_str());
    int64_t ns;
    if (!int_to_i64(args[1], &ns))
        raise(&exc::OverflowError, "timestamp too large to convert to C _PyTime_t");
    settime(id, ns);
    return none();
}

Value t_pthread_getcpuclockid(Value, Value const* args, size_t nargs, TupleObject* kwnames)
{
    check_nargs("pthread_getcpuclockid", nargs, kwnames, 1, 1);
    if (!is_int(args[0]))
        raise(&exc::TypeError, "pthread_getcpuclockid() argument 1 must be int, not %s",
            type_name(args[0]).c_str());
    uint64_t u = posix_ulong_mask_arg(args[0]);
    clockid_t clk;
    int err = pthread_getcpuclockid(static_cast<pthread_t>(u), &clk);
    if (err != 0)
        raise_os_error(err);
    return Value::small_int(clk);
}

// The timezone, altzone, daylight and tzname attributes, from the TZ rules in force (at import
// and after tzset()). CPython derives them from January and July of the current year.
void set_timezone_attrs(DictObject* d)
{
    tzset();
    time_t now = std::time(nullptr);
    struct tm probe;
    localtime_r(&now, &probe);
    int year = probe.tm_year;
    struct tm jan {
    }, jul {};
    jan.tm_year = jul.tm_year = year;
    jan.tm_mday = jul.tm_mday = 1;
    jul.tm_mon = 6;
    jan.tm_isdst = jul.tm_isdst = -1;
    time_t tj = std::mktime(&jan), tl = std::mktime(&jul);
    struct tm ljan, ljul;
    localtime_r(&tj, &ljan);
    localtime_r(&tl, &ljul);
    long jan_off = -ljan.tm_gmtoff, jul_off = -ljul.tm_gmtoff;
    std::string jan_name = ljan.tm_zone ? ljan.tm_zone : "",
                jul_name = ljul.tm_zone ? ljul.tm_zone : "";
    bool southern = jan_off < jul_off;
    long timezone_ = southern ? jul_off : jan_off;
    long altzone_ = southern ? jan_off : jul_off;
    dict_set_cstr(d, "timezone", int_from_i64(timezone_));
    dict_set_cstr(d, "altzone", int_from_i64(altzone_));
    dict_set_cstr(d, "daylight", Value::small_int(jan_off != jul_off));
    Value std_name = Value(str_from_utf8(southern ? jul_name : jan_name));
    Value dst_name = Value(str_from_utf8(southern ? jan_name : jul_name));
    dict_set_cstr(d, "tzname", Value(tuple_of({ std_name, dst_name })));
}

Value t_tzset(Value self, Value const*, size_t nargs, TupleObject* kwnames)
{
    if (nargs || kwnames)
        raise(&exc::TypeError, "time.tzset() takes no arguments (%zu given)", nargs);
    set_timezone_attrs(self.as<ModuleObject>()->m_dict);
    return none();
}

MethodDef const s_time_methods[] = {
    { "time", t_time },
    { "time_ns", t_time_ns },
    { "perf_counter", t_perf_counter },
    { "perf_counter_ns", t_perf_counter_ns },
    { "monotonic", t_monotonic },
    { "monotonic_ns", t_monotonic_ns },
    { "process_time", t_process_time },
    { "process_time_ns", t_process_time_ns },
    { "thread_time", t_thread_time },
    { "thread_time_ns", t_thread_time_ns },
    { "sleep", t_sleep },
    { "gmtime", t_gmtime },
    { "localtime", t_localtime },
    { "mktime", t_mktime },
    { "strftime", t_strftime },
    { "strptime", t_strptime },
    { "asctime", t_asctime },
    { "ctime", t_ctime },
    { "get_clock_info", t_get_clock_info },
    { "clock_gettime", t_clock_gettime },
    { "clock_gettime_ns", t_clock_gettime_ns },
    { "clock_getres", t_clock_getres },
    { "clock_settime", t_clock_settime },
    { "clock_settime_ns", t_clock_settime_ns },
    { "pthread_getcpuclockid", t_pthread_getcpuclockid },
    { "tzset", t_tzset },
    { nullptr, nullptr },
};

} // namespace

ModuleObject* init_time_module()
{
    ModuleObject* m = module_new("time");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, Value(str_from_ascii("This module provides various functions to manipulate time values.")));
    for (MethodDef const* def = s_time_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    dict_set_cstr(d, "struct_time", Value(&s_struct_time_type));
    // The number of fields of struct_time, visible and named-only (test_time reads it).
    dict_set_cstr(d, "_STRUCT_TM_ITEMS", Value::small_int(11));
    set_timezone_attrs(d);
    for (auto const& [name, id] :
        { std::pair<char const*, int> { "CLOCK_REALTIME", CLOCK_REALTIME },
            { "CLOCK_MONOTONIC", CLOCK_MONOTONIC },
            { "CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID },
            { "CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID },
            { "CLOCK_BOOTTIME", CLOCK_BOOTTIME }, { "CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW },
            { "CLOCK_TAI", CLOCK_TAI } })
        dict_set_cstr(d, name, Value::small_int(id));
    return m;
}

void setup_time_types() { structseq_setup(&s_struct_time_type, &s_struct_time_desc); }
void init_time_types() { structseq_init(&s_struct_time_type); }

} // namespace pystm
