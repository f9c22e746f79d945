# io objects used by the standard library: redirect_stdout, SpooledTemporaryFile, logging, TextIOWrapper.
import io, contextlib, tempfile, logging, sys
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured")
print(repr(buf.getvalue()))
with tempfile.SpooledTemporaryFile(max_size=10, mode="w+") as f:
    f.write("hello world, more than ten")
    f.seek(0)
    print(f.read())
s = io.StringIO()
h = logging.StreamHandler(s)
log = logging.getLogger("x"); log.addHandler(h); log.warning("warn %d", 3)
print(repr(s.getvalue()))
print(sys.stdout.encoding, sys.stdout.isatty(), type(sys.stdout))
w = io.TextIOWrapper(io.BytesIO(), encoding="latin-1", line_buffering=True)
w.write("é\n"); print(w.buffer.getvalue(), w.line_buffering)
print(io.StringIO("x").__repr__().startswith("<_io.StringIO object"))
