# pyexpat: ExpatError attributes, error module tables, handler exceptions, positions.
import pyexpat
from xml.parsers import expat

p = pyexpat.ParserCreate()
try:
    p.Parse(b"<a><b></a>", True)
except expat.ExpatError as e:
    print(type(e).__name__, e, e.code, e.lineno, e.offset)
    print(expat.errors.messages[e.code], expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH])
print(p.ErrorCode, p.ErrorLineNumber, p.ErrorColumnNumber, p.ErrorByteIndex)
print(pyexpat.ErrorString(2), pyexpat.ErrorString(1000))
print(pyexpat.error is pyexpat.ExpatError, expat.ExpatError.__module__)
print(pyexpat.EXPAT_VERSION.startswith("expat_"), len(pyexpat.version_info), pyexpat.native_encoding)
print(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER, pyexpat.XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE,
      pyexpat.XML_PARAM_ENTITY_PARSING_ALWAYS)
print(expat.model.XML_CTYPE_SEQ, expat.model.XML_CQUANT_PLUS)
import sys
print("pyexpat.errors" in sys.modules, "xml.parsers.expat.model" in sys.modules)
print(type(pyexpat.features), all(isinstance(f, tuple) for f in pyexpat.features))

# An exception in a handler stops parsing and propagates; the handlers are then cleared.
p = pyexpat.ParserCreate()
seen = []
def start(name, attrs):
    seen.append(name)
    if name == "b":
        raise ValueError("stop at " + name)
p.StartElementHandler = start
try:
    p.Parse(b"<a><b><c/></b></a>", True)
except ValueError as e:
    print("ValueError", e)
print(seen, p.StartElementHandler)

# Positions inside a callback.
p = pyexpat.ParserCreate()
def start2(name, attrs):
    print(name, p.CurrentLineNumber, p.CurrentColumnNumber, p.CurrentByteIndex, p.GetInputContext())
p.StartElementHandler = start2
p.Parse(b"<a>\n  <b/></a>", True)
print(p.GetInputContext())

for bad in [lambda: pyexpat.ParserCreate(namespace_separator="ab"),
            lambda: pyexpat.ParserCreate(intern=[]),
            lambda: setattr(pyexpat.ParserCreate(), "buffer_size", 0),
            lambda: setattr(pyexpat.ParserCreate(), "buffer_size", "x"),
            lambda: delattr(pyexpat.ParserCreate(), "StartElementHandler"),
            lambda: pyexpat.ParserCreate().ParseFile(42),
            lambda: pyexpat.xmlparser()]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# The traceback of a handler's exception has an entry for the event, as CPython's pyexpat.c.
import os
import traceback
p = pyexpat.ParserCreate()
def comment(data):
    raise KeyError(data)
p.CommentHandler = comment
try:
    p.Parse(b"<a><!--x--></a>", True)
except KeyError as e:
    print([(os.path.basename(f.filename), f.name) for f in traceback.extract_tb(e.__traceback__)])

# An unknown encoding is reported by Parse; a multi-byte one is refused.
for enc in ["no-such-encoding", "utf-7"]:
    try:
        pyexpat.ParserCreate(enc).Parse(b"<a/>", True)
    except Exception as e:
        print(type(e).__name__, e)
