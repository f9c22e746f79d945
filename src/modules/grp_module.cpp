// The grp module: the group database (getgrgid, getgrnam, getgrall) as grp.struct_group
// structseqs. Names, passwords and member names are decoded as file system names (UTF-8 with
// surrogateescape), as CPython does.
#include "modules/builtin_modules.h"
#include "modules/posix_args.h"
#include "modules/structseq.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/function_object.h"
#include "objects/list_object.h"
#include "objects/tuple_object.h"
#include <cerrno>
#include <grp.h>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

namespace pystm {

namespace {

    Type s_struct_group_type(&tuple_type);

    char const* const s_group_fields[] = { "gr_name", "gr_passwd", "gr_gid", "gr_mem", nullptr };
    StructSeqDesc const s_group_desc = { "grp", "struct_group", s_group_fields, 4, true,
        "grp.struct_group: Results from getgr*() routines.\n\nThis object may be accessed either "
        "as a tuple "
        "of\n  (gr_name,gr_passwd,gr_gid,gr_mem)\nor via the object attributes as named in the "
        "above tuple.\n" };

    // getgrent() walks shared state: one walk at a time.
    std::mutex s_grent_mutex;

    Value fs_str(char const* s)
    {
        if (!s)
            return none();
        return Value(codecs::utf8_decode(s, "surrogateescape"));
    }

    // The one argument [name] of a function with a keyword-capable parameter, with Argument
    // Clinic's messages: a missing argument is reported before an unexpected keyword.
    Value one_arg(
        char const* fname, char const* name, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        size_t nkw = kwnames ? static_cast<size_t>(kwnames->m_size) : 0;
        bool given = nargs > 0;
        for (size_t i = 0; i < nkw && !given; i++)
            given = str_utf8(kwnames->item(static_cast<int64_t>(i))) == name;
        if (!given && nargs + nkw <= 1)
            raise(&exc::TypeError, "%s() missing required argument '%s' (pos 1)", fname, name);
        Value a[1];
        parse_args(fname, args, nargs, kwnames, { name }, 1, a);
        return a[0];
    }

    Value gid_value(gid_t g)
    {
        if (g == static_cast<gid_t>(-1))
            return Value::small_int(-1);
        return int_from_u64(g);
    }

    Value make_group(struct group const* g)
    {
        ListObject* mem = list_new();
        Value keep(mem);
        for (char** p = g->gr_mem; p && *p; p++)
            list_append(mem, fs_str(*p));
        Value items[] = { fs_str(g->gr_name), fs_str(g->gr_passwd), gid_value(g->gr_gid), keep };
        return structseq_new(&s_struct_group_type, items, 4);
    }

    // Runs a reentrant lookup [f](grp, buf, size, &result), growing the buffer on ERANGE.
    template <typename F> Value lookup(F f, bool* found)
    {
        long hint = ::sysconf(_SC_GETGR_R_SIZE_MAX);
        std::vector<char> buf(hint > 0 ? static_cast<size_t>(hint) : 1024);
        struct group g;
        struct group* res = nullptr;
        for (;;) {
            int err = f(&g, buf.data(), buf.size(), &res);
            if (err == ERANGE) {
                buf.resize(buf.size() * 2);
                continue;
            }
            break;
        }
        *found = res != nullptr;
        return res ? make_group(res) : Value();
    }

    Value grp_getgrgid(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        gid_t gid = posix_gid_arg(one_arg("getgrgid", "id", args, nargs, kwnames));
        bool found;
        Value r = lookup([gid](struct group* g, char* b, size_t n,
                             struct group** res) { return ::getgrgid_r(gid, g, b, n, res); },
            &found);
        if (!found)
            raise(
                &exc::KeyError, "getgrgid(): gid not found: %s", repr_utf8(gid_value(gid)).c_str());
        return r;
    }

    Value grp_getgrnam(Value, Value const* args, size_t nargs, TupleObject* kwnames)
    {
        Value a[1] = { one_arg("getgrnam", "name", args, nargs, kwnames) };
        if (!is_str(a[0]))
            raise(&exc::TypeError, "getgrnam() argument 'name' must be str, not %s",
                type_name(a[0]).c_str());
        std::string name = codecs::utf8_encode(a[0].as<StrObject>(), "surrogateescape");
        if (name.find('\0') != std::string::npos)
            raise(&exc::ValueError, "embedded null byte");
        bool found;
        Value r
            = lookup([&name](struct group* g, char* b, size_t n,
                         struct group** res) { return ::getgrnam_r(name.c_str(), g, b, n, res); },
                &found);
        if (!found)
            raise(&exc::KeyError, "getgrnam(): name not found: %s", repr_utf8(a[0]).c_str());
        return r;
    }

    Value grp_getgrall(Value, Value const*, size_t nargs, TupleObject* kwnames)
    {
        if (nargs || kwnames)
            raise(&exc::TypeError, "grp.getgrall() takes no arguments (%zu given)", nargs);
        ListObject* out = list_new();
        Value keep(out);
        std::lock_guard<std::mutex> lock(s_grent_mutex);
        ::setgrent();
        try {
            while (struct group* g = ::getgrent())
                list_append(out, make_group(g));
        } catch (PyError&) {
            ::endgrent();
            throw;
        }
        ::endgrent();
        return keep;
    }

    MethodDef const s_grp_methods[] = {
        { "getgrgid", grp_getgrgid, METH_DEFAULT,
            "getgrgid($module, /, id)\n--\n\nReturn the group database entry for the given numeric "
            "group ID.\n\nIf "
            "id is not valid, raise KeyError." },
        { "getgrnam", grp_getgrnam, METH_DEFAULT,
            "getgrnam($module, /, name)\n--\n\nReturn the group database entry for the given group "
            "name.\n\nIf name "
            "is not valid, raise KeyError." },
        { "getgrall", grp_getgrall, METH_DEFAULT,
            "getgrall($module, /)\n--\n\nReturn a list of all available group entries, in "
            "arbitrary order.\n\nAn "
            "entry whose name starts with '+' or '-' represents an instruction\nto use YP/NIS and "
            "may not be "
            "accessible via getgrnam or getgrgid." },
        { nullptr, nullptr },
    };

} // namespace

void setup_grp_types() { structseq_setup(&s_struct_group_type, &s_group_desc); }
void init_grp_types() { structseq_init(&s_struct_group_type); }

ModuleObject* init_grp_module()
{
    ModuleObject* m = module_new("grp");
    DictObject* d = m->m_dict;
    dict_set_cstr(d, "__doc__",
        Value(str_from_ascii(
            "Access to the Unix group database.\n\nGroup entries are reported as 4-tuples "
            "containing the following fields\nfrom the group database, in order:\n\n  "
            "gr_name   - name of the group\n  gr_passwd - group password (encrypted); often "
            "empty\n  gr_gid    - numeric ID of the group\n  gr_mem    - list of members\n\n"
            "The gid is an integer, name and password are strings.  (Note that most\nusers "
            "are not explicitly listed as members of the groups they are in\naccording to "
            "the password database.  Check both databases to get\ncomplete membership "
            "information.)")));
    for (MethodDef const* def = s_grp_methods; def->name; def++)
        dict_set_cstr(d, def->name, Value(builtin_function_new(def, Value(m))));
    dict_set_cstr(d, "struct_group", Value(&s_struct_group_type));
    return m;
}

} // namespace pystm
