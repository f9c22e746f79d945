// Frame creation and argument binding for calls of Python functions.
//
// frame_for_call() implements CPython 3.11's parameter binding: positional arguments, *args,
// keywords (matched by identity first, then by string equality), **kwargs, defaults and
// keyword-only defaults, with CPython's TypeError messages word for word. The frame's
// localsplus layout is the code object's: positional parameters, keyword-only parameters, then
// the *args and **kwargs slots, then other locals, cells and free variables.
#include "gc/heap.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/module_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "builtins/builtins.h"
#include "vm/frame.h"
#include "vm/interpreter.h"

namespace pystm::vm {

namespace {

// "'a'", "'a' and 'b'", "'a', 'b', and 'c'"
std::string join_names(std::vector<std::string> const& names)
{
    std::string s;
    size_t n = names.size();
    for (size_t i = 0; i < n; ++i) {
        if (i > 0) {
            if (n == 2)
                s += " and ";
            else if (i == n - 1)
                s += ", and ";
            else
                s += ", ";
        }
        s += "'" + names[i] + "'";
    }
    return s;
}

[[noreturn]] void missing_arguments(FunctionObject* f, Frame* fr, bool kwonly, int64_t defcount)
{
    CodeObject* co = f->m_code;
    Value* lp = fr->localsplus();
    std::vector<std::string> missing;
    if (!kwonly) {
        for (int32_t i = 0; i < co->m_argcount - defcount; ++i)
            if (!lp[i])
                missing.push_back(str_utf8(co->m_localsplusnames->item(i)));
    } else {
        for (int32_t i = co->m_argcount; i < co->m_argcount + co->m_kwonlyargcount; ++i)
            if (!lp[i])
                missing.push_back(str_utf8(co->m_localsplusnames->item(i)));
    }
    raise(&exc::TypeError, "%s() missing %zu required %s argument%s: %s", str_utf8(f->m_qualname).c_str(),
        missing.size(), kwonly ? "keyword-only" : "positional", missing.size() == 1 ? "" : "s",
        join_names(missing).c_str());
}

[[noreturn]] void too_many_positional(FunctionObject* f, Frame* fr, size_t given, int64_t defcount)
{
    CodeObject* co = f->m_code;
    Value* lp = fr->localsplus();
    int64_t kwonly_given = 0;
    for (int32_t i = co->m_argcount; i < co->m_argcount + co->m_kwonlyargcount; ++i)
        if (lp[i])
            kwonly_given++;
    std::string sig;
    bool plural;
    if (defcount) {
        plural = true;
        sig = "from " + std::to_string(co->m_argcount - defcount) + " to " + std::to_string(co->m_argcount);
    } else {
        plural = co->m_argcount != 1;
        sig = std::to_string(co->m_argcount);
    }
    std::string kwonly_sig;
    if (kwonly_given) {
        kwonly_sig = std::string(" positional argument") + (given != 1 ? "s" : "") + " (and "
            + std::to_string(kwonly_given) + " keyword-only argument" + (kwonly_given != 1 ? "s" : "") + ")";
    }
    raise(&exc::TypeError, "%s() takes %s positional argument%s but %zu%s %s given", str_utf8(f->m_qualname).c_str(),
        sig.c_str(), plural ? "s" : "", given, kwonly_sig.c_str(), given == 1 && !kwonly_given ? "was" : "were");
}

bool name_eq(Value a, Value b)
{
    if (a == b)
        return true;
    return is_str(a) && is_str(b) && str_eq(a.as<StrObject>(), b.as<StrObject>());
}

} // namespace

Frame* frame_for_call(FunctionObject* f, Value const* args, size_t nargs, TupleObject* kwnames)
{
    CodeObject* co = f->m_code;
    // As CPython's _PyFunction_Vectorcall: a function made from a module's code (no
    // CO_OPTIMIZED: its names are looked up by LOAD_NAME) runs with its globals as locals.
    Value locals = (co->m_flags & CO_OPTIMIZED) ? Value() : Value(f->m_globals);
    Frame* fr = frame_new(co, f->m_globals, f->m_builtins, locals);
    fr->m_func = f;
    Value* lp = fr->localsplus();
    int32_t argcount = co->m_argcount;
    int32_t total_args = argcount + co->m_kwonlyargcount;
    bool has_varargs = co->m_flags & CO_VARARGS;
    DictObject* kwdict = nullptr;
    if (co->m_flags & CO_VARKEYWORDS) {
        kwdict = dict_new();
        lp[total_args + (has_varargs ? 1 : 0)] = Value(kwdict);
    }

    // Fast path: exactly the positional parameters, no keywords.
    size_t nkw = kwnames ? static_cast<size_t>(kwnames->m_size) : 0;
    size_t n = nargs < static_cast<size_t>(argcount) ? nargs : static_cast<size_t>(argcount);
    for (size_t i = 0; i < n; ++i)
        lp[i] = args[i];
    if (has_varargs) {
        size_t extra = nargs > n ? nargs - n : 0;
        lp[total_args] = extra ? Value(tuple_from(args + n, static_cast<int64_t>(extra))) : Value(tuple_empty());
    }
    if (PY_LIKELY(nkw == 0 && nargs == static_cast<size_t>(argcount) && co->m_kwonlyargcount == 0))
        return fr;

    // Keyword arguments.
    std::vector<std::string> posonly_as_kw;
    for (size_t k = 0; k < nkw; ++k) {
        Value name = kwnames->item(static_cast<int64_t>(k));
        Value value = args[nargs + k];
        if (!is_str(name))
            raise(&exc::TypeError, "%s() keywords must be strings", str_utf8(f->m_qualname).c_str());
        int32_t j = -1;
        // Identity first (names are interned), then equality.
        for (int32_t i = co->m_posonlyargcount; i < total_args; ++i)
            if (co->m_localsplusnames->item(i) == name) {
                j = i;
                break;
            }
        if (j < 0)
            for (int32_t i = co->m_posonlyargcount; i < total_args; ++i)
                if (name_eq(co->m_localsplusnames->item(i), name)) {
                    j = i;
                    break;
                }
        if (j < 0) {
            if (kwdict) {
                dict_set(kwdict, name, value);
                continue;
            }
            bool posonly = false;
            for (int32_t i = 0; i < co->m_posonlyargcount; ++i)
                if (name_eq(co->m_localsplusnames->item(i), name))
                    posonly = true;
            if (posonly) {
                // CPython lists every positional-only name passed as a keyword.
                for (size_t k2 = 0; k2 < nkw; ++k2) {
                    Value n2 = kwnames->item(static_cast<int64_t>(k2));
                    for (int32_t i = 0; i < co->m_posonlyargcount; ++i)
                        if (name_eq(co->m_localsplusnames->item(i), n2))
                            posonly_as_kw.push_back(str_utf8(n2));
                }
                break;
            }
            raise(&exc::TypeError, "%s() got an unexpected keyword argument '%s'", str_utf8(f->m_qualname).c_str(),
                str_utf8(name).c_str());
        }
        if (lp[j])
            raise(&exc::TypeError, "%s() got multiple values for argument '%s'", str_utf8(f->m_qualname).c_str(),
                str_utf8(name).c_str());
        lp[j] = value;
    }
    if (!posonly_as_kw.empty()) {
        std::string joined;
        for (size_t i = 0; i < posonly_as_kw.size(); ++i)
            joined += (i ? ", " : "") + posonly_as_kw[i];
        raise(&exc::TypeError, "%s() got some positional-only arguments passed as keyword arguments: '%s'",
            str_utf8(f->m_qualname).c_str(), joined.c_str());
    }

    int64_t defcount = f->m_defaults ? f->m_defaults->m_size : 0;
    if (nargs > static_cast<size_t>(argcount) && !has_varargs)
        too_many_positional(f, fr, nargs, defcount);

    // Defaults for missing positional parameters.
    if (nargs < static_cast<size_t>(argcount)) {
        int64_t first_default = argcount - defcount;
        bool missing = false;
        for (int32_t i = static_cast<int32_t>(nargs); i < argcount; ++i) {
            if (lp[i])
                continue;
            if (i >= first_default)
                lp[i] = f->m_defaults->item(i - first_default);
            else
                missing = true;
        }
        if (missing)
            missing_arguments(f, fr, false, defcount);
    }
    // Keyword-only defaults.
    if (co->m_kwonlyargcount > 0) {
        bool missing = false;
        for (int32_t i = argcount; i < total_args; ++i) {
            if (lp[i])
                continue;
            Value d = f->m_kwdefaults ? dict_get(f->m_kwdefaults, co->m_localsplusnames->item(i)) : Value();
            if (d)
                lp[i] = d;
            else
                missing = true;
        }
        if (missing)
            missing_arguments(f, fr, true, defcount);
    }
    return fr;
}

} // namespace pystm::vm
