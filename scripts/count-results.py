"""Adds up the test results of every runner into one closing line: "N passed, N failed, N skipped".

Reads TRX files (dotnet test), single-check results (*.result.json), and the web app's Vitest and Playwright JSON reports when present.
Exits 1 when anything failed or when no test ran at all.
"""
import glob
import json
import os
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
api_results, client_results = sys.argv[1], sys.argv[2]

for trx in glob.glob(os.path.join(api_results, "**", "*.trx"), recursive=True):
    counters = ET.parse(trx).getroot().find(".//{*}ResultSummary/{*}Counters")
    if counters is not None:
        passed += int(counters.get("passed", 0))
        failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
        # xunit's skipped tests are neither executed nor counted elsewhere: total - executed.
        skipped += int(counters.get("total", 0)) - int(counters.get("executed", 0))

# scripts/test.sh leaves the SQL Server classes out when no server is reachable and writes how many tests that was.
sqlserver_skipped = os.path.join(api_results, "sqlserver-skipped")
if os.path.exists(sqlserver_skipped):
    with open(sqlserver_skipped, encoding="utf-8") as f:
        skipped += int(f.read().strip() or 0)

if os.path.exists(os.path.join(api_results, "build-failed")):
    failed += 1

# Single checks that are not test runners (the OpenAPI lint) write {"passed": n, "failed": n}.
for check in glob.glob(os.path.join(api_results, "*.result.json")):
    with open(check, encoding="utf-8") as f:
        counts = json.load(f)
    passed += counts.get("passed", 0)
    failed += counts.get("failed", 0)

vitest = os.path.join(client_results, "vitest.json")
if os.path.exists(vitest):
    with open(vitest, encoding="utf-8") as f:
        report = json.load(f)
    passed += report.get("numPassedTests", 0)
    failed += report.get("numFailedTests", 0)
    skipped += report.get("numPendingTests", 0) + report.get("numTodoTests", 0)

playwright = os.path.join(client_results, "playwright.json")
if os.path.exists(playwright):
    with open(playwright, encoding="utf-8") as f:
        stats = json.load(f).get("stats", {})
    passed += stats.get("expected", 0) + stats.get("flaky", 0)
    failed += stats.get("unexpected", 0)
    skipped += stats.get("skipped", 0)

print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
