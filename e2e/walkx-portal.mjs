import { chromium } from '@playwright/test';
const base = 'http://localhost:3924';
const [,, email='jordan.ellis@mail.example', path='', width='1366', out='/tmp/walkx/p.png', height='900'] = process.argv;
const outbox = async () => (await (await fetch(base + '/dev/outbox.json')).json()).items;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: Number(width), height: Number(height) } });
const page = await ctx.newPage();
const link = /https?:\/\/[^\s"'<>]+\/portal\/#link=[A-Za-z0-9_-]+/.exec((await outbox()).find(i => i.kind==='secure_link' && i.to===email).text)[0];
const seen = new Set((await outbox()).map(i=>i.id));
await page.goto(link.replace('localhost:3000','localhost:3924'));
const welcome = page.getByRole('button', { name: 'Continue' });
const code = page.getByRole('textbox', { name: '6-digit code' });
await code.or(welcome).waitFor();
if (await welcome.isVisible()) await welcome.click();
await code.waitFor();
let c; for (let i=0;i<50 && !c;i++){ await new Promise(r=>setTimeout(r,200)); c=(await outbox()).find(i=>!seen.has(i.id)&&i.kind==='sign_in_code'&&i.to===email);} 
await code.fill(/(\d{6})/.exec(c.subject)[1]);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByRole('navigation', { name: 'Sections' }).waitFor();
if (path) { await page.goto(base + '/portal/' + path); await page.waitForTimeout(1500); }
await page.screenshot({ path: out });
console.log(await page.locator('body').innerText());
await browser.close();
