// The pyexpat module, backed by Debian's libexpat: ParserCreate and the xmlparser type (Parse,
// ParseFile, the handler attributes, character data buffering, the error and position
// attributes), ExpatError, ErrorString, and the errors and model submodules, as CPython 3.11's
// Modules/pyexpat.c.
//
// Invariants: an xmlparser's XML_Parser is owned by the object (its user data points back at the
// object, which the GC never moves) and freed by the type's m_destroy. The C handler of an event
// is installed in expat exactly while the Python handler of that event is set. An exception
// raised by a Python handler is taken out of the thread state into m_error and every handler is
// cleared, so that expat runs no more Python code; Parse and ParseFile raise it again once expat
// returns. Fields are mutated only after write_barrier on the object (no undo operations: a
// parser's expat state cannot be copied, so writing to one makes the transaction inevitable).
#include "gc/heap.h"
#include "modules/builtin_modules.h"
#include "objects/api.h"
#include "objects/buffer_arg.h"
#include "objects/bytes_internal.h"
#include "objects/codecs.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/list_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "objects/type_object.h"
#include "vm/import.h"
#include <climits>
#include <cstring>
#include <expat.h>
#include <string>

namespace pystm {

void setup_pyexpat_types();
void init_pyexpat_types();
ModuleObject* init_pyexpat_module();

namespace {

Type xmlparser_type { &type_type };
Value s_error; // pyexpat.ExpatError (a root)

// The handlers, in CPython's order (the index of each in ParserObject::m_handlers).
enum HandlerId {
    H_StartElement,
    H_EndElement,
    H_ProcessingInstruction,
    H_CharacterData,
    H_UnparsedEntityDecl,
    H_NotationDecl,
    H_StartNamespaceDecl,
    H_EndNamespaceDecl,
    H_Comment,
    H_StartCdataSection,
    H_EndCdataSection,
    H_Default,
    H_DefaultHandlerExpand,
    H_NotStandalone,
    H_ExternalEntityRef,
    H_StartDoctypeDecl,
    H_EndDoctypeDecl,
    H_EntityDecl,
    H_XmlDecl,
    H_ElementDecl,
    H_AttlistDecl,
    H_SkippedEntity,
    H_COUNT
};

struct ParserObject : Object {
    XML_Parser m_parser = nullptr;
    Value m_handlers[H_COUNT];
    Value m_intern; // dict or null (no interning)
    Value m_error; // exception raised by a handler, not yet propagated
    Value m_parent; // the parser an external entity parser was created from (keeps it alive)
    std::string* m_buffer = nullptr; // character data buffer; null when buffer_text is off
    int m_buffer_size = 8192;
    bool m_ordered_attributes = false;
    bool m_specified_attributes = false;
    bool m_ns_prefixes = false;
    bool m_in_callback = false;
    bool m_reparse_deferral = true; // expat 2.6 and later
    explicit ParserObject(Type* t)
        : Object(t)
    {
    }
};

ParserObject* as_parser(Value v) { return v.as<ParserObject>(); }

void parser_trace(Object* o, gc::Tracer& t)
{
    auto* p = static_cast<ParserObject*>(o);
    for (Value& h : p->m_handlers)
        t.visit(h);
    t.visit(p->m_intern);
    t.visit(p->m_error);
    t.visit(p->m_parent);
}

void parser_destroy(Object* o)
{
    auto* p = static_cast<ParserObject*>(o);
    if (p->m_parser) {
        XML_ParserFree(p->m_parser);
        p->m_parser = nullptr;
    }
    delete p->m_buffer;
    p->m_buffer = nullptr;
}

// --- conversions ---------------------------------------------------------------------------------

Value conv_string(XML_Char const* s)
{
    if (!s)
        return none();
    return str_from_utf8(s);
}

Value conv_string_len(XML_Char const* s, int len)
{
    if (!s)
        return none();
    return str_from_utf8(std::string_view(s, static_cast<size_t>(len)));
}

// A name, through the parser's intern dict when it has one.
Value string_intern(ParserObject* self, XML_Char const* s)
{
    if (!s)
        return none();
    Value r = str_from_utf8(s);
    if (!self->m_intern)
        return r;
    DictObject* d = self->m_intern.as<DictObject>();
    Value v = dict_get(d, r);
    if (v)
        return v;
    dict_set(d, r, r);
    return r;
}

// --- errors --------------------------------------------------------------------------------------

[[noreturn]] void set_error(ParserObject* self, XML_Error code)
{
    XML_Size lineno = XML_GetErrorLineNumber(self->m_parser);
    XML_Size column = XML_GetErrorColumnNumber(self->m_parser);
    char buf[400];
    snprintf(buf, sizeof buf, "%.200s: line %i, column %i", XML_ErrorString(code),
        static_cast<int>(lineno), static_cast<int>(column));
    Value err = py_call1(s_error, str_from_utf8(buf));
    py_setattr(err, intern("code"), Value::small_int(code));
    py_setattr(err, intern("offset"), int_from_i64(static_cast<int64_t>(column)));
    py_setattr(err, intern("lineno"), int_from_i64(static_cast<int64_t>(lineno)));
    raise_value(err);
}

void clear_handlers(ParserObject* self);
char const* handler_info_name(HandlerId h);
void raise_pending(ParserObject* p);

int error_external_entity_ref_handler(
    XML_Parser, XML_Char const*, XML_Char const*, XML_Char const*, XML_Char const*)
{
    return XML_STATUS_ERROR;
}

// Functions named after the events, in a code object whose file is pyexpat.c, that raise their
// argument: as in CPython, the traceback of an exception from a handler shows an entry for the
// event between the caller of Parse and the handler (a root; built by the module's init).
Value s_event_frames;

// Adds the event's entry to the traceback of [e] (which the caller took out of flight).
Value add_event_frame(Value e, HandlerId h)
{
    if (!s_event_frames)
        return e;
    char const* name = handler_info_name(h);
    try {
        py_call1(dict_get_cstr(s_event_frames.as<DictObject>(), name), e);
    } catch (PyError&) {
        return take_exception();
    }
    return e;
}

// A handler raised: keep its exception for the caller of Parse and stop calling Python.
void flag_error(ParserObject* self, HandlerId h = H_COUNT)
{
    Value e = take_exception();
    if (h != H_COUNT)
        e = add_event_frame(e, h);
    write_barrier(self);
    if (!self->m_error)
        self->m_error = e;
    clear_handlers(self);
    XML_SetExternalEntityRefHandler(self->m_parser, error_external_entity_ref_handler);
}

bool have_handler(ParserObject* self, HandlerId h) { return bool(self->m_handlers[h]); }

// Calls handler [h] with [args]; false (and the error flagged) if it raised.
bool call_handler(
    ParserObject* self, HandlerId h, std::initializer_list<Value> args, Value* result = nullptr)
{
    Value fn = self->m_handlers[h];
    self->m_in_callback = true;
    try {
        Value r = py_call(fn, args.begin(), args.size());
        write_barrier(self); // the call was a safepoint
        self->m_in_callback = false;
        if (result)
            *result = r;
        return true;
    } catch (PyError&) {
        write_barrier(self);
        self->m_in_callback = false;
        flag_error(self, h);
        return false;
    }
}

bool call_character_handler(ParserObject* self, XML_Char const* data, int len)
{
    if (!have_handler(self, H_CharacterData))
        return false;
    Value s;
    try {
        s = conv_string_len(data, len);
    } catch (PyError&) {
        flag_error(self);
        return false;
    }
    return call_handler(self, H_CharacterData, { s });
}

bool flush_character_buffer(ParserObject* self)
{
    write_barrier(self);
    if (!self->m_buffer || self->m_buffer->empty())
        return true;
    std::string data;
    data.swap(*self->m_buffer);
    bool ok = call_character_handler(self, data.data(), static_cast<int>(data.size()));
    write_barrier(self);
    if (self->m_buffer)
        self->m_buffer->clear();
    return ok;
}

// The common prologue of every handler: false if Python must not be called.
bool handler_prologue(ParserObject* self, HandlerId h)
{
    // Expat calls back after the Python code of earlier events: each event barriers anew.
    write_barrier(self);
    if (!have_handler(self, h) || self->m_error)
        return false;
    return flush_character_buffer(self) && have_handler(self, h) && !self->m_error;
}

// Builds a handler's arguments; false (and the error flagged) if that raised.
template <typename F> bool build_args(ParserObject* self, F f)
{
    try {
        f();
        return true;
    } catch (PyError&) {
        flag_error(self);
        return false;
    }
}

ParserObject* self_of(void* ud) { return static_cast<ParserObject*>(ud); }

// --- the C handlers ------------------------------------------------------------------------------

void my_start_element(void* ud, XML_Char const* name, XML_Char const** atts)
{
    ParserObject* self = self_of(ud);
    if (!handler_prologue(self, H_StartElement))
        return;
    Value n, container;
    bool ok = build_args(self, [&] {
        int max = 0;
        if (self->m_specified_attributes)
            max = XML_GetSpecifiedAttributeCount(self->m_parser);
        else
            while (atts[max])
                max += 2;
        if (self->m_ordered_attributes) {
            ListObject* l = list_new(max);
            for (int i = 0; i < max; i += 2) {
                list_append(l, string_intern(self, atts[i]));
                list_append(l, conv_string(atts[i + 1]));
            }
            container = l;
        } else {
            DictObject* d = dict_new();
            for (int i = 0; i < max; i += 2)
                dict_set(d, string_intern(self, atts[i]), conv_string(atts[i + 1]));
            container = d;
        }
        n = string_intern(self, name);
    });
    if (ok)
        call_handler(self, H_StartElement, { n, container });
}

#define PYEXPAT_HANDLER(h, build, ...)                                                             \
    ParserObject* self = self_of(ud);                                                              \
    if (!handler_prologue(self, h))                                                                \
        return;                                                                                    \
    [[maybe_unused]] Value a[7];                                                                   \
    if (!build_args(self, [&] { build; }))                                                         \
        return;                                                                                    \
    call_handler(self, h, __VA_ARGS__);

void my_end_element(void* ud, XML_Char const* name)
{
    PYEXPAT_HANDLER(H_EndElement, a[0] = string_intern(self, name), { a[0] })
}

void my_processing_instruction(void* ud, XML_Char const* target, XML_Char const* data)
{
    PYEXPAT_HANDLER(H_ProcessingInstruction,
        (a[0] = string_intern(self, target), a[1] = conv_string(data)), { a[0], a[1] })
}

void my_character_data(void* ud, XML_Char const* data, int len)
{
    ParserObject* self = self_of(ud);
    write_barrier(self);
    if (self->m_error)
        return;
    if (!self->m_buffer) {
        call_character_handler(self, data, len);
        return;
    }
    if (static_cast<int64_t>(self->m_buffer->size()) + len > self->m_buffer_size) {
        if (!flush_character_buffer(self))
            return;
        write_barrier(self);
        // The handler may have changed; drop the data if there is none any more.
        if (!have_handler(self, H_CharacterData) || !self->m_buffer)
            return;
    }
    if (len > self->m_buffer_size) {
        call_character_handler(self, data, len);
        write_barrier(self);
        if (self->m_buffer)
            self->m_buffer->clear();
    } else {
        self->m_buffer->append(data, static_cast<size_t>(len));
    }
}

void noop_character_data(void*, XML_Char const*, int) { }

void my_unparsed_entity_decl(void* ud, XML_Char const* entity, XML_Char const* base,
    XML_Char const* sysid, XML_Char const* pubid, XML_Char const* notation)
{
    PYEXPAT_HANDLER(H_UnparsedEntityDecl,
        (a[0] = string_intern(self, entity), a[1] = string_intern(self, base),
            a[2] = string_intern(self, sysid), a[3] = string_intern(self, pubid),
            a[4] = string_intern(self, notation)),
        { a[0], a[1], a[2], a[3], a[4] })
}

void my_entity_decl(void* ud, XML_Char const* entity, int is_param, XML_Char const* value,
    int value_len, XML_Char const* base, XML_Char const* sysid, XML_Char const* pubid,
    XML_Char const* notation)
{
    PYEXPAT_HANDLER(H_EntityDecl,
        (a[0] = string_intern(self, entity), a[1] = Value::small_int(is_param),
            a[2] = value ? conv_string_len(value, value_len) : none(),
            a[3] = string_intern(self, base), a[4] = string_intern(self, sysid),
            a[5] = string_intern(self, pubid), a[6] = string_intern(self, notation)),
        { a[0], a[1], a[2], a[3], a[4], a[5], a[6] })
}

void my_xml_decl(void* ud, XML_Char const* version, XML_Char const* encoding, int standalone) {
    PYEXPAT_HANDLER(H_XmlDecl, (a[0] = conv_string(version), a[1] = conv_string(encoding)),
        { a[0], a[1], Value::small_int(standalone) })
}

Value conv_content_model(XML_Content const* model)
{
    // Content models nest as deeply as the DTD says: RecursionError rather than a stack overflow.
    RecursionGuard guard;
    gc::RootedValues children;
    for (unsigned i = 0; i < model->numchildren; i++)
        children.push_back(conv_content_model(&model->children[i]));
    return tuple_of(
        { Value::small_int(model->type), Value::small_int(model->quant), conv_string(model->name),
            Value(tuple_from(children.data(), static_cast<int64_t>(children.size()))) });
}

void my_element_decl(void* ud, XML_Char const* name, XML_Content* model)
{
    ParserObject* self = self_of(ud);
    if (handler_prologue(self, H_ElementDecl)) {
        Value a[2];
        if (build_args(self, [&] {
                a[0] = string_intern(self, name);
                a[1] = conv_content_model(model);
            }))
            call_handler(self, H_ElementDecl, { a[0], a[1] });
    }
    read_barrier(self);
    XML_FreeContentModel(self->m_parser, model);
}

void my_attlist_decl(void* ud, XML_Char const* elname, XML_Char const* attname,
    XML_Char const* att_type, XML_Char const* dflt, int isrequired)
{
    PYEXPAT_HANDLER(H_AttlistDecl,
        (a[0] = string_intern(self, elname), a[1] = string_intern(self, attname),
            a[2] = conv_string(att_type), a[3] = conv_string(dflt)),
        { a[0], a[1], a[2], a[3], Value::small_int(isrequired) })
}

void my_skipped_entity(void* ud, XML_Char const* entity, int is_param)
{
    PYEXPAT_HANDLER(
        H_SkippedEntity, a[0] = string_intern(self, entity), { a[0], Value::small_int(is_param) })
}

void my_notation_decl(void* ud, XML_Char const* notation, XML_Char const* base,
    XML_Char const* sysid, XML_Char const* pubid)
{
    PYEXPAT_HANDLER(H_NotationDecl,
        (a[0] = string_intern(self, notation), a[1] = string_intern(self, base),
            a[2] = string_intern(self, sysid), a[3] = string_intern(self, pubid)),
        { a[0], a[1], a[2], a[3] })
}

void my_start_namespace_decl(void* ud, XML_Char const* prefix, XML_Char const* uri)
{
    PYEXPAT_HANDLER(H_StartNamespaceDecl,
        (a[0] = string_intern(self, prefix), a[1] = string_intern(self, uri)), { a[0], a[1] })
}

void my_end_namespace_decl(void* ud, XML_Char const* prefix)
{
    PYEXPAT_HANDLER(H_EndNamespaceDecl, a[0] = string_intern(self, prefix), { a[0] })
}

void my_comment(void* ud, XML_Char const* data)
{
    PYEXPAT_HANDLER(H_Comment, a[0] = conv_string(data), { a[0] })
}

void my_start_cdata_section(void* ud) { PYEXPAT_HANDLER(H_StartCdataSection, (void)0, {}) }

void my_end_cdata_section(void* ud) { PYEXPAT_HANDLER(H_EndCdataSection, (void)0, {}) }

void my_default(void* ud, XML_Char const* s, int len)
{
    PYEXPAT_HANDLER(H_Default, a[0] = conv_string_len(s, len), { a[0] })
}

void my_default_expand(void* ud, XML_Char const* s, int len)
{
    PYEXPAT_HANDLER(H_DefaultHandlerExpand, a[0] = conv_string_len(s, len), { a[0] })
}

void my_start_doctype_decl(void* ud, XML_Char const* name, XML_Char const* sysid,
    XML_Char const* pubid, int has_internal_subset)
{
    PYEXPAT_HANDLER(H_StartDoctypeDecl,
        (a[0] = string_intern(self, name), a[1] = string_intern(self, sysid),
            a[2] = string_intern(self, pubid)),
        { a[0], a[1], a[2], Value::small_int(has_internal_subset) })
}

void my_end_doctype_decl(void* ud) { PYEXPAT_HANDLER(H_EndDoctypeDecl, (void)0, {}) }

#undef PYEXPAT_HANDLER

// The int a handler returned (0 if it raised), as CPython's PyLong_AsLong conversion.
int handler_rc(ParserObject* self, Value rv)
{
    try {
        int64_t x = py_index_i64(rv);
        return static_cast<int>(x);
    } catch (PyError&) {
        flag_error(self);
        return 0;
    }
}

int my_not_standalone(void* ud)
{
    ParserObject* self = self_of(ud);
    if (!handler_prologue(self, H_NotStandalone))
        return 0;
    Value rv;
    if (!call_handler(self, H_NotStandalone, {}, &rv))
        return 0;
    return handler_rc(self, rv);
}

int my_external_entity_ref(XML_Parser p, XML_Char const* context, XML_Char const* base,
    XML_Char const* sysid, XML_Char const* pubid)
{
    ParserObject* self = self_of(XML_GetUserData(p));
    if (!handler_prologue(self, H_ExternalEntityRef))
        return 0;
    Value a[4];
    if (!build_args(self, [&] {
            a[0] = conv_string(context);
            a[1] = string_intern(self, base);
            a[2] = string_intern(self, sysid);
            a[3] = string_intern(self, pubid);
        }))
        return 0;
    Value rv;
    if (!call_handler(self, H_ExternalEntityRef, { a[0], a[1], a[2], a[3] }, &rv))
        return 0;
    return handler_rc(self, rv);
}

// --- handler table -------------------------------------------------------------------------------

struct HandlerInfo {
    char const* name;
    void (*set)(XML_Parser, bool on, bool noop);
};

#define PYEXPAT_SETTER(setter, fn) [](XML_Parser p, bool on, bool) { setter(p, on ? fn : nullptr); }

HandlerInfo const handler_info[H_COUNT] = {
    { "StartElementHandler",
        [](XML_Parser p, bool on, bool) {
            XML_SetStartElementHandler(p, on ? my_start_element : nullptr);
        } },
    { "EndElementHandler", PYEXPAT_SETTER(XML_SetEndElementHandler, my_end_element) },
    { "ProcessingInstructionHandler",
        PYEXPAT_SETTER(XML_SetProcessingInstructionHandler, my_processing_instruction) },
    { "CharacterDataHandler",
        [](XML_Parser p, bool on, bool noop) {
            XML_SetCharacterDataHandler(p,
                on         ? my_character_data
                    : noop ? noop_character_data
                           : nullptr);
        } },
    { "UnparsedEntityDeclHandler",
        PYEXPAT_SETTER(XML_SetUnparsedEntityDeclHandler, my_unparsed_entity_decl) },
    { "NotationDeclHandler", PYEXPAT_SETTER(XML_SetNotationDeclHandler, my_notation_decl) },
    { "StartNamespaceDeclHandler",
        PYEXPAT_SETTER(XML_SetStartNamespaceDeclHandler, my_start_namespace_decl) },
    { "EndNamespaceDeclHandler",
        PYEXPAT_SETTER(XML_SetEndNamespaceDeclHandler, my_end_namespace_decl) },
    { "CommentHandler", PYEXPAT_SETTER(XML_SetCommentHandler, my_comment) },
    { "StartCdataSectionHandler",
        PYEXPAT_SETTER(XML_SetStartCdataSectionHandler, my_start_cdata_section) },
    { "EndCdataSectionHandler",
        PYEXPAT_SETTER(XML_SetEndCdataSectionHandler, my_end_cdata_section) },
    { "DefaultHandler", PYEXPAT_SETTER(XML_SetDefaultHandler, my_default) },
    { "DefaultHandlerExpand", PYEXPAT_SETTER(XML_SetDefaultHandlerExpand, my_default_expand) },
    { "NotStandaloneHandler", PYEXPAT_SETTER(XML_SetNotStandaloneHandler, my_not_standalone) },
    { "ExternalEntityRefHandler",
        PYEXPAT_SETTER(XML_SetExternalEntityRefHandler, my_external_entity_ref) },
    { "StartDoctypeDeclHandler",
        PYEXPAT_SETTER(XML_SetStartDoctypeDeclHandler, my_start_doctype_decl) },
    { "EndDoctypeDeclHandler", PYEXPAT_SETTER(XML_SetEndDoctypeDeclHandler, my_end_doctype_decl) },
    { "EntityDeclHandler", PYEXPAT_SETTER(XML_SetEntityDeclHandler, my_entity_decl) },
    { "XmlDeclHandler", PYEXPAT_SETTER(XML_SetXmlDeclHandler, my_xml_decl) },
    { "ElementDeclHandler", PYEXPAT_SETTER(XML_SetElementDeclHandler, my_element_decl) },
    { "AttlistDeclHandler", PYEXPAT_SETTER(XML_SetAttlistDeclHandler, my_attlist_decl) },
    { "SkippedEntityHandler", PYEXPAT_SETTER(XML_SetSkippedEntityHandler, my_skipped_entity) },
};

#undef PYEXPAT_SETTER

// The event's name: the handler's without "Handler" (DefaultHandlerExpand keeps it).
char const* handler_info_name(HandlerId h)
{
    static char const* const names[H_COUNT] = { "StartElement", "EndElement",
        "ProcessingInstruction", "CharacterData", "UnparsedEntityDecl", "NotationDecl",
        "StartNamespaceDecl", "EndNamespaceDecl", "Comment", "StartCdataSection", "EndCdataSection",
        "Default", "DefaultHandlerExpand", "NotStandalone", "ExternalEntityRef", "StartDoctypeDecl",
        "EndDoctypeDecl", "EntityDecl", "XmlDecl", "ElementDecl", "AttlistDecl", "SkippedEntity" };
    return names[h];
}

void clear_handlers(ParserObject* self)
{
    for (int i = 0; i < H_COUNT; i++) {
        self->m_handlers[i] = Value();
        handler_info[i].set(self->m_parser, false, false);
    }
}

template <int I> Value handler_get(Value self)
{
    ParserObject* p = as_parser(self);
    read_barrier(p);
    return p->m_handlers[I] ? p->m_handlers[I] : none();
}

template <int I> void handler_set(Value self, Value v)
{
    ParserObject* p = as_parser(self);
    if (!v)
        raise(&exc::RuntimeError, "Cannot delete attribute");
    write_barrier(p);
    if (I == H_CharacterData) {
        // Flush the data buffered for the old handler.
        if (!flush_character_buffer(p))
            raise_pending(p);
    }
    write_barrier(p);
    bool noop = false;
    if (is_none(v)) {
        // A character data handler removed from inside a callback: expat may still deliver the
        // rest of the current text run, which must reach no Python code.
        noop = I == H_CharacterData && p->m_in_callback;
        v = Value();
    }
    p->m_handlers[I] = v;
    handler_info[I].set(p->m_parser, bool(v), noop);
}

template <size_t... Is> void add_handler_getsets(std::index_sequence<Is...>)
{
    (add_getset(&xmlparser_type, handler_info[Is].name, handler_get<Is>, handler_set<Is>), ...);
}

// --- parser creation -----------------------------------------------------------------------------

// Encodings Python knows and expat does not: single-byte ones, through the codec. A failure
// (unknown or multi-byte encoding) is raised by Parse.
int unknown_encoding_handler(void* data, XML_Char const* name, XML_Encoding* info)
{
    auto* self = static_cast<ParserObject*>(data);
    try {
        std::string all(256, '\0');
        for (int i = 0; i < 256; i++)
            all[static_cast<size_t>(i)] = static_cast<char>(i);
        Value b = bytes_new(all);
        Value args[] = { str_from_utf8(name), str_from_ascii("replace") };
        Value u = py_call_method(b, intern("decode"), args, 2);
        if (!is_str(u) || u.as<StrObject>()->m_length != 256)
            raise(&exc::ValueError, "multi-byte encodings are not supported");
        StrObject* us = u.as<StrObject>();
        for (int i = 0; i < 256; i++) {
            uint32_t cp = us->at(i);
            info->map[i] = cp == 0xFFFD ? -1 : static_cast<int>(cp);
        }
        info->data = nullptr;
        info->convert = nullptr;
        info->release = nullptr;
        return XML_STATUS_OK;
    } catch (PyError&) {
        Value e = take_exception();
        if (!self->m_error)
            self->m_error = e;
        return XML_STATUS_ERROR;
    }
}

ParserObject* parser_alloc()
{
    auto* p = gc::make<ParserObject>(&xmlparser_type);
    return p;
}

void parser_setup(ParserObject* p)
{
    XML_SetUserData(p->m_parser, p);
    XML_SetUnknownEncodingHandler(p->m_parser, unknown_encoding_handler, p);
}

Value pyexpat_parser_create(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    Value a[3];
    parse_args(
        "ParserCreate", args, nargs, kw, { "encoding", "namespace_separator", "intern" }, 0, a);
    std::string encoding, sep;
    bool has_encoding = false, has_sep = false;
    if (a[0] && !is_none(a[0])) {
        if (!is_str(a[0]))
            raise(&exc::TypeError, "ParserCreate() argument 'encoding' must be str or None, not %s",
                type_name(a[0]).c_str());
        encoding = str_utf8(a[0]);
        has_encoding = true;
    }
    if (a[1] && !is_none(a[1])) {
        if (!is_str(a[1]))
            raise(&exc::TypeError,
                "ParserCreate() argument 'namespace_separator' must be str or None, not %s",
                type_name(a[1]).c_str());
        sep = str_utf8(a[1]);
        has_sep = true;
        if (sep.size() > 1)
            raise(&exc::ValueError,
                "namespace_separator must be at most one character, omitted, or None");
    }
    Value intern_dict;
    if (!a[2])
        intern_dict = dict_new();
    else if (!is_none(a[2])) {
        if (!is_dict(a[2]))
            raise(&exc::TypeError, "intern must be a dictionary");
        intern_dict = a[2];
    }
    ParserObject* p = parser_alloc();
    char const* enc = has_encoding ? encoding.c_str() : nullptr;
    p->m_parser
        = has_sep ? XML_ParserCreateNS(enc, sep.empty() ? '\0' : sep[0]) : XML_ParserCreate(enc);
    if (!p->m_parser)
        raise(&exc::RuntimeError, "XML_ParserCreate failed");
    p->m_intern = intern_dict;
    parser_setup(p);
    return p;
}

// --- parsing -------------------------------------------------------------------------------------

// Raises the exception a handler left, else the parse error, else flushes the buffered text.
Value parse_result(ParserObject* self, int rv)
{
    raise_pending(self);
    if (rv == 0)
        set_error(self, XML_GetErrorCode(self->m_parser));
    if (!flush_character_buffer(self) && self->m_error)
        return parse_result(self, rv);
    return Value::small_int(rv);
}

constexpr size_t k_max_chunk = 1 << 20;

Value xp_parse(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("Parse", nargs, kw, 1, 2);
    ParserObject* p = as_parser(self);
    int isfinal = 0;
    if (nargs > 1) {
        if (!is_int(args[1]))
            raise(&exc::TypeError, "'%s' object cannot be interpreted as an integer",
                type_name(args[1]).c_str());
        isfinal = py_truthy(args[1]);
    }
    std::string tmp;
    std::string_view data;
    write_barrier(p);
    if (is_str(args[0])) {
        tmp = codecs::utf8_encode(args[0].as<StrObject>(), "strict"); // surrogates raise
        data = tmp;
        XML_SetEncoding(p->m_parser, "utf-8");
    } else {
        data = need_buffer(args[0], tmp);
    }
    int rc = 1;
    while (data.size() > k_max_chunk) {
        rc = XML_Parse(p->m_parser, data.data(), static_cast<int>(k_max_chunk), 0);
        if (!rc)
            return parse_result(p, rc);
        data.remove_prefix(k_max_chunk);
        write_barrier(p);
    }
    rc = XML_Parse(p->m_parser, data.data(), static_cast<int>(data.size()), isfinal);
    return parse_result(p, rc);
}

Value xp_parse_file(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("ParseFile", nargs, kw, 1, 1);
    ParserObject* p = as_parser(self);
    Value read = py_getattr_opt(args[0], intern("read"));
    if (!read)
        raise(&exc::TypeError, "argument must have 'read' attribute");
    write_barrier(p);
    constexpr int k_buf_size = 2048;
    int rv = 1;
    for (;;) {
        Value chunk = py_call1(read, Value::small_int(k_buf_size));
        write_barrier(p);
        std::string_view data;
        if (is_bytes(chunk))
            data = chunk.as<BytesObject>()->view();
        else if (is_bytearray(chunk)) {
            std::string tmp;
            data = need_buffer(chunk, tmp);
            rv = XML_Parse(p->m_parser, data.data(), static_cast<int>(data.size()), data.empty());
            if (p->m_error)
                return parse_result(p, rv);
            if (!rv || data.empty())
                break;
            continue;
        } else {
            raise(&exc::TypeError, "read() did not return a bytes object (type=%.400s)",
                type_name(chunk).c_str());
        }
        if (data.size() > k_buf_size)
            raise(&exc::ValueError,
                "read() returned too much data: %i bytes requested, %zd returned", k_buf_size,
                static_cast<ssize_t>(data.size()));
        rv = XML_Parse(p->m_parser, data.data(), static_cast<int>(data.size()), data.empty());
        if (p->m_error)
            return parse_result(p, rv);
        if (!rv || data.empty())
            break;
    }
    return parse_result(p, rv);
}

Value xp_set_base(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("SetBase", nargs, kw, 1, 1);
    if (!is_str(args[0]))
        raise(
            &exc::TypeError, "SetBase() argument must be str, not %s", type_name(args[0]).c_str());
    ParserObject* p = as_parser(self);
    write_barrier(p);
    if (!XML_SetBase(p->m_parser, str_utf8(args[0]).c_str()))
        raise_memory_error();
    return none();
}

Value xp_get_base(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("GetBase", nargs, kw, 0, 0);
    ParserObject* p = as_parser(self);
    read_barrier(p);
    return conv_string(XML_GetBase(p->m_parser));
}

Value xp_get_input_context(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("GetInputContext", nargs, kw, 0, 0);
    ParserObject* p = as_parser(self);
    read_barrier(p);
    if (!p->m_in_callback)
        return none();
    int offset = 0, size = 0;
    char const* buffer = XML_GetInputContext(p->m_parser, &offset, &size);
    if (!buffer)
        return none();
    return bytes_new(std::string_view(buffer + offset, static_cast<size_t>(size - offset)));
}

Value xp_external_entity_parser_create(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("ExternalEntityParserCreate", nargs, kw, 1, 2);
    std::string context, encoding;
    bool has_context = false;
    if (!is_none(args[0])) {
        if (!is_str(args[0]))
            raise(&exc::TypeError,
                "ExternalEntityParserCreate() argument 1 must be str or None, not %s",
                type_name(args[0]).c_str());
        context = str_utf8(args[0]);
        has_context = true;
    }
    if (nargs > 1) {
        if (!is_str(args[1]))
            raise(&exc::TypeError, "ExternalEntityParserCreate() argument 2 must be str, not %s",
                type_name(args[1]).c_str());
        encoding = str_utf8(args[1]);
    }
    ParserObject* p = as_parser(self);
    write_barrier(p);
    ParserObject* n = parser_alloc();
    n->m_buffer_size = p->m_buffer_size;
    n->m_ordered_attributes = p->m_ordered_attributes;
    n->m_specified_attributes = p->m_specified_attributes;
    n->m_ns_prefixes = p->m_ns_prefixes;
    n->m_intern = p->m_intern;
    n->m_parent = p;
    n->m_parser = XML_ExternalEntityParserCreate(p->m_parser,
        has_context ? context.c_str() : nullptr, nargs > 1 ? encoding.c_str() : nullptr);
    if (!n->m_parser)
        raise_memory_error();
    if (p->m_buffer)
        n->m_buffer = new std::string();
    parser_setup(n);
    for (int i = 0; i < H_COUNT; i++) {
        if (p->m_handlers[i]) {
            n->m_handlers[i] = p->m_handlers[i];
            handler_info[i].set(n->m_parser, true, false);
        }
    }
    return n;
}

Value xp_set_param_entity_parsing(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("SetParamEntityParsing", nargs, kw, 1, 1);
    if (!is_int(args[0]))
        raise(&exc::TypeError, "'%s' object cannot be interpreted as an integer",
            type_name(args[0]).c_str());
    int64_t flag = py_index_i64(args[0]);
    ParserObject* p = as_parser(self);
    write_barrier(p);
    return Value::small_int(
        XML_SetParamEntityParsing(p->m_parser, static_cast<XML_ParamEntityParsing>(flag)));
}

Value xp_use_foreign_dtd(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("UseForeignDTD", nargs, kw, 0, 1);
    bool flag = nargs ? py_truthy(args[0]) : true;
    ParserObject* p = as_parser(self);
    write_barrier(p);
    XML_Error rc = XML_UseForeignDTD(p->m_parser, flag ? XML_TRUE : XML_FALSE);
    if (rc != XML_ERROR_NONE)
        set_error(p, rc);
    return none();
}

#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 6)
Value xp_get_reparse_deferral_enabled(Value self, Value const*, size_t nargs, TupleObject* kw)
{
    check_nargs("GetReparseDeferralEnabled", nargs, kw, 0, 0);
    ParserObject* p = as_parser(self);
    read_barrier(p);
    return py_bool(p->m_reparse_deferral);
}

Value xp_set_reparse_deferral_enabled(Value self, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("SetReparseDeferralEnabled", nargs, kw, 1, 1);
    bool on = py_truthy(args[0]);
    ParserObject* p = as_parser(self);
    write_barrier(p);
    XML_SetReparseDeferralEnabled(p->m_parser, on ? XML_TRUE : XML_FALSE);
    p->m_reparse_deferral = on;
    return none();
}
#endif

// --- attributes ----------------------------------------------------------------------------------

[[noreturn]] void cannot_delete() { raise(&exc::RuntimeError, "Cannot delete attribute"); }

Value get_buffer_text(Value self)
{
    read_barrier(as_parser(self));
    return py_bool(as_parser(self)->m_buffer != nullptr);
}

void raise_pending(ParserObject* p)
{
    write_barrier(p);
    if (p->m_error) {
        Value e = p->m_error;
        p->m_error = Value();
        set_exception(e);
        throw PyError();
    }
}

void set_buffer_text(Value self, Value v)
{
    if (!v)
        cannot_delete();
    bool b = py_truthy(v);
    ParserObject* p = as_parser(self);
    write_barrier(p);
    if (b) {
        if (!p->m_buffer)
            p->m_buffer = new std::string();
    } else if (p->m_buffer) {
        if (!flush_character_buffer(p))
            raise_pending(p);
        write_barrier(p);
        delete p->m_buffer;
        p->m_buffer = nullptr;
    }
}

Value get_buffer_size(Value self)
{
    read_barrier(as_parser(self));
    return Value::small_int(as_parser(self)->m_buffer_size);
}

void set_buffer_size(Value self, Value v)
{
    if (!v)
        cannot_delete();
    if (!is_int(v))
        raise(&exc::TypeError, "buffer_size must be an integer");
    int64_t n;
    if (!int_to_i64(v, &n))
        raise(&exc::OverflowError, "Python int too large to convert to C long");
    if (n <= 0)
        raise(&exc::ValueError, "buffer_size must be greater than zero");
    ParserObject* p = as_parser(self);
    write_barrier(p);
    if (n == p->m_buffer_size)
        return;
    if (n > INT_MAX)
        raise(&exc::ValueError, "buffer_size must not be greater than %i", INT_MAX);
    if (p->m_buffer) {
        if (!p->m_buffer->empty() && !flush_character_buffer(p))
            raise_pending(p);
        write_barrier(p);
        delete p->m_buffer;
        p->m_buffer = nullptr;
    }
    // As in CPython, setting the size (re)allocates the buffer, which turns buffering on.
    p->m_buffer = new std::string();
    p->m_buffer_size = static_cast<int>(n);
}

Value get_buffer_used(Value self)
{
    read_barrier(as_parser(self));
    ParserObject* p = as_parser(self);
    return int_from_i64(p->m_buffer ? static_cast<int64_t>(p->m_buffer->size()) : 0);
}

Value get_namespace_prefixes(Value self)
{
    read_barrier(as_parser(self));
    return py_bool(as_parser(self)->m_ns_prefixes);
}

void set_namespace_prefixes(Value self, Value v)
{
    if (!v)
        cannot_delete();
    bool b = py_truthy(v);
    ParserObject* p = as_parser(self);
    write_barrier(p);
    p->m_ns_prefixes = b;
    XML_SetReturnNSTriplet(p->m_parser, b);
}

Value get_ordered_attributes(Value self)
{
    read_barrier(as_parser(self));
    return py_bool(as_parser(self)->m_ordered_attributes);
}

void set_ordered_attributes(Value self, Value v)
{
    if (!v)
        cannot_delete();
    bool b = py_truthy(v);
    write_barrier(as_parser(self));
    as_parser(self)->m_ordered_attributes = b;
}

Value get_specified_attributes(Value self)
{
    read_barrier(as_parser(self));
    return py_bool(as_parser(self)->m_specified_attributes);
}

void set_specified_attributes(Value self, Value v)
{
    if (!v)
        cannot_delete();
    bool b = py_truthy(v);
    write_barrier(as_parser(self));
    as_parser(self)->m_specified_attributes = b;
}

Value get_intern(Value self)
{
    read_barrier(as_parser(self));
    Value v = as_parser(self)->m_intern;
    return v ? v : none();
}

template <typename R, R (*F)(XML_Parser)> Value xml_int_getter(Value self)
{
    ParserObject* p = as_parser(self);
    read_barrier(p);
    return int_from_i64(static_cast<int64_t>(F(p->m_parser)));
}

Value no_new(Value, Value const*, size_t, TupleObject*)
{
    raise(&exc::TypeError, "cannot create 'pyexpat.xmlparser' instances");
}

MethodDef const xmlparser_methods[] = {
    { "__new__", no_new, METH_STATIC },
    { "Parse", xp_parse },
    { "ParseFile", xp_parse_file },
    { "SetBase", xp_set_base },
    { "GetBase", xp_get_base },
    { "GetInputContext", xp_get_input_context },
    { "ExternalEntityParserCreate", xp_external_entity_parser_create },
    { "SetParamEntityParsing", xp_set_param_entity_parsing },
    { "UseForeignDTD", xp_use_foreign_dtd },
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 6)
    { "GetReparseDeferralEnabled", xp_get_reparse_deferral_enabled },
    { "SetReparseDeferralEnabled", xp_set_reparse_deferral_enabled },
#endif
    { nullptr, nullptr },
};

// --- module functions ----------------------------------------------------------------------------

Value pyexpat_error_string(Value, Value const* args, size_t nargs, TupleObject* kw)
{
    check_nargs("ErrorString", nargs, kw, 1, 1);
    if (!is_int(args[0]))
        raise(&exc::TypeError, "'%s' object cannot be interpreted as an integer",
            type_name(args[0]).c_str());
    int64_t code = py_index_i64(args[0]);
    return conv_string(XML_ErrorString(static_cast<XML_Error>(code)));
}

MethodDef const pyexpat_functions[] = {
    { "ParserCreate", pyexpat_parser_create },
    { "ErrorString", pyexpat_error_string },
    { nullptr, nullptr },
};

struct NamedCode {
    char const* name;
    int code;
};

#define E(n)                                                                                       \
    {                                                                                              \
#n, n                                                                                      \
    }
NamedCode const error_codes[] = {
    E(XML_ERROR_NO_MEMORY),
    E(XML_ERROR_SYNTAX),
    E(XML_ERROR_NO_ELEMENTS),
    E(XML_ERROR_INVALID_TOKEN),
    E(XML_ERROR_UNCLOSED_TOKEN),
    E(XML_ERROR_PARTIAL_CHAR),
    E(XML_ERROR_TAG_MISMATCH),
    E(XML_ERROR_DUPLICATE_ATTRIBUTE),
    E(XML_ERROR_JUNK_AFTER_DOC_ELEMENT),
    E(XML_ERROR_PARAM_ENTITY_REF),
    E(XML_ERROR_UNDEFINED_ENTITY),
    E(XML_ERROR_RECURSIVE_ENTITY_REF),
    E(XML_ERROR_ASYNC_ENTITY),
    E(XML_ERROR_BAD_CHAR_REF),
    E(XML_ERROR_BINARY_ENTITY_REF),
    E(XML_ERROR_ATTRIBUTE_EXTERNAL_ENTITY_REF),
    E(XML_ERROR_MISPLACED_XML_PI),
    E(XML_ERROR_UNKNOWN_ENCODING),
    E(XML_ERROR_INCORRECT_ENCODING),
    E(XML_ERROR_UNCLOSED_CDATA_SECTION),
    E(XML_ERROR_EXTERNAL_ENTITY_HANDLING),
    E(XML_ERROR_NOT_STANDALONE),
    E(XML_ERROR_UNEXPECTED_STATE),
    E(XML_ERROR_ENTITY_DECLARED_IN_PE),
    E(XML_ERROR_FEATURE_REQUIRES_XML_DTD),
    E(XML_ERROR_CANT_CHANGE_FEATURE_ONCE_PARSING),
    E(XML_ERROR_UNBOUND_PREFIX),
    E(XML_ERROR_UNDECLARING_PREFIX),
    E(XML_ERROR_INCOMPLETE_PE),
    E(XML_ERROR_XML_DECL),
    E(XML_ERROR_TEXT_DECL),
    E(XML_ERROR_PUBLICID),
    E(XML_ERROR_SUSPENDED),
    E(XML_ERROR_NOT_SUSPENDED),
    E(XML_ERROR_ABORTED),
    E(XML_ERROR_FINISHED),
    E(XML_ERROR_SUSPEND_PE),
    E(XML_ERROR_RESERVED_PREFIX_XML),
    E(XML_ERROR_RESERVED_PREFIX_XMLNS),
    E(XML_ERROR_RESERVED_NAMESPACE_URI),
    E(XML_ERROR_INVALID_ARGUMENT),
    E(XML_ERROR_NO_BUFFER),
    E(XML_ERROR_AMPLIFICATION_LIMIT_BREACH),
};
NamedCode const model_codes[] = {
    E(XML_CTYPE_EMPTY),
    E(XML_CTYPE_ANY),
    E(XML_CTYPE_MIXED),
    E(XML_CTYPE_NAME),
    E(XML_CTYPE_CHOICE),
    E(XML_CTYPE_SEQ),
    E(XML_CQUANT_NONE),
    E(XML_CQUANT_OPT),
    E(XML_CQUANT_REP),
    E(XML_CQUANT_PLUS),
};
#undef E

ModuleObject* make_submodule(
    ModuleObject* parent, char const* short_name, char const* full_name, char const* doc)
{
    ModuleObject* sub = module_new(full_name);
    dict_set_str(sub->m_dict, names::__doc__, str_from_ascii(doc));
    dict_set_cstr(parent->m_dict, short_name, sub);
    // As CPython: the submodules are importable as pyexpat.errors and pyexpat.model.
    Value modules = py_getattr(import_module("sys"), intern("modules"));
    py_setitem(modules, str_from_ascii(full_name), sub);
    return sub;
}

} // namespace

void setup_pyexpat_types()
{
    init_static_type(&xmlparser_type, "pyexpat.xmlparser", nullptr, sizeof(ParserObject), 0,
        parser_trace, parser_destroy);
}

void init_pyexpat_types()
{
    add_methods(&xmlparser_type, xmlparser_methods);
    add_handler_getsets(std::make_index_sequence<H_COUNT>());
    add_getset(&xmlparser_type, "buffer_text", get_buffer_text, set_buffer_text);
    add_getset(&xmlparser_type, "buffer_size", get_buffer_size, set_buffer_size);
    add_member(&xmlparser_type, "buffer_used", get_buffer_used);
    add_getset(
        &xmlparser_type, "namespace_prefixes", get_namespace_prefixes, set_namespace_prefixes);
    add_getset(
        &xmlparser_type, "ordered_attributes", get_ordered_attributes, set_ordered_attributes);
    add_getset(&xmlparser_type, "specified_attributes", get_specified_attributes,
        set_specified_attributes);
    add_member(&xmlparser_type, "intern", get_intern);
    add_getset(&xmlparser_type, "ErrorCode", xml_int_getter<XML_Error, XML_GetErrorCode>);
    add_getset(
        &xmlparser_type, "ErrorLineNumber", xml_int_getter<XML_Size, XML_GetCurrentLineNumber>);
    add_getset(
        &xmlparser_type, "ErrorColumnNumber", xml_int_getter<XML_Size, XML_GetCurrentColumnNumber>);
    add_getset(
        &xmlparser_type, "ErrorByteIndex", xml_int_getter<XML_Index, XML_GetCurrentByteIndex>);
    add_getset(
        &xmlparser_type, "CurrentLineNumber", xml_int_getter<XML_Size, XML_GetCurrentLineNumber>);
    add_getset(&xmlparser_type, "CurrentColumnNumber",
        xml_int_getter<XML_Size, XML_GetCurrentColumnNumber>);
    add_getset(
        &xmlparser_type, "CurrentByteIndex", xml_int_getter<XML_Index, XML_GetCurrentByteIndex>);
}

ModuleObject* init_pyexpat_module()
{
    ModuleObject* m = module_new("pyexpat");
    DictObject* d = m->m_dict;
    dict_set_str(d, names::__doc__, str_from_ascii("Python wrapper for Expat parser."));
    for (MethodDef const* def = pyexpat_functions; def->name; def++)
        dict_set_cstr(d, def->name, builtin_function_new(def, m));
    if (!s_error) {
        DictObject* ns = dict_new();
        dict_set_str(ns, names::__module__, str_from_ascii("xml.parsers.expat"));
        s_error = type_new(
            &type_type, intern("ExpatError"), tuple_of({ Value(&exc::Exception) }), ns, nullptr);
        gc::add_root(&s_error);
    }
    if (!s_event_frames) {
        std::string src;
        for (int i = 0; i < H_COUNT; i++)
            src += std::string("def ") + handler_info_name(static_cast<HandlerId>(i))
                + "(e):\n    raise e\n";
        Value builtins = import_module("builtins");
        Value cargs[] = { str_from_ascii(src), str_from_ascii("./Modules/pyexpat.c"),
            str_from_ascii("exec") };
        Value code = py_call(py_getattr(builtins, intern("compile")), cargs, 3);
        DictObject* ns = dict_new();
        dict_set_str(ns, names::__name__, str_from_ascii("pyexpat"));
        py_call2(py_getattr(builtins, intern("exec")), code, ns);
        s_event_frames = ns;
        gc::add_root(&s_event_frames);
    }
    dict_set_cstr(d, "ExpatError", s_error);
    dict_set_cstr(d, "error", s_error);
    dict_set_cstr(d, "XMLParserType", Value(&xmlparser_type));
    dict_set_cstr(d, "EXPAT_VERSION", str_from_ascii(XML_ExpatVersion()));
    XML_Expat_Version v = XML_ExpatVersionInfo();
    dict_set_cstr(d, "version_info",
        tuple_of(
            { Value::small_int(v.major), Value::small_int(v.minor), Value::small_int(v.micro) }));
    dict_set_cstr(d, "native_encoding", str_from_ascii("UTF-8"));
    dict_set_cstr(
        d, "XML_PARAM_ENTITY_PARSING_NEVER", Value::small_int(XML_PARAM_ENTITY_PARSING_NEVER));
    dict_set_cstr(d, "XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE",
        Value::small_int(XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE));
    dict_set_cstr(
        d, "XML_PARAM_ENTITY_PARSING_ALWAYS", Value::small_int(XML_PARAM_ENTITY_PARSING_ALWAYS));
    ListObject* features = list_new();
    for (XML_Feature const* f = XML_GetFeatureList(); f && f->feature != XML_FEATURE_END; f++)
        list_append(features, tuple_of({ str_from_utf8(f->name), int_from_i64(f->value) }));
    dict_set_cstr(d, "features", features);

    ModuleObject* errors = make_submodule(
        m, "errors", "pyexpat.errors", "Constants used to describe error conditions.");
    DictObject* codes = dict_new();
    DictObject* messages = dict_new();
    for (NamedCode const& e : error_codes) {
        Value msg = str_from_utf8(XML_ErrorString(static_cast<XML_Error>(e.code)));
        dict_set_cstr(errors->m_dict, e.name, msg);
        dict_set(codes, msg, Value::small_int(e.code));
        dict_set(messages, Value::small_int(e.code), msg);
    }
    dict_set_cstr(errors->m_dict, "codes", codes);
    dict_set_cstr(errors->m_dict, "messages", messages);
    ModuleObject* model = make_submodule(
        m, "model", "pyexpat.model", "Constants used to interpret content model information.");
    for (NamedCode const& c : model_codes)
        dict_set_cstr(model->m_dict, c.name, Value::small_int(c.code));
    return m;
}

} // namespace pystm
