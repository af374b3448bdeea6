from .layers import Linear
from . import functional

__all__ = ["Linear", "functional"]
