// Drag-and-drop upload of several files, one request each, with a progress bar per file.
// XMLHttpRequest (not fetch) because only it reports upload progress. When a file is stored,
// the document list (#doclist) is asked to refresh itself through htmx.
(function () {
  var me = document.currentScript;
  var endpoint = me.dataset.endpoint, field = me.dataset.field || 'file';
  var drop = document.getElementById('drop'), input = document.getElementById('files');
  var list = document.getElementById('uploads');
  if (!drop) return;

  function row(file) {
    var r = document.createElement('div'); r.className = 'upload-row';
    var name = document.createElement('span'); name.textContent = file.name;
    var bar = document.createElement('progress'); bar.max = 100; bar.value = 0;
    var msg = document.createElement('span'); msg.className = 'msg'; msg.textContent = '等待上传';
    r.append(name, bar, msg); list.append(r);
    return {row: r, bar: bar, msg: msg};
  }

  function describe(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      if (typeof body.detail === 'string') return body.detail;
      if (body.detail && body.detail.message) return body.detail.message;
      if (body.message) return body.message;
    } catch (e) { /* not JSON */ }
    return '上传失败（HTTP ' + xhr.status + '）';
  }

  // at most PARALLEL uploads at a time: each one is read and audited on the server while the
  // browser waits, and fifty at once would only queue there
  var PARALLEL = 3, queue = [], active = 0;
  function pump() {
    while (active < PARALLEL && queue.length) { active++; send(queue.shift()); }
  }
  function done() { active--; pump(); }

  function send(job) {
    var file = job.file, ui = job.ui;
    ui.msg.textContent = '上传中';
    var data = new FormData(); data.append(field, file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', endpoint);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { ui.bar.value = Math.round(100 * e.loaded / e.total); ui.msg.textContent = '上传中 ' + ui.bar.value + '%'; }
    };
    xhr.upload.onload = function () { ui.bar.value = 100; ui.msg.textContent = '读取与审核中…'; };
    xhr.onloadend = done;
    xhr.onload = function () {
      if (xhr.status >= 200 && xhr.status < 300) {
        // the API answers a list: one result per file (status 新增 / 已存在 / 重新读取 / 无法读取)
        var body = []; try { body = JSON.parse(xhr.responseText); } catch (e) { /* keep empty */ }
        var r = body[0] || {};
        if (r.reading_status === 'unreadable') {
          ui.msg.className = 'msg bad'; ui.msg.textContent = '无法读取：' + (r.error || '');
        } else {
          var s = r.summary || {};
          ui.msg.className = 'msg ok';
          ui.msg.textContent = (r.status || '完成') + '：错误 ' + (s.error || 0) + '，警告 ' + (s.warning || 0) + ' ';
        }
        if (r.document_id) {
          var a = document.createElement('a'); a.href = '/documents/' + r.document_id; a.textContent = '查看';
          ui.msg.append(a);
        }
        var target = document.getElementById('doclist');
        if (target && window.htmx) htmx.trigger(target, 'refresh');
      } else {
        ui.msg.className = 'msg bad'; ui.msg.textContent = describe(xhr);
      }
    };
    xhr.onerror = function () { ui.msg.className = 'msg bad'; ui.msg.textContent = '网络错误，未上传'; };
    xhr.send(data);
  }

  function sendAll(files) {
    Array.prototype.forEach.call(files, function (f) { queue.push({file: f, ui: row(f)}); });
    pump();
  }
  document.getElementById('pick').addEventListener('click', function (e) { e.preventDefault(); input.click(); });
  drop.addEventListener('click', function (e) { if (!e.target.closest('a')) input.click(); });
  drop.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
  input.addEventListener('change', function () { sendAll(input.files); input.value = ''; });
  ['dragenter', 'dragover'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) { if (e.dataTransfer && e.dataTransfer.files.length) sendAll(e.dataTransfer.files); });
})();
