"""Generates the spaces benchmark's data through the HTTP write path: MEMBERS members, SPACES spaces (open every day
00:00-24:00, 30-minute interval, no quota, booking window of 400 days) and BOOKINGS bookings spread over the next
year, written by WRITERS concurrent staff requests. Writes each space id with its member's id (one pair a line) to the file given as argv[2].
Usage: spaces-data.py BASE_URL IDS_FILE (environment: TOKEN, SPACES, BOOKINGS, WRITERS)."""
import concurrent.futures
import datetime
import json
import os
import random
import sys
import urllib.request
import zoneinfo

BASE, IDS = sys.argv[1], sys.argv[2]
TOKEN = os.environ["TOKEN"]
SPACES = int(os.environ.get("SPACES", "50"))
BOOKINGS = int(os.environ.get("BOOKINGS", "25000"))
WRITERS = int(os.environ.get("WRITERS", "16"))
HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
random.seed(3)


def post(path, body):
    request = urllib.request.Request(BASE + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def business_id(n):
    digits = f"{n:07d}"
    total = sum(int(d) * w for d, w in zip(digits, [7, 9, 10, 5, 8, 4, 2]))
    remainder = total % 11
    return None if remainder == 1 else f"{digits}-{0 if remainder == 0 else 11 - remainder}"


members = []
n = 2_100_000
while len(members) < SPACES:
    n += 1
    bid = business_id(n)
    if bid is None:
        continue
    members.append(post("/api/v1/members", {"name": f"Penkkiyhdistys {len(members) + 1} ry", "businessId": bid, "kind": "association",
                                            "sectors": ["youth"], "municipalityCode": "564"})["id"])

spaces = []
for i in range(SPACES):
    spaces.append(post("/api/v1/spaces", {
        "name": f"Penkkitila {i + 1}", "kind": ["meeting_room", "hall", "workspace"][i % 3], "capacity": 10 + i,
        "features": ["screen", "accessible"], "municipalityCode": "564",
        "openingHours": [{"weekday": d, "opens": "00:00", "closes": "24:00"} for d in range(1, 8)], "closures": [],
        "rules": {"minMinutes": 30, "maxMinutes": 480, "intervalMinutes": 30, "bufferBeforeMinutes": 0, "bufferAfterMinutes": 15,
                  "bookAheadDays": 400, "approval": "automatic", "cancelHoursBefore": 24, "bookableBy": "members"}})["id"])
with open(IDS, "w") as ids:
    ids.write("".join(f"{space} {member}\n" for space, member in zip(spaces, members)))

# Per space and day, bookings at 08:00 and 10:00 (90 minutes): the afternoons stay free for the creation run.
today = datetime.datetime.now(HELSINKI).date()
per_space = BOOKINGS // SPACES


def booking(k):
    space, i = divmod(k, per_space)
    day = today + datetime.timedelta(days=1 + i % 365)
    start = datetime.datetime.combine(day, datetime.time(8 + 2 * (i // 365)), HELSINKI)
    end = start + datetime.timedelta(minutes=90)
    body = {"spaceId": spaces[space], "memberId": members[space], "startsAt": start.isoformat(), "endsAt": end.isoformat(),
            "purpose": "Hallituksen kokous", "attendees": 8}
    try:
        post("/api/v1/bookings", body)
        return True
    except urllib.error.HTTPError as error:
        print(error.code, error.read()[:300], file=sys.stderr)
        return False


started = datetime.datetime.now()
with concurrent.futures.ThreadPoolExecutor(WRITERS) as pool:
    created = sum(pool.map(booking, range(per_space * SPACES), chunksize=64))
seconds = (datetime.datetime.now() - started).total_seconds()
print(f"spaces={len(spaces)} bookings_created={created} bookings_seconds={seconds:.1f}")
