#!/usr/bin/env python3
"""Mirror what one CommunityHub API key may read into a local SQLite file.

A full pull through the list endpoints, then the change feed (GET /api/v1/changes), polled with If-None-Match.
Python 3 standard library only. See README.md next to this file.

    python3 sync.py --base-url https://hub.example.fi --db mirror.db          # key in COMMUNITYHUB_API_KEY
    python3 sync.py --base-url https://hub.example.fi --db mirror.db --once   # catch up, then exit

Guarantees (with the server's: every write appends its feed entries in its own transaction, in commit order, and a
record leaving the key's view is a delete for it):
  * The feed cursor and the entries it covers are stored in the same SQLite transaction, so after a crash the next
    run resumes exactly where the last committed page ended: no entry is lost, and one applied twice is harmless.
  * Once caught up, the database holds exactly what the list endpoints would give this key now.
"""

import argparse
import email.utils
import json
import os
import sqlite3
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

COLLECTIONS = ("members", "partnerships", "pilots", "events")
PAGE_LIMIT = 200
CRASH_EXIT_CODE = 3

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    type    TEXT    NOT NULL,
    id      TEXT    NOT NULL,
    version INTEGER NOT NULL,
    body    TEXT    NOT NULL,
    PRIMARY KEY (type, id)
);
CREATE TABLE IF NOT EXISTS sync_state (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
"""


class ApiError(Exception):
    pass


class Api:
    """GETs with the key, pacing itself by the RateLimit headers and waiting out 429/503 as Retry-After says."""

    def __init__(self, base_url, key, max_retries=8, log=None):
        self.base_url = base_url.rstrip("/")
        self.key = key
        self.max_retries = max_retries
        self.log = log or (lambda message: None)
        self.pause_until = 0.0

    def get(self, path, params=None, etag=None):
        """Returns (status, json body or None, headers). 200 and 304 are answers; so are 403 and 404 (the caller decides)."""
        url = self.base_url + path
        if params:
            url += "?" + urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        for attempt in range(self.max_retries + 1):
            wait = self.pause_until - time.monotonic()
            if wait > 0:
                self.log(f"rate limit: waiting {wait:.1f} s")
                time.sleep(wait)
            request = urllib.request.Request(url, headers={"X-Api-Key": self.key, "Accept": "application/json"})
            if etag:
                request.add_header("If-None-Match", etag)
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    self._note_rate_limit(response.headers)
                    return response.status, json.loads(response.read().decode("utf-8")), response.headers
            except urllib.error.HTTPError as error:
                self._note_rate_limit(error.headers)
                if error.code in (304, 403, 404):
                    return error.code, None, error.headers
                if error.code in (429, 503) and attempt < self.max_retries:
                    delay = retry_after_seconds(error.headers.get("Retry-After"), default=2 ** attempt)
                    self.log(f"{error.code} on {path}: retrying in {delay:.0f} s")
                    self.pause_until = max(self.pause_until, time.monotonic() + delay)
                    continue
                detail = error.read().decode("utf-8", "replace")[:500]
                raise ApiError(f"GET {url} answered {error.code}: {detail}") from None
            except urllib.error.URLError as error:
                if attempt < self.max_retries:
                    delay = min(60, 2 ** attempt)
                    self.log(f"{error.reason} on {path}: retrying in {delay} s")
                    time.sleep(delay)
                    continue
                raise ApiError(f"GET {url} failed: {error.reason}") from None
        raise ApiError(f"GET {url}: still refused after {self.max_retries} retries")

    def _note_rate_limit(self, headers):
        """RateLimit-Remaining: 0 with RateLimit-Reset: N means the next request would be refused for N seconds."""
        if headers is None:
            return
        remaining, reset = headers.get("RateLimit-Remaining"), headers.get("RateLimit-Reset")
        if remaining is not None and reset is not None and remaining.strip().isdigit() and reset.strip().isdigit():
            if int(remaining) <= 0:
                self.pause_until = max(self.pause_until, time.monotonic() + int(reset))


def retry_after_seconds(value, default):
    """Retry-After is seconds or an HTTP date (RFC 9110 § 10.2.3)."""
    if value:
        value = value.strip()
        if value.isdigit():
            return int(value)
        try:
            return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            pass
    return default


class Mirror:
    """The local copy: records plus the sync state (feed cursor, ETag of the last poll, collections in scope)."""

    def __init__(self, path):
        # Autocommit mode; every change below happens inside an explicit BEGIN ... COMMIT.
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)

    def state(self, name):
        row = self.db.execute("SELECT value FROM sync_state WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_state(self, name, value):
        if value is None:
            self.db.execute("DELETE FROM sync_state WHERE name = ?", (name,))
        else:
            self.db.execute("INSERT OR REPLACE INTO sync_state (name, value) VALUES (?, ?)", (name, value))

    def put(self, collection, record):
        self.db.execute(
            "INSERT OR REPLACE INTO records (type, id, version, body) VALUES (?, ?, ?, ?)",
            (collection, record["id"], record["version"], json.dumps(record, ensure_ascii=False, sort_keys=True)))

    def remove(self, collection, record_id):
        self.db.execute("DELETE FROM records WHERE type = ? AND id = ?", (collection, record_id))


class Syncer:
    def __init__(self, api, mirror, collections, log, max_entries=None, page_limit=PAGE_LIMIT):
        self.api, self.mirror, self.log = api, mirror, log
        self.wanted = collections
        self.max_entries = max_entries
        self.page_limit = page_limit
        self.applied = 0

    def collections(self):
        stored = self.mirror.state("collections")
        return stored.split(",") if stored else []

    def initial_pull(self):
        """Feed position first, then the lists: whatever is written during the pull is replayed by the feed."""
        readable = [c for c in self.wanted if self.api.get(f"/api/v1/{c}", {"limit": 1})[0] != 403]
        if not readable:
            raise ApiError("this key may read none of: " + ", ".join(self.wanted))
        cursor = self.feed_end(readable)
        pulled = {c: list(self.list_all(c)) for c in readable}
        db = self.mirror.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM records")
            for collection, records in pulled.items():
                for record in records:
                    self.mirror.put(collection, record)
            self.mirror.set_state("collections", ",".join(readable))
            self.mirror.set_state("cursor", cursor)
            self.mirror.set_state("etag", None)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        self.log(f"full pull: {sum(len(r) for r in pulled.values())} records of {', '.join(readable)}")

    def feed_end(self, collections):
        cursor = None
        while True:
            status, page, _ = self.api.get("/api/v1/changes", {"types": ",".join(collections), "limit": PAGE_LIMIT, "cursor": cursor})
            expect(status, 200, "/api/v1/changes")
            cursor = page["nextCursor"]
            if not page["hasMore"]:
                return cursor

    def list_all(self, collection):
        cursor = None
        while True:
            status, page, _ = self.api.get(f"/api/v1/{collection}", {"limit": PAGE_LIMIT, "cursor": cursor})
            expect(status, 200, f"/api/v1/{collection}")
            yield from page["items"]
            cursor = page.get("nextCursor")
            if not cursor:
                return

    def catch_up(self):
        """Reads the feed until caught up. Returns True when something was applied."""
        collections = self.collections()
        changed = False
        while True:
            cursor, etag = self.mirror.state("cursor"), self.mirror.state("etag")
            status, page, headers = self.api.get(
                "/api/v1/changes", {"types": ",".join(collections), "limit": self.page_limit, "cursor": cursor}, etag)
            if status == 304:
                return changed
            expect(status, 200, "/api/v1/changes")
            self.apply_page(page, cursor, headers.get("ETag"))
            changed = changed or bool(page["items"])
            if not page["hasMore"]:
                return changed

    def apply_page(self, page, cursor, etag):
        """One page in one transaction: its entries and the cursor after them commit together, or not at all."""
        # Fetch first, outside the transaction, so the database is never locked while waiting on the network.
        fetched = []
        for entry in page["items"]:
            if entry["op"] == "delete":
                fetched.append((entry, None))
                continue
            status, record, _ = self.api.get(f"/api/v1/{entry['type']}/{entry['id']}")
            if status not in (200, 404):
                expect(status, 200, f"/api/v1/{entry['type']}/{entry['id']}")
            fetched.append((entry, record if status == 200 else None))
        db = self.mirror.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for entry, record in fetched:
                if record is None:
                    # A delete, or an upsert of a record this key can no longer read (a delete for it follows).
                    self.mirror.remove(entry["type"], entry["id"])
                else:
                    self.mirror.put(entry["type"], record)
                self.applied += 1
                if self.max_entries is not None and self.applied >= self.max_entries:
                    # Testing aid: die as a crash would, with this page applied only in part and not committed.
                    self.log(f"--max-entries {self.max_entries}: stopping abruptly mid-page")
                    sys.stdout.flush()
                    os._exit(CRASH_EXIT_CODE)
            self.mirror.set_state("cursor", page["nextCursor"])
            # An ETag stands for one URL. Only an empty page's (nextCursor unchanged) fits the next poll, which then
            # costs a 304 for as long as nothing new is written.
            self.mirror.set_state("etag", etag if page["nextCursor"] == cursor and not page["hasMore"] else None)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        if page["items"]:
            self.log(f"applied {len(page['items'])} entries")


def expect(status, wanted, what):
    if status != wanted:
        raise ApiError(f"GET {what} answered {status}")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Mirror what a CommunityHub API key may read into SQLite.")
    parser.add_argument("--base-url", required=True, help="the hub, e.g. https://hub.example.fi")
    parser.add_argument("--key", default=os.environ.get("COMMUNITYHUB_API_KEY"),
                        help="the API key (default: $COMMUNITYHUB_API_KEY)")
    parser.add_argument("--db", default="communityhub-mirror.db", help="the SQLite file (created if missing)")
    parser.add_argument("--types", default=",".join(COLLECTIONS),
                        help="collections to mirror (those the key may not read are skipped)")
    parser.add_argument("--once", action="store_true", help="catch up with the feed, then exit")
    parser.add_argument("--interval", type=float, default=60.0, help="seconds between polls once caught up")
    parser.add_argument("--page-size", type=int, default=PAGE_LIMIT, help="feed entries per request (1-200)")
    parser.add_argument("--max-entries", type=int, default=None,
                        help="testing aid: exit abruptly (code 3) after applying this many feed entries, mid-transaction")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if not args.key:
        parser.error("no API key: pass --key or set COMMUNITYHUB_API_KEY")
    wanted = [t.strip() for t in args.types.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in COLLECTIONS]
    if unknown or not wanted:
        parser.error(f"--types takes a comma list of {', '.join(COLLECTIONS)}")
    if not 1 <= args.page_size <= 200:
        parser.error("--page-size must be 1-200")

    log = (lambda message: None) if args.quiet else (lambda message: print(message, file=sys.stderr, flush=True))
    api = Api(args.base_url, args.key, log=log)
    mirror = Mirror(args.db)
    syncer = Syncer(api, mirror, wanted, log, args.max_entries, args.page_size)
    try:
        if mirror.state("cursor") is None:
            syncer.initial_pull()
        while True:
            syncer.catch_up()
            if args.once:
                return 0
            time.sleep(args.interval)
    except ApiError as error:
        print(f"sync failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
