__all__ = ["Ledger", "compute_total", "summarize"]


class Ledger:
    def __init__(self):
        self.entries = []


def compute_total(entries):
    return sum(entries)


def summarize(entries):
    return {"count": len(entries), "total": compute_total(entries)}
