// Text form of an AST identical to CPython 3.11's ast.dump(tree) and
// ast.dump(tree, include_attributes=True): the front end's test oracle and `pystm -X ast`.
#pragma once

#include "compiler/ast.h"
#include <string>

namespace pystm::compiler {

std::string ast_dump(ast::Mod const* mod, bool include_attributes = false);

// Python's repr() of the literal forms the dump needs (exposed for tests).
std::string repr_float(double v);
std::string repr_str(std::string_view utf8);
std::string repr_bytes(std::string_view bytes);

} // namespace pystm::compiler
