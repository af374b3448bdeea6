/** The test's own store: a small pure-Python TCP key-value server and a client with a blocking get. */
export const STORE_PY = `
import json, socket, socketserver, sys, threading

class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

DATA, COND = {}, threading.Condition()

class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            req = json.loads(line)
            with COND:
                if req["op"] == "set":
                    DATA[req["key"]] = req["value"]
                    COND.notify_all()
                    resp = {"ok": True}
                else:
                    found = COND.wait_for(lambda: req["key"] in DATA, timeout=req["timeout"])
                    resp = {"ok": True, "value": DATA[req["key"]]} if found else {"ok": False}
            self.wfile.write((json.dumps(resp) + "\\n").encode())
            self.wfile.flush()

class TCPStoreClient:
    """set(key, value) and get(key) -> bytes, blocking until the key exists or the timeout."""

    def __init__(self, port, timeout):
        self.timeout = timeout
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.file = self.sock.makefile("rwb")

    def _call(self, req):
        self.file.write((json.dumps(req) + "\\n").encode())
        self.file.flush()
        return json.loads(self.file.readline())

    def set(self, key, value):
        self._call({"op": "set", "key": key, "value": value if isinstance(value, str) else value.decode()})

    def get(self, key):
        resp = self._call({"op": "get", "key": key, "timeout": self.timeout})
        if not resp["ok"]:
            raise RuntimeError("Socket Timeout: key %r not set within %ss" % (key, self.timeout))
        return resp["value"].encode()

if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
`;

/** One rank: joins through the patched init_process_group; exit 3 on a protocol mismatch. */
export const WORKER_PY = `
import sys
from store import TCPStoreClient
import torch.distributed as dist
from torch.distributed._protocol_version import ProtocolVersionMismatch

port, rank, timeout = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
try:
    pg = dist.init_process_group("gloo", store=TCPStoreClient(port, timeout), rank=rank, world_size=2)
except ProtocolVersionMismatch as e:
    print(e, file=sys.stderr)
    sys.exit(3)
print("rank %d joined %s" % (rank, pg.backend))
`;
