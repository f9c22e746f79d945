class Node:
    def __init__(self, v):
        self.v = v
        self.next = None
total = 0
for i in range(200000):
    n = Node(i)
    n.next = Node(i + 1)
    n.next.next = n
    total += n.next.v
print(total)
