// sitrep: toggles the annotation layers of an article page. Loaded as an
// external file (the Content-Security-Policy allows no inline script).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var text = document.getElementById("article-text");
  var boxes = document.querySelectorAll("#layers input[data-layer]");
  if (!text) {
    return;
  }
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });
});
