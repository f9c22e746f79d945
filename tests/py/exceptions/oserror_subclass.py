e = OSError(2, "No such file or directory", "f.txt")
print(type(e).__name__, e.errno, e.strerror, e.filename, str(e))
try:
    open("/nonexistent/file/here")
except FileNotFoundError as e:
    print(e.errno, e)
