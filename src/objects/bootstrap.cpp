// Runtime start-up order (see bootstrap.h). The order of the setup_* calls matters only for
// base types, which must be set up before their subclasses.
#include "objects/bootstrap.h"
#include "objects/bytes_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"

namespace pystm {

namespace {

// Sizes of the variable-size layouts, matching the make_var() calls of their constructors
// (OBJ-2: heap subclasses keep their __dict__ and __slots__ after the items).
size_t str_var_size(Object const* o)
{
    auto const* s = static_cast<StrObject const*>(o);
    return sizeof(StrObject) + static_cast<size_t>(s->m_length + 1) * s->m_kind;
}
size_t bytes_var_size(Object const* o)
{
    return sizeof(BytesObject) + static_cast<size_t>(static_cast<BytesObject const*>(o)->m_size) + 1;
}
size_t tuple_var_size(Object const* o)
{
    return sizeof(TupleObject) + static_cast<size_t>(static_cast<TupleObject const*>(o)->m_size) * sizeof(Value);
}

} // namespace

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
    str_type.m_var_size = str_var_size;
    bytes_type.m_var_size = bytes_var_size;
    tuple_type.m_var_size = tuple_var_size;

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
    install_finalizer_hooks();
}

} // namespace pystm
