# Other users of pyexpat: minidom, pulldom, xml.sax, plistlib, xmlrpc.client.
import io
import plistlib
import xml.dom.minidom
import xml.dom.pulldom
import xml.sax
import xml.sax.handler
import xmlrpc.client

d = xml.dom.minidom.parseString("<doc a='1'><e>text</e><!--c--><?pi data?><e/></doc>")
print(d.toxml())
print(d.documentElement.getAttribute("a"), [n.nodeName for n in d.documentElement.childNodes])
print(d.toprettyxml(indent=" "))

class H(xml.sax.handler.ContentHandler):
    def startElement(self, name, attrs):
        print("start", name, dict(attrs))
    def endElement(self, name):
        print("end", name)
    def characters(self, content):
        print("chars", repr(content))
xml.sax.parseString(b"<a x='1'><b>hi</b></a>", H())
try:
    xml.sax.parseString(b"<a>", H())
except xml.sax.SAXParseException as e:
    print("SAXParseException", e.getMessage(), e.getLineNumber(), e.getColumnNumber())

for event, node in xml.dom.pulldom.parseString("<r><i>1</i></r>"):
    print(event, node.nodeName)

data = {"name": "x", "n": 3, "f": 1.5, "l": [1, "a"], "b": True, "d": b"\x00\x01"}
blob = plistlib.dumps(data)
print(blob.decode())
print(plistlib.loads(blob) == data)

s = xmlrpc.client.dumps((1, "two", [3.0, {"k": None}]), "meth", allow_none=True)
print(s)
print(xmlrpc.client.loads(s))
r = xmlrpc.client.dumps(({"ok": True},), methodresponse=True)
print(xmlrpc.client.loads(r))
