/* 党建知识站: on a phone a document's metadata card starts closed, so that the first
 * article is on the first screen; its summary line opens it. Wide screens keep it open
 * (and elder.css/dangjian.css hide the summary there). */
(function () {
  "use strict";

  if (!window.matchMedia("(max-width: 44.984375em)").matches) return;
  document.querySelectorAll("details.dj-card-box[open]").forEach(function (box) {
    box.removeAttribute("open");
  });
})();
