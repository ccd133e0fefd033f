#!/usr/bin/env python3
"""Registration under load with mail on and off (issue 22).

    dotnet build -c Release api && python3 bench/mail.py            # ROUNDS=5 by default

For each of mail off and mail on it starts the Release API (Production settings, fresh SQLite database under
bench/results/), creates ROUNDS public events of 20 seats and sends 200 anonymous registrations to each at once
(200 threads). It reports the registration latencies (p50, p99, max), checks that every event ended with exactly 20
confirmed, and, with mail on, how long after the first registration the last of the ROUNDS x 200 messages reached a
local SMTP sink (a minimal SMTP server in this script, counting DATA transfers). Standard library only.
"""
import asyncio, urllib.error, json, os, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DLL = os.path.join(ROOT, "api/bin/Release/net10.0/CommunityHub.Api.dll")
ROUNDS = int(os.environ.get("ROUNDS", "5"))
PER_EVENT = 200
ADMIN = ("bench-mail-admin@example.fi", "Bench-mail-password-2026")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    """Accepts every message; records when each DATA transfer ended."""

    def __init__(self):
        self.port = free_port()
        self.arrivals = []
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", self.port))
        self.loop.run_forever()

    async def _client(self, reader, writer):
        writer.write(b"220 sink\r\n")
        in_data = False
        while line := await reader.readline():
            if in_data:
                if line == b".\r\n":
                    in_data = False
                    self.arrivals.append(time.monotonic())
                    writer.write(b"250 ok\r\n")
                continue
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                writer.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                in_data = True
                writer.write(b"354 go\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"250 ok\r\n")
            await writer.drain()
        writer.close()


def call(base, method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        response = urllib.request.urlopen(request, timeout=60)
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{method} {path}: {e.code} {e.read().decode(errors='replace')[:400]}") from None
    with response:
        text = response.read()
        is_json = "json" in (response.headers.get("Content-Type") or "")
        return response.status, (json.loads(text) if text and is_json else None)


def run(mail_on, sink):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    db = os.path.join(ROOT, "bench/results", f"mail-{'on' if mail_on else 'off'}-{uuid.uuid4().hex[:8]}.db")
    os.makedirs(os.path.dirname(db), exist_ok=True)
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", ASPNETCORE_URLS=base, App__PublicBaseUrl="https://bench.communityhub.invalid",
               ConnectionStrings__CommunityHub=f"Data Source={db}", Auth__SigningKey="bench-signing-key-0123456789-0123456789-abcdef",
               Bootstrap__AdminEmail=ADMIN[0], Bootstrap__AdminPassword=ADMIN[1], RateLimits__Anonymous__PermitsPerMinute="1000000",
               Mail__Enabled="true" if mail_on else "false", Mail__Smtp__Host="127.0.0.1", Mail__Smtp__Port=str(sink.port),
               Mail__Smtp__Security="None", Mail__PollMilliseconds="200", Logging__LogLevel__Default="Warning")
    api = subprocess.Popen(["dotnet", DLL], cwd=os.path.join(ROOT, "api"), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                if call(base, "GET", "/health/ready")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        token = call(base, "POST", "/api/v1/auth/token", {"email": ADMIN[0], "password": ADMIN[1]})[1]["accessToken"]
        member = call(base, "POST", "/api/v1/members", {"name": f"Bench ry {uuid.uuid4().hex[:6]}", "kind": "association",
                                                          "municipalityCode": "564", "sectors": []}, token)[1]["id"]
        latencies, before = [], len(sink.arrivals)
        started = None
        for round_ in range(ROUNDS):
            starts = time.time() + 14 * 86400
            event = call(base, "POST", "/api/v1/events", {
                "title": f"Penkkitesti {round_}", "startsAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(starts)),
                "endsAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(starts + 7200)), "municipalityCode": "564",
                "organizerIds": [member], "capacity": 20, "visibility": "public", "venue": {"name": "Sali"}}, token)[1]["id"]
            call(base, "POST", f"/api/v1/events/{event}/transitions", {"to": "published"}, token)
            barrier = threading.Barrier(PER_EVENT)
            results = [None] * PER_EVENT

            def one(i):
                barrier.wait()
                t0 = time.perf_counter()
                status, _ = call(base, "POST", f"/api/v1/events/{event}/registrations", {"name": f"Osallistuja {i}", "email": f"r{round_}-{i}@example.fi"})
                results[i] = (status, time.perf_counter() - t0)

            threads = [threading.Thread(target=one, args=(i,)) for i in range(PER_EVENT)]
            for t in threads:
                t.start()
            started = started or time.monotonic()
            for t in threads:
                t.join()
            assert all(r[0] == 202 for r in results), results[:3]
            latencies += [r[1] * 1000 for r in results]
            counts = call(base, "GET", f"/api/v1/events/{event}", token=token)[1]
            assert counts["confirmedCount"] == 20 and counts["waitlistCount"] == PER_EVENT - 20, counts
        delivered = None
        if mail_on:
            deadline = time.monotonic() + 120
            while len(sink.arrivals) - before < ROUNDS * PER_EVENT and time.monotonic() < deadline:
                time.sleep(0.05)
            got = len(sink.arrivals) - before
            delivered = (got, sink.arrivals[-1] - started if got else None)
        latencies.sort()
        p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
        return {"n": len(latencies), "p50": p(0.50), "p99": p(0.99), "max": latencies[-1], "delivered": delivered}
    finally:
        api.terminate()
        api.wait(30)


def main():
    if not os.path.exists(DLL):
        sys.exit("Build first: dotnet build -c Release api")
    sink = Sink()
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"commit {commit}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}, {ROUNDS} rounds of {PER_EVENT} registrations at a 20-seat event")
    for mail_on in (False, True):
        r = run(mail_on, sink)
        line = f"mail {'on ' if mail_on else 'off'}: n={r['n']} p50={r['p50']:.1f} ms p99={r['p99']:.1f} ms max={r['max']:.1f} ms, exactly 20 confirmed per event"
        if r["delivered"]:
            got, seconds = r["delivered"]
            line += f"; {got}/{ROUNDS * PER_EVENT} messages at the SMTP sink {seconds:.1f} s after the first registration"
        print(line, flush=True)


if __name__ == "__main__":
    main()
