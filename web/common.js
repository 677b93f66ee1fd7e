// Shared by the pages: the session (cookie + CSRF token), requests, small DOM helpers.
'use strict';

const formpdf = {
  csrf: '',
  session: null,

  // GET /api/session: signs in anonymously on loopback, or says a sign-in is needed.
  async start() {
    const response = await fetch('/api/session', {credentials: 'same-origin'});
    this.session = await response.json();
    this.csrf = this.session.csrf || '';
    return this.session;
  },

  // A request to the API; changes carry the CSRF token. Returns the Response.
  async request(method, url, body, headers) {
    const init = {method, credentials: 'same-origin', headers: Object.assign({}, headers || {})};
    if (method !== 'GET') {
      init.headers['X-CSRF-Token'] = this.csrf;
    }
    if (body !== undefined) {
      if (body instanceof Blob || body instanceof ArrayBuffer) {
        init.body = body;
      } else {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
    }
    const response = await fetch(url, init);
    if (response.status === 401 && !url.startsWith('/api/login')) {
      location.href = '/';
    }
    return response;
  },

  async json(method, url, body, headers) {
    const response = await this.request(method, url, body, headers);
    let data = {};
    try {
      data = await response.json();
    } catch (e) {
      data = {error: '服务器的回答无法读取 (' + response.status + ')'};
    }
    data.status = response.status;
    return data;
  },
};

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const severityNames = {error: '错误', warning: '警告', note: '提示'};

function findingsSummary(errors, warnings, notes) {
  const parts = [];
  if (errors) parts.push(element('span', {class: 'badge error'}, '错误 ' + errors));
  if (warnings) parts.push(element('span', {class: 'badge warning'}, '警告 ' + warnings));
  if (notes) parts.push(element('span', {class: 'badge note'}, '提示 ' + notes));
  if (!parts.length) parts.push(element('span', {class: 'badge ok'}, '无问题'));
  return parts;
}
