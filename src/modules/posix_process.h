// Process functions shared by the posix module (modules/posix_process.cpp) and _posixsubprocess
// (modules/posixsubprocess_module.cpp): file-system conversion of arguments, the
// os.register_at_fork callbacks and the signal mask a child process starts with.
#pragma once

#include "objects/module_object.h"
#include <csignal>
#include <string>

namespace pystm {

// PyUnicode_FSConverter: str (UTF-8, 'surrogateescape'), bytes or an os.PathLike to the bytes
// the system calls take. TypeError for other types, ValueError "embedded null byte".
std::string fs_convert(Value v);

// The os.register_at_fork callbacks (PyOS_BeforeFork, PyOS_AfterFork_Parent/_Child): `before`
// ones last registered first, the others in registration order. An exception a callback raises
// is reported as unraisable and the next callback runs, as in CPython.
void run_before_fork_callbacks();
void run_after_fork_parent_callbacks();
void run_after_fork_child_callbacks();

// The signal mask a child process execs with: the calling thread's mask when it is the main
// thread, else the empty set. pystm's other threads block every asynchronous signal (they go
// to the main thread); a child must not inherit that, or it could not be interrupted or
// terminated (CPython's threads block nothing, so its children start with an empty mask).
void child_signal_mask(sigset_t* out);

// Makes the calling thread the only one a freshly forked child needs: its transaction never
// ends again (the other threads, whose turn it would wait for, do not exist in the child).
void enter_forked_child();

// Adds the process functions to the posix module.
void add_posix_process_functions(ModuleObject* m);

} // namespace pystm
