/* 党建知识站: a visible copy-link on every chapter, section and article heading.
 *
 * The heading's permalink (¶) keeps its plain behaviour (it jumps to the anchor) and
 * also copies the full address, so that a member can paste 第十条 into a message.
 * Over plain http on an intranet host the Clipboard API is not available, so a
 * hidden text field and the copy command stand in for it.
 */
(function () {
  "use strict";

  var UI = window.dangjianUI.copylink;
  var TITLES = {
    "dj-article": UI.article,
    "dj-section": UI.section,
    "dj-chapter": UI.chapter
  };
  var SELECTOR = ".md-typeset .dj-chapter > a.headerlink, " +
    ".md-typeset .dj-section > a.headerlink, .md-typeset .dj-article > a.headerlink";

  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(area);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyBySelection(text);
      });
    }
    return copyBySelection(text);
  }

  function tell(link, message) {
    link.setAttribute("data-dj-copied", message);
    window.clearTimeout(link.djTimer);
    link.djTimer = window.setTimeout(function () {
      link.removeAttribute("data-dj-copied");
    }, 2000);
  }

  function init() {
    document.querySelectorAll(SELECTOR).forEach(function (link) {
      var heading = link.parentElement;
      var title = TITLES[Object.keys(TITLES).filter(function (name) {
        return heading.classList.contains(name);
      })[0]];
      link.title = title;
      link.setAttribute("aria-label", title);
      link.classList.add("dj-copylink");
      link.addEventListener("click", function () {
        var url = window.location.href.split("#")[0] + "#" + heading.id;
        copy(url).then(function () {
          tell(link, UI.copied);
        }, function () {
          tell(link, UI.copy_by_hand);
        });
      });
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    init();
  }
})();
