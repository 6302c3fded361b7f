/* 党建知识站: one JSON object per key in this browser's localStorage, shared by the
 * study-track progress and the self-check scores. Nothing leaves the browser. */
window.djStore = function (key) {
  "use strict";
  return {
    load: function () {
      try {
        var data = JSON.parse(window.localStorage.getItem(key) || "{}");
        return data && typeof data === "object" ? data : {};
      } catch (error) {
        return {};
      }
    },
    save: function (data) {
      try {
        window.localStorage.setItem(key, JSON.stringify(data));
      } catch (error) {
        /* storage is full or disabled: the data simply is not kept */
      }
    },
  };
};
