/* 党建知识站: self-check questions. Answers and score are kept in this browser's
 * localStorage only. */
(function () {
  "use strict";

  var STORE = "dangjian:selfcheck";
  var UI = window.dangjianUI.selfcheck;

  var store = window.djStore(STORE);
  var load = store.load;
  var save = store.save;

  function answers(docId) {
    var saved = load()[docId];
    return saved && typeof saved === "object" ? saved : {};
  }

  function sameSet(a, b) {
    return a.length === b.length && a.every(function (x) { return b.indexOf(x) >= 0; });
  }

  function inputs(form) {
    return Array.prototype.slice.call(form.querySelectorAll("input"));
  }

  function show(form, chosen) {
    var right = form.getAttribute("data-answer").split(",");
    var correct = sameSet(chosen, right);
    inputs(form).forEach(function (input) {
      input.checked = chosen.indexOf(input.value) >= 0;
      input.disabled = true;
      var item = input.closest("li");
      item.classList.toggle("dj-option--right", right.indexOf(input.value) >= 0);
      item.classList.toggle("dj-option--wrong", input.checked && right.indexOf(input.value) < 0);
    });
    var submit = form.querySelector(".dj-question__submit");
    if (submit) submit.disabled = true;
    form.classList.toggle("dj-question--right", correct);
    form.classList.toggle("dj-question--wrong", !correct);
    form.querySelector(".dj-question__verdict").textContent = correct ? UI.right : UI.wrong;
    var feedback = form.querySelector(".dj-question__feedback");
    feedback.hidden = false;
    feedback.setAttribute("tabindex", "-1");
    return correct;
  }

  function clear(form) {
    inputs(form).forEach(function (input) {
      input.checked = false;
      input.disabled = false;
      input.closest("li").classList.remove("dj-option--right", "dj-option--wrong");
    });
    var submit = form.querySelector(".dj-question__submit");
    if (submit) submit.disabled = false;
    form.classList.remove("dj-question--right", "dj-question--wrong");
    form.querySelector(".dj-question__feedback").hidden = true;
  }

  function setup(box) {
    var docId = box.getAttribute("data-dj-selfcheck");
    var forms = Array.prototype.slice.call(box.querySelectorAll("form.dj-question"));
    var score = box.querySelector(".dj-selfcheck__score");

    function showScore() {
      var saved = answers(docId);
      var answered = 0;
      var right = 0;
      forms.forEach(function (form) {
        var entry = saved[form.getAttribute("data-index")];
        if (!entry) return;
        answered += 1;
        if (entry.correct) right += 1;
      });
      score.textContent = window.djFill(UI.score,
        { right: right, total: forms.length, answered: answered });
    }

    function answer(form) {
      var chosen = inputs(form).filter(function (input) { return input.checked; })
        .map(function (input) { return input.value; });
      if (!chosen.length) return;
      var correct = show(form, chosen);
      var data = load();
      data[docId] = answers(docId);
      data[docId][form.getAttribute("data-index")] = { chosen: chosen, correct: correct };
      save(data);
      showScore();
      /* 确定 is now disabled: focus the verdict so that it is read out and the next Tab
       * goes on to the next question. */
      form.querySelector(".dj-question__feedback").focus();
    }

    forms.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        answer(form);
      });
      var entry = answers(docId)[form.getAttribute("data-index")];
      if (entry && Array.isArray(entry.chosen)) show(form, entry.chosen);
    });

    box.querySelector(".dj-selfcheck__reset").addEventListener("click", function () {
      if (!window.confirm(UI.redo_confirm)) return;
      var data = load();
      delete data[docId];
      save(data);
      forms.forEach(clear);
      showScore();
    });
    showScore();
  }

  document.querySelectorAll("[data-dj-selfcheck]").forEach(setup);
})();
