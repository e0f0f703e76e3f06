/*
 * Material's search worker, loaded only when the page first asks for a search (see
 * leitfaden.js). Material starts this file as its worker on every page; the URL's fragment
 * names Material's real worker. Its first message (the index) imports that worker here,
 * which then answers it and every later message itself. It lives beside Material's worker,
 * whose language files are found relative to the worker's address (../lunr/).
 */
"use strict";

addEventListener(
  "message",
  function (first) {
    importScripts(decodeURIComponent(location.hash.slice(1)));
    dispatchEvent(new MessageEvent("message", { data: first.data }));
  },
  { once: true },
);
