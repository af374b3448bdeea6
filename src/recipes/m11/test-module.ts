/** The two-process test the M11 recipe writes (unittest, so \`python FILE\` fails when a test does). */
export function protocolTest(module: string, initFunction: string): string {
  return `"""Protocol version handshake of ${module} (M11), written by groundwork.

Unit tests of the comparison, and two real processes doing the handshake over a store; with a
built PyTorch and gloo, also through ${initFunction}.
"""
import multiprocessing
import os
import time
import unittest

from ${module} import _protocol_version as pv


class DictStore:
    """The store API the handshake uses (set, blocking get), over a multiprocessing manager."""

    def __init__(self, shared, timeout=5.0):
        self.shared = shared
        self.timeout = timeout

    def set(self, key, value):
        self.shared[key] = value.encode("utf-8") if isinstance(value, str) else value

    def get(self, key):
        deadline = time.monotonic() + self.timeout
        while key not in self.shared:
            if time.monotonic() > deadline:
                raise TimeoutError("key %r not set within %.1fs" % (key, self.timeout))
            time.sleep(0.01)
        return self.shared[key]


def _rank_main(shared, rank, version_env, results):
    if version_env:
        os.environ[pv.VERSION_ENV] = version_env
    else:
        os.environ.pop(pv.VERSION_ENV, None)
    try:
        pv.handshake(DictStore(shared, timeout=3.0), rank, 2)
        results[rank] = "ok"
    except pv.ProtocolVersionMismatch as e:
        results[rank] = str(e)


class TestCompatibility(unittest.TestCase):
    def test_same_version_is_compatible(self):
        self.assertTrue(pv.is_compatible((1, 1), (1, 1)))

    def test_overlapping_ranges_are_compatible(self):
        self.assertTrue(pv.is_compatible((2, 1), (1, 1)))

    def test_disjoint_ranges_are_not(self):
        self.assertFalse(pv.is_compatible((2, 2), (1, 1)))
        self.assertFalse(pv.is_compatible((1, 1), (3, 2)))

    def test_environment_overrides_the_local_range(self):
        old = os.environ.get(pv.VERSION_ENV)
        try:
            os.environ[pv.VERSION_ENV] = "3:2"
            self.assertEqual(pv.local_range(), (3, 2))
            os.environ[pv.VERSION_ENV] = "4"
            self.assertEqual(pv.local_range(), (4, 4))
        finally:
            if old is None:
                os.environ.pop(pv.VERSION_ENV, None)
            else:
                os.environ[pv.VERSION_ENV] = old

    def test_message_names_ranks_versions_range_and_remedy(self):
        msg = pv.mismatch_message(1, "b", (2, 2), 0, "a", (1, 1))
        for part in ("rank 1", "rank 0", "protocol 2", "protocol 1", "1..1", "Remedy"):
            self.assertIn(part, msg)


class TestTwoProcessHandshake(unittest.TestCase):
    def run_pair(self, env0, env1):
        ctx = multiprocessing.get_context("spawn")
        with ctx.Manager() as manager:
            shared, results = manager.dict(), manager.dict()
            procs = [ctx.Process(target=_rank_main, args=(shared, r, e, results)) for r, e in ((0, env0), (1, env1))]
            for p in procs:
                p.start()
            for p in procs:
                p.join(30)
            return dict(results)

    def test_matching_versions_pass(self):
        self.assertEqual(self.run_pair("1", "1"), {0: "ok", 1: "ok"})

    def test_mismatch_fails_on_the_checking_rank(self):
        results = self.run_pair("1", "2:2")
        self.assertEqual(results[0], "ok")
        self.assertIn("rank 1", results[1])
        self.assertIn("rank 0", results[1])


@unittest.skipUnless(os.environ.get("GROUNDWORK_M11_GLOO") == "1", "set GROUNDWORK_M11_GLOO=1 (built PyTorch with gloo) to run through ${initFunction}")
class TestInitProcessGroupGloo(unittest.TestCase):
    def test_gloo_pair_initialises(self):
        import torch.multiprocessing as mp

        mp.spawn(_gloo_rank, args=(2,), nprocs=2, join=True)


def _gloo_rank(rank, world_size):
    import torch.distributed as dist

    store = dist.TCPStore("127.0.0.1", 29555, world_size, rank == 0)
    dist.${initFunction}("gloo", store=store, rank=rank, world_size=world_size)
    dist.destroy_process_group()


if __name__ == "__main__":
    unittest.main()
`;
}
