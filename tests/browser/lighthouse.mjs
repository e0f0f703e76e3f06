// Lighthouse (its Node API) in a Chromium that is already running, for one or more pages.
//
//   node lighthouse.mjs <devtools-port> <category,…> <extra-audit,…> <url> <report.json> [<url> <report.json> …]
//
// The extra audits (such as total-byte-weight) run besides those of the categories.
//
// One Node process and one browser for many pages: the command line tool would start and stop
// both for every page, which costs more than the audit itself. Used by tests/browser/serving.py.
import { writeFileSync } from "node:fs";
import lighthouse from "lighthouse";

const [port, categories, audits, ...pages] = process.argv.slice(2);
for (let index = 0; index < pages.length; index += 2) {
  const [url, output] = [pages[index], pages[index + 1]];
  const result = await lighthouse(url, {
    port: Number(port),
    output: "json",
    logLevel: "error",
    onlyCategories: categories.split(","),
    onlyAudits: audits.split(",").filter(Boolean),
    disableFullPageScreenshot: true,
  });
  writeFileSync(output, result.report);
}
// Lighthouse leaves its connection to the browser open; the browser belongs to the caller.
process.exit(0);
