// The registry of built-in modules (see builtin_modules.h), the BuiltinImporter class that marks
// them, and the set-up of the runtime files' static types.
#include "modules/builtin_modules.h"
#include "modules/file_object.h"
#include "objects/type_object.h"
#include "vm/import.h"
#include <algorithm>

namespace pystm {

Type builtin_importer_type(&type_type);

// Declared here rather than in builtin_modules.h to spare the tree a full rebuild (polish).
ModuleObject* init_unicodedata_module(); // modules/unicodedata_module.cpp
ModuleObject* init_sre_module(); // regex: modules/sre/sre_module.cpp (and its types' hooks)
void setup_sre_types();
void init_sre_types();
ModuleObject* init_pystm_io_module(); // stdlib-io: modules/io_module.cpp
ModuleObject* init_signal_module(); // stdlib-io: modules/signal_module.cpp
ModuleObject* init_select_module(); // stdlib-io: modules/select_module.cpp
void setup_select_types();
void init_select_types();
void setup_memoryview_type(); // stdlib-io: modules/io_memoryview.cpp
void init_memoryview_type();
ModuleObject* init_hashlib_module(); // stdlib-ext: modules/hashlib_module.cpp
ModuleObject* init_blake2_module(); // stdlib-ext: modules/hashlib_module.cpp
void setup_hashlib_types(); // stdlib-ext
void init_hashlib_types(); // stdlib-ext
ModuleObject* init_zlib_module(); // stdlib-ext: modules/zlib_module.cpp
void setup_zlib_types(); // stdlib-ext
void init_zlib_types(); // stdlib-ext
ModuleObject* init_csv_module(); // stdlib-ext: modules/csv_module.cpp
void setup_csv_types(); // stdlib-ext
void init_csv_types(); // stdlib-ext
ModuleObject* init_socket_module(); // stdlib-ext: modules/socket_module.cpp
void setup_socket_types(); // stdlib-ext
void init_socket_types(); // stdlib-ext
ModuleObject* init_json_module(); // stdlib-ext: modules/json_module.cpp
void setup_json_types(); // stdlib-ext
void init_json_types(); // stdlib-ext
ModuleObject* init_thread_module(); // stdlib-core2: modules/thread_module.cpp (_thread)
void setup_thread_types();
void init_thread_types();
ModuleObject* init_contextvars_module(); // stdlib-core2: modules/contextvars_module.cpp
void setup_contextvars_types();
void init_contextvars_types();
ModuleObject* init_locale_module(); // stdlib-core2: modules/locale_module.cpp (_locale)

namespace {

BuiltinModuleDef const s_builtin_modules[] = {
    { "_imp", init_imp_module },
    { "_locale", init_locale_module }, // stdlib-core2
    { "_pystm_io", init_pystm_io_module }, // stdlib-io
    { "_signal", init_signal_module }, // stdlib-io
    { "atexit", init_atexit_module },
    { "_blake2", init_blake2_module }, // stdlib-ext
    { "_csv", init_csv_module }, // stdlib-ext
    { "_socket", init_socket_module }, // stdlib-ext
    { "_json", init_json_module }, // stdlib-ext
    { "_hashlib", init_hashlib_module }, // stdlib-ext
    { "zlib", init_zlib_module }, // stdlib-ext
    { "_codecs", init_codecs_module }, // stdlib-core2
    { "_collections", init_collections_module }, // stdlib-core
    { "_contextvars", init_contextvars_module }, // stdlib-core2
    { "_functools", init_functools_module }, // stdlib-core2
    { "_operator", init_operator_module }, // stdlib-core2
    { "_random", init_random_module }, // stdlib-core
    { "_sha512", init_sha512_module }, // stdlib-core
    { "_string", init_string_module }, // stdlib-core
    { "_struct", init_struct_module }, // stdlib-core
    { "_thread", init_thread_module }, // stdlib-core2
    { "_sre", init_sre_module }, // regex
    { "_weakref", init_weakref_module }, // stdlib-core
    { "binascii", init_binascii_module }, // stdlib-core2
    { "builtins", init_builtins_module_for_import },
    { "errno", init_errno_module },
    { "gc", init_gc_module },
    { "itertools", init_itertools_module }, // stdlib-core
    { "math", init_math_module },
    { "posix", init_posix_module },
    { "select", init_select_module }, // stdlib-io
    { "sys", init_sys_module_for_import },
    { "time", init_time_module },
    { "unicodedata", init_unicodedata_module },
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
    setup_import_types(); // after setup_sys_types(): its types derive from SimpleNamespace
    setup_time_types();
    setup_posix_types();
    setup_file_types();
    setup_memoryview_type(); // stdlib-io
    setup_select_types(); // stdlib-io
    setup_builtins_types();
    setup_sre_types(); // regex
    setup_itertools_types(); // stdlib-core
    setup_collections_types(); // stdlib-core
    setup_weakref_types(); // stdlib-core
    setup_random_types(); // stdlib-core
    setup_struct_types(); // stdlib-core
    setup_hashlib_types(); // stdlib-ext
    setup_zlib_types(); // stdlib-ext
    setup_csv_types(); // stdlib-ext
    setup_socket_types(); // stdlib-ext
    setup_json_types(); // stdlib-ext
    setup_thread_types(); // stdlib-core2
    setup_contextvars_types(); // stdlib-core2
    setup_functools_types(); // stdlib-core2
    setup_operator_types(); // stdlib-core2
}

void init_runtime_module_types()
{
    init_sys_types();
    init_import_types();
    init_time_types();
    init_posix_types();
    init_file_types();
    init_memoryview_type(); // stdlib-io
    init_select_types(); // stdlib-io
    init_builtins_types();
    init_sre_types(); // regex
    init_itertools_types(); // stdlib-core
    init_collections_types(); // stdlib-core
    init_weakref_types(); // stdlib-core
    init_random_types(); // stdlib-core
    init_struct_types(); // stdlib-core
    init_hashlib_types(); // stdlib-ext
    init_zlib_types(); // stdlib-ext
    init_csv_types(); // stdlib-ext
    init_socket_types(); // stdlib-ext
    init_json_types(); // stdlib-ext
    init_thread_types(); // stdlib-core2
    init_contextvars_types(); // stdlib-core2
    init_functools_types(); // stdlib-core2
    init_operator_types(); // stdlib-core2
}

} // namespace pystm
