# The module re-exports pystm's atomic, is_atomic, hint_commit_soon and getsegmentlimit (on
# CPython: a module-level re-entrant lock and fallbacks with the same behaviour).
import transaction

for name in ("atomic", "is_atomic", "hint_commit_soon", "getsegmentlimit", "TransactionQueue",
             "TransactionError", "threadlocalproperty"):
    print(name, hasattr(transaction, name), name in transaction.__all__)

print(transaction.is_atomic())
with transaction.atomic:
    print(transaction.is_atomic())
    with transaction.atomic:
        print(transaction.is_atomic())
    print(transaction.is_atomic())
print(transaction.is_atomic())

# An exception leaves the block.
try:
    with transaction.atomic:
        raise ValueError("inside")
except ValueError as e:
    print("ValueError", e, transaction.is_atomic())

print(transaction.hint_commit_soon())
n = transaction.getsegmentlimit()
print(type(n).__name__, n >= 1)
