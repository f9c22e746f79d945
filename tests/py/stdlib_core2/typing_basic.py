# typing: generics, NamedTuple, TypedDict, Protocol, get_type_hints, Optional/Union.
from typing import (List, Dict, Optional, Union, Callable, TypeVar, Generic, NamedTuple, TypedDict,
                    Protocol, runtime_checkable, get_type_hints, get_origin, get_args, Any, Tuple, Literal)

T = TypeVar('T')
class Box(Generic[T]):
    def __init__(self, v: T): self.v = v
print(Box[int], Box[int](3).v, T, List[int], Dict[str, int], Optional[int], Union[int, str])
print(get_origin(List[int]), get_args(Dict[str, int]), get_args(Optional[int]), Callable[[int], str])
class P(NamedTuple):
    x: int
    y: int = 0
print(P(1), P(1, 2)._asdict(), P.__annotations__, P._field_defaults)
class TD(TypedDict, total=False):
    a: int
    b: str
print(TD(a=1), sorted(TD.__required_keys__), sorted(TD.__optional_keys__))
@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...
class F:
    def close(self): pass
print(isinstance(F(), Closer), isinstance(1, Closer))
def f(a: int, b: 'str' = 'x') -> Optional[List[int]]:
    return None
print(get_type_hints(f))
print(Tuple[int, ...], Literal['a', 1], Any, list[int] | None)
