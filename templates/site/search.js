// The search page: queries pagefind's index (built with the site) as the reader types, and
// lists each publication that has the words with links straight to its sections.
// The wording comes from the page (data-* on the status line), which has it from danish.py.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var wording = status.dataset;
  var root = new URL(form.dataset.root || ".", document.baseURI);
  var MAX_RESULTS = 20;
  var MAX_SECTIONS = 4;
  var engine = null;
  var latest = 0;
  var timer = null;

  function say(template, query, count) {
    return template.replace("{query}", query).replace("{count}", count);
  }

  function loadEngine() {
    if (engine === null) {
      // pagefind fetches its index: from file:// that fails, and the reader is told so.
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var a = element("a", null, text);
    a.href = href;
    return a;
  }

  function excerpt(html) {
    // pagefind's excerpt is escaped text with <mark> around the words found.
    var p = element("p", "search-excerpt");
    p.innerHTML = html;
    return p;
  }

  function show(data) {
    var item = element("li", "search-result");
    var heading = element("h2", "search-result-title");
    heading.appendChild(link(data.url, data.meta.title));
    item.appendChild(heading);
    if (data.meta.organisation) item.appendChild(element("p", "search-result-meta", data.meta.organisation));
    var sections = data.sub_results.filter(function (sub) { return sub.url !== data.url; }).slice(0, MAX_SECTIONS);
    if (sections.length === 0) {
      item.appendChild(excerpt(data.excerpt));
    } else {
      var sub = element("ul", "search-sections");
      sections.forEach(function (section) {
        var li = element("li");
        li.appendChild(link(section.url, section.title));
        li.appendChild(excerpt(section.excerpt));
        sub.appendChild(li);
      });
      item.appendChild(sub);
    }
    return item;
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    list.replaceChildren();
    if (!query) {
      status.textContent = "";
      return;
    }
    status.textContent = wording.searching;
    loadEngine()
      .then(function (pagefind) { return pagefind.search(query); })
      .then(function (found) {
        return Promise.all(found.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }));
      })
      .then(function (results) {
        if (ticket !== latest) return;
        var count = results.length;
        status.textContent = say(count === 0 ? wording.none : count === 1 ? wording.one : wording.many, query, count);
        results.forEach(function (data) { list.appendChild(show(data)); });
      })
      .catch(function () {
        if (ticket === latest) status.textContent = wording.unavailable;
      });
  }

  function remember(query) {
    var url = new URL(window.location.href);
    url.searchParams.set("q", query);
    window.history.replaceState(null, "", url);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value);
    run(input.value);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  });

  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    input.value = asked;
    run(asked);
  }
})();
