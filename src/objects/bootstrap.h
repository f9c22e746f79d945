// Runtime start-up: builtin types, singletons, the builtins and sys modules.
#pragma once

namespace pystm {

// Initialises the whole runtime once per process. Must be called on the main thread before any
// other pystm function, after gc::register_thread().
void bootstrap_runtime();

// Per-file set-up hooks, called by bootstrap_runtime() in this order: every setup_* (layouts via
// init_static_type, no allocation), then finish_static_types(), init_names(), then every init_*
// (methods, attributes, cached objects).
void setup_object_types();
void setup_int_types();
void setup_float_types();
void setup_str_types();
void setup_bytes_types();
void setup_tuple_types();
void setup_list_types();
void setup_dict_types();
void setup_set_types();
void setup_range_types();
void setup_iter_types();
void setup_function_types();
void setup_code_types();
void setup_generator_types();
void setup_frame_types();
void setup_exception_types();
void setup_module_types();

void init_object_types();
void init_int_types();
void init_float_types();
void init_str_types();
void init_bytes_types();
void init_tuple_types();
void init_list_types();
void init_dict_types();
void init_set_types();
void init_range_types();
void init_iter_types();
void init_function_types();
void init_code_types();
void init_generator_types();
void init_frame_types();
void init_exception_types();
void init_module_types();

// Built-in modules, created after all types (builtins/, modules/).
void init_builtins_module();
void init_sys_module();

// Connects __del__ to the collector's finalizers (objects/finalizer.cpp).
void install_finalizer_hooks();

} // namespace pystm
