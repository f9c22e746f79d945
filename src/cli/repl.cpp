// The interactive loop (see repl.h). Input is collected line by line until it forms a complete
// statement: a single line that compiles, or a block ended by an empty line, as CPython's REPL.
#include "cli/repl.h"
#include "cli/run.h"

#include "builtins/builtins.h"
#include "compiler/compiler.h"
#include "objects/dict_object.h"
#include "objects/exceptions.h"
#include "objects/int_object.h"
#include "objects/module_object.h"
#include "objects/str_object.h"
#include "objects/tuple_object.h"
#include "vm/interpreter.h"
#include "vm/traceback.h"

#include <cctype>
#include <clocale>
#include <csetjmp>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <editline/readline.h>
#include <string>
#include <vector>

namespace pystm::cli {

namespace {

sigjmp_buf s_readline_jump;
volatile sig_atomic_t s_in_readline = 0;

void on_sigint_in_readline(int)
{
    if (s_in_readline)
        siglongjmp(s_readline_jump, 1);
}

Value sys_attr(char const* name)
{
    Value import = dict_get_str(builtins_module()->m_dict, names::__import__);
    Value sys = py_call1(import, Value(str_from_ascii("sys")));
    return py_getattr_opt(sys, intern(name));
}

std::string prompt(char const* name, char const* fallback)
{
    try {
        Value p = sys_attr(name);
        if (p && !is_none(p))
            return str_utf8(py_str(p));
    } catch (PyError&) {
        take_exception();
    }
    return fallback;
}

// True if compiling [source] failed only because more input is needed.
bool needs_more_input(std::string const& message, std::string const& source)
{
    static char const* const incomplete[] = { "was never closed", "unterminated triple-quoted string",
        "expected an indented block", "unexpected EOF", "incomplete input" };
    for (char const* m : incomplete)
        if (message.find(m) != std::string::npos)
            return true;
    return source.size() >= 2 && source[source.size() - 2] == '\\';
}

// [buffer] failed to compile only because of unclosed brackets, as far as the tokenizer can
// tell. Closes them one at a time (innermost first, on a line after the input) and recompiles:
// null if the input could still become valid, else the SyntaxError found within [buffer].
Value error_inside_brackets(std::string const& buffer)
{
    int lines = 0;
    for (char c : buffer)
        lines += c == '\n';
    std::string closers = "\n";
    for (int attempt = 0; attempt < 200; ++attempt) {
        try {
            compiler::compile_source(buffer + closers + "\n", "<stdin>", compiler::ParseMode::Single);
            return Value();
        } catch (PyError&) {
            if (!exception_matches(&exc::SyntaxError))
                return take_exception();
            Value err = take_exception();
            std::string msg;
            int64_t lineno = 0;
            try {
                msg = str_utf8(py_str(py_getattr(err, names::msg)));
                Value ln = py_getattr(err, names::lineno);
                if (is_int(ln))
                    int_to_i64(ln, &lineno);
            } catch (PyError&) {
                take_exception();
            }
            auto q = msg.find("' was never closed");
            if (q == 2 && msg[0] == '\'') {
                char open = msg[1];
                closers += open == '(' ? ')' : open == '[' ? ']' : '}';
                continue;
            }
            if (lineno > lines)
                return Value(); // the error is at the closers we added
            return err;
        }
    }
    return Value();
}

enum class ReadResult { Line, Eof, Interrupted };

struct sigaction s_old_sigint;

// Reads one line with libedit. Ctrl-C while reading abandons the line: the SIGINT handler jumps
// back here (kept out of run_repl so that no local of the loop lives across sigsetjmp).
ReadResult read_line(char const* prompt, std::string* out)
{
    struct sigaction action {};
    action.sa_handler = on_sigint_in_readline;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &s_old_sigint);
    if (sigsetjmp(s_readline_jump, 1) != 0) {
        s_in_readline = 0;
        sigaction(SIGINT, &s_old_sigint, nullptr);
        return ReadResult::Interrupted;
    }
    s_in_readline = 1;
    char* raw = readline(prompt);
    s_in_readline = 0;
    sigaction(SIGINT, &s_old_sigint, nullptr);
    if (!raw)
        return ReadResult::Eof;
    *out = raw;
    std::free(raw);
    return ReadResult::Line;
}

// A block being typed ([buffer] does not end it yet): the SyntaxError to report at once because
// it lies before the end of the input, or null if the input may still become valid. CPython's
// incremental parser stops at the first bad token; errors at the end of the input (an expected
// indented block, a missing except clause, a decorator without its def) just need more lines.
Value error_before_end(std::string const& buffer)
{
    try {
        compiler::compile_source(buffer, "<stdin>", compiler::ParseMode::Single);
        return Value();
    } catch (PyError&) {
        if (!exception_matches(&exc::SyntaxError))
            return take_exception();
    }
    Value err = take_exception();
    std::string msg;
    int64_t lineno = 0, offset = 0;
    try {
        msg = str_utf8(py_str(py_getattr(err, names::msg)));
        Value ln = py_getattr(err, names::lineno);
        Value off = py_getattr(err, names::offset);
        if (is_int(ln))
            int_to_i64(ln, &lineno);
        if (is_int(off))
            int_to_i64(off, &offset);
    } catch (PyError&) {
        take_exception();
    }
    if (needs_more_input(msg, buffer) || msg.find("expected 'except' or 'finally' block") != std::string::npos)
        return Value();
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t nl; (nl = buffer.find('\n', start)) != std::string::npos; start = nl + 1)
        lines.push_back(buffer.substr(start, nl - start));
    int64_t count = static_cast<int64_t>(lines.size());
    if (lineno > count)
        return Value();
    if (lineno == count && offset > static_cast<int64_t>(lines.back().size()) + 1)
        return Value();
    return err;
}

// Ctrl-D: end of input on an empty line, else delete the character under the cursor, as GNU
// readline does. libedit's own binding echoes "^D" before ending input; CPython's prompt does not.
int on_ctrl_d(int, int)
{
    if (rl_end == 0) {
        rl_done = 1;
        return 0;
    }
    rl_done = 0;
    if (rl_point < rl_end)
        rl_delete_text(rl_point, rl_point + 1);
    return 0;
}

std::string history_path()
{
    char const* home = std::getenv("HOME");
    return home ? std::string(home) + "/.pystm_history" : std::string();
}

bool starts_block(std::string const& line)
{
    auto end = line.find('#');
    std::string code = line.substr(0, end);
    while (!code.empty() && (code.back() == ' ' || code.back() == '\t' || code.back() == '\n'))
        code.pop_back();
    return !code.empty() && code.back() == ':';
}

// True if [line] opens a compound statement, which only an empty line ends even when its body
// is on the same line ("while True: pass"), as in CPython's prompt.
bool opens_compound(std::string const& line)
{
    size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos)
        return false;
    if (line[b] == '@')
        return true;
    size_t e = b;
    while (e < line.size() && (std::isalnum(static_cast<unsigned char>(line[e])) || line[e] == '_'))
        e++;
    std::string word = line.substr(b, e - b);
    for (char const* kw : { "if", "while", "for", "try", "with", "def", "class", "async" })
        if (word == kw)
            return true;
    return false;
}

} // namespace

int report_exception(bool* is_system_exit, bool* is_keyboard_interrupt)
{
    Value exc = take_exception();
    *is_system_exit = false;
    *is_keyboard_interrupt = false;
    if (isinstance(exc, &exc::SystemExit)) {
        *is_system_exit = true;
        Value code = py_getattr(exc, names::code);
        if (is_none(code))
            return 0;
        if (is_int(code)) {
            int64_t v = 0;
            return int_to_i64(code, &v) ? static_cast<int>(v) : 1;
        }
        try {
            std::string text = str_utf8(py_str(code));
            Value err = sys_attr("stderr");
            if (err && !is_none(err)) {
                Value line = Value(str_from_utf8(text + "\n"));
                py_call_method(err, names::write, &line, 1);
            } else {
                std::fprintf(stderr, "%s\n", text.c_str());
            }
        } catch (PyError&) {
            take_exception();
        }
        return 1;
    }
    if (isinstance(exc, &exc::KeyboardInterrupt))
        *is_keyboard_interrupt = true;
    try {
        Value hook = sys_attr("excepthook");
        if (!hook || is_none(hook))
            throw PyError {};
        Value tb = py_getattr_opt(exc, names::__traceback__);
        Value args[] = { Value(type_of(exc)), exc, tb ? tb : none() };
        py_call(hook, args, 3);
    } catch (PyError&) {
        Value hook_error = take_exception();
        if (hook_error) {
            std::fputs("Error in sys.excepthook:\n", stderr);
            print_exception(hook_error);
            std::fputs("\nOriginal exception was:\n", stderr);
        }
        print_exception(exc);
    }
    return 1;
}

int run_repl(DictObject* globals, bool quiet)
{
    if (!quiet)
        std::fprintf(stderr, "%s on linux\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n",
            version_line().c_str());
    std::string hist = history_path();
    // libedit decodes multibyte input (UTF-8) only under the environment's LC_CTYPE, which
    // CPython also adopts at start-up.
    std::setlocale(LC_CTYPE, "");
    rl_initialize();
    rl_add_defun("pystm-delete-or-eof", on_ctrl_d, 4);
    using_history();
    if (!hist.empty())
        read_history(hist.c_str());
    int status = 0;
    std::string buffer;
    bool block = false;
    for (;;) {
        std::string p = buffer.empty() ? prompt("ps1", ">>> ") : prompt("ps2", "... ");
        std::fflush(stdout);
        std::string line;
        ReadResult r = read_line(p.c_str(), &line);
        if (r == ReadResult::Interrupted) {
            std::fputs("\nKeyboardInterrupt\n", stderr);
            buffer.clear();
            block = false;
            continue;
        }
        if (r == ReadResult::Eof) {
            std::fputs("\n", stdout);
            break;
        }
        // A line equal to the previous history entry is not added again, as in CPython.
        HIST_ENTRY* previous = history_length > 0 ? history_get(history_base + history_length - 1) : nullptr;
        if (!line.empty() && !(previous && previous->line && line == previous->line)) {
            add_history(line.c_str());
            if (!hist.empty())
                write_history(hist.c_str());
        }
        if (buffer.empty() && line.find_first_not_of(" \t") == std::string::npos)
            continue;
        if (buffer.empty() && opens_compound(line))
            block = true;
        buffer += line + "\n";
        if (starts_block(line))
            block = true;
        if (block && !line.empty()) {
            Value err = error_before_end(buffer);
            if (!err)
                continue;
            set_exception(err);
            bool sys_exit = false, kbd = false;
            report_exception(&sys_exit, &kbd);
            buffer.clear();
            block = false;
            continue;
        }

        CodeObject* code = nullptr;
        try {
            code = compiler::compile_source(buffer, "<stdin>", compiler::ParseMode::Single);
        } catch (PyError&) {
            if (exception_matches(&exc::SyntaxError)) {
                Value err = take_exception();
                std::string msg;
                try {
                    msg = str_utf8(py_str(py_getattr(err, names::msg)));
                } catch (PyError&) {
                    take_exception();
                }
                bool more = needs_more_input(msg, buffer);
                if (msg.find("was never closed") != std::string::npos) {
                    // Open brackets continue over empty lines; a real error before the end
                    // of the input is reported at once, as CPython's incremental parser does.
                    Value inner = error_inside_brackets(buffer);
                    more = !inner;
                    if (inner)
                        err = inner;
                } else if (msg.find("unterminated triple-quoted string") == std::string::npos && line.empty()) {
                    more = false; // an empty line ends a block
                }
                if (!more) {
                    set_exception(err);
                } else {
                    if (msg.find("expected an indented block") != std::string::npos)
                        block = true;
                    continue;
                }
            }
            bool sys_exit = false, kbd = false;
            report_exception(&sys_exit, &kbd);
            buffer.clear();
            block = false;
            continue;
        }
        buffer.clear();
        block = false;
        try {
            vm::eval_code(code, globals, Value());
        } catch (PyError&) {
            bool sys_exit = false, kbd = false;
            int rc = report_exception(&sys_exit, &kbd);
            if (sys_exit) {
                status = rc;
                break;
            }
        }
    }
    return status;
}

} // namespace pystm::cli
