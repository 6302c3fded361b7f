/* 党建知识站: the 打印 button of a document page.
 *
 * The button ships hidden, so that a page without scripts shows no control that does
 * nothing; here it is shown and prints the page (laid out by print.css).
 */
(function () {
  "use strict";

  document.querySelectorAll(".dj-paper__print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
