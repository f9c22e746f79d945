class Sleep:
    def __init__(self, n): self.n = n
    def __await__(self):
        yield self.n
async def worker(name, n):
    for i in range(n):
        await Sleep(i)
        log.append(f"{name}{i}")
    return name
log = []
tasks = [worker("a", 2), worker("b", 3)]
done = []
while tasks:
    for t in list(tasks):
        try:
            t.send(None)
        except StopIteration as e:
            done.append(e.value)
            tasks.remove(t)
print(log, done)
