#!/usr/bin/env python3
"""Helpers for scripts/bench-server.

idle-connections.py PORT COUNT SERVER_PID
    Opens COUNT connections, sends one keep-alive GET /json on each and reads the answer,
    then prints the server's resident memory while it holds them all idle.
idle-connections.py --probe PORT COUNT
    Times COUNT requests, each on a fresh connection, and prints the median and maximum.
"""
import socket
import sys
import time

REQUEST = b"GET /json HTTP/1.1\r\nHost: bench\r\n\r\n"


def read_response(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise RuntimeError("connection closed before the response")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(rest) < length:
        rest += sock.recv(65536)
    return head.split(b" ")[1]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def hold_idle(port, count, pid):
    before = rss_kib(pid)
    connections = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(REQUEST)
        assert read_response(sock) == b"200"
        connections.append(sock)
    time.sleep(1)
    during = rss_kib(pid)
    print(f"server RSS: {before / 1024:.1f} MiB before, {during / 1024:.1f} MiB holding "
          f"{len(connections)} idle keep-alive connections")
    for sock in connections:
        sock.close()


def probe(port, count):
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(REQUEST)
        status = read_response(sock)
        timings.append((time.perf_counter() - started) * 1000)
        sock.close()
        assert status == b"200", status
        time.sleep(0.2)  # 30 probes span about 6 s
    timings.sort()
    print(f"normal client during the attack: {count} requests, median "
          f"{timings[len(timings) // 2]:.2f} ms, max {timings[-1]:.2f} ms")


if __name__ == "__main__":
    if sys.argv[1] == "--probe":
        probe(int(sys.argv[2]), int(sys.argv[3]))
    else:
        hold_idle(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
