// The signal module's entry points for the rest of the interpreter: where pending signals are
// handled outside the eval breaker, and how one is made pending without the kernel.
//
// A signal's C handler only marks it pending and sets the main thread's EB_SIGINT bit
// (vm/eval_breaker.h); the Python handlers run in the main thread, at its eval breaker or at
// one of the calls below, as CPython runs them at PyErr_CheckSignals().
#pragma once

namespace pystm {

// Runs the Python handlers of pending signals, or raises KeyboardInterrupt for the CLI's SIGINT.
// Called by the eval breaker after it cleared EB_SIGINT.
void signal_run_pending();
// If the calling thread's EB_SIGINT is set, clears it and runs signal_run_pending(): for calls
// after which CPython checks signals at once (a blocking call interrupted by EINTR, PEP 475;
// os.kill and signal.raise_signal to this process; a lock wait that ends).
void signal_check_interrupt();
// Marks [sig] pending as its delivery would (_thread.interrupt_main()). The caller must have
// made its transaction irreversible: an abort would simulate the signal again.
void signal_simulate(int sig);

} // namespace pystm
