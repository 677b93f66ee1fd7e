// The list page: every form of the folder with its findings, search and filter, new form,
// upload of an export (preview, then confirm), print with progress.
'use strict';

let forms = [];

const worstFirst = (a, b) =>
  (b.errors - a.errors) || (b.warnings - a.warnings) || (b.notes - a.notes) ||
  String(a.code || a.path).localeCompare(String(b.code || b.path));

function formUrl(form) {
  return '/form.html?path=' + encodeURIComponent(form.path) + '&index=' + form.index;
}

function renderList() {
  const query = document.getElementById('search').value.trim().toLowerCase();
  const filter = document.getElementById('filter').value;
  const body = document.querySelector('#forms tbody');
  body.replaceChildren();
  let shown = 0;
  for (const form of forms) {
    const text = [form.code, form.name, form.unit, form.path].join(' ').toLowerCase();
    if (query && !text.includes(query)) continue;
    if (filter === 'errors' && !form.errors) continue;
    if (filter === 'warnings' && !form.warnings) continue;
    if (filter === 'clean' && (form.errors || form.warnings)) continue;
    shown++;
    const pdf = '/api/pdf?path=' + encodeURIComponent(form.path) + '&index=' + form.index;
    body.append(element('tr', {'data-path': form.path},
      element('td', {}, element('input', {type: 'checkbox', class: 'pick', value: form.path, 'aria-label': '选择'})),
      element('td', {class: 'code'}, element('a', {href: formUrl(form)}, form.code || form.path)),
      element('td', {}, element('a', {href: formUrl(form), class: 'open'}, form.name || '（无名称）')),
      element('td', {}, form.unit || ''),
      element('td', {class: 'number'}, form.amount || ''),
      element('td', {class: 'number'}, form.pages || ''),
      element('td', {title: form.load_error || ''}, ...findingsSummary(form.errors, form.warnings, form.notes)),
      element('td', {}, element('a', {href: pdf, download: ''}, 'PDF'), ' ',
              element('a', {href: pdf + '&pdfa=1', download: ''}, 'PDF/A'))));
  }
  document.getElementById('count').textContent = `共 ${forms.length} 份表，显示 ${shown} 份`;
}

async function loadList() {
  const data = await formpdf.json('GET', '/api/forms');
  if (data.status !== 200) {
    document.getElementById('list-message').textContent = data.error || '无法读取表单列表';
    return;
  }
  forms = data.forms.sort(worstFirst);
  renderList();
}

// Upload: what import would write and keep, then confirm.
const actionNames = {written: '将写入', unchanged: '不变', kept: '保留（已被编辑，不覆盖）', gone: '已不在导出中（不删除）'};

async function uploadExport(file) {
  const panel = document.getElementById('upload-preview');
  panel.hidden = false;
  panel.replaceChildren(element('p', {}, '正在读取 ' + file.name + ' …'));
  const data = await formpdf.json('POST', '/api/import/preview', file,
                                  {'Content-Type': 'application/octet-stream',
                                   'X-File-Name': encodeURIComponent(file.name)});
  panel.replaceChildren();
  panel.append(element('h2', {}, '导入预览：' + file.name));
  if (data.status !== 200) {
    panel.append(element('p', {class: 'message'}, data.error || '无法导入'));
    return;
  }
  panel.append(element('p', {}, `将写入 ${data.written} 份，不变 ${data.unchanged} 份，保留 ${data.kept} 份，` +
                                  `已不在导出中 ${data.gone} 份`));
  const list = element('table', {class: 'list small'},
                       element('tr', {}, element('th', {}, '文件'), element('th', {}, '导入后')));
  for (const entry of data.files) {
    list.append(element('tr', {class: 'action-' + entry.action},
                        element('td', {}, entry.name), element('td', {}, actionNames[entry.action] || entry.action)));
  }
  panel.append(list);
  if (data.diagnostics.length) {
    const messages = element('ul', {class: 'diagnostics'});
    for (const item of data.diagnostics) {
      messages.append(element('li', {class: item.severity}, item.text));
    }
    panel.append(messages);
  }
  if (!data.token) {
    panel.append(element('p', {class: 'message'}, '有错误，不能导入：没有写入任何文件。'));
    panel.append(element('button', {class: 'secondary', onclick: () => { panel.hidden = true; }}, '关闭'));
    return;
  }
  panel.append(element('button', {id: 'import-confirm', onclick: async () => {
    const result = await formpdf.json('POST', '/api/import/confirm', {token: data.token});
    panel.replaceChildren(element('p', {}, result.status === 200 ? '已导入：' + result.summary
                                                               : (result.error || '导入失败')));
    loadList();
  }}, '确认导入'), ' ', element('button', {class: 'secondary', onclick: () => { panel.hidden = true; }}, '取消'));
}

// Print: the combined file with contents and bookmarks, its progress polled.
async function print(paths) {
  const box = document.getElementById('print-progress');
  const bar = document.getElementById('print-bar');
  const text = document.getElementById('print-text');
  box.hidden = false;
  bar.value = 0;
  text.textContent = '正在准备打印…';
  const started = await formpdf.json('POST', '/api/print', {paths, contents: true});
  if (started.status !== 202) {
    text.textContent = started.error || '无法打印';
    return;
  }
  for (;;) {
    const status = await formpdf.json('GET', '/api/print/status?job=' + encodeURIComponent(started.job));
    if (status.total) {
      bar.max = status.total;
      bar.value = status.done;
      text.textContent = `已排版 ${status.done} / ${status.total} 份`;
    }
    if (status.finished) {
      if (status.file) {
        const href = '/api/print/file?job=' + encodeURIComponent(started.job);
        text.replaceChildren(`完成：${status.summary} `, element('a', {href, download: '', id: 'print-download'}, '下载打印文件'));
        location.href = href;
      } else {
        text.textContent = '打印失败：' + status.summary + ' ' + status.diagnostics.join(' ');
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function showNewForm() {
  const panel = document.getElementById('new-form-panel');
  panel.hidden = false;
  const data = await formpdf.json('GET', '/api/layouts');
  const select = document.getElementById('new-layout');
  select.replaceChildren(...(data.layouts || []).map((layout) =>
    element('option', {value: layout.id}, layout.title + '（' + layout.id + '）')));
}

async function createForm() {
  const name = document.getElementById('new-name').value.trim();
  const form = document.getElementById('new-layout').value;
  const data = await formpdf.json('POST', '/api/forms', {name, form});
  if (data.status === 201) {
    location.href = formUrl(data);
  } else {
    document.getElementById('new-message').textContent =
      data.status === 412 ? '这个文件已经存在' : (data.error || '无法创建');
  }
}

async function signIn(event) {
  event.preventDefault();
  const response = await formpdf.request('POST', '/api/login', {
    user: document.getElementById('login-user').value,
    password: document.getElementById('login-password').value,
  });
  const data = await response.json();
  if (response.status === 200) {
    location.reload();
  } else {
    document.getElementById('login-message').textContent = data.error || '登录失败';
  }
}

async function main() {
  const session = await formpdf.start();
  if (session.login_required && !session.signed_in) {
    document.getElementById('login').hidden = false;
    document.getElementById('login-form').addEventListener('submit', signIn);
    return;
  }
  if (session.user) {
    document.getElementById('user').replaceChildren('用户 ' + session.user + ' ',
      element('button', {class: 'secondary', onclick: async () => {
        await formpdf.request('POST', '/api/logout');
        location.reload();
      }}, '退出'));
  }
  document.getElementById('list-page').hidden = false;
  document.getElementById('search').addEventListener('input', renderList);
  document.getElementById('filter').addEventListener('change', renderList);
  document.getElementById('select-all').addEventListener('change', (event) => {
    for (const box of document.querySelectorAll('.pick')) box.checked = event.target.checked;
  });
  document.getElementById('upload').addEventListener('change', (event) => {
    if (event.target.files.length) uploadExport(event.target.files[0]);
    event.target.value = '';
  });
  document.getElementById('print-all').addEventListener('click', () => print(null));
  document.getElementById('print-selected').addEventListener('click', () => {
    const paths = [...new Set([...document.querySelectorAll('.pick:checked')].map((box) => box.value))];
    if (!paths.length) {
      document.getElementById('list-message').textContent = '请先勾选要打印的表';
      return;
    }
    print(paths);
  });
  document.getElementById('new-form').addEventListener('click', showNewForm);
  document.getElementById('new-create').addEventListener('click', createForm);
  document.getElementById('new-cancel').addEventListener('click', () => {
    document.getElementById('new-form-panel').hidden = true;
  });
  await loadList();
}

main();
