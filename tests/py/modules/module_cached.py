import _mod_with_state
import _mod_with_state as again
import sys
print(_mod_with_state.loads, again is _mod_with_state, sys.modules["_mod_with_state"] is again)
