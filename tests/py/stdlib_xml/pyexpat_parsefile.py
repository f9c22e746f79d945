# pyexpat: ParseFile, SetBase/GetBase, external entity parsers, str input.
import io
import pyexpat

p = pyexpat.ParserCreate()
text = []
p.CharacterDataHandler = text.append
p.buffer_text = True
print(p.ParseFile(io.BytesIO(b"<r>" + b"x" * 5000 + b"</r>")))
print(len(text), sum(len(t) for t in text))

p = pyexpat.ParserCreate()
print(p.GetBase())
p.SetBase("http://base/")
print(p.GetBase())

doc = b"""<!DOCTYPE r [<!ENTITY ext SYSTEM "ext.xml">]><r>&ext;</r>"""
p = pyexpat.ParserCreate()
events = []
p.StartElementHandler = lambda n, a: events.append(("start", n))
def ext(context, base, sysid, pubid):
    events.append(("ext", context, base, sysid, pubid))
    sub = p.ExternalEntityParserCreate(context)
    sub.Parse(b"<inner>hi</inner>", True)
    return 1
p.ExternalEntityRefHandler = ext
p.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE)
p.Parse(doc, True)
print(events)

p = pyexpat.ParserCreate()
chars = []
p.CharacterDataHandler = chars.append
p.Parse("<r>caf\u00e9 \u20ac</r>", True)
print(chars)

p = pyexpat.ParserCreate("iso-8859-1")
chars = []
p.CharacterDataHandler = chars.append
p.Parse(b"<r>\xe9</r>", True)
print(chars)

p = pyexpat.ParserCreate()
p.DefaultHandler = lambda s: print("default", repr(s))
p.Parse(b"<?xml version='1.0'?><r a='1'>t&amp;</r>", True)
