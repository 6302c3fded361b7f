/* 党建知识站: the 法规制度 table, filtered by category, status, issuer and the day a
 * regulation was in force, and sorted by date. The table reads in its default order
 * without this script; the filter form stays hidden until the script shows it.
 *
 * A regulation with several editions has a row of its own and one per edition (hidden):
 * filtered by a day, the edition in force that day stands for it.
 */
(function () {
  "use strict";

  var STEPS = { "": 1, "1": -1, "-1": 0 };
  var UI = window.dangjianUI.listing;

  function setup(table) {
    var form = document.querySelector('form.dj-filters[data-for="' + table.id + '"]');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var count = form && form.querySelector(".dj-filters__count");
    var sort = { key: "", direction: 0 };

    var works = rows.filter(function (row) {
      return !row.hasAttribute("data-edition");
    }).length;

    function inForce(row, day) {
      if (!day) {
        return !row.hasAttribute("data-edition");
      }
      if (row.hasAttribute("data-editions")) {
        return false; // its editions stand for it
      }
      var from = row.getAttribute("data-from");
      var to = row.getAttribute("data-to");
      return Boolean(from) && from <= day && (!to || day < to);
    }

    function filter() {
      var wanted = {};
      var day = "";
      if (form) {
        Array.prototype.forEach.call(form.elements, function (field) {
          if (field.name === "on") {
            day = /^\d{4}-\d{2}-\d{2}$/.test(field.value) ? field.value : "";
          } else if (field.name && field.value) {
            wanted[field.name] = field.value;
          }
        });
      }
      var shown = 0;
      rows.forEach(function (row) {
        var keep = inForce(row, day) && Object.keys(wanted).every(function (name) {
          return row.getAttribute("data-" + name) === wanted[name];
        });
        row.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      if (count) {
        count.textContent = window.djFill(UI.shown, { shown: shown, total: works });
      }
    }

    function order() {
      var key = "data-" + sort.key;
      var sorted = rows.slice();
      if (sort.direction) {
        sorted.sort(function (a, b) {
          var x = a.getAttribute(key) || "";
          var y = b.getAttribute(key) || "";
          if (!x !== !y) {
            return x ? -1 : 1; // undated rows last, in either direction
          }
          if (x === y) {
            return a.getAttribute("data-order") - b.getAttribute("data-order");
          }
          return (x < y ? -1 : 1) * sort.direction;
        });
      }
      sorted.forEach(function (row) {
        body.appendChild(row);
      });
    }

    table.querySelectorAll("th[data-sort]").forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dj-sort";
      button.textContent = th.textContent;
      button.title = window.djFill(UI.sort_by, { column: th.textContent });
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var key = th.getAttribute("data-sort");
        sort.direction = sort.key === key ? STEPS[String(sort.direction || "")] : 1;
        sort.key = key;
        table.querySelectorAll("th[data-sort]").forEach(function (other) {
          other.removeAttribute("aria-sort");
        });
        if (sort.direction) {
          th.setAttribute("aria-sort", sort.direction > 0 ? "ascending" : "descending");
        }
        order();
      });
    });

    if (form) {
      form.hidden = false;
      form.addEventListener("change", filter);
      form.addEventListener("input", filter);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
      });
    }
    filter();
  }

  function init() {
    document.querySelectorAll("table.dj-index--regulations").forEach(setup);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    init();
  }
})();
