/* handout: the "Print this page" button.
 *
 * The button is in the page with the `hidden` attribute, so without JavaScript nobody sees a
 * control that does nothing. This file (served from the site itself, so the page's
 * Content-Security-Policy allows it) reveals the button and opens the print dialog.
 *
 * Closed FAQ answers would print as bare questions, so every closed <details> is opened for
 * printing and closed again afterwards. Written as plain ES5 so that old phones run it.
 */
(function () {
  'use strict';

  var buttons = document.querySelectorAll('[data-print]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function () {
      window.print();
    });
  }

  var opened = [];
  window.addEventListener('beforeprint', function () {
    var closed = document.querySelectorAll('details:not([open])');
    for (var j = 0; j < closed.length; j++) {
      closed[j].open = true;
      opened.push(closed[j]);
    }
  });
  window.addEventListener('afterprint', function () {
    while (opened.length) {
      opened.pop().open = false;
    }
  });
})();
