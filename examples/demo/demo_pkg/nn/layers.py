from ..core import compute_total
from ... import config  # planted: three dots climb above the top-level package


class Linear:
    def __init__(self, n):
        self.n = n
