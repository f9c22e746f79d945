// libFuzzer target: parse() in all three modes must return a tree or throw
// SyntaxErrorException, never crash, hang or throw anything else. Each tree is also dumped, to
// walk every node the parser built.
#include "compiler/ast_dump.h"
#include "compiler/parser.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(uint8_t const* data, size_t size)
{
    using namespace pystm::compiler;
    std::string_view src(reinterpret_cast<char const*>(data), size);
    for (ParseMode mode : { ParseMode::Exec, ParseMode::Eval, ParseMode::Single }) {
        pystm::ast::Arena arena;
        try {
            pystm::ast::Mod* mod = parse(arena, src, "<fuzz>", mode);
            (void)ast_dump(mod, true);
        } catch (SyntaxErrorException&) {
        }
    }
    return 0;
}
