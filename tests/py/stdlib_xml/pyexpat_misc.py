# pyexpat: argument checking, attribute errors, return values, surrogates, odd handlers.
import pyexpat, io
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
p = pyexpat.ParserCreate()
t(lambda: p.Parse(b"<a/>", True))
t(lambda: p.Parse(b"<a/>", True))
t(lambda: pyexpat.ParserCreate(encoding=1))
t(lambda: pyexpat.ParserCreate(1, 2))
t(lambda: pyexpat.ParserCreate().ParseFile(io.StringIO("<a/>")))
t(lambda: pyexpat.ParserCreate().Parse(b"<a/>", "x"))
t(lambda: pyexpat.ParserCreate().Parse(None))
t(lambda: pyexpat.ParserCreate().foo)
def setfoo(): pyexpat.ParserCreate().foo = 1
t(setfoo)
p = pyexpat.ParserCreate()
t(lambda: (p.buffer_used, p.buffer_text))
p.buffer_size = 100
t(lambda: (p.buffer_size, p.buffer_text))
t(lambda: p.UseForeignDTD())
t(lambda: p.SetParamEntityParsing(1))
t(lambda: p.SetParamEntityParsing("1"))
t(lambda: p.GetBase())
t(lambda: p.SetBase(1))
t(lambda: type(p).__name__)
t(lambda: type(p).__module__)
t(lambda: pyexpat.XMLParserType)
t(lambda: pyexpat.ErrorString("x"))
t(lambda: pyexpat.ParserCreate(namespace_separator="").Parse(b"<a xmlns='u'><b/></a>", True))
p = pyexpat.ParserCreate(namespace_separator="")
p.StartElementHandler = lambda n, a: print(n)
t(lambda: p.Parse(b"<a xmlns='u'><b/></a>", True))
p = pyexpat.ParserCreate()
p.StartElementHandler = 5
t(lambda: p.Parse(b"<a/>", True))
t(lambda: p.StartElementHandler)
p = pyexpat.ParserCreate()
p.NotStandaloneHandler = lambda: 0
t(lambda: p.Parse(b"<?xml version='1.0' standalone='no'?><!DOCTYPE a SYSTEM 'x'><a/>", True))
p = pyexpat.ParserCreate()
p.ExternalEntityRefHandler = lambda *a: "x"
t(lambda: p.Parse(b"<!DOCTYPE a [<!ENTITY e SYSTEM 'x'>]><a>&e;</a>", True))
p = pyexpat.ParserCreate()
p.SkippedEntityHandler = lambda *a: print("skipped", a)
t(lambda: p.Parse(b"<!DOCTYPE a SYSTEM 'x'><a>&e;</a>", True))
t(lambda: pyexpat.ParserCreate().Parse("<a>\udc80</a>", True))
t(lambda: pyexpat.ParserCreate().ExternalEntityParserCreate(None).Parse(b"<!ENTITY x 'y'>", True))
t(lambda: pyexpat.ParserCreate("utf-16").Parse("<a/>".encode("utf-16"), True))
print(pyexpat.__doc__ is not None, pyexpat.__name__)
