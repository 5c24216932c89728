// Upload page: a chosen or dropped file is sent as the request body with XMLHttpRequest, so the
// progress bar can follow large files; the answer (an HTML fragment or the error page) is shown in place.
(function () {
  'use strict';
  var form = document.getElementById('file-form');
  var input = document.getElementById('file');
  var zone = document.getElementById('drop-zone');
  var bar = document.getElementById('upload-progress');
  var text = document.getElementById('upload-progress-text');
  var area = document.getElementById('result-area');
  var dropped = null;

  function guessType(name) {
    var lower = name.toLowerCase();
    if (lower.endsWith('.xlsx')) { return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'; }
    return 'text/csv';
  }

  function show(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var main = doc.getElementById('main');
    area.innerHTML = '';
    var source = main || doc.body;
    while (source.firstChild) { area.appendChild(document.importNode(source.firstChild, true)); source.removeChild(source.firstChild); }
    area.focus && area.setAttribute('tabindex', '-1');
    area.focus();
  }

  zone.addEventListener('dragover', function (e) { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });
  zone.addEventListener('drop', function (e) {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer.files.length > 0) {
      dropped = e.dataTransfer.files[0];
      text.textContent = dropped.name;
    }
  });
  input.addEventListener('change', function () { dropped = null; });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var file = dropped || (input.files.length > 0 ? input.files[0] : null);
    if (!file) { text.textContent = '请先选择文件 Choose a file first'; input.focus(); return; }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('action'));
    xhr.setRequestHeader('Content-Type', file.type || guessType(file.name));
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    bar.hidden = false;
    bar.value = 0;
    xhr.upload.addEventListener('progress', function (p) {
      if (p.lengthComputable) {
        bar.value = Math.round(100 * p.loaded / p.total);
        text.textContent = bar.value + '%';
      }
    });
    xhr.addEventListener('load', function () {
      bar.value = 100;
      text.textContent = xhr.status < 400 ? '完成 done' : '失败 failed (HTTP ' + xhr.status + ')';
      show(xhr.responseText);
    });
    xhr.addEventListener('error', function () {
      text.textContent = '网络错误，上传未完成 The upload did not complete (network error)';
    });
    xhr.send(file);
  });
})();
