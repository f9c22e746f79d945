# xml.etree.ElementTree on the pure-Python XMLParser: parse, iterparse, tostring, namespaces.
import io
import xml.etree.ElementTree as ET

src = """<?xml version="1.0"?>
<root xmlns="urn:default" xmlns:x="urn:x">
  <item id="1" x:flag="yes">one</item>
  <item id="2">two<!-- c --><sub/>tail</item>
  <x:other>&lt;escaped&gt;</x:other>
</root>"""
root = ET.fromstring(src)
print(root.tag, len(root))
for el in root.iter():
    print(el.tag, sorted(el.attrib.items()), repr(el.text), repr(el.tail))
print(ET.tostring(root, encoding="unicode"))
ET.register_namespace("x", "urn:x")
print(ET.tostring(root.find("{urn:x}other")))
print([e.get("id") for e in root.findall("{urn:default}item")])

for event, el in ET.iterparse(io.BytesIO(src.encode()), events=("start", "end", "start-ns", "end-ns")):
    print(event, el if event.endswith("-ns") else el.tag)

tree = ET.parse(io.StringIO("<a><b>1</b><b>2</b></a>"))
print([b.text for b in tree.getroot()])
out = io.BytesIO()
tree.write(out, xml_declaration=True, encoding="utf-8")
print(out.getvalue())

parser = ET.XMLPullParser(["start", "end"])
parser.feed("<r><c>")
print([(e, x.tag) for e, x in parser.read_events()])
parser.feed("x</c></r>")
print([(e, x.tag) for e, x in parser.read_events()])
parser.close()

try:
    ET.fromstring("<a><b></a>")
except ET.ParseError as e:
    print("ParseError", e, e.code, e.position)

tb = ET.TreeBuilder()
p = ET.XMLParser(target=tb)
p.feed("<?xml version='1.0' encoding='iso-8859-1'?><r>caf\xe9</r>".encode("latin-1"))
print(p.close().text)
print(ET.canonicalize("<r b='2' a='1'><c/></r>"))
