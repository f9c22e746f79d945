// The pwd module: the password database (getpwuid, getpwnam, getpwall) as pwd.struct_passwd
// structseqs. Strings are decoded as file system names (UTF-8 with surrogateescape), as CPython
// does.
#include "modules/builtin_modules.h"
#include "modules/posix_args.h"
#include "modules/structseq.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/function_object.h"
#include "objects/list_object.h"
#include "objects/tuple_object.h"
#include <cerrno>
#include <mutex>
#include <pwd.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace pystm {

namespace {

    Type s_struct_passwd_type(&tuple_type);

    char const* const s_passwd_fields[]
        = { "pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell", nullptr };
    StructSeqDesc const s_passwd_desc = { "pwd", "struct_passwd", s_passwd_fields, 7, true,
        "pwd.struct_passwd: Results from getpw*() routines.\n\nThis object may be accessed either "
        "as a tuple "
        "of\n  (pw_name,pw_passwd,pw_uid,pw_gid,pw_gecos,pw_dir,pw_shell)\nor via the object "
        "attributes as named "
        "in the above tuple." };

    // getpwent() walks shared state: one walk at a time.
    std::mutex s_pwent_mutex;

    Value fs_str(char const* s)
    {
        if (!s)
            return none();
        return Value(codecs::utf8_decode(s, "surrogateescape"));
    }

    // An id (uid_t and gid_t alike) as a Python int: (id_t)-1 is -1, as CPython shows it.
    Value id_value(uint32_t id)
    {
        if (id == static_cast<uint32_t>(-1))
            return Value::small_int(-1);
        return int_from_u64(id);
    }

    Value make_passwd(struct passwd const* p)
    {
        Value items[] = { fs_str(p->pw_name), fs_str(p->pw_passwd), id_value(p->pw_uid),
            id_value(p->pw_gid), fs_str(p->pw_gecos), fs_str(p->pw_dir), fs_str(p->pw_shell) };
        return structseq_new(&s_struct_passwd_type, items, 7);
    }

    // Runs a reentrant lookup [f](pwd, buf, size, &result), growing the buffer on ERANGE.
    template <typename F> Value lookup(F f)
    {
        long hint = ::sysconf(_SC_GETPW_R_SIZE_MAX);
        std::vector<char> buf(hint > 0 ? static_cast<size_t>(hint) : 1024);
        struct passwd p;
        struct passwd* res = nullptr;
        while (f(&p, buf.data(), buf.size(), &res) == ERANGE)
            buf.resize(buf.size() * 2);
        return res ? make_passwd(res) : Value();
    }

    Value pwd_getpwuid(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("pwd", "getpwuid", nargs, kwnames, 1, 1);
        Value v = args[0];
        if (!is_int(v) && !type_lookup(type_of(v), intern("__index__")))
            raise(&exc::TypeError, "uid should be integer, not %s", type_name(v).c_str());
        int64_t i;
        // An id out of uid_t's range is simply not found.
        if (!int_to_i64(py_number_index(v), &i) || i < -1 || i > UINT32_MAX)
            raise(&exc::KeyError, "getpwuid(): uid not found");
        uid_t uid = static_cast<uid_t>(i);
        Value r = lookup([uid](struct passwd* p, char* b, size_t n, struct passwd** res) {
            return ::getpwuid_r(uid, p, b, n, res);
        });
        if (!r)
            raise(
                &exc::KeyError, "getpwuid(): uid not found: %s", repr_utf8(id_value(uid)).c_str());
        return r;
    }

    Value pwd_getpwnam(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("pwd", "getpwnam", nargs, kwnames, 1, 1);
        if (!is_str(args[0]))
            raise(&exc::TypeError, "getpwnam() argument must be str, not %s",
                type_name(args[0]).c_str());
        std::string name = codecs::utf8_encode(args[0].as<StrObject>(), "surrogateescape");
        if (name.find('\0') != std::string::npos)
            raise(&exc::ValueError, "embedded null byte");
        Value r = lookup([&name](struct passwd* p, char* b, size_t n, struct passwd** res) {
            return ::getpwnam_r(name.c_str(), p, b, n, res);
        });
        if (!r)
            raise(&exc::KeyError, "getpwnam(): name not found: %s", repr_utf8(args[0]).c_str());
        return r;
    }

    Value pwd_getpwall(Value, Value const*, size_t nargs, TupleObject* kwnames)
    {
        posix_positional("pwd", "getpwall", nargs, kwnames, 0, 0);
        ListObject* out = list_new();
        Value keep(out);
        std::lock_guard<std::mutex> lock(s_pwent_mutex);
        ::setpwent();
        try {
            while (struct passwd* p = ::getpwent())
                list_append(out, make_passwd(p));
        } catch (PyError&) {
            ::endpwent();
            throw;
        }
        ::endpwent();
        return keep;
    }

    MethodDef const s_pwd_methods[] = {
        { "getpwuid", pwd_getpwuid, METH_DEFAULT,
            "getpwuid($module, uidobj, /)\n--\n\nReturn the password database entry for the given "
            "numeric user "
            "ID.\n\nSee `help(pwd)` for more on password database entries." },
        { "getpwnam", pwd_getpwnam, METH_DEFAULT,
            "getpwnam($module, name, /)\n--\n\nReturn the password database entry for the given "
            "user name.\n\nSee "
            "`help(pwd)` for more on password database entries." },
        { "getpwall", pwd_getpwall, METH_DEFAULT,
            "getpwall($module, /)\n--\n\nReturn a list of all available password database entries, "
            "in arbitrary "
            "order.\n\nSee help(pwd) for more on password database entries." },
        { nullptr, nullptr },
    };

} // namespace

void setup_pwd_types() { structseq_setup(&s_struct_passwd_type, &s_passwd_desc); }
void init_pwd_types() { structseq_init(&s_struct_passwd_type); }

ModuleObject* init_pwd_module()
{
    ModuleObject* m = module_new("pwd");
    DictObject* d = m->m_dict;
    dict_set_cstr(d, "__doc__",
        Value(str_from_ascii(
            "This module provides access to the Unix password database.\nIt is available on all "
            "Unix versions.\n\nPassword database entries are reported as 7-tuples containing "
            "the following\nitems from the password database (see `<pwd.h>'), in order:\n"
            "pw_name, pw_passwd, pw_uid, pw_gid, pw_gecos, pw_dir, pw_shell.\nThe uid and gid "
            "items are integers, all others are strings. An\nexception is raised if the entry "
            "asked for cannot be found.")));
    for (MethodDef const* def = s_pwd_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    dict_set_cstr(d, "struct_passwd", Value(&s_struct_passwd_type));
    return m;
}

} // namespace pystm
