"""TransactionQueue ray tracer: one call per image row, each row written into its own object.

A small scene (spheres on a plane, one light, shadows and one bounce of reflection) rendered at
WIDTH x HEIGHT. Calls share the scene, which they only read; each writes the pixels of its row
into the row's own object, so calls do not conflict (docs/parallelizing.md shows the version
that writes into one shared list, and what the conflict report says about it).

Usage: raytrace.py THREADS [HEIGHT]. Prints one result line (a checksum of the image, the same
for every thread count, under pystm and CPython 3.11); with PYSTM_BENCH_STATS=1 also
"bench: wall=... key=value ..." on stderr (bench/run-threads reads it).
"""
import math
import sys

import transaction
from _txbench import timed_run

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
HEIGHT = int(sys.argv[2]) if len(sys.argv) > 2 else 300
WIDTH = HEIGHT * 4 // 3


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x, self.y, self.z = x, y, z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def norm(self):
        return self.scale(1.0 / math.sqrt(self.dot(self)))


class Sphere:
    def __init__(self, center, radius, color, reflect):
        self.center, self.radius, self.color, self.reflect = center, radius, color, reflect

    def hit(self, origin, direction):
        oc = origin - self.center
        b = oc.dot(direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0:
            return None
        t = -b - math.sqrt(disc)
        return t if t > 1e-4 else None

    def normal(self, p):
        return (p - self.center).norm()


class Plane:
    def __init__(self, y, color, reflect):
        self.y, self.color, self.reflect = y, color, reflect

    def hit(self, origin, direction):
        if abs(direction.y) < 1e-9:
            return None
        t = (self.y - origin.y) / direction.y
        return t if t > 1e-4 else None

    def normal(self, p):
        return Vec(0.0, 1.0, 0.0)


class Row:
    __slots__ = ("pixels",)

    def __init__(self):
        self.pixels = None


SCENE = [
    Sphere(Vec(0.0, 1.0, 6.0), 1.0, (0.9, 0.2, 0.2), 0.3),
    Sphere(Vec(-2.2, 0.8, 7.5), 0.8, (0.2, 0.9, 0.2), 0.2),
    Sphere(Vec(2.0, 0.6, 5.0), 0.6, (0.2, 0.3, 0.9), 0.5),
    Plane(0.0, (0.8, 0.8, 0.8), 0.1),
]
LIGHT = Vec(-4.0, 8.0, 0.0)
EYE = Vec(0.0, 1.2, 0.0)


def trace(origin, direction, depth):
    nearest, obj = None, None
    for o in SCENE:
        t = o.hit(origin, direction)
        if t is not None and (nearest is None or t < nearest):
            nearest, obj = t, o
    if obj is None:
        return (0.1, 0.1, 0.15)
    p = origin + direction.scale(nearest)
    n = obj.normal(p)
    to_light = (LIGHT - p).norm()
    shade = 0.1
    if not any(o.hit(p, to_light) is not None for o in SCENE):
        shade += 0.9 * max(0.0, n.dot(to_light))
    r, g, b = (c * shade for c in obj.color)
    if depth > 0 and obj.reflect > 0:
        refl = direction - n.scale(2 * direction.dot(n))
        rr, rg, rb = trace(p, refl.norm(), depth - 1)
        k = obj.reflect
        r, g, b = r * (1 - k) + rr * k, g * (1 - k) + rg * k, b * (1 - k) + rb * k
    return (r, g, b)


def render_row(row, y):
    pixels = []
    for x in range(WIDTH):
        d = Vec((x - WIDTH / 2) / HEIGHT, (HEIGHT / 2 - y) / HEIGHT, 1.0).norm()
        r, g, b = trace(EYE, d, 1)
        pixels.append((min(255, int(r * 255)), min(255, int(g * 255)), min(255, int(b * 255))))
    row.pixels = pixels




rows = [Row() for _ in range(HEIGHT)]
q = transaction.TransactionQueue()
for y in range(HEIGHT):
    q.add(render_row, rows[y], y)
timed_run(q, THREADS)
checksum = 0
for y, row in enumerate(rows):
    for x, (r, g, b) in enumerate(row.pixels):
        checksum = (checksum * 31 + r * 65536 + g * 256 + b + x + y) % 1000000007
print(f"raytrace {WIDTH}x{HEIGHT}: checksum {checksum}")
