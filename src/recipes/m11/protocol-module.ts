/** Python sources the M11 recipe writes; `module` is the dotted name of the package (torch.distributed). */

export function protocolModule(module: string, envPrefix: string): string {
  return `"""Wire-protocol version of ${module} (M11), written by groundwork.

Rank 0 publishes {version, min, max} in the rendezvous store during process-group initialisation;
every other rank checks it before the first collective, so mismatched installations fail at
start-up with a message naming both ranks, instead of hanging or corrupting data later.
Bump PROTOCOL_VERSION when the wire format changes; raise MIN_COMPATIBLE_VERSION when an old
peer can no longer be served.
"""
import json
import os
import socket

PROTOCOL_VERSION = 1
MIN_COMPATIBLE_VERSION = 1
STORE_KEY = "${module}/protocol_version"
# "VERSION" or "VERSION:MIN": overrides this process's range (tests, staged upgrades).
VERSION_ENV = "${envPrefix}_PROTOCOL_VERSION"
IGNORE_ENV = "${envPrefix}_IGNORE_PROTOCOL_MISMATCH"


class ProtocolVersionMismatch(RuntimeError):
    """Two ranks of one job speak protocol versions neither accepts from the other."""


def local_range():
    """(version, minimum compatible version) of this process."""
    raw = os.environ.get(VERSION_ENV, "").strip()
    if not raw:
        return PROTOCOL_VERSION, MIN_COMPATIBLE_VERSION
    version, _, minimum = raw.partition(":")
    return int(version), int(minimum or version)


def is_compatible(a, b):
    """Whether ranges a and b, each (version, minimum), overlap: each speaks what the other accepts."""
    return a[0] >= b[1] and b[0] >= a[1]


def _describe(rank, host, rng):
    return "rank %s (%s) speaks protocol %d and accepts %d..%d" % (rank, host, rng[0], rng[1], rng[0])


def mismatch_message(rank, host, local, peer_rank, peer_host, peer):
    return (
        "${module} protocol version mismatch: %s, but %s. Supported range of rank %s: %d..%d. "
        "Remedy: run the same release on every node (or releases whose ranges overlap); "
        "set %s=1 to skip this check at your own risk."
        % (_describe(rank, host, local), _describe(peer_rank, peer_host, peer), peer_rank, peer[1], peer[0], IGNORE_ENV)
    )


def handshake(store, rank, world_size):
    """Rank 0 publishes its range; the others check it. Raises ProtocolVersionMismatch."""
    if world_size is None or world_size <= 1 or os.environ.get(IGNORE_ENV) == "1":
        return
    version, minimum = local_range()
    host = socket.gethostname()
    if rank == 0:
        payload = {"version": version, "min": minimum, "max": version, "rank": 0, "host": host}
        store.set(STORE_KEY, json.dumps(payload))
        return
    try:
        raw = store.get(STORE_KEY)
    except Exception as e:  # the store's timeout: rank 0 never published a version
        raise ProtocolVersionMismatch(
            "rank %s (%s) speaks protocol %d but rank 0 published no protocol version under %r (%s): "
            "rank 0 runs a release without the protocol handshake, older than this one. "
            "Remedy: run the same release on every node; set %s=1 to skip this check at your own risk."
            % (rank, host, version, STORE_KEY, e, IGNORE_ENV)
        ) from e
    peer = json.loads(raw.decode("utf-8") if isinstance(raw, (bytes, bytearray)) else raw)
    peer_range = (int(peer["version"]), int(peer["min"]))
    if not is_compatible((version, minimum), peer_range):
        raise ProtocolVersionMismatch(
            mismatch_message(rank, host, (version, minimum), peer.get("rank", 0), peer.get("host", "?"), peer_range)
        )
`;
}

/** The lines inserted into the init function, at its body's indentation. */
export function handshakeLines(module: string, indent: string): string[] {
  return [
    `${indent}# groundwork M11: fail fast when ranks run incompatible protocol versions.`,
    `${indent}from ${module}._protocol_version import handshake as _protocol_handshake`,
    '',
    `${indent}_protocol_handshake(store, rank, world_size)`,
  ];
}
