// Atlassian's own parsers for the tracker tests, one process for a whole test session.
//
// Reads one JSON request per line on stdin, {"parser": ..., "text": ...}, and writes one
// JSON line per request, {"adf": <Atlassian Document Format>} or {"error": "..."}.
//
// parser "jira-wiki": Jira wiki markup as Jira's editor reads it
//   (@atlaskit/editor-wikimarkup-transformer: Jira Data Center/Server tickets, and Jira
//   Cloud showing a description that arrived as wiki markup, e.g. through CSV import).
// parser "jira-cloud-paste": plain text pasted into Jira Cloud's editor. The editor takes
//   the clipboard's text/plain, doubles every backslash in it, and converts the result as
//   Markdown (@atlaskit/editor-markdown-transformer). So a Markdown backslash escape such as
//   "Kund\*innen" arrives as "Kund\\*innen": a literal backslash, and the star is markup again.
'use strict';

const readline = require('node:readline');
const { WikiMarkupTransformer } = require('@atlaskit/editor-wikimarkup-transformer');
const { MarkdownTransformer } = require('@atlaskit/editor-markdown-transformer');
const { JSONTransformer } = require('@atlaskit/editor-json-transformer');

const wiki = new WikiMarkupTransformer();
const markdown = new MarkdownTransformer();
const json = new JSONTransformer();

const parsers = {
  'jira-wiki': (text) => wiki.parse(text),
  'jira-cloud-paste': (text) => markdown.parse(text.replace(/\\/g, '\\\\')),
};

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  let answer;
  try {
    const request = JSON.parse(line);
    const parse = parsers[request.parser];
    if (!parse) throw new Error(`unknown parser ${request.parser}`);
    answer = { adf: json.encode(parse(request.text)) };
  } catch (error) {
    answer = { error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
});
