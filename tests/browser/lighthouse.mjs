// Lighthouse (its Node API) in a Chromium that is already running, as a small server.
//
//   node lighthouse.mjs <devtools-port>
//
// Reads one request per line on stdin, JSON:
//   {"url": …, "output": report.json, "categories": […], "audits": […], "settled": true|false}
// audits the page, writes the JSON report to "output" and answers one line on stdout:
//   {"ok": true} or {"error": "…"}.
// Or, to pick the representative of several runs of one page (Lighthouse's advice on
// variability: run it several times, take the median run), {"median": [report.json, …]}
// answers {"ok": true, "index": i}: the run nearest the median first contentful paint and
// time to interactive, chosen by Lighthouse's own computeMedianRun.
// The extra audits (such as total-byte-weight) run besides those of the categories.
//
// One Node process and one browser for many pages: loading Lighthouse and resolving its
// audits costs more than auditing a page, so a test process pays for it once. Used by
// tests/browser/serving.py.
//
// "settled": for the categories that judge the finished page (accessibility, best practices,
// SEO), Lighthouse need not wait a full second of network and CPU quiet after the load event
// (its defaults, there for the performance metrics): our scripts run before the load event.
import { readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import lighthouse from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";

const SETTLED = {
  pauseAfterFcpMs: 0,
  pauseAfterLoadMs: 250,
  networkQuietThresholdMs: 250,
  cpuQuietThresholdMs: 250,
};

const port = Number(process.argv[2]);

async function audit(request) {
  const flags = {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: request.categories,
    onlyAudits: request.audits,
    disableFullPageScreenshot: true,
  };
  const config = { extends: "lighthouse:default", settings: request.settled ? SETTLED : {} };
  const result = await lighthouse(request.url, flags, config);
  writeFileSync(request.output, result.report);
}

function medianRun(reports) {
  const runs = reports.map((path) => JSON.parse(readFileSync(path, "utf8")));
  return runs.indexOf(computeMedianRun(runs));
}

for await (const line of createInterface({ input: process.stdin })) {
  let answer;
  try {
    const request = JSON.parse(line);
    if (request.median) answer = { ok: true, index: medianRun(request.median) };
    else {
      await audit(request);
      answer = { ok: true };
    }
  } catch (error) {
    answer = { error: String(error?.stack ?? error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
// Lighthouse leaves its connection to the browser open; the browser belongs to the caller.
process.exit(0);
