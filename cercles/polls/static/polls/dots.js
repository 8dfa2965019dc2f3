// Dot vote: say how many dots are left as one types, and refuse to submit more than
// the total (the server checks it again). Without JavaScript the form still works.
(function () {
  "use strict";
  document.querySelectorAll("form[data-dots-total]").forEach(function (form) {
    var total = parseInt(form.getAttribute("data-dots-total"), 10);
    var inputs = form.querySelectorAll("input[data-dots]");
    var status = form.querySelector("[data-dots-left]");
    var lang = document.documentElement.lang || "fr";
    function text(left) {
      if (lang.indexOf("en") === 0) {
        return left >= 0 ? left + " dot(s) left out of " + total + "." : "Too many dots: " + (-left) + " over the " + total + " you have.";
      }
      return left >= 0 ? "Il vous reste " + left + " point(s) sur " + total + "." : "Trop de points : " + (-left) + " de plus que vos " + total + ".";
    }
    function update() {
      var used = 0;
      inputs.forEach(function (input) {
        var value = parseInt(input.value, 10);
        if (!isNaN(value) && value > 0) { used += value; }
      });
      var left = total - used;
      status.hidden = false;
      status.textContent = text(left);
      status.classList.toggle("dots-over", left < 0);
      var message = left < 0 ? text(left) : "";
      inputs.forEach(function (input) { input.setCustomValidity(message); });
    }
    inputs.forEach(function (input) { input.addEventListener("input", update); });
    update();
  });
})();
