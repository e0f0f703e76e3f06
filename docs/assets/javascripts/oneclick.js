/*
 * „Mein Ticketsystem“ and the buttons „In <System> anlegen“ (issue 12).
 *
 * All it knows comes from the page: data-lf-oneclick holds the tracker registry
 * (leitfaden/trackers.py), the messages and, per chapter, its title (leitfaden/oneclick.py).
 * The tickets: on a chapter page the ones its ticket blocks show, with the reader's answers,
 * as answers.js hands them over (event "lf-tickets", after this script has started; asked
 * for with "lf-tickets-wanted" once a tracker is set); on the Vorlagen page the chapters'
 * downloads in the reader's format, fetched from this site once a tracker is set, except
 * for a chapter the reader has answered: answers.js fills that one as on its page. The
 * reader's settings stay in this browser's localStorage; nothing is sent anywhere. A link
 * that would outgrow the tracker's limit opens the form with the title only and puts the
 * description on the clipboard.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "projektleitfaden.ticketsystem";
  var root = document.querySelector(".lf-oneclick[data-lf-oneclick]");
  if (!root) return;

  var data = JSON.parse(root.getAttribute("data-lf-oneclick"));
  var messages = data.messages;
  var trackers = byKey(data.trackers, "key");
  var chapters = byKey(data.chapters, "id");
  var form = root.querySelector(".lf-oneclick__form");
  var typeField = form.elements.type;
  var statusLine = root.querySelector(".lf-oneclick__status");
  var current = null; // the setting the buttons show

  // The tickets with the reader's answers, from answers.js: on a chapter page as its blocks
  // show them, each time they change; on the Vorlagen page for a chapter it said it fills
  // (none if that failed: then the download, as for any other chapter).
  document.addEventListener("lf-tickets", function (event) {
    var chapter = chapters[event.detail.chapter];
    if (!chapter) return;
    chapter.tickets = event.detail.tickets;
    chapter.loading = null;
    showButtons(current);
  });

  // The tickets in the format of the reader's tracker, each fetched once: answers.js hands
  // them over if it cancels the event "lf-tickets-wanted" (on a chapter page, and on the
  // Vorlagen page for a chapter with answers); else the download (Vorlagen only).
  function fetchTickets(format) {
    Object.keys(chapters).forEach(function (id) {
      var chapter = chapters[id];
      if ((chapter.tickets && format in chapter.tickets) || chapter.loading) return;
      var wanted = new CustomEvent("lf-tickets-wanted", { cancelable: true, detail: { chapter: id } });
      if (!document.dispatchEvent(wanted)) {
        chapter.loading = "answers";
        return;
      }
      if (!chapter.files) return;
      chapter.loading = format;
      fetch(new URL(chapter.files[format], window.__md_scope))
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(new Error(response.statusText));
        })
        .then(function (text) {
          chapter.loading = null;
          chapter.tickets = Object.assign(chapter.tickets || {}, { [format]: text });
          showButtons(current);
        })
        .catch(function () {
          chapter.loading = null; // the button stays away; a later setting tries again
        });
    });
  }

  function byKey(list, key) {
    var map = Object.create(null);
    list.forEach(function (item) {
      map[item[key]] = item;
    });
    return map;
  }

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) {
      return values[name];
    });
  }

  // --- Settings: check, keep, forget --------------------------------------------------

  /* The value as stored, or an error message: an address loses a trailing slash. */
  function check(setting, raw) {
    var value = raw.trim();
    if (!value) return { error: messages.required };
    if (setting.kind !== "address") {
      return new RegExp(setting.pattern).test(value) ? { value: value } : { error: setting.message };
    }
    var url;
    try {
      url = new URL(value);
    } catch (error) {
      return { error: messages.url };
    }
    if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
      return { error: messages.url };
    }
    var path = url.pathname.replace(/\/+$/, "");
    return new RegExp(setting.pattern).test(path) ? { value: url.origin + path } : { error: setting.message };
  }

  /* A complete, valid setting for a known tracker, or null. */
  function validated(stored) {
    var tracker = stored && trackers[stored.type];
    if (!tracker || typeof stored.values !== "object" || !stored.values) return null;
    var values = {};
    for (var setting of tracker.settings) {
      var result = check(setting, String(stored.values[setting.key] || ""));
      if (result.error) return null;
      values[setting.key] = result.value;
    }
    return { type: tracker.key, values: values };
  }

  function load() {
    try {
      return validated(JSON.parse(localStorage.getItem(STORAGE_KEY)));
    } catch (error) {
      return null;
    }
  }

  // --- Links -----------------------------------------------------------------------------

  function issueUrl(tracker, values, chapter, withDescription) {
    var sources = Object.assign({}, values, {
      title: chapter.title,
      description: chapter.tickets[tracker.format],
    });
    var query = tracker.query
      .filter(function (pair) {
        return withDescription || pair[1] !== "description";
      })
      .map(function (pair) {
        return encodeURIComponent(pair[0]) + "=" + encodeURIComponent(sources[pair[1]]);
      });
    return values.address + tracker.path + "?" + query.join("&");
  }

  /* The link for a chapter; too long for the tracker, it leaves out the description. */
  function issueLink(tracker, values, chapter) {
    var full = issueUrl(tracker, values, chapter, true);
    if (full.length <= tracker.limit) return { href: full, long: false };
    return { href: issueUrl(tracker, values, chapter, false), long: true };
  }

  /* The button after its <template>: links exist only while they lead somewhere. */
  function buttonAfter(template, wanted) {
    var button = template.nextElementSibling;
    if (button && !button.matches(".lf-oneclick__open")) button = null;
    if (!wanted && button) button.remove();
    if (wanted && !button) {
      button = template.content.firstElementChild.cloneNode(true);
      template.after(button);
    }
    return button;
  }

  function showButtons(setting) {
    current = setting;
    var tracker = setting && trackers[setting.type];
    if (tracker) fetchTickets(tracker.format);
    root.querySelectorAll("template.lf-oneclick__button").forEach(function (template) {
      var chapter = chapters[template.getAttribute("data-lf-chapter")];
      var note = root.querySelector('[data-lf-note="' + chapter.id + '"]');
      var ready = !!tracker && !!chapter.tickets && tracker.format in chapter.tickets;
      var button = buttonAfter(template, ready);
      if (!ready) {
        note.hidden = true;
        return;
      }
      var link = issueLink(tracker, setting.values, chapter);
      var names = { tracker: tracker.label, chapter: chapter.name };
      button.href = link.href;
      button.textContent = say(messages.button, names);
      button.setAttribute("aria-label", say(messages.button_name, names));
      button.toggleAttribute("data-lf-long", link.long);
      note.hidden = !link.long;
      note.textContent = link.long ? say(messages.long, names) : "";
    });
    form.parentNode.querySelector("summary").textContent = tracker
      ? say(messages.summary_set, { tracker: tracker.label })
      : messages.summary_unset;
  }

  /* A long ticket: the form opens with the title, the description goes to the clipboard. */
  root.addEventListener("click", function (event) {
    var button = event.target.closest(".lf-oneclick__open[data-lf-long]");
    if (!button || !current) return;
    var chapter = chapters[button.getAttribute("data-lf-chapter")];
    var tracker = trackers[current.type];
    var names = { tracker: tracker.label, chapter: chapter.name };
    var note = root.querySelector('[data-lf-note="' + chapter.id + '"]');
    function tell(template) {
      // next to the button for the eye, in the status line for screen readers
      note.textContent = statusLine.textContent = say(template, names);
    }
    navigator.clipboard.writeText(chapter.tickets[tracker.format]).then(
      function () {
        tell(messages.copied);
      },
      function () {
        tell(messages.copy_failed);
      },
    );
  });

  // --- The form ---------------------------------------------------------------------------

  function fieldsOf(type) {
    return form.querySelector('.lf-oneclick__fields[data-lf-tracker="' + type + '"]');
  }

  function showFields() {
    form.querySelectorAll(".lf-oneclick__fields").forEach(function (group) {
      group.hidden = group.getAttribute("data-lf-tracker") !== typeField.value;
    });
  }

  function mark(field, error) {
    document.getElementById(field.id + "-error").textContent = error || "";
    if (error) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
  }

  function fill(setting) {
    form.reset();
    form.querySelectorAll("[aria-invalid]").forEach(function (field) {
      mark(field, "");
    });
    if (setting) {
      typeField.value = setting.type;
      fieldsOf(setting.type)
        .querySelectorAll("input")
        .forEach(function (input) {
          input.value = setting.values[input.name];
        });
    }
    showFields();
  }

  /* The chosen tracker's values, each field marked; null when one is wrong. */
  function readForm() {
    var tracker = trackers[typeField.value];
    mark(typeField, tracker ? "" : messages.type);
    if (!tracker) return { invalid: [typeField] };
    var values = {};
    var invalid = [];
    tracker.settings.forEach(function (setting) {
      var input = fieldsOf(tracker.key).querySelector('[data-lf-setting="' + setting.key + '"]');
      var result = check(setting, input.value);
      mark(input, result.error);
      if (result.error) invalid.push(input);
      else values[setting.key] = input.value = result.value;
    });
    return { invalid: invalid, setting: { type: tracker.key, values: values } };
  }

  typeField.addEventListener("change", showFields);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var result = readForm();
    if (result.invalid.length) {
      statusLine.textContent = messages.invalid;
      result.invalid[0].focus();
      return;
    }
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(result.setting));
    } catch (error) {
      // storage disabled: the buttons still work on this page
    }
    showButtons(result.setting);
    statusLine.textContent = say(messages.saved, { tracker: trackers[result.setting.type].label });
  });

  form.querySelector(".lf-oneclick__remove").addEventListener("click", function () {
    localStorage.removeItem(STORAGE_KEY);
    fill(null);
    showButtons(null);
    statusLine.textContent = messages.removed;
  });

  var stored = load();
  fill(stored);
  form.parentNode.open = !stored;
  root.hidden = false;
  // The buttons once every deferred script has run, answers.js included (it may fill the
  // tickets): at DOMContentLoaded. A deferred script runs while the document already reads
  // "interactive"; whether that event is still to come, only the navigation's timing tells.
  var navigation = performance.getEntriesByType("navigation")[0];
  if (navigation && !navigation.domContentLoadedEventStart) {
    document.addEventListener("DOMContentLoaded", function () {
      showButtons(stored);
    });
  } else showButtons(stored);
})();
