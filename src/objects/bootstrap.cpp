// Runtime start-up order (see bootstrap.h). The order of the setup_* calls matters only for
// base types, which must be set up before their subclasses.
#include "objects/bootstrap.h"
#include "objects/str_object.h"
#include "objects/type_object.h"

namespace pystm {

void bootstrap_runtime()
{
    static bool done = false;
    PY_VERIFY(!done, "BOOT-1");
    done = true;

    setup_object_types();
    setup_int_types();
    setup_float_types();
    setup_str_types();
    setup_bytes_types();
    setup_tuple_types();
    setup_list_types();
    setup_dict_types();
    setup_set_types();
    setup_range_types();
    setup_iter_types();
    setup_function_types();
    setup_code_types();
    setup_generator_types();
    setup_frame_types();
    setup_exception_types();
    setup_module_types();

    finish_static_types();
    init_names();

    init_object_types();
    init_int_types();
    init_float_types();
    init_str_types();
    init_bytes_types();
    init_tuple_types();
    init_list_types();
    init_dict_types();
    init_set_types();
    init_range_types();
    init_iter_types();
    init_function_types();
    init_code_types();
    init_generator_types();
    init_frame_types();
    init_exception_types();
    init_module_types();

    init_builtins_module();
    init_sys_module();
}

} // namespace pystm
