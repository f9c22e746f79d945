// The resource module: resource limits (getrlimit, setrlimit, prlimit), getrusage() as
// resource.struct_rusage, getpagesize(), and the RLIMIT_*, RLIM_INFINITY and RUSAGE_*
// constants. Limits travel as C long long both ways, as in CPython, so RLIM_INFINITY is -1.
#include "modules/builtin_modules.h"
#include "modules/posix_args.h"
#include "modules/structseq.h"
#include "objects/dict_object.h"
#include "objects/float_object.h"
#include "objects/function_object.h"
#include "objects/tuple_object.h"
#include "vm/transaction.h"
#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>

namespace pystm {

namespace {

    Type s_struct_rusage_type(&tuple_type);

    char const* const s_rusage_fields[] = { "ru_utime", "ru_stime", "ru_maxrss", "ru_ixrss",
        "ru_idrss", "ru_isrss", "ru_minflt", "ru_majflt", "ru_nswap", "ru_inblock", "ru_oublock",
        "ru_msgsnd", "ru_msgrcv", "ru_nsignals", "ru_nvcsw", "ru_nivcsw", nullptr };
    StructSeqDesc const s_rusage_desc = { "resource", "struct_rusage", s_rusage_fields, 16, true,
        "struct_rusage: Result from getrusage.\n\nThis object may be accessed either as a tuple "
        "of\n    "
        "(utime,stime,maxrss,ixrss,idrss,isrss,minflt,majflt,\n    "
        "nswap,inblock,oublock,msgsnd,msgrcv,nsignals,nvcsw,nivcsw)\nor via the attributes "
        "ru_utime, ru_stime, "
        "ru_maxrss, and so on." };

    int resource_arg(Value v)
    {
        int r = posix_int_arg(v);
        if (r < 0 || r >= RLIM_NLIMITS)
            raise(&exc::ValueError, "invalid resource specified");
        return r;
    }

    // A (soft, hard) sequence: any iterable of two integers.
    struct rlimit limits_arg(Value v)
    {
        TupleObject* t = py_tuple_from_iterable(v);
        Value keep(t);
        if (t->m_size != 2)
            raise(&exc::ValueError, "expected a tuple of 2 integers");
        struct rlimit rl;
        for (int i = 0; i < 2; i++) {
            int64_t x;
            if (!int_to_i64(py_number_index(t->item(i)), &x))
                raise(&exc::OverflowError, "Python int too large to convert to C long");
            (i ? rl.rlim_max : rl.rlim_cur) = static_cast<rlim_t>(x);
        }
        return rl;
    }

    Value limits_value(struct rlimit const& rl)
    {
        return Value(tuple_of({ int_from_i64(static_cast<int64_t>(rl.rlim_cur)),
            int_from_i64(static_cast<int64_t>(rl.rlim_max)) }));
    }

    Value rs_getrlimit(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("resource", "getrlimit", nargs, kwnames, 1, 1);
        int res = resource_arg(args[0]);
        struct rlimit rl;
        if (::getrlimit(static_cast<__rlimit_resource_t>(res), &rl) == -1)
            raise_os_error(errno);
        return limits_value(rl);
    }

    Value rs_setrlimit(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("resource", "setrlimit", nargs, kwnames, 2, 2);
        int res = resource_arg(args[0]);
        struct rlimit rl = limits_arg(args[1]);
        vm::transaction_irreversible(); // an effect an abort could not undo
        if (::setrlimit(static_cast<__rlimit_resource_t>(res), &rl) == -1) {
            int err = errno;
            if (err == EINVAL)
                raise(&exc::ValueError, "current limit exceeds maximum limit");
            if (err == EPERM)
                raise(&exc::ValueError, "not allowed to raise maximum limit");
            raise_os_error(err);
        }
        return none();
    }

    Value rs_prlimit(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        // prlimit parses its arguments itself in CPython, hence its own messages.
        if (kwnames)
            raise(&exc::TypeError, "prlimit() takes no keyword arguments");
        if (nargs < 2 || nargs > 3)
            raise(&exc::TypeError, "resource.prlimit requires 2 to 3 arguments");
        int pid = posix_int_arg(args[0]);
        int res = resource_arg(args[1]);
        struct rlimit new_rl, old_rl;
        bool set = nargs > 2;
        if (set) {
            new_rl = limits_arg(args[2]);
            vm::transaction_irreversible(); // an effect an abort could not undo
        }
        if (::prlimit(pid, static_cast<__rlimit_resource>(res), set ? &new_rl : nullptr, &old_rl)
            == -1) {
            int err = errno;
            if (err == EINVAL)
                raise(&exc::ValueError, "current limit exceeds maximum limit");
            raise_os_error(err);
        }
        return limits_value(old_rl);
    }

    double timeval_seconds(struct timeval const& tv)
    {
        return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 0.000001;
    }

    Value rs_getrusage(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("resource", "getrusage", nargs, kwnames, 1, 1);
        int who = posix_int_arg(args[0]);
        struct rusage ru;
        if (::getrusage(who, &ru) == -1) {
            if (errno == EINVAL)
                raise(&exc::ValueError, "invalid who parameter");
            raise_os_error(errno);
        }
        Value items[] = { float_new(timeval_seconds(ru.ru_utime)),
            float_new(timeval_seconds(ru.ru_stime)), int_from_i64(ru.ru_maxrss),
            int_from_i64(ru.ru_ixrss), int_from_i64(ru.ru_idrss), int_from_i64(ru.ru_isrss),
            int_from_i64(ru.ru_minflt), int_from_i64(ru.ru_majflt), int_from_i64(ru.ru_nswap),
            int_from_i64(ru.ru_inblock), int_from_i64(ru.ru_oublock), int_from_i64(ru.ru_msgsnd),
            int_from_i64(ru.ru_msgrcv), int_from_i64(ru.ru_nsignals), int_from_i64(ru.ru_nvcsw),
            int_from_i64(ru.ru_nivcsw) };
        return structseq_new(&s_struct_rusage_type, items, 16);
    }

    Value rs_getpagesize(Value, Value const*, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("resource", "getpagesize", nargs, kwnames, 0, 0);
        return int_from_i64(::sysconf(_SC_PAGESIZE));
    }

    MethodDef const s_resource_methods[] = {
        { "getrusage", rs_getrusage, METH_DEFAULT, "getrusage($module, who, /)\n--\n\n" },
        { "getrlimit", rs_getrlimit, METH_DEFAULT, "getrlimit($module, resource, /)\n--\n\n" },
        { "prlimit", rs_prlimit, METH_DEFAULT, "prlimit(pid, resource, [limits])" },
        { "setrlimit", rs_setrlimit, METH_DEFAULT,
            "setrlimit($module, resource, limits, /)\n--\n\n" },
        { "getpagesize", rs_getpagesize, METH_DEFAULT, "getpagesize($module, /)\n--\n\n" },
        { nullptr, nullptr },
    };

    struct IntConst {
        char const* name;
        int64_t value;
    };

    IntConst const s_resource_constants[] = {
        { "RLIMIT_AS", RLIMIT_AS },
        { "RLIMIT_CORE", RLIMIT_CORE },
        { "RLIMIT_CPU", RLIMIT_CPU },
        { "RLIMIT_DATA", RLIMIT_DATA },
        { "RLIMIT_FSIZE", RLIMIT_FSIZE },
        { "RLIMIT_MEMLOCK", RLIMIT_MEMLOCK },
        { "RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE },
        { "RLIMIT_NICE", RLIMIT_NICE },
        { "RLIMIT_NOFILE", RLIMIT_NOFILE },
        { "RLIMIT_NPROC", RLIMIT_NPROC },
        { "RLIMIT_OFILE", RLIMIT_OFILE },
        { "RLIMIT_RSS", RLIMIT_RSS },
        { "RLIMIT_RTPRIO", RLIMIT_RTPRIO },
        { "RLIMIT_RTTIME", RLIMIT_RTTIME },
        { "RLIMIT_SIGPENDING", RLIMIT_SIGPENDING },
        { "RLIMIT_STACK", RLIMIT_STACK },
        { "RLIM_INFINITY", static_cast<int64_t>(RLIM_INFINITY) },
        { "RUSAGE_CHILDREN", RUSAGE_CHILDREN },
        { "RUSAGE_SELF", RUSAGE_SELF },
        { "RUSAGE_THREAD", RUSAGE_THREAD },
    };

} // namespace

void setup_resource_types() { structseq_setup(&s_struct_rusage_type, &s_rusage_desc); }
void init_resource_types() { structseq_init(&s_struct_rusage_type); }

ModuleObject* init_resource_module()
{
    ModuleObject* m = module_new("resource");
    DictObject* d = m->m_dict;
    for (MethodDef const* def = s_resource_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    for (IntConst const& c : s_resource_constants)
        dict_set_cstr(d, c.name, int_from_i64(c.value));
    dict_set_cstr(d, "error", Value(&exc::OSError));
    dict_set_cstr(d, "struct_rusage", Value(&s_struct_rusage_type));
    return m;
}

} // namespace pystm
