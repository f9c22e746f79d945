// libFuzzer target over the whole front end: tokenizer, parser, symbol tables and code
// generation. Every input must compile or raise SyntaxError (or a subclass, or MemoryError /
// RecursionError for inputs too big or deep to compile); anything else is a bug, and so is any
// crash, hang or other C++ exception.
#include "compiler/compiler.h"
#include "gc/heap.h"
#include "objects/bootstrap.h"
#include "objects/exceptions.h"
#include "vm/thread_state.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

void start_runtime()
{
    static bool started = false;
    if (started)
        return;
    started = true;
    int marker = 0;
    pystm::thread_state_attach(&marker);
    pystm::bootstrap_runtime();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(uint8_t const* data, size_t size)
{
    using namespace pystm;
    start_runtime();
    std::string_view src(reinterpret_cast<char const*>(data), size);
    for (auto mode : { compiler::ParseMode::Exec, compiler::ParseMode::Eval, compiler::ParseMode::Single }) {
        try {
            (void)compiler::compile_source(src, "<fuzz>", mode);
        } catch (PyError&) {
            bool expected = exception_matches(&exc::SyntaxError) || exception_matches(&exc::MemoryError)
                || exception_matches(&exc::RecursionError);
            Value e = take_exception();
            if (!expected) {
                std::fprintf(stderr, "unexpected exception from compile_source: %s\n", repr_utf8(e).c_str());
                std::abort();
            }
        }
    }
    // Between inputs no C++ frame holds compiler state: a safepoint (GC-2).
    gc::maybe_collect();
    return 0;
}
