// The import page's progress: fetch the panel again every second; reload the page when the upload's state changes
// (read → ready to confirm; importing → recomputing → done), so the preview or the result shows by itself.
(function () {
  'use strict';
  var panel = document.querySelector('[data-import-poll]');
  if (!panel) { return; }
  var url = panel.getAttribute('data-import-poll');
  var state = panel.getAttribute('data-state');
  function tick() {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) { setTimeout(tick, 3000); return; }
        var holder = document.createElement('div');
        holder.innerHTML = html;
        var next = holder.querySelector('.import-progress');
        if (!next || next.getAttribute('data-state') !== state) { window.location.reload(); return; }
        panel.innerHTML = next.innerHTML;
        setTimeout(tick, 1000);
      })
      .catch(function () { setTimeout(tick, 3000); });
  }
  setTimeout(tick, 1000);
}());
