/* 党建知识站: glossary terms (<abbr title>) reachable by keyboard. A focused term shows
 * Material's tooltip as on hover, and its explanation is the term's description for
 * screen readers. */
(function () {
  "use strict";

  document.querySelectorAll(".md-typeset abbr").forEach(function (term) {
    term.setAttribute("tabindex", "0");
  });
})();
