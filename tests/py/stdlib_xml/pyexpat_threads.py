# Parsers used from several threads at once, each with its own handlers and buffered text.
import threading
import xml.etree.ElementTree as ET
import pyexpat

results = {}

def work(n):
    doc = "<r>" + "".join("<i n='%d'>%s</i>" % (k, "t" * k) for k in range(n)) + "</r>"
    root = ET.fromstring(doc)
    texts = []
    p = pyexpat.ParserCreate()
    p.buffer_text = True
    p.CharacterDataHandler = texts.append
    p.Parse(doc, True)
    results[n] = (len(root), sum(len(e.text or "") for e in root), len("".join(texts)))

threads = [threading.Thread(target=work, args=(n,)) for n in (10, 50, 100, 200)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for k in sorted(results):
    print(k, results[k])
