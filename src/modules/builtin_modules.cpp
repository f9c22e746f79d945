// The registry of built-in modules (see builtin_modules.h), the BuiltinImporter class that marks
// them, and the set-up of the runtime files' static types.
#include "modules/builtin_modules.h"
#include "modules/file_object.h"
#include "objects/type_object.h"
#include <algorithm>

namespace pystm {

Type builtin_importer_type(&type_type);

namespace {

BuiltinModuleDef const s_builtin_modules[] = {
    { "builtins", init_builtins_module_for_import },
    { "gc", init_gc_module },
    { "math", init_math_module },
    { "sys", init_sys_module_for_import },
    { "time", init_time_module },
};

} // namespace

ModuleInitFn find_builtin_module(std::string_view name)
{
    for (BuiltinModuleDef const& d : s_builtin_modules)
        if (name == d.name)
            return d.init;
    return nullptr;
}

std::vector<std::string> builtin_module_names()
{
    std::vector<std::string> out;
    for (BuiltinModuleDef const& d : s_builtin_modules)
        out.push_back(d.name);
    std::sort(out.begin(), out.end());
    return out;
}

void setup_runtime_module_types()
{
    init_static_type(&builtin_importer_type, "_frozen_importlib.BuiltinImporter", nullptr, sizeof(Object), 0);
    builtin_importer_type.m_doc = "Meta path import for built-in modules.\n\n    All methods are either class or static methods to avoid the need to\n    instantiate the class.\n\n    ";
    setup_sys_types();
    setup_time_types();
    setup_file_types();
    setup_builtins_types();
}

void init_runtime_module_types()
{
    init_sys_types();
    init_time_types();
    init_file_types();
    init_builtins_types();
}

} // namespace pystm
