# pyexpat: handler callbacks, their arguments, ordered/specified attributes, buffering.
import pyexpat

doc = b"""<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE root [
<!ELEMENT root (a|b)*>
<!ATTLIST a x CDATA "dflt" y CDATA #REQUIRED>
<!ENTITY ent "entity text">
<!NOTATION gif SYSTEM "image/gif">
<!ENTITY pic SYSTEM "pic.gif" NDATA gif>
]>
<!-- a comment -->
<root xmlns:n="http://example.com/n">
<?target some data?>
<a y="1">text &ent; more</a><n:b><![CDATA[<raw>]]></n:b>
</root>
"""

out = []
def handler(name):
    def h(*args):
        out.append((name,) + args)
    return h

names = ["StartElementHandler", "EndElementHandler", "CharacterDataHandler",
         "ProcessingInstructionHandler", "CommentHandler", "XmlDeclHandler",
         "StartDoctypeDeclHandler", "EndDoctypeDeclHandler", "ElementDeclHandler",
         "AttlistDeclHandler", "EntityDeclHandler", "NotationDeclHandler",
         "StartCdataSectionHandler", "EndCdataSectionHandler", "UnparsedEntityDeclHandler"]
p = pyexpat.ParserCreate()
for n in names:
    setattr(p, n, handler(n))
print(p.Parse(doc, True))
for o in out:
    print(o)

# Namespaces, ordered and specified attributes, buffering.
out.clear()
p = pyexpat.ParserCreate(namespace_separator="!")
p.ordered_attributes = True
p.specified_attributes = True
p.buffer_text = True
for n in ["StartElementHandler", "EndElementHandler", "CharacterDataHandler",
          "StartNamespaceDeclHandler", "EndNamespaceDeclHandler"]:
    setattr(p, n, handler(n))
p.Parse('<r xmlns="urn:a" xmlns:q="urn:q" q:k="v" z="w">ab', False)
print(p.buffer_used, p.buffer_text, p.buffer_size)
p.Parse('cd<q:c/>é</r>', True)
for o in out:
    print(o)
print(p.StartElementHandler is not None, p.DefaultHandler)
print(p.intern is not None, type(p.intern))
print(pyexpat.ParserCreate(intern=None).intern)
p = pyexpat.ParserCreate(namespace_separator=" ")
p.namespace_prefixes = True
p.StartElementHandler = handler("start")
out.clear()
p.Parse(b'<p:r xmlns:p="urn:p"/>', True)
print(out, p.namespace_prefixes)
