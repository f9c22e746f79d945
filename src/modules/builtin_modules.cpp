// The registry of built-in modules (see builtin_modules.h), the BuiltinImporter class that marks
// them, and the set-up of the runtime files' static types.
#include "modules/builtin_modules.h"
#include "modules/file_object.h"
#include "objects/type_object.h"
#include "vm/import.h"
#include <algorithm>

namespace pystm {

Type builtin_importer_type(&type_type);

// Declared here rather than in builtin_modules.h to spare the tree a full rebuild.
ModuleObject* init_unicodedata_module(); // modules/unicodedata_module.cpp
void setup_unicodedata_types();
void init_unicodedata_types();
ModuleObject* init_sre_module(); // modules/sre/sre_module.cpp (and its types' hooks)
void setup_sre_types();
void init_sre_types();
ModuleObject* init_pystm_io_module(); // modules/io_module.cpp
ModuleObject* init_signal_module(); // modules/signal_module.cpp
ModuleObject* init_select_module(); // modules/select_module.cpp
void setup_select_types();
void init_select_types();
void setup_memoryview_type(); // modules/io_memoryview.cpp
void init_memoryview_type();
ModuleObject* init_hashlib_module(); // modules/hashlib_module.cpp
ModuleObject* init_blake2_module(); // modules/hashlib_module.cpp
void setup_hashlib_types();
void init_hashlib_types();
ModuleObject* init_zlib_module(); // modules/zlib_module.cpp
void setup_zlib_types();
void init_zlib_types();
ModuleObject* init_pyexpat_module(); // modules/pyexpat_module.cpp
void setup_pyexpat_types();
void init_pyexpat_types();
ModuleObject* init_bz2_module(); // modules/bz2_module.cpp
void setup_bz2_types();
void init_bz2_types();
ModuleObject* init_lzma_module(); // modules/lzma_module.cpp
void setup_lzma_types();
void init_lzma_types();
ModuleObject* init_stat_module(); // modules/stat_module.cpp
ModuleObject* init_csv_module(); // modules/csv_module.cpp
void setup_csv_types();
void init_csv_types();
ModuleObject* init_socket_module(); // modules/socket_module.cpp
void setup_socket_types();
void init_socket_types();
ModuleObject* init_json_module(); // modules/json_module.cpp
void setup_json_types();
void init_json_types();
ModuleObject* init_thread_module(); // modules/thread_module.cpp (_thread)
void setup_thread_types();
void init_thread_types();
ModuleObject* init_contextvars_module(); // modules/contextvars_module.cpp
void setup_contextvars_types();
void init_contextvars_types();
ModuleObject* init_locale_module(); // modules/locale_module.cpp (_locale)
ModuleObject* init_pystm_module(); // modules/pystm_module.cpp
void setup_pystm_types();
void init_pystm_types();
ModuleObject* init_posixsubprocess_module(); // modules/posixsubprocess_module.cpp
ModuleObject* init_ast_module(); // modules/ast_module.cpp
ModuleObject* init_bisect_module(); // modules/bisect_module.cpp
ModuleObject* init_marshal_module(); // modules/marshal_module.cpp
ModuleObject* init_warnings_module(); // modules/warnings_module.cpp
ModuleObject* init_array_module(); // modules/array_module.cpp
ModuleObject* init_faulthandler_module(); // modules/faulthandler_module.cpp
void setup_array_types();
void init_array_types();
void setup_abc_types(); // modules/abc_module.cpp
void init_abc_types();
ModuleObject* init_fcntl_module(); // modules/fcntl_module.cpp
ModuleObject* init_grp_module(); // modules/grp_module.cpp
void setup_grp_types();
void init_grp_types();
ModuleObject* init_resource_module(); // modules/resource_module.cpp
void setup_resource_types();
void init_resource_types();
ModuleObject* init_termios_module(); // modules/termios_module.cpp
ModuleObject* init_pwd_module(); // modules/pwd_module.cpp
void setup_pwd_types();
void init_pwd_types();

namespace {

    BuiltinModuleDef const s_builtin_modules[] = {
        { "_abc", init_abc_module },
        { "_ast", init_ast_module },
        { "_imp", init_imp_module },
        { "_locale", init_locale_module },
        { "_pystm", init_pystm_module },
        { "_pystm_io", init_pystm_io_module },
        { "_posixsubprocess", init_posixsubprocess_module },
        { "_signal", init_signal_module },
        { "array", init_array_module },
        { "atexit", init_atexit_module },
        { "_bisect", init_bisect_module },
        { "_blake2", init_blake2_module },
        { "_bz2", init_bz2_module },
        { "_csv", init_csv_module },
        { "_socket", init_socket_module },
        { "_json", init_json_module },
        { "_lzma", init_lzma_module },
        { "_hashlib", init_hashlib_module },
        { "zlib", init_zlib_module },
        { "pyexpat", init_pyexpat_module },
        { "_codecs", init_codecs_module },
        { "_collections", init_collections_module },
        { "_contextvars", init_contextvars_module },
        { "_functools", init_functools_module },
        { "_operator", init_operator_module },
        { "_random", init_random_module },
        { "_sha512", init_sha512_module },
        { "_string", init_string_module },
        { "_struct", init_struct_module },
        { "_thread", init_thread_module },
        { "_sre", init_sre_module },
        { "_stat", init_stat_module },
        { "_warnings", init_warnings_module },
        { "_weakref", init_weakref_module },
        { "binascii", init_binascii_module },
        { "builtins", init_builtins_module_for_import },
        { "cmath", init_cmath_module },
        { "errno", init_errno_module },
        { "faulthandler", init_faulthandler_module },
        { "fcntl", init_fcntl_module },
        { "gc", init_gc_module },
        { "grp", init_grp_module },
        { "itertools", init_itertools_module },
        { "marshal", init_marshal_module },
        { "math", init_math_module },
        { "posix", init_posix_module },
        { "pwd", init_pwd_module },
        { "resource", init_resource_module },
        { "select", init_select_module },
        { "sys", init_sys_module_for_import },
        { "termios", init_termios_module },
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
    setup_memoryview_type();
    setup_select_types();
    setup_builtins_types();
    setup_sre_types();
    setup_itertools_types();
    setup_collections_types();
    setup_weakref_types();
    setup_random_types();
    setup_struct_types();
    setup_hashlib_types();
    setup_zlib_types();
    setup_pyexpat_types();
    setup_bz2_types();
    setup_lzma_types();
    setup_csv_types();
    setup_socket_types();
    setup_json_types();
    setup_thread_types();
    setup_contextvars_types();
    setup_pystm_types();
    setup_functools_types();
    setup_operator_types();
    setup_array_types();
    setup_unicodedata_types();
    setup_abc_types();
    setup_grp_types();
    setup_resource_types();
    setup_pwd_types();
}

void init_runtime_module_types()
{
    init_sys_types();
    init_import_types();
    init_time_types();
    init_posix_types();
    init_file_types();
    init_memoryview_type();
    init_select_types();
    init_builtins_types();
    init_sre_types();
    init_itertools_types();
    init_collections_types();
    init_weakref_types();
    init_random_types();
    init_struct_types();
    init_hashlib_types();
    init_zlib_types();
    init_pyexpat_types();
    init_bz2_types();
    init_lzma_types();
    init_csv_types();
    init_socket_types();
    init_json_types();
    init_thread_types();
    init_contextvars_types();
    init_pystm_types();
    init_functools_types();
    init_operator_types();
    init_array_types();
    init_abc_types();
    init_unicodedata_types();
    init_grp_types();
    init_resource_types();
    init_pwd_types();
}

} // namespace pystm
