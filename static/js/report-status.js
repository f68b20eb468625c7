// The yearly report's page: while a version is being generated, ask the API for its state
// every few seconds and update the status text. The page works without this (refresh it).
(function () {
  var box = document.getElementById('report-status');
  if (!box || !window.fetch) { return; }
  var text = document.getElementById('report-status-text');
  var download = document.getElementById('report-status-download');
  var labels = { requested: 'Requested', rendering: 'Rendering', ready: 'Ready', failed: 'Failed' };
  function show(data) {
    var words = labels[data.status] || data.status;
    var detail = data.status === 'rendering' ? ' (' + data.progress + '% done)' : '';
    if (data.status === 'failed' && data.reason) { detail = '. ' + data.reason; }
    var strong = document.createElement('strong');
    strong.textContent = words;
    text.textContent = 'Version ' + data.version + ': ';
    text.appendChild(strong);
    text.appendChild(document.createTextNode(detail));
    if (data.status === 'ready') { download.hidden = false; }
  }
  function poll() {
    fetch(box.getAttribute('data-status-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        show(data);
        if (data.status === 'requested' || data.status === 'rendering') { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  var status = box.getAttribute('data-status');
  if (status === 'requested' || status === 'rendering') { window.setTimeout(poll, 1000); }
})();
