// Drives the ./run.sh demo in Chromium and writes one PNG per login page state into $OUT. Run by screenshots.sh.
'use strict';
const { chromium } = require('playwright-core');
const path = require('path');

const KEYCLOAK = process.env.KEYCLOAK_URL;
const APP = process.env.DEMO_APP_URL;
const OUT = process.env.OUT;
const PASSWORD = process.env.TRUSTPACK_DEMO_PASSWORD;
const REALM = KEYCLOAK + '/realms/trustpack-demo';
const ADMIN_API = KEYCLOAK + '/admin/realms/trustpack-demo/trustpack';

async function shot(page, name) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(OUT, name + '.png') });
  console.log('  ' + name + '.png');
}

/** A fresh browser profile (no SSO cookie) that asks for the given language. */
async function fresh(browser, locale = 'en-US') {
  const context = await browser.newContext({ locale, viewport: { width: 1100, height: 1000 }, colorScheme: 'light' });
  return { context, page: await context.newPage() };
}

async function signIn(page, button, username) {
  await page.goto(APP);
  await page.click('#' + button);
  await page.fill('#username', username);
  await page.click('#kc-login');
  await page.fill('#password', PASSWORD);
  await page.click('#kc-login');
}

async function adminToken() {
  const response = await fetch(KEYCLOAK + '/realms/master/protocol/openid-connect/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli',
      username: process.env.KC_BOOTSTRAP_ADMIN_USERNAME, password: process.env.KC_BOOTSTRAP_ADMIN_PASSWORD }),
  });
  if (!response.ok) throw new Error('admin sign-in failed: HTTP ' + response.status);
  return (await response.json()).access_token;
}

async function api(method, pathName, body) {
  const response = await fetch(ADMIN_API + pathName, {
    method,
    headers: { Authorization: 'Bearer ' + await adminToken(), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(method + ' ' + pathName + ': HTTP ' + response.status + ' ' + await response.text());
  return response.status === 204 ? null : response.json();
}

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ['--no-sandbox'] });
  try {
    // Alice, acme's Owner, in her MFA grace period: username, password, the grace notice, the app set-up page.
    let { context, page } = await fresh(browser);
    await page.goto(APP);
    await page.click('#sign-in-acme');
    await page.waitForSelector('#username');
    await shot(page, 'login-username');
    await page.fill('#username', 'alice');
    await page.click('#kc-login');
    await page.waitForSelector('#password');
    await shot(page, 'login-password');
    await page.fill('#password', PASSWORD);
    await page.click('#kc-login');
    await page.waitForSelector('#trustpack-mfa-setup-form');
    await shot(page, 'login-mfa-grace-acme');
    await page.click('#setup-totp');
    await page.waitForSelector('#kc-totp-settings-form, #saveTOTPBtn');
    await shot(page, 'login-totp-setup');
    await context.close();

    // The same in German, as a browser asking for German gets it.
    ({ context, page } = await fresh(browser, 'de-DE'));
    await page.goto(APP);
    await page.click('#sign-in-acme');
    await page.waitForSelector('#username');
    await shot(page, 'login-username-de');
    await page.fill('#username', 'alice');
    await page.click('#kc-login');
    await page.fill('#password', PASSWORD);
    await page.click('#kc-login');
    await page.waitForSelector('#trustpack-mfa-setup-form');
    await shot(page, 'login-mfa-grace-acme-de');
    await context.close();

    // Bob, globex: a tenant that recommends a second factor, in globex's branding.
    ({ context, page } = await fresh(browser));
    await signIn(page, 'sign-in-globex', 'bob');
    await page.waitForSelector('#trustpack-mfa-setup-form');
    await shot(page, 'login-mfa-recommended-globex');
    await context.close();

    // Carol, in both tenants, asks for none: the tenant picker.
    ({ context, page } = await fresh(browser));
    await signIn(page, 'sign-in-any', 'carol');
    await page.waitForSelector('#trustpack-select-tenant-form');
    await shot(page, 'login-tenant-picker');
    await context.close();

    // Alice postpones MFA and reaches the demo app: branding, acr/amr, limits, time left.
    ({ context, page } = await fresh(browser));
    await signIn(page, 'sign-in-acme', 'alice');
    await page.click('#trustpack-mfa-later');
    await page.waitForSelector('#summary:not([hidden])');
    await shot(page, 'demo-app');
    await context.close();

    // Session expired: acme gets a 1-minute idle limit for a moment; Carol's session outlives it.
    const stored = await api('GET', '/tenants/acme/policy');
    try {
      await api('PUT', '/tenants/acme/policy', { ...stored, sessions: { ...(stored.sessions || {}), idleMinutes: 1 } });
      ({ context, page } = await fresh(browser));
      await signIn(page, 'sign-in-acme', 'carol');
      await page.waitForSelector('#summary:not([hidden])');
      console.log('  (waiting 65 s for the idle limit)');
      await page.waitForTimeout(65000);
      await page.click('#sign-in-acme');
      await page.waitForSelector('#username');
      await shot(page, 'login-session-expired');
      await context.close();
    } finally {
      await api('PUT', '/tenants/acme/policy', stored);
    }
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
