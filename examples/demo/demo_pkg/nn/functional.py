from typing import TYPE_CHECKING

from demo_pkg._C import _gelu, _fused_gelu  # planted: _fused_gelu is not in the _C stub

if TYPE_CHECKING:
    from demo_pkg.types import TensorLike  # planted: there is no demo_pkg/types.py


def gelu(x):
    return _gelu(x)
