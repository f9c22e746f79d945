// What the pystm command runs, once its options are parsed (src/cli/main.cpp).
#pragma once

#include <string>
#include <vector>

namespace pystm::cli {

enum class Mode { Interactive, File, Command, Module, Stdin };

struct Options {
    std::string program; // argv[0] of the process
    Mode mode = Mode::Interactive;
    std::string file; // Mode::File
    std::string command; // Mode::Command
    std::string module; // Mode::Module
    std::vector<std::string> args; // sys.argv[1:]
    std::vector<std::string> xoptions; // -X
    std::vector<std::string> warnoptions; // -W
    bool unbuffered = false; // -u or PYTHONUNBUFFERED
    bool ignore_environment = false; // -E / -I
    bool isolated = false; // -I
    bool inspect = false; // -i
    bool quiet = false; // -q
    int optimize = 0; // the number of -O options
};

// Starts the runtime, runs what [opts] asks for and returns the process exit status.
int run(Options const& opts);

// "pystm 0.1.0 (Python 3.11)", printed by -V.
std::string version_line();

} // namespace pystm::cli
