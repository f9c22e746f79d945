# uuid: deterministic uuid3/uuid5, parsing and fields, uuid4's version and variant.
import uuid
u3 = uuid.uuid3(uuid.NAMESPACE_DNS, 'python.org')
u5 = uuid.uuid5(uuid.NAMESPACE_URL, 'https://example.com/')
print(u3, u5, u3.version, u5.version, u3.variant)
u = uuid.UUID('{12345678-1234-5678-1234-567812345678}')
print(u, repr(u), u.hex, u.int, u.fields, u.bytes, u.urn, u.time_low, u.node)
print(uuid.UUID(bytes=u.bytes) == u, uuid.UUID(int=1), uuid.UUID(fields=u.fields) == u, u < u5)
r = uuid.uuid4()
print(r.version, r.variant == uuid.RFC_4122, len(str(r)))
try:
    uuid.UUID('not-a-uuid')
except ValueError as e:
    print('ValueError', e)
