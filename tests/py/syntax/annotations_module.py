x: int = 5
y: str
print(__annotations__)
class C:
    a: int
    b: "list[int]" = []
print(C.__annotations__)
