// The pystm command: the command line of python3 (file, -c, -m, the interactive loop) on top of
// the runtime. It owns process start-up and shutdown: exit statuses, uncaught exceptions,
// SIGINT, and flushing the standard streams.
#include "cli/repl.h"
#include "cli/run.h"

#include <cstring>
#include <string>
#include <vector>

namespace {

char const USAGE[] = "usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

char const HELP[] = R"(Options (and corresponding environment variables):
-B     : accepted for compatibility (pystm writes no bytecode files)
-c cmd : program passed in as string (terminates option list)
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script
-I     : isolate pystm from the user's environment (implies -E and -s)
-m mod : run library module as a script (terminates option list)
-O     : remove assert and __debug__-dependent statements; also PYTHONOPTIMIZE=x
-OO    : do -O changes and also discard docstrings
-q     : don't print version and copyright messages on interactive startup
-s     : don't add user site directory to sys.path
-S     : don't imply 'import site' on initialization
-u     : force the stdout and stderr streams to be unbuffered
-V     : print the version number and exit (also --version)
-W arg : warning control; arg is action:message:category:module:lineno
-X opt : set implementation-specific option:
         -X dis      print the bytecode of the program instead of running it
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]

Other environment variables:
PYTHONPATH   : ':'-separated list of directories prefixed to the default module search path
PYTHONUNBUFFERED : the same as -u
)";

} // namespace

int main(int argc, char** argv)
{
    pystm::cli::Options opts;
    opts.program = argv[0];
    int i = 1;
    // Parses python3-style options: clustered single letters ("-uc"), with -c/-m/-W/-X taking
    // the rest of the word or the next argument.
    for (; i < argc; ++i) {
        char const* a = argv[i];
        if (a[0] != '-' || a[1] == '\0')
            break;
        if (std::strcmp(a, "--") == 0) {
            ++i;
            break;
        }
        if (std::strcmp(a, "--help") == 0) {
            std::printf(USAGE, argv[0]);
            std::fputs(HELP, stdout);
            return 0;
        }
        if (std::strcmp(a, "--version") == 0) {
            std::printf("%s\n", pystm::cli::version_line().c_str());
            return 0;
        }
        // Option errors: CPython's three lines; its last line names "python" whatever argv[0]
        // is, so ours names "pystm".
        if (a[1] == '-') {
            std::fprintf(stderr, "unknown option %s\n", a);
            std::fprintf(stderr, USAGE, argv[0]);
            std::fputs("Try `pystm -h' for more information.\n", stderr);
            return 2;
        }
        bool stop = false;
        for (int j = 1; a[j] && !stop; ++j) {
            char c = a[j];
            auto take_arg = [&](char const* what) -> char const* {
                if (a[j + 1]) {
                    char const* v = a + j + 1;
                    stop = true;
                    return v;
                }
                if (i + 1 < argc) {
                    stop = true;
                    return argv[++i];
                }
                std::fprintf(stderr, "Argument expected for the -%c option\n", c);
                std::fprintf(stderr, USAGE, argv[0]);
                std::fputs("Try `pystm -h' for more information.\n", stderr);
                std::exit(2);
                (void)what;
            };
            switch (c) {
            case 'c':
                opts.command = take_arg("cmd");
                opts.mode = pystm::cli::Mode::Command;
                break;
            case 'm':
                opts.module = take_arg("mod");
                opts.mode = pystm::cli::Mode::Module;
                break;
            case 'X':
                opts.xoptions.push_back(take_arg("opt"));
                break;
            case 'W':
                opts.warnoptions.push_back(take_arg("arg"));
                break;
            case 'u':
                opts.unbuffered = true;
                break;
            case 'E':
                opts.ignore_environment = true;
                break;
            case 'I':
                opts.ignore_environment = true;
                opts.isolated = true;
                break;
            case 'i':
                opts.inspect = true;
                break;
            case 'q':
                opts.quiet = true;
                break;
            case 'O':
                ++opts.optimize;
                break;
            case 'B':
            case 's':
            case 'S':
                break;
            case 'h':
            case '?':
                std::printf(USAGE, argv[0]);
                std::fputs(HELP, stdout);
                return 0;
            case 'V':
                std::printf("%s\n", pystm::cli::version_line().c_str());
                return 0;
            default:
                std::fprintf(stderr, "Unknown option: -%c\n", c);
                std::fprintf(stderr, USAGE, argv[0]);
                std::fputs("Try `pystm -h' for more information.\n", stderr);
                return 2;
            }
        }
        if (opts.mode != pystm::cli::Mode::Interactive)
            break;
    }
    if (opts.mode == pystm::cli::Mode::Command || opts.mode == pystm::cli::Mode::Module) {
        ++i;
    } else if (i < argc && std::strcmp(argv[i], "-") != 0) {
        opts.mode = pystm::cli::Mode::File;
        opts.file = argv[i++];
    } else if (i < argc) {
        opts.mode = pystm::cli::Mode::Stdin;
        ++i;
    }
    for (; i < argc; ++i)
        opts.args.push_back(argv[i]);
    return pystm::cli::run(opts);
}
