# Helpers of the faulthandler tests: keep what pystm and CPython must print alike.
import os
import re

FRAME = re.compile(r'  File "(.*)", line (\d+|\?\?\?) in (.*)$')
TID = re.compile(r"0x[0-9a-f]{16}")


def normalize(text, keep):
    """The dump [text] with thread ids replaced and only the frames of files named in [keep]
    (basenames) left: the frames of the standard library differ between implementations."""
    out = []
    for line in text.splitlines():
        m = FRAME.match(line)
        if m:
            name = os.path.basename(m.group(1))
            if name not in keep:
                continue
            line = f'  File "{name}", line {m.group(2)} in {m.group(3)}'
        else:
            line = TID.sub("0xTID", line)
        out.append(line)
    return "\n".join(out)


def tid(ident):
    return "0x%016x" % ident
