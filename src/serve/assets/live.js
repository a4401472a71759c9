/* handout live preview. Served only by `handout serve`; never part of a built site.
 *
 * Listens for server-sent events from the preview: reloads the page after each rebuild,
 * swaps a changed stylesheet in place, and shows build errors over the page until they
 * are fixed. Builds the overlay with DOM methods (no innerHTML) and styles it from
 * live.css, so it works under the site's Content-Security-Policy. */
(function () {
  "use strict";
  var OVERLAY = "handout-overlay";
  var me = document.currentScript;
  var build = me && me.dataset.build ? Number(me.dataset.build) : null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function hide() {
    var o = document.getElementById(OVERLAY);
    if (o) o.parentNode.removeChild(o);
  }

  function where(e) {
    var s = e.path;
    if (e.line) s += ":" + e.line + (e.column ? ":" + e.column : "");
    return s;
  }

  function show(errors) {
    hide();
    var box = el("div", "handout-overlay");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    var inner = el("div", "handout-overlay__box");
    var n = errors.length;
    inner.appendChild(el("h2", "handout-overlay__title", n === 1 ? "1 build error" : n + " build errors"));
    inner.appendChild(el("p", "handout-overlay__note",
      "The preview still shows the last good version. Fix the file and save: this message goes away by itself."));
    var list = el("ol", "handout-overlay__list");
    errors.forEach(function (e) {
      var li = el("li");
      li.appendChild(el("code", "handout-overlay__where", where(e)));
      li.appendChild(el("span", "handout-overlay__message", e.message));
      if (e.help) li.appendChild(el("span", "handout-overlay__help", "help: " + e.help));
      list.appendChild(li);
    });
    inner.appendChild(list);
    var close = el("button", "handout-overlay__close", "Hide");
    close.type = "button";
    close.addEventListener("click", hide);
    inner.appendChild(close);
    box.appendChild(inner);
    document.body.appendChild(box);
  }

  // Swaps each stylesheet whose path changed for a fresh copy; false if none matched
  // (the change is in a file this page does not link directly, so reload instead).
  function swapCss(paths) {
    var swapped = false;
    document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href, location.href);
      // A link already being replaced is left to the swap in progress, which is swapped too.
      if (paths.indexOf(url.pathname) < 0 || link.hasAttribute("data-handout-replaced")) return;
      url.searchParams.set("handout-reload", String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = url.href;
      link.setAttribute("data-handout-replaced", "");
      // Once loaded, the fresh copy replaces the older copies before it (a newer one after it,
      // still loading, replaces it in turn).
      fresh.addEventListener("load", function () {
        document.querySelectorAll("link[data-handout-replaced]").forEach(function (old) {
          if (old.compareDocumentPosition(fresh) & Node.DOCUMENT_POSITION_FOLLOWING &&
              new URL(old.href, location.href).pathname === url.pathname) old.parentNode.removeChild(old);
        });
      });
      link.parentNode.insertBefore(fresh, link.nextSibling);
      swapped = true;
    });
    return swapped;
  }

  function wireServerOverlay() {
    var b = document.querySelector("#" + OVERLAY + " button");
    if (b) b.addEventListener("click", hide);
  }

  function connect() {
    var events = new EventSource("/__handout/events");
    events.addEventListener("hello", function (m) {
      var d = JSON.parse(m.data);
      // A rebuild happened while this page loaded or while the preview was restarting.
      if (build !== null && d.build !== build) { location.reload(); return; }
      build = d.build;
      if (d.errors && d.errors.length) show(d.errors);
    });
    events.addEventListener("reload", function () { location.reload(); });
    events.addEventListener("css", function (m) {
      var d = JSON.parse(m.data);
      build = d.build;
      hide();
      if (!swapCss(d.paths)) location.reload();
    });
    events.addEventListener("build-error", function (m) {
      show(JSON.parse(m.data).errors);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wireServerOverlay);
  } else {
    wireServerOverlay();
  }
  connect();
})();
