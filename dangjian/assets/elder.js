/* 党建知识站: 长辈模式 (elder mode), larger type, stronger contrast and bigger targets.
 *
 * Loaded in the head, before the page is drawn, so that a page opens in the mode the
 * reader chose last time; the choice is kept in this browser's localStorage only (from
 * file:// too). The sizes are in rem, so the browser's own font size still counts.
 */
(function () {
  "use strict";

  var KEY = "dangjian:elder";
  var SWITCH = "[data-dj-elder-switch]";
  var root = document.documentElement;

  function stored() {
    try {
      return window.localStorage.getItem(KEY) === "on";
    } catch (error) {
      return false;
    }
  }

  function remember(on) {
    try {
      window.localStorage.setItem(KEY, on ? "on" : "off");
    } catch (error) {
      /* storage disabled: the mode lasts for this page only */
    }
  }

  function apply(on) {
    if (on) {
      root.setAttribute("data-dj-elder", "");
    } else {
      root.removeAttribute("data-dj-elder");
    }
    document.querySelectorAll(SWITCH).forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    apply(stored());
    document.querySelectorAll(SWITCH).forEach(function (button) {
      button.addEventListener("click", function () {
        var on = !root.hasAttribute("data-dj-elder");
        remember(on);
        apply(on);
      });
    });
  });
})();
