"""An object-heavy scheduler simulation in the spirit of Richards: tasks with priorities pass
packets through a work queue, device handlers and idle tasks; attribute access, method calls
and small-object allocation dominate."""
import sys


class Packet:
    __slots__ = ("link", "owner", "kind", "datum", "data")

    def __init__(self, link, owner, kind):
        self.link = link
        self.owner = owner
        self.kind = kind
        self.datum = 0
        self.data = [0] * 4

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class Task:
    def __init__(self, ident, priority, queue, scheduler):
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.scheduler = scheduler
        self.waiting = queue is None
        self.held = False
        self.count = 0

    def runnable(self):
        return not self.held and (not self.waiting or self.queue is not None)

    def take_packet(self):
        p = self.queue
        if p is not None:
            self.queue = p.link
            p.link = None
        return p

    def receive(self, packet):
        self.queue = packet.append_to(self.queue)
        self.waiting = False


class IdleTask(Task):
    def __init__(self, ident, priority, scheduler, budget):
        super().__init__(ident, priority, None, scheduler)
        self.waiting = False
        self.budget = budget
        self.seed = 1

    def run(self):
        self.budget -= 1
        if self.budget == 0:
            return self.scheduler.hold_self(self)
        if self.seed & 1 == 0:
            self.seed >>= 1
            return self.scheduler.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return self.scheduler.release(DEVICE_B)


class WorkTask(Task):
    def __init__(self, ident, priority, queue, scheduler):
        super().__init__(ident, priority, queue, scheduler)
        self.destination = HANDLER_A
        self.letter = 0

    def run(self):
        p = self.take_packet()
        if p is None:
            return self.scheduler.wait_self(self)
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        p.owner = self.destination
        p.datum = 0
        for i in range(4):
            self.letter = self.letter + 1 if self.letter < 26 else 1
            p.data[i] = self.letter
        return self.scheduler.send(p, self.destination)


class HandlerTask(Task):
    def __init__(self, ident, priority, queue, scheduler, device):
        super().__init__(ident, priority, queue, scheduler)
        self.device = device
        self.work = None
        self.devices = None

    def run(self):
        p = self.take_packet()
        if p is not None:
            if p.kind == WORK:
                self.work = p.append_to(self.work)
            else:
                self.devices = p.append_to(self.devices)
        if self.work is not None:
            w = self.work
            if w.datum >= 4:
                self.work = w.link
                return self.scheduler.send(w, WORKER)
            if self.devices is not None:
                d = self.devices
                self.devices = d.link
                d.datum = w.data[w.datum]
                w.datum += 1
                return self.scheduler.send(d, self.device)
        return self.scheduler.wait_self(self)


class DeviceTask(Task):
    def __init__(self, ident, priority, scheduler):
        super().__init__(ident, priority, None, scheduler)
        self.pending = None

    def run(self):
        p = self.take_packet()
        if p is None:
            if self.pending is None:
                return self.scheduler.wait_self(self)
            p, self.pending = self.pending, None
            return self.scheduler.send(p, p.owner)
        self.pending = p
        self.scheduler.checksum = (self.scheduler.checksum * 31 + p.datum) % 1000003
        return self.scheduler.hold_self(self)


IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
WORK, DEVICE = 0, 1


class Scheduler:
    def __init__(self):
        self.tasks = {}
        self.checksum = 0
        self.switches = 0

    def add(self, task):
        self.tasks[task.ident] = task

    def release(self, ident):
        task = self.tasks[ident]
        task.held = False
        return task

    def hold_self(self, task):
        task.held = True
        return None

    def wait_self(self, task):
        task.waiting = True
        return None

    def send(self, packet, ident):
        target = self.tasks[ident]
        packet.link = None
        target.receive(packet)
        return target

    def run(self):
        order = sorted(self.tasks.values(), key=lambda t: -t.priority)
        while True:
            ran = False
            for task in order:
                if task.runnable():
                    task.count += 1
                    self.switches += 1
                    task.run()
                    ran = True
                    break
            if not ran:
                return


def main(budget):
    s = Scheduler()
    s.add(IdleTask(IDLE, 0, s, budget))
    work_queue = Packet(None, WORKER, WORK).append_to(None)
    work_queue = Packet(None, WORKER, WORK).append_to(work_queue)
    s.add(WorkTask(WORKER, 1000, work_queue, s))
    for ident, prio, dev in ((HANDLER_A, 2000, DEVICE_A), (HANDLER_B, 3000, DEVICE_B)):
        q = None
        for _ in range(3):
            q = Packet(None, dev, DEVICE).append_to(q)
        s.add(HandlerTask(ident, prio, q, s, dev))
    s.add(DeviceTask(DEVICE_A, 4000, s))
    s.add(DeviceTask(DEVICE_B, 5000, s))
    s.run()
    print(s.switches, s.checksum, sorted((t.ident, t.count) for t in s.tasks.values()))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 600000)
