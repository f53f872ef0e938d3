import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { MyDataExport } from '../src/contracts/exports.js';
import { registerMember } from './support/accounts.js';
import { browserSuite, heading, screenshot } from './support/browser.js';
import { createGroup, joinGroup, registerAdmin } from './support/groups.js';

/** A title a member could write to attack whoever opens their export: it must stay text. */
const ATTACK = `Mijn verhaal <img src=x onerror="alert('xss')"><script>alert('xss')</script>`;

describe('Download my data, in the browser', () => {
  const { app, newContext, newPage } = browserSuite();

  async function loggedIn(loginName: string, password: string): Promise<Page> {
    const page = await newPage(await newContext({ acceptDownloads: true }));
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Log in' }).click();
    await heading(page, 'Log in');
    await page.getByLabel('Login name').fill(loginName);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.locator('form').getByRole('button', { name: 'Log in' }).click();
    // A member lands on their groups after logging in.
    await heading(page, 'Groups');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Your account' }).click();
    await heading(page, 'Your account');
    return page;
  }

  async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button }).click(),
    ]);
    const path = await file.path();
    return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  it('downloads the JSON and the readable page from the account page; the page opens as text, with no script run', async () => {
    const admin = await registerAdmin(app);
    const group = await createGroup(app, admin, { name: 'Rouw' });
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug, { alias: 'Stille Reiger' });
    const posted = await app.http
      .post(`/api/groups/${group.slug}/threads`)
      .set('Authorization', member.bearer)
      .send({ title: 'Wat ik kwijt wil', body: ATTACK });
    expect(posted.status).toBe(201);

    const page = await loggedIn(member.loginName, member.password);
    await page.getByRole('heading', { name: 'Your data' }).waitFor();

    const json = await download(page, 'Download my data (JSON)');
    expect(json.name).toMatch(/^kring-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(json.text) as MyDataExport;
    expect(data.threads).toEqual([expect.objectContaining({ alias: 'Stille Reiger', body: ATTACK })]);
    await page.getByRole('status').filter({ hasText: 'Your download has started.' }).waitFor();

    const html = await download(page, 'Download my data (readable page)');
    expect(html.name).toMatch(/^kring-\d{4}-\d{2}-\d{2}\.html$/);
    expect(html.text).toContain('<html lang="en">');
    await screenshot(page, 'account-export');

    // Opened from disk, where no header applies: the page's own policy and escaping hold.
    const reader = await newPage(page.context());
    await reader.setContent(html.text);
    await reader.locator('h1', { hasText: 'Your data on Kring' }).waitFor();
    await expect(reader.getByText(ATTACK, { exact: true }).count()).resolves.toBe(1);
    await expect(reader.locator('img, script').count()).resolves.toBe(0);
    await screenshot(reader, 'export-page');
  });
});
