// The interactive loop: line editing and history (libedit), continuation lines for blocks,
// expression results echoed through sys.displayhook, tracebacks printed without exiting.
#pragma once

namespace pystm {
struct DictObject;
}

namespace pystm::cli {

// Reads and runs statements in [globals] until end of input. Returns the exit status requested
// by SystemExit, or 0 at end of input.
int run_repl(DictObject* globals, bool quiet);

// Reports an uncaught exception the way the top level does (sys.excepthook) and returns the
// exit status it implies: SystemExit's code, 130-by-signal for KeyboardInterrupt at top level
// (the caller decides), 1 otherwise. [in_repl]: SystemExit still ends the loop; other
// exceptions just print.
int report_exception(bool* is_system_exit, bool* is_keyboard_interrupt);

} // namespace pystm::cli
