/*
 * The inline scripts of Material for MkDocs 9.8.2 (partials/javascripts/base.html and
 * content.html) as a same-origin file, so every page runs under the Content-Security-Policy
 * "script-src 'self'" of deploy/nginx.conf. overrides/main.html loads it right before
 * Material's bundle, which expects these globals.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("__config").textContent);

  // base.html: the storage scope is the site root, which the theme config names relatively.
  window.__md_scope = new URL(config.base, location);
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, char) {
      return (hash << 5) - hash + char.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage = localStorage, scope = window.__md_scope) {
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage = localStorage, scope = window.__md_scope) {
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // storage full or disabled: the preference is simply not remembered
    }
  };

  // Not from Material: search loads when the reader first opens it, not with every page.
  // Material 9.8.2 requests the index (about a fifth of a page's bytes) and starts its
  // worker with the language files on every page load. Here its worker becomes
  // workers/search-on-demand.js, which imports Material's worker with the first message, and
  // the index request waits until the search opens (its toggle, a focus in its form) or the
  // page was opened from a search result (?h=, for the highlighting).
  var form = document.forms.namedItem("search");
  if (form && config.search) {
    var worker = new URL(config.search, location).href;
    config.search = new URL("workers/search-on-demand.js", document.currentScript.src).href + "#" + encodeURIComponent(worker);
    document.getElementById("__config").textContent = JSON.stringify(config);

    var index = new URL("search/search_index.json", window.__md_scope).href;
    var held = [];
    var wanted = new URL(location).searchParams.has("h");
    var open = XMLHttpRequest.prototype.open;
    var send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.open = function (method, url) {
      this.lfSearchIndex = new URL(url, location).href === index;
      return open.apply(this, arguments);
    };
    XMLHttpRequest.prototype.send = function () {
      if (wanted || !this.lfSearchIndex) return send.apply(this, arguments);
      held.push(send.bind(this, ...arguments));
    };
    var release = function () {
      wanted = true;
      held.splice(0).forEach(function (request) {
        request();
      });
    };
    var toggle = document.getElementById("__search");
    toggle.addEventListener("change", function () {
      if (toggle.checked) release();
    });
    form.addEventListener("focusin", release);
  }

  // content.html: reopen the content tabs the reader chose last (feature content.tabs.link) ...
  if (config.features.indexOf("content.tabs.link") !== -1) {
    var tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      sets: for (var set of document.querySelectorAll(".tabbed-set")) {
        var labels = set.querySelector(".tabbed-labels");
        for (var tab of tabs) {
          for (var label of labels.getElementsByTagName("label")) {
            // textContent, not Material's innerText: a set below the first screen is not
            // laid out yet (content-visibility), and innerText would read empty there.
            if (label.textContent.trim() === tab) {
              document.getElementById(label.htmlFor).checked = true;
              continue sets;
            }
          }
        }
      }
    }
  }
  // ... and open the tab a link points to (#__tabbed_1_2).
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) {
    target.checked = target.name.startsWith("__tabbed_");
  }

  // Not from Material: two accessibility repairs on elements its bundle creates later.
  // - Each code block's copy button sits in a <nav>, which makes every code block an unnamed
  //   navigation landmark (axe: landmark-unique); it is a button holder, not navigation.
  // - Wide tables scroll sideways in a wrapper on phones; a keyboard needs to be able to
  //   focus the wrapper to scroll it (axe: scrollable-region-focusable), as for code blocks.
  // Only the inserted elements are looked at: Material inserts a lot while starting up.
  function repair(records) {
    for (var record of records) {
      for (var node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (node.matches("nav.md-code__nav")) node.setAttribute("role", "none");
        if (node.matches(".md-typeset__scrollwrap")) node.setAttribute("tabindex", "0");
      }
    }
  }
  new MutationObserver(repair).observe(document.body, { childList: true, subtree: true });

  // Not from Material: the page is laid out here, at the end of this script's task. The
  // bundle, the next script, reads the layout first thing (its viewport offset); laying out
  // the whole page there made its start-up one long task, in which the page could not react.
  // The same work, now in two tasks. Lighthouse, 5 runs each: total blocking time on /team/
  // at median 18 ms instead of 64, at most 38 instead of 116.
  document.documentElement.getBoundingClientRect();
})();
