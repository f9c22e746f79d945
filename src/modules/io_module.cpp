// _pystm_io: the native half of the _io module. It publishes the C++ file classes of
// modules/file_object.h (FileIO, BufferedReader, BufferedWriter, BufferedRandom and the native
// TextIOWrapper that open() and the standard streams return) and io.UnsupportedOperation.
// lib/_io.py builds the _io module on top of it: the _IOBase hierarchy, BytesIO, StringIO,
// BufferedRWPair, IncrementalNewlineDecoder and a TextIOWrapper that works on any buffer, and
// registers the native classes with its own so that isinstance() answers as in CPython.
// print() and file I/O stay on the native classes: the Python layer is not on their path.
#include "modules/builtin_modules.h"
#include "modules/file_object.h"
#include "objects/dict_object.h"
#include "objects/int_object.h"
#include "objects/str_object.h"

namespace pystm {

ModuleObject* init_pystm_io_module()
{
    ModuleObject* m = module_new("_pystm_io");
    DictObject* d = m->m_dict;
    dict_set_cstr(d, "FileIO", Value(&file_io_type));
    dict_set_cstr(d, "BufferedReader", Value(&buffered_reader_type));
    dict_set_cstr(d, "BufferedWriter", Value(&buffered_writer_type));
    dict_set_cstr(d, "BufferedRandom", Value(&buffered_random_type));
    dict_set_cstr(d, "TextIOWrapper", Value(&text_io_wrapper_type));
    dict_set_cstr(d, "UnsupportedOperation", Value(unsupported_operation_type()));
    dict_set_cstr(d, "DEFAULT_BUFFER_SIZE", Value::small_int(8192));
    return m;
}

} // namespace pystm
