import sys
print("to stderr", file=sys.stderr)
print("to stdout", file=sys.stdout, flush=True)
sys.stdout.write("direct\n")
