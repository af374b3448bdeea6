"""demo_pkg: a compiled core (_C, described by its stub), lazily loaded submodules, public API."""
from demo_pkg._C import *  # noqa: F403  -- the compiled core's functions
from . import nn
from .core import Ledger, compute_total
from .optim import SGD

_lazy_modules = {"viz"}


def __getattr__(name):
    if name in _lazy_modules:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'demo_pkg' has no attribute {name!r}")


__all__ = ["Ledger", "compute_total", "SGD", "nn"]
