/*
 * devopsguide-de.html#<chapter-id> (printed in old brochures): forward to the chapter's own
 * page. The list entry with that id holds the link (leitfaden/templates/legacy.html.j2);
 * an unknown or missing anchor leaves the reader on the list.
 */
(function () {
  "use strict";

  var id;
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch (error) {
    return; // malformed escape: stay on the list
  }
  var entry = id && document.getElementById(id);
  if (entry && entry.matches("li[data-chapter]")) {
    location.replace(entry.querySelector("a[href]").href);
  }
})();
