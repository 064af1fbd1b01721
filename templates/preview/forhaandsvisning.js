// The live preview: reload when a new build is ready; show content errors on top of the page.
(function () {
  "use strict";
  // The build this page was made by (none on the preview's own pages): reload for a newer one.
  var seen = Number(new URL(document.currentScript.src).searchParams.get("bygning")) || null;

  function show(errors) {
    var box = document.getElementById("forhaandsvisning-fejl");
    if (!errors.length) {
      if (box) { box.remove(); }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "forhaandsvisning-fejl";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:1000;max-height:50vh;overflow:auto;" +
        "background:#fff4f2;color:#5c0a00;border-bottom:4px solid #a8362a;padding:1rem 1.25rem;" +
        "font:15px/1.45 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.2)";
      document.body.prepend(box);
    }
    box.replaceChildren();
    var heading = document.createElement("strong");
    heading.textContent = "Indholdet har fejl. Siden viser den sidste udgave uden fejl.";
    var list = document.createElement("ul");
    errors.forEach(function (error) {
      var item = document.createElement("li");
      item.textContent = error;
      list.appendChild(item);
    });
    box.append(heading, list);
  }

  // The preview answers "/__status?efter=N" as soon as there is a build newer than N (or after
  // a while with nothing new), so a save shows without waiting for the next poll.
  function poll() {
    var wait = 0;
    fetch("/__status" + (seen === null ? "" : "?efter=" + seen), { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (seen !== null && status.version !== seen && !status.errors.length) {
          window.location.reload();
          return;
        }
        seen = status.version;
        show(status.errors);
      })
      .catch(function () { wait = 500; /* the preview was stopped; try again */ })
      .finally(function () { setTimeout(poll, wait); });
  }

  poll();
})();
