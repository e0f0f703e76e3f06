/*
 * Answer fields on the chapter pages, progress on the home page and, on the Vorlagen
 * page, the reader's answers in the tickets its buttons send (issue 11).
 * Answers stay in this browser's localStorage, keyed by chapter id and question id, and
 * are never sent anywhere. What the page says comes from its data-lf-answers attribute
 * (leitfaden/answering.py): the questions, the rules to fill a ticket and where a
 * chapter's tickets are, as templates with answer slots, fetched from this site once
 * something needs them: answers to show in the tickets, or a button „In <System> anlegen“
 * (oneclick.js asks with the event "lf-tickets-wanted"). A reader who only reads loads
 * none. fill() does step by step what leitfaden/tickets/filling.py does, so the page and
 * the CLI write the same bytes.
 */
(function () {
  "use strict";

  var host = document.querySelector("[data-lf-answers]");
  if (!host) return;
  var data = JSON.parse(host.getAttribute("data-lf-answers"));
  var M = data.messages;
  var PREFIX = "projektleitfaden.antworten.";
  var KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var R = data.rules;

  function say(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }
  function load(chapter) {
    try { return JSON.parse(localStorage.getItem(PREFIX + chapter)) || {}; } catch (e) { return {}; }
  }
  function save(chapter, answers) {
    try {
      if (Object.keys(answers).length) localStorage.setItem(PREFIX + chapter, JSON.stringify(answers));
      else localStorage.removeItem(PREFIX + chapter);
    } catch (e) { /* storage full or disabled: nothing is remembered */ }
  }
  function storedChapters() {
    var ids = [];
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key.indexOf(PREFIX) === 0) ids.push(key.slice(PREFIX.length));
    }
    return ids.sort();
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs || {}) node.setAttribute(name, attrs[name]);
    if (text) node.textContent = text;
    return node;
  }

  // --- filling, as leitfaden/tickets/filling.py ---------------------------------------
  function lines(text) {
    R.normalize.forEach(function (pair) { text = text.replace(new RegExp(pair[0], "g"), pair[1]); });
    var out = [];
    text.split("\n").forEach(function (line) {
      line = line.replace(new RegExp(R.trim, "g"), "");
      if (line || (out.length && out[out.length - 1])) out.push(line);
    });
    while (out.length && !out[out.length - 1]) out.pop();
    return out;
  }
  function cellLine(text) {
    return text ? lines(text).filter(Boolean).join(" ") : "";
  }
  // As filling.written: one pass, the first rewrite that matches at a character wins.
  function written(text, rewrites, style) {
    var re = new RegExp(rewrites.map(function (r) { return "(" + r.pattern + ")"; }).join("|"), "g");
    return text.replace(re, function (match) {
      var groups = Array.prototype.slice.call(arguments, 1, rewrites.length + 1);
      var rule = rewrites[groups.findIndex(function (g) { return g !== undefined; })];
      if (rule.write !== null) return rule.write.split("{}").join(match);
      return match.split("").map(function (c) {
        return style === "reference" ? "&#" + c.charCodeAt(0) + ";" : "\\" + c;
      }).join("");
    });
  }
  function rowsOf(answer) {
    return answer == null ? null : typeof answer === "string" ? answer : answer.rows;
  }
  function answered(value, initial, kind) {
    if (value == null) return false;
    if ((kind === "answer" && typeof value !== "string") || (kind === "table" && typeof value === "string")) return false;
    if (typeof value === "string") return lines(value).length > 0;
    var norm = function (rows) { return JSON.stringify(rows.map(function (r) { return r.map(cellLine); })); };
    return norm(value) !== norm(initial || []);
  }
  function fill(template, answers) {
    var rules = R[template.format];
    return template.parts.map(function (part) {
      if (typeof part === "string") return part;
      var value = rowsOf(answers[part.question]);
      if (!answered(value, part.initial, part.slot)) return part.blank;
      if (part.slot === "check") return rules.checked;
      if (part.slot === "answer") {
        return rules.before + lines(value).map(function (line) {
          return line ? rules.indent + written(line, rules.line, rules.style) : "";
        }).join("\n") + rules.after;
      }
      return value.map(function (row) {
        return "\n" + rules.row_start + row.map(function (cell) {
          cell = cellLine(cell);
          return cell ? written(cell, rules.cell, rules.style) : rules.blank_cell;
        }).join(rules.cell_join) + rules.row_end;
      }).join("");
    }).join("");
  }

  function progress(chapter, answers) {
    var questions = data.chapters[chapter] || [];
    var n = questions.filter(function (q) {
      return answered(rowsOf(answers[q.id]), q.initial, q.initial ? "table" : "answer");
    }).length;
    return say(M.progress, { n: n, total: questions.length });
  }

  // oneclick.js listens for the tickets of a chapter, filled with the reader's answers.
  function hand(chapter, tickets) {
    document.dispatchEvent(new CustomEvent("lf-tickets", { detail: { chapter: chapter, tickets: tickets } }));
  }
  // A chapter's tickets as templates with answer slots, fetched once.
  var fetched = {};
  function templatesOf(id) {
    if (!fetched[id]) {
      fetched[id] = fetch(new URL(data.templates[id], window.__md_scope))
        .then(function (response) { return response.ok ? response.json() : Promise.reject(new Error(response.statusText)); })
        .then(function (file) { return file.tickets; });
    }
    return fetched[id];
  }
  function fullTickets(tickets, answers) {
    var filled = {};
    tickets.forEach(function (ticket) {
      filled[ticket.format] = fill({ format: ticket.format, parts: ticket.variants[0].parts }, answers);
    });
    return filled;
  }

  // --- the home page ------------------------------------------------------------------
  if (!data.templates) {
    document.querySelectorAll("[data-lf-progress]").forEach(function (span) {
      var chapter = span.getAttribute("data-lf-progress");
      if (Object.keys(load(chapter)).length) span.textContent = " – " + progress(chapter, load(chapter));
    });
    return;
  }

  // --- the Vorlagen page ----------------------------------------------------------------
  // oneclick.js asks before it fetches a chapter's blank ticket; for a chapter with answers
  // this script says "mine" and hands over the tickets filled as on the chapter page, from
  // the same templates. Should they not load, it hands over none: the blank ticket then.
  if (!data.chapter) {
    var failed = {};
    var asked = {};
    document.addEventListener("lf-tickets-wanted", function (event) {
      var id = event.detail.chapter;
      if (!data.templates[id] || failed[id] || !Object.keys(load(id)).length) return;
      event.preventDefault();
      if (asked[id]) return;
      asked[id] = true;
      templatesOf(id)
        .then(function (tickets) { hand(id, fullTickets(tickets, load(id))); })
        .catch(function () {
          failed[id] = true;
          hand(id, null);
        });
    });
    return;
  }

  // --- a chapter page -----------------------------------------------------------------
  var chapter = data.chapter;
  var questions = {};
  data.chapters[chapter].forEach(function (q) { questions[q.id] = q; });
  var status = host.querySelector(".lf-answers__progress");
  var message = host.querySelector(".lf-answers__message");
  var blankSwitch;
  var codes = [];
  var tickets = null; // the chapter's templates, once fetched
  var templatesLoaded = null; // settles once they are there or failed (wantTemplates)
  var templatesFailed = false;

  function current() { return load(chapter); }
  function store(id, value) {
    var answers = current();
    if (answered(rowsOf(value), (questions[id] || {}).initial, typeof value === "string" ? "answer" : "table")) answers[id] = value;
    else delete answers[id];
    save(chapter, answers);
    update();
  }
  function ticketText(index, variant) {
    var answers = blankSwitch && blankSwitch.checked ? {} : current();
    return fill({ format: tickets[index].format, parts: tickets[index].variants[variant].parts }, answers);
  }
  // The ticket blocks show each format's full ticket; the button „In <System> anlegen“
  // (oneclick.js) sends the same text, so it carries the answers too. Until the templates
  // are there, the blocks show the blank tickets the page was built with.
  function update() {
    var answers = current();
    status.textContent = progress(chapter, answers);
    if (!tickets) {
      if (Object.keys(answers).length) wantTemplates();
      return;
    }
    var full = fullTickets(tickets, blankSwitch && blankSwitch.checked ? {} : answers);
    tickets.forEach(function (ticket, index) {
      var shown = full[ticket.format];
      // Written only when it changed: without answers the block shows it as built (the
      // ticket's final line break included), and rewriting a long block would lay out the
      // page once more for nothing.
      if (codes[index] && codes[index].textContent !== shown) codes[index].textContent = shown;
    });
    hand(chapter, full);
  }

  function grow(area) {
    if (window.CSS && CSS.supports("field-sizing", "content")) return;
    area.style.height = "auto";
    area.style.height = area.scrollHeight + "px";
  }
  function textField(box, q, value) {
    var id = "lf-a-" + q.id;
    var label = el("label", { for: id, class: "lf-answer__label" }, M.field);
    label.appendChild(el("span", { class: "lf-sr" }, ": " + q.text));
    var area = el("textarea", { id: id, rows: "2", class: "lf-answer__text" });
    area.value = typeof value === "string" ? value : "";
    area.addEventListener("input", function () { grow(area); store(q.id, area.value); });
    box.append(label, area);
    grow(area);
  }
  function tableField(box, q, value) {
    var rows = value && Array.isArray(value.rows) ? value.rows : q.initial;
    var table = el("table", { class: "lf-answer__table" });
    table.appendChild(el("caption", { class: "lf-sr" }, M.field + ": " + q.text));
    var head = el("tr");
    q.columns.forEach(function (column) { head.appendChild(el("th", { scope: "col" }, column)); });
    head.appendChild(el("th", { scope: "col" }, "")).appendChild(el("span", { class: "lf-sr" }, say(M.remove_row, { row: "" })));
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    function collect() {
      return { rows: Array.from(body.rows).map(function (tr) {
        return Array.from(tr.querySelectorAll("input")).map(function (input) { return input.value; });
      }) };
    }
    function label() {
      Array.from(body.rows).forEach(function (tr, r) {
        tr.querySelectorAll("input").forEach(function (input, c) {
          input.setAttribute("aria-label", say(M.cell, { column: q.columns[c], row: r + 1 }));
        });
        tr.querySelector("button").setAttribute("aria-label", say(M.remove_row, { row: r + 1 }));
      });
    }
    function addRow(cells) {
      var tr = body.appendChild(el("tr"));
      q.columns.forEach(function (_, c) {
        var input = el("input", { type: "text" });
        input.value = cells[c] || "";
        input.addEventListener("input", function () { store(q.id, collect()); });
        tr.appendChild(el("td")).appendChild(input);
      });
      var remove = tr.appendChild(el("td")).appendChild(el("button", { type: "button", class: "lf-answer__remove" }, "×"));
      remove.addEventListener("click", function () {
        var next = tr.nextElementSibling || tr.previousElementSibling;
        tr.remove();
        label();
        store(q.id, collect());
        (next ? next.querySelector("input") : add).focus();
      });
    }
    rows.forEach(addRow);
    var add = el("button", { type: "button", class: "md-button lf-answer__add" }, M.add_row);
    add.addEventListener("click", function () {
      addRow([]);
      label();
      store(q.id, collect());
      body.lastElementChild.querySelector("input").focus();
    });
    label();
    // A wide table scrolls inside its own box instead of widening the page on a phone.
    var scroller = el("div", { class: "lf-answer__scroll" });
    scroller.appendChild(table);
    box.append(scroller, add);
    var previous = box.previousElementSibling;
    if (previous && (previous.matches("table") || previous.querySelector("table"))) previous.hidden = true;
  }
  function render() {
    var answers = current();
    document.querySelectorAll(".lf-answer[data-lf-question]").forEach(function (box) {
      var q = questions[box.getAttribute("data-lf-question")];
      box.textContent = "";
      if (q) (q.columns ? tableField : textField)(box, q, answers[q.id]);
    });
    update();
  }

  // The ticket section: the copy blocks and the downloads follow the answers.
  var section = document.getElementById("als_ticket");
  var tabs = section;
  while (tabs && !(tabs.classList && tabs.classList.contains("tabbed-set"))) tabs = tabs.nextElementSibling;
  if (tabs) {
    tabs.querySelectorAll(".tabbed-block").forEach(function (block, index) {
      codes.push(block.querySelector("pre code"));
      // A download is the file as built (the blank ticket), or made here with the answers.
      block.querySelectorAll("a[href]").forEach(function (link) {
        link.addEventListener("click", function (event) {
          if (blankSwitch.checked || !Object.keys(current()).length || templatesFailed) return;
          if (!tickets) { // clicked before they arrived: once they are there (or failed)
            event.preventDefault();
            wantTemplates().then(function () { link.click(); });
            return;
          }
          var variants = tickets[index].variants;
          var v = variants.findIndex(function (variant) { return link.getAttribute("href").endsWith(variant.file); });
          if (v < 0) return;
          event.preventDefault();
          download(ticketText(index, v), variants[v].file, "text/plain;charset=utf-8");
        });
      });
    });
    blankSwitch = document.querySelector(".lf-answers__switch input");
    blankSwitch.addEventListener("change", update);
  }

  function download(text, name, type) {
    var link = el("a", { download: name, href: URL.createObjectURL(new Blob([text], { type: type })) });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }
  function exportAll() {
    var answers = {};
    storedChapters().forEach(function (id) {
      var stored = load(id);
      Object.keys(stored).forEach(function (q) { answers[id + "/" + q] = stored[q]; });
    });
    var sorted = {};
    Object.keys(answers).sort().forEach(function (key) { sorted[key] = answers[key]; });
    var file = { format: data.format, version: data.version, guide_version: data.guide_version, answers: sorted };
    download(JSON.stringify(file, null, 2) + "\n", M.file_name, "application/json");
  }
  function isAnswer(value) {
    if (typeof value === "string") return true;
    return !!value && Array.isArray(value.rows) && Object.keys(value).length === 1 && value.rows.every(function (row) {
      return Array.isArray(row) && row.every(function (cell) { return typeof cell === "string"; });
    });
  }
  function importText(text) {
    var file;
    try { file = JSON.parse(text); } catch (e) { return M.bad_json; }
    if (!file || file.format !== data.format || file.version !== data.version || typeof file.guide_version !== "string" ||
        !file.answers || typeof file.answers !== "object" || Array.isArray(file.answers)) return M.bad_format;
    var keys = Object.keys(file.answers);
    var bad = keys.filter(function (key) { return !KEY.test(key) || !isAnswer(file.answers[key]); });
    if (bad.length) return say(M.bad_answer, { ids: bad.join(", ") });
    var byChapter = {};
    var unknown = [];
    keys.forEach(function (key) {
      var id = key.split("/");
      var known = (data.chapters[id[0]] || []).some(function (q) { return q.id === id[1]; });
      if (!known) unknown.push(key);
      (byChapter[id[0]] = byChapter[id[0]] || load(id[0]))[id[1]] = file.answers[key];
    });
    Object.keys(byChapter).forEach(function (id) { save(id, byChapter[id]); });
    render();
    var notes = [say(M.imported, { n: keys.length })];
    if (unknown.length) notes.push(say(M.unknown, { ids: unknown.join(", ") }));
    if (file.guide_version !== data.guide_version) notes.push(say(M.older, { version: file.guide_version }));
    return notes.join(" ");
  }
  function readFile(file) {
    if (!file) return;
    file.text().then(function (text) { message.textContent = importText(text); });
  }

  host.addEventListener("click", function (event) {
    var action = event.target.getAttribute("data-lf-action");
    if (action === "export") exportAll();
    if (action === "clear" && confirm(M.confirm_chapter)) {
      save(chapter, {});
      render();
      message.textContent = M.cleared;
    }
    if (action === "clear-all" && confirm(M.confirm_all)) {
      storedChapters().forEach(function (id) { save(id, {}); });
      render();
      message.textContent = M.cleared;
    }
  });
  host.querySelector("input[type=file]").addEventListener("change", function (event) {
    readFile(event.target.files[0]);
    event.target.value = "";
  });
  host.addEventListener("dragover", function (event) { event.preventDefault(); });
  host.addEventListener("drop", function (event) {
    event.preventDefault();
    readFile(event.dataTransfer.files[0]);
  });
  function wantTemplates() {
    if (!templatesLoaded) {
      templatesLoaded = templatesOf(chapter).then(
        function (loaded) {
          tickets = loaded;
          update();
        },
        function () {
          templatesFailed = true;
          message.textContent = M.no_templates;
        }
      );
    }
    return templatesLoaded;
  }
  // oneclick.js asks for the tickets once a tracker is set: this script hands them over.
  document.addEventListener("lf-tickets-wanted", function (event) {
    if (event.detail.chapter !== chapter || templatesFailed) return;
    event.preventDefault();
    if (tickets) update();
    else wantTemplates();
  });

  // A task of its own: the deferred scripts and Material's start-up already make one long
  // task; the fields come right after it (their room is kept, so nothing moves).
  setTimeout(render, 0);
})();
