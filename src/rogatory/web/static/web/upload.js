// Upload with a progress bar. Without this script the form posts normally and still works.
(function () {
  "use strict";
  function start(form) {
    var box = form.querySelector(".upload-progress");
    var bar = form.querySelector("progress");
    var percent = form.querySelector("[data-upload-percent]");
    var alertBox = form.querySelector(".upload-error");
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.XMLHttpRequest) {
        return;
      }
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action") || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.responseType = "json";
      box.hidden = false;
      alertBox.hidden = true;
      button.disabled = true;
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          var value = Math.round((e.loaded / e.total) * 100);
          bar.value = value;
          bar.textContent = value + "%";
          percent.textContent = value + "%";
        }
      });
      xhr.addEventListener("load", function () {
        var body = xhr.response || {};
        if (xhr.status >= 200 && xhr.status < 300 && body.redirect) {
          window.location.assign(body.redirect);
          return;
        }
        button.disabled = false;
        var lines = [];
        if (body.error) {
          lines.push(body.error);
        }
        Object.keys(body.errors || {}).forEach(function (name) {
          var field = form.querySelector("[name='" + name + "']");
          var label = field ? form.querySelector("label[for='" + field.id + "']") : null;
          body.errors[name].forEach(function (message) {
            lines.push((label ? label.textContent.trim() + ": " : "") + message);
          });
        });
        alertBox.textContent = lines.length ? lines.join(" ") : form.dataset.failed;
        alertBox.hidden = false;
      });
      xhr.addEventListener("error", function () {
        button.disabled = false;
        alertBox.textContent = form.dataset.failed;
        alertBox.hidden = false;
      });
      xhr.send(new FormData(form));
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-upload]").forEach(start);
  });
})();
