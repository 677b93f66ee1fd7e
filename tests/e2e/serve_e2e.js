// formpdf serve in a real headless browser: Debian's chromium, driven by puppeteer-core.
// Opens the list, opens a seed form, changes a value so a finding appears, fixes it so the
// finding goes, saves, reloads and sees the value, downloads the PDF and finds the value with
// pdftotext. Screenshots of the list and the form page go to SCREENSHOT_DIR when given.
//
//   node serve_e2e.js FORMPDF_BINARY SOURCE_DIR [SCREENSHOT_DIR]
// Exit 0 passed, 1 failed, 77 skipped (no chromium, or puppeteer-core not installed:
// scripts/install-e2e-deps).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {spawn, execFileSync} = require('child_process');

const [formpdf, sourceDir, screenshotDir] = process.argv.slice(2);
const chromium = process.env.FORMPDF_CHROMIUM || '/usr/bin/chromium';
const started = Date.now();
const SEED = '440304221061500600008.yaml'; // 数据规划管理
const CODE = '440304221061500600008';

function skip(why) {
  console.log('SKIPPED: ' + why);
  process.exit(77);
}

let puppeteer;
try {
  puppeteer = require('puppeteer-core');
} catch (e) {
  skip('puppeteer-core is not installed (run scripts/install-e2e-deps)');
}
if (!fs.existsSync(chromium)) skip(chromium + ' is not installed (scripts/install-deps)');

function check(condition, what) {
  if (!condition) throw new Error('FAILED: ' + what);
  console.log('ok: ' + what + ' (' + ((Date.now() - started) / 1000).toFixed(1) + ' s)');
}

async function startServer(dir) {
  const server = spawn(formpdf, ['serve', dir, '--listen', '127.0.0.1:0'], {stdio: ['ignore', 'pipe', 'pipe']});
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start: ' + output)), 15000);
    const read = (chunk) => {
      output += chunk;
      const match = output.match(/(http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => reject(new Error('the server exited with ' + code + ': ' + output)));
  });
  return {server, url};
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'formpdf-e2e-'));
  const dir = path.join(work, 'forms');
  const downloads = path.join(work, 'downloads');
  fs.mkdirSync(dir);
  fs.mkdirSync(downloads);
  const seeds = path.join(sourceDir, 'inputs', 'declarations');
  for (const name of fs.readdirSync(seeds)) fs.copyFileSync(path.join(seeds, name), path.join(dir, name));

  const {server, url} = await startServer(dir);
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: path.join(work, 'profile'),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--lang=zh-CN'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({width: 1400, height: 900});
    page.on('pageerror', (error) => { throw new Error('page error: ' + error.message); });

    // The list.
    await page.goto(url, {waitUntil: 'domcontentloaded'});
    await page.waitForSelector('#forms tbody tr');
    const rows = await page.$$eval('#forms tbody tr', (trs) => trs.length);
    check(rows === 41, 'the list shows the 41 seed forms');
    const listText = await page.$eval('#forms', (table) => table.innerText);
    check(listText.includes('数据规划管理') && listText.includes(CODE), 'the list shows 项目编码 and 项目名称');
    if (screenshotDir) await page.screenshot({path: path.join(screenshotDir, 'serve-list.png')});

    // Open the seed form.
    await Promise.all([page.waitForNavigation({waitUntil: 'domcontentloaded'}),
                       page.click(`#forms tr[data-path="${SEED}"] a.open`)]);
    const code = '[data-path="fields.project_code"]';
    await page.waitForSelector(code);
    check(await page.$eval(code, (input) => input.value) === CODE, 'the form page shows the 项目编码');
    await page.waitForFunction(() => document.getElementById('preview').src.startsWith('blob:'));
    check(true, 'the preview shows the PDF');

    // A value that makes a finding, then its fix.
    const cell = '[data-cell="fields.project_code"]';
    await page.click(code, {clickCount: 3});
    await page.type(code, '12345');
    await page.waitForSelector(cell + ' .finding.error', {timeout: 10000});
    check(true, 'a wrong 项目编码 shows an error beside the cell');
    if (screenshotDir) {
      await new Promise((resolve) => setTimeout(resolve, 3000)); // the PDF viewer draws the preview
      await page.screenshot({path: path.join(screenshotDir, 'serve-form-finding.png')});
    }
    await page.click(code, {clickCount: 3});
    await page.type(code, CODE);
    await page.waitForFunction((selector) => !document.querySelector(selector + ' .finding'), {timeout: 10000}, cell);
    check(true, 'the error goes when the 项目编码 is fixed');

    // A row added to the first 二级 group, then removed again.
    const rowsOfFirstGroup = () => page.$$eval('tr[data-path^="trees.indicators.0.0.rows."]', (trs) => trs.length);
    const before = await rowsOfFirstGroup();
    await page.click('tr[data-path="trees.indicators.0.0.rows.0"] button[title="在下面添加一行"]');
    check(await rowsOfFirstGroup() === before + 1, 'a row is added under the first row');
    await page.waitForSelector('[data-cell="trees.indicators.0.0.rows.1.value"] .finding', {timeout: 10000});
    check(true, 'the new empty row has its findings beside it');
    await page.click('tr[data-path="trees.indicators.0.0.rows.1"] button[title="删除此行"]');
    check(await rowsOfFirstGroup() === before, 'the row is removed again');

    // A second tab on the same form, opened before the first saves.
    const second = await browser.newPage();
    await second.goto(page.url(), {waitUntil: 'domcontentloaded'});
    await second.waitForSelector('[data-path="fields.project_name"]');
    await page.bringToFront(); // a tab in the background gets no animation frames

    // Save a new name, reload, see it.
    const name = '[data-path="fields.project_name"]';
    await page.click(name, {clickCount: 3});
    await page.type(name, '数据规划管理（浏览器）');
    await page.click('#save');
    await page.waitForFunction(() => document.getElementById('status').textContent === '已保存', {timeout: 10000});
    const original = fs.readFileSync(path.join(seeds, SEED), 'utf8');
    check(fs.readFileSync(path.join(dir, SEED), 'utf8') ===
          original.replace('project_name: 数据规划管理  #', 'project_name: 数据规划管理（浏览器）  #'),
          'the save wrote the declaration: the new name, every other byte as it was');
    // The second tab's save is refused with a clear message, and its edit stays on its page.
    await second.bringToFront();
    await second.click(name, {clickCount: 3});
    await second.type(name, '第二个标签页');
    await second.click('#save');
    await second.waitForFunction(() => !document.getElementById('conflict').hidden, {timeout: 10000});
    const conflict = await second.$eval('#conflict', (banner) => banner.textContent);
    check(conflict.includes('没有保存，也没有丢失'), 'the second tab\'s save is refused: ' + conflict.slice(0, 40));
    check(await second.$eval(name, (input) => input.value) === '第二个标签页', 'the second tab keeps its edit');
    check(fs.readFileSync(path.join(dir, SEED), 'utf8').includes('project_name: 数据规划管理（浏览器）  #'),
          'the first tab\'s save is kept');
    await second.close();
    await page.bringToFront();

    await page.reload({waitUntil: 'domcontentloaded'});
    await page.waitForSelector(name);
    check(await page.$eval(name, (input) => input.value) === '数据规划管理（浏览器）', 'after a reload the page shows the saved value');
    await page.waitForFunction(() => document.getElementById('preview').src.startsWith('blob:'));
    if (screenshotDir) {
      await new Promise((resolve) => setTimeout(resolve, 3000)); // the PDF viewer draws the preview
      await page.screenshot({path: path.join(screenshotDir, 'serve-form.png')});
      await page.$eval('table.form-table:nth-of-type(2)', (table) => table.scrollIntoView());
      await page.screenshot({path: path.join(screenshotDir, 'serve-form-indicators.png')});
      await page.evaluate(() => window.scrollTo(0, 0));
    }

    // Download the PDF with the page's link.
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', {behavior: 'allow', downloadPath: downloads});
    await page.click('#download-pdf');
    let pdf = null;
    for (let i = 0; i < 100 && !pdf; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      pdf = fs.readdirSync(downloads).find((file) => file.endsWith('.pdf'));
    }
    check(pdf === CODE + '.pdf', 'the PDF downloads as ' + CODE + '.pdf');
    const text = execFileSync('pdftotext', [path.join(downloads, pdf), '-']).toString().replace(/\s/g, '');
    check(text.includes('数据规划管理（浏览器）'), 'pdftotext finds the saved value in the downloaded PDF');
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    fs.rmSync(work, {recursive: true, force: true});
  }
}

main().then(() => process.exit(0), (error) => { console.error(error.stack || String(error)); process.exit(1); });
