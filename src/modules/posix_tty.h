// The posix module's terminal functions (openpty, ttyname, ctermid, tcgetpgrp, tcsetpgrp,
// login_tty), added to the module by add_posix_tty_functions (modules/posix_module.cpp).
#pragma once

#include "objects/module_object.h"

namespace pystm {

// Adds the terminal functions to the posix module.
void add_posix_tty_functions(ModuleObject* m);

} // namespace pystm
