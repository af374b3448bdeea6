from demo_pkg.optimizers import SGD  # planted: the module is demo_pkg/optim.py
from demo_pkg.core import Ledger


def train(params):
    return SGD(params), Ledger()
