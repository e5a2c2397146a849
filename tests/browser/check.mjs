// Opens each html report given at a desktop and a phone width in headless
// chromium and checks its rendered layout; see run.sh.  Prints one line per
// page and every problem; exits 1 when there is one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import puppeteer from 'puppeteer-core';

const [chromium, outDir, ...reports] = process.argv.slice(2);
const widths = [
	{ name: 'desktop', width: 1280, height: 900, isMobile: false, deviceScaleFactor: 1 },
	{ name: 'phone', width: 375, height: 740, isMobile: true, deviceScaleFactor: 2 },
];
const profile = mkdtempSync(join(tmpdir(), 'rusdata-chromium-'));
const browser = await puppeteer.launch({
	executablePath: chromium,
	headless: true,
	userDataDir: profile,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
	    '--disable-component-update', '--disable-sync', '--no-first-run',
	    '--disable-default-apps', '--disable-extensions'],
});

// Runs in the page: every problem of the rendered layout, as text.
function layoutProblems() {
	const problems = [];
	const eps = 0.5;
	const inside = (r, box) => r.left >= box.left - eps && r.right <= box.right + eps &&
	    r.top >= box.top - eps && r.bottom <= box.bottom + eps;
	const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
	    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
	const name = (el) => JSON.stringify((el.textContent || '').trim().slice(0, 40));
	const vw = document.documentElement.clientWidth;

	// The page itself never scrolls sideways: wide parts scroll in their box.
	if (document.documentElement.scrollWidth > vw + 1)
		problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${vw}px window`);
	// Charts: every label and value inside its chart, none over another.
	const charts = document.querySelectorAll('div.chart svg');
	if (charts.length === 0)
		problems.push('no chart');
	charts.forEach((svg, i) => {
		const box = svg.getBoundingClientRect();
		const texts = [...svg.querySelectorAll('text')];
		const rects = texts.map((t) => t.getBoundingClientRect());
		if (box.right > vw + eps)
			problems.push(`chart ${i + 1} reaches past the window (${box.right} > ${vw})`);
		texts.forEach((t, k) => {
			if (!inside(rects[k], box))
				problems.push(`chart ${i + 1}: text ${name(t)} outside its chart`);
			for (let j = 0; j < k; j++)
				if (overlap(rects[j], rects[k]))
					problems.push(`chart ${i + 1}: ${name(texts[j])} overlaps ${name(t)}`);
		});
		const title = svg.parentElement.querySelector('h2');
		if (title && title.getBoundingClientRect().right > vw + eps)
			problems.push(`chart ${i + 1}: title ${name(title)} cut`);
	});
	// The table: fully visible, or scrolling inside its own box.
	const table = document.querySelector('table');
	if (!table)
		problems.push('no table');
	else {
		const box = table.parentElement;
		const style = getComputedStyle(box);
		const t = table.getBoundingClientRect(), b = box.getBoundingClientRect();
		const fits = t.right <= vw + eps;
		const scrolls = box.scrollWidth > box.clientWidth &&
		    (style.overflowX === 'auto' || style.overflowX === 'scroll') && b.right <= vw + eps;
		if (!fits && !scrolls)
			problems.push(`table ${t.width}px neither fits ${vw}px nor scrolls in its box`);
		// No cell cuts its text.
		table.querySelectorAll('th, td').forEach((c) => {
			if (c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
				problems.push(`table cell ${name(c)} cuts its text`);
		});
	}
	// Headings and notes: inside the window, not cut.
	document.querySelectorAll('h1, h2, p').forEach((el) => {
		const r = el.getBoundingClientRect();
		if (r.right > vw + eps || el.scrollWidth > el.clientWidth + 1)
			problems.push(`${el.tagName.toLowerCase()} ${name(el)} cut`);
	});
	return problems;
}

let failed = 0;
for (const file of reports) {
	for (const w of widths) {
		const page = await browser.newPage();
		const requests = [];
		const url = 'file://' + file;
		await page.setViewport(w);
		await page.setRequestInterception(true);
		page.on('request', (req) => {
			if (req.url() === url)
				return req.continue();
			requests.push(req.url());
			return req.abort();
		});
		await page.goto(url, { waitUntil: 'load' });
		const problems = await page.evaluate(layoutProblems);
		for (const r of requests)
			problems.push(`network request: ${r}`);
		const lang = await page.evaluate(() => document.documentElement.lang);
		const shot = join(outDir, `${basename(file, '.html')}-${w.name}.png`);
		await page.screenshot({ path: shot, fullPage: true });
		const charts = await page.evaluate(() => document.querySelectorAll('div.chart svg').length);
		console.log(`${basename(file)} ${w.name} ${w.width}px lang=${lang}: ${charts} charts, ` +
		    `${problems.length ? problems.length + ' problems' : 'ok'} (${basename(shot)})`);
		for (const p of problems)
			console.log(`  ${p}`);
		failed += problems.length > 0;
		await page.close();
	}
}
await browser.close();
rmSync(profile, { recursive: true, force: true });
console.log(failed ? `check-browser: ${failed} pages with problems` : 'check-browser: every page ok');
process.exit(failed ? 1 : 0);
