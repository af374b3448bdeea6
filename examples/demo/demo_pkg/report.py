from .core import summarise  # planted: the function is called summarize

try:
    from demo_pkg.accel import fast_sum  # optional accelerator, not part of this checkout
except ImportError:
    fast_sum = sum


def report(entries):
    return summarise(entries)
