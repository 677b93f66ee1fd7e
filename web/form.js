// The form page: the declaration laid out like the paper form from its layout; header fields as
// inputs, the indicator tree with rows and groups added, removed and reordered, vocabulary-bound
// cells as drop-downs; findings beside the cells as the person types; a live PDF preview.
'use strict';

const page = {
  path: '', index: 0, etag: '', declaration: null, definition: null, layout: null,
  findings: [], dirty: false, timer: null, previewUrl: null, sequence: 0,
};

const params = new URLSearchParams(location.search);
page.path = params.get('path') || '';
page.index = Number(params.get('index') || 0);

function fieldDefinition(id) {
  return (page.definition.fields || []).find((field) => field.id === id);
}

function treeDefinition(id) {
  return (page.definition.trees || []).find((tree) => tree.id === id);
}

function setStatus(text) {
  document.getElementById('status').textContent = text;
}

function changed() {
  page.dirty = true;
  setStatus('有未保存的修改');
  clearTimeout(page.timer);
  page.timer = setTimeout(refresh, 300);
}

// An input bound to a text value: its element carries the value's path for the findings.
function textInput(path, value, onchange, options) {
  options = options || {};
  let input;
  if (options.choices && options.choices.length) {
    input = element('select', {'data-path': path});
    const choices = options.choices.slice();
    if (!choices.includes(value)) choices.unshift(value);
    for (const choice of choices) {
      input.append(element('option', {value: choice, selected: choice === value},
                           choice === '' ? '（未选择）' : choice));
    }
    input.addEventListener('change', () => { onchange(input.value); changed(); });
  } else if (options.multiline) {
    input = element('textarea', {'data-path': path, rows: 1});
    input.value = value;
    const grow = () => { input.style.height = 'auto'; input.style.height = input.scrollHeight + 'px'; };
    input.addEventListener('input', () => { onchange(input.value); grow(); changed(); });
    setTimeout(grow, 0);
  } else {
    input = element('input', {'data-path': path, value});
    input.value = value;
    input.addEventListener('input', () => { onchange(input.value); changed(); });
  }
  if (options.label) input.setAttribute('aria-label', options.label);
  return input;
}

function fieldCell(cell, tag) {
  const id = cell.text;
  const definition = fieldDefinition(id) || {};
  const fields = page.declaration.fields;
  if (!(id in fields)) fields[id] = '';
  const td = element(tag, {colspan: cell.colspan > 1 ? cell.colspan : null,
                           rowspan: cell.rowspan > 1 ? cell.rowspan : null,
                           class: 'field', 'data-cell': 'fields.' + id});
  if (cell.fill) td.style.background = cell.fill;
  td.append(textInput('fields.' + id, fields[id], (value) => { fields[id] = value; }, {
    choices: definition.kind === 'choice' ? [''].concat(definition.choices) : null,
    multiline: cell.colspan > 1 || cell.style === 'long-text',
    label: definition.label || id,
  }));
  return td;
}

function staticCell(cell, tag) {
  const td = element(tag, {colspan: cell.colspan > 1 ? cell.colspan : null,
                           rowspan: cell.rowspan > 1 ? cell.rowspan : null,
                           class: cell.kind === 'text' ? 'label' : ''});
  if (cell.fill) td.style.background = cell.fill;
  if (cell.kind === 'text') td.textContent = cell.text;
  if (cell.kind === 'format') {
    td.textContent = cell.text.replace(/\{([a-z0-9_]+)\}/g, (all, id) => page.declaration.fields[id] || '');
  }
  return td;
}

// The names allowed at a level under the parent's name (the vocabulary), the current one kept.
function vocabularyAt(tree, parents) {
  let entries = tree.vocabulary || [];
  for (const parent of parents) {
    const bare = (name) => name.replace(/^[*•]/, '');
    const found = entries.find((entry) => bare(entry.name) === bare(parent));
    entries = found ? found.children : [];
  }
  return entries.map((entry) => entry.name);
}

function leafCount(group) {
  if (group.rows) return Math.max(group.rows.length, 1);
  if (group.groups && group.groups.length) return group.groups.reduce((sum, child) => sum + leafCount(child), 0);
  return 1;
}

function emptyRow(tree) {
  const row = {};
  for (const field of tree.row_fields) row[field.id] = '';
  return row;
}

function newGroup(tree, depth, label) {
  const group = {level: tree.levels[depth].id, label: label || ''};
  if (depth + 1 < tree.levels.length) group.groups = [newGroup(tree, depth + 1, '')];
  else group.rows = [emptyRow(tree)];
  return group;
}

function move(list, from, to) {
  if (to < 0 || to >= list.length) return;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item);
}

function button(text, title, action) {
  return element('button', {type: 'button', class: 'tiny', title, 'aria-label': title,
                            onclick: () => { action(); renderPaper(); changed(); }}, text);
}

// The rows of a group row (`group: indicators`): one table row per record, each level's cell
// spanning its node's rows, as on paper.
function treeRows(row, tbody) {
  const tree = treeDefinition(row.group);
  if (!tree) return;
  const groups = page.declaration.trees[row.group] || (page.declaration.trees[row.group] = []);
  const base = 'trees.' + row.group;
  const emit = (list, depth, path, parents, cellsBefore) => {
    list.forEach((group, i) => {
      const groupPath = path + '.' + i;
      const choices = vocabularyAt(tree, parents);
      const levelCell = element('td', {rowspan: leafCount(group) > 1 ? leafCount(group) : null,
                                       class: 'level', 'data-cell': groupPath + '.label'});
      const style = row.levels[depth] || {};
      if (style.fill) levelCell.style.background = style.fill;
      levelCell.append(textInput(groupPath + '.label', group.label, (value) => { group.label = value; },
                                 {choices: choices.length ? [''].concat(choices) : null,
                                  label: tree.levels[depth].label}));
      levelCell.append(element('div', {class: 'controls'},
        button('↑', '上移' + tree.levels[depth].label, () => move(list, i, i - 1)),
        button('↓', '下移' + tree.levels[depth].label, () => move(list, i, i + 1)),
        button('＋', '在下面添加' + tree.levels[depth].label, () => list.splice(i + 1, 0, newGroup(tree, depth, ''))),
        button('✕', '删除' + tree.levels[depth].label, () => list.splice(i, 1))));
      // The cells of the enclosing levels open the first row of their first child only.
      const before = (i === 0 ? cellsBefore : []).concat([levelCell]);
      if (depth + 1 < tree.levels.length) {
        if (!group.groups || !group.groups.length) group.groups = [newGroup(tree, depth + 1, '')];
        emit(group.groups, depth + 1, groupPath, parents.concat([group.label]), before);
        return;
      }
      if (!group.rows || !group.rows.length) group.rows = [emptyRow(tree)];
      group.rows.forEach((record, k) => {
        const recordPath = groupPath + '.rows.' + k;
        const tr = element('tr', {'data-path': recordPath});
        if (k === 0) tr.append(...before);
        for (const cell of row.cells) {
          if (cell.kind !== 'field') { tr.append(staticCell(cell, 'td')); continue; }
          const id = cell.text;
          if (!(id in record)) record[id] = '';
          const td = element('td', {class: 'field', 'data-cell': recordPath + '.' + id});
          if (cell.fill) td.style.background = cell.fill;
          const label = (tree.row_fields.find((field) => field.id === id) || {}).label || id;
          td.append(textInput(recordPath + '.' + id, record[id], (value) => { record[id] = value; },
                              {multiline: true, label}));
          tr.append(td);
        }
        tr.append(element('td', {class: 'row-controls'},
          button('↑', '上移此行', () => move(group.rows, k, k - 1)),
          button('↓', '下移此行', () => move(group.rows, k, k + 1)),
          button('＋', '在下面添加一行', () => group.rows.splice(k + 1, 0, emptyRow(tree))),
          button('✕', '删除此行', () => group.rows.splice(k, 1))));
        tbody.append(tr);
      });
    });
  };
  if (!groups.length) groups.push(newGroup(tree, 0, ''));
  emit(groups, 0, base, [], []);
}

function renderTable(block) {
  const total = block.columns.reduce((sum, width) => sum + width, 0);
  const table = element('table', {class: 'form-table'});
  const colgroup = element('colgroup');
  for (const width of block.columns) colgroup.append(element('col', {style: `width:${(100 * width / total).toFixed(2)}%`}));
  colgroup.append(element('col', {class: 'controls-column'}));
  table.append(colgroup);
  const tbody = element('tbody');
  for (const row of block.rows) {
    if (row.group) { treeRows(row, tbody); continue; }
    const tr = element('tr');
    const tag = row.header ? 'th' : 'td';
    for (const cell of row.cells) {
      tr.append(cell.kind === 'field' ? fieldCell(cell, tag) : staticCell(cell, tag));
    }
    tr.append(element('td', {class: 'row-controls'}));
    tbody.append(tr);
  }
  table.append(tbody);
  return table;
}

function renderPaper() {
  const paper = document.getElementById('paper');
  const focused = document.activeElement && document.activeElement.getAttribute('data-path');
  paper.replaceChildren();
  for (const block of page.layout.blocks) {
    const text = block.field && page.declaration.fields[block.field] ? page.declaration.fields[block.field] : block.text;
    if (block.kind === 'title') paper.append(element('h2', {class: 'form-heading'}, text));
    else if (block.kind === 'paragraph') paper.append(element('p', {class: 'form-paragraph'}, text));
    else if (block.kind === 'spacer') paper.append(element('div', {class: 'spacer'}));
    else if (block.kind === 'table') paper.append(renderTable(block));
  }
  showFindings();
  if (focused) {
    const again = paper.querySelector(`[data-path="${CSS.escape(focused)}"]`);
    if (again) again.focus();
  }
}

// Each finding beside its cell (or its row, or its group); those about the whole form on top.
function showFindings() {
  for (const node of document.querySelectorAll('.finding')) node.remove();
  for (const node of document.querySelectorAll('.has-error, .has-warning, .has-note')) {
    node.classList.remove('has-error', 'has-warning', 'has-note');
  }
  const general = element('ul', {class: 'findings'});
  const list = element('ul', {class: 'findings'});
  let errors = 0, warnings = 0, notes = 0;
  for (const finding of page.findings) {
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warning') warnings++;
    else notes++;
    const text = severityNames[finding.severity] + '：' + finding.message + (finding.hint ? '（' + finding.hint + '）' : '');
    let target = null;
    for (let path = finding.path; path && !target; path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '') {
      target = document.querySelector(`[data-cell="${CSS.escape(path)}"]`) ||
               document.querySelector(`tr[data-path="${CSS.escape(path)}"] td.field`);
    }
    const item = element('li', {class: finding.severity}, text);
    if (target) {
      target.classList.add('has-' + finding.severity);
      target.append(element('div', {class: 'finding ' + finding.severity, role: 'note'}, text));
      item.addEventListener('click', () => target.scrollIntoView({block: 'center'}));
    } else {
      general.append(element('li', {class: finding.severity}, text));
    }
    list.append(item);
  }
  const summary = document.getElementById('findings-summary');
  summary.replaceChildren(...findingsSummary(errors, warnings, notes));
  if (general.children.length) summary.append(general);
  document.getElementById('findings-list').replaceChildren(element('h3', {}, '检查结果'), list);
}

async function refresh() {
  const sequence = ++page.sequence;
  const body = {declaration: page.declaration};
  const checked = await formpdf.json('POST', '/api/check', body);
  if (sequence !== page.sequence) return; // a newer change is on its way
  if (checked.status === 200) {
    page.findings = checked.findings;
    showFindings();
  }
  const status = document.getElementById('preview-status');
  status.textContent = '更新中…';
  const response = await formpdf.request('POST', '/api/preview', body);
  if (sequence !== page.sequence) return;
  if (response.status === 200) {
    const blob = await response.blob();
    if (page.previewUrl) URL.revokeObjectURL(page.previewUrl);
    page.previewUrl = URL.createObjectURL(blob);
    document.getElementById('preview').src = page.previewUrl;
    status.textContent = (response.headers.get('X-Pages') || '') + ' 页';
  } else {
    const data = await response.json().catch(() => ({}));
    status.textContent = '无法预览：' + (data.error || response.status);
  }
}

async function save() {
  const button = document.getElementById('save');
  button.disabled = true;
  setStatus('正在保存…');
  const url = '/api/form?path=' + encodeURIComponent(page.path) + '&index=' + page.index;
  const data = await formpdf.json('PUT', url, {declaration: page.declaration}, {'If-Match': page.etag});
  button.disabled = false;
  const banner = document.getElementById('conflict');
  if (data.status === 200) {
    page.etag = data.etag;
    page.dirty = false;
    page.findings = data.findings;
    showFindings();
    banner.hidden = true;
    setStatus('已保存');
  } else if (data.status === 412) {
    banner.hidden = false;
    banner.replaceChildren(element('strong', {}, '未保存：'), data.error + ' ', data.hint || '',
      ' ', element('a', {href: location.href, target: '_blank'}, '在新标签页中打开对方保存的版本'));
    setStatus('未保存（有冲突），您的修改仍在本页');
  } else {
    banner.hidden = false;
    banner.replaceChildren(element('strong', {}, '未保存：'), data.error || String(data.status));
    setStatus('未保存');
  }
}

async function main() {
  await formpdf.start();
  const data = await formpdf.json('GET', '/api/form?path=' + encodeURIComponent(page.path) + '&index=' + page.index);
  if (data.status !== 200) {
    document.getElementById('paper').replaceChildren(element('p', {class: 'message'}, data.error || '无法打开'));
    return;
  }
  Object.assign(page, {etag: data.etag, declaration: data.declaration, definition: data.definition,
                       layout: data.layout, findings: data.findings});
  const fields = page.declaration.fields;
  document.getElementById('form-title').textContent = (fields.project_code || page.path) + ' ' + (fields.project_name || '');
  document.title = (fields.project_name || page.path) + ' - formpdf';
  const pdf = '/api/pdf?path=' + encodeURIComponent(page.path) + '&index=' + page.index;
  document.getElementById('download-pdf').href = pdf;
  document.getElementById('download-pdfa').href = pdf + '&pdfa=1';
  document.getElementById('save').addEventListener('click', save);
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 's') { event.preventDefault(); save(); }
  });
  window.addEventListener('beforeunload', (event) => {
    if (page.dirty) { event.preventDefault(); event.returnValue = ''; }
  });
  renderPaper();
  refresh();
}

main();
