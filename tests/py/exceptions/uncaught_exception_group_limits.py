# The display limits: at most 15 members ("and N more exceptions") and 10 levels of nesting
# ("... (max_group_depth is 10)").
def deep(n):
    if n == 0:
        return ValueError("bottom")
    return ExceptionGroup(f"level {n}", [deep(n - 1)])


wide = ExceptionGroup("wide", [ValueError(i) for i in range(20)])
exactly = ExceptionGroup("sixteen", [KeyError(i) for i in range(16)])
raise ExceptionGroup("limits", [wide, exactly, deep(12)])
