// Demo SPA: authorization code + PKCE (S256) against the Trustpack demo realm, tokens kept in memory only.
'use strict';

const KEYCLOAK = 'http://localhost:8080/realms/trustpack-demo';
const CLIENT_ID = 'trustpack-spa';
const REDIRECT_URI = window.location.origin + '/';
let tokens = null;
let ticker = null;

const $ = (id) => document.getElementById(id);

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function signIn(scope) {
  const verifier = randomString();
  const state = randomString();
  const nonce = randomString();
  sessionStorage.setItem('pkce', JSON.stringify({ verifier, state, nonce }));
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const params = new URLSearchParams({
    client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, response_type: 'code', scope, state, nonce,
    code_challenge: challenge, code_challenge_method: 'S256',
  });
  window.location.assign(KEYCLOAK + '/protocol/openid-connect/auth?' + params);
}

async function tokenRequest(params) {
  const response = await fetch(KEYCLOAK + '/protocol/openid-connect/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: CLIENT_ID, ...params }),
  });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error + ': ' + (body.error_description || ''));
  }
  return body;
}

async function handleRedirect() {
  const query = new URLSearchParams(window.location.search);
  if (!query.has('code') && !query.has('error')) {
    return;
  }
  const pending = JSON.parse(sessionStorage.getItem('pkce') || '{}');
  sessionStorage.removeItem('pkce');
  history.replaceState(null, '', '/');
  if (query.get('state') !== pending.state) {
    throw new Error('State mismatch: ignoring this redirect');
  }
  if (query.has('error')) {
    throw new Error(query.get('error') + ': ' + (query.get('error_description') || ''));
  }
  tokens = await tokenRequest({
    grant_type: 'authorization_code', code: query.get('code'), redirect_uri: REDIRECT_URI,
    code_verifier: pending.verifier,
  });
  if (claims(tokens.id_token).nonce !== pending.nonce) {
    tokens = null;
    throw new Error('Nonce mismatch: ignoring these tokens');
  }
}

// Display only: the app's backend must verify signatures (see docs/tenancy.md); the browser just shows claims.
function claims(jwt) {
  const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(escape(atob(payload))));
}

// The tenant's stylesheet, by the tenant id the token carries: its accent colour and logo as CSS variables.
function showBranding(tenant) {
  $('brand').hidden = !tenant;
  if (tenant) {
    $('tenant-style').href = KEYCLOAK + '/trustpack-branding/' + encodeURIComponent(tenant.id) + '/current.css';
  } else {
    $('tenant-style').removeAttribute('href');
  }
  $('brand-name').textContent = tenant ? tenant.name : '';
  $('tenant-logo').setAttribute('aria-label', tenant ? tenant.name + ' logo' : '');
}

function duration(seconds) {
  if (seconds >= 3600) {
    return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
  }
  return Math.floor(seconds / 60) + ' min ' + String(seconds % 60).padStart(2, '0') + ' s';
}

// session_limits (Trustpack's session module): the session ends at min(ends_by, last use + idle); issuing this
// token (iat) was its last use by this app.
function showLimits(access) {
  clearInterval(ticker);
  const limits = access.session_limits;
  $('idle-limit').textContent = limits ? duration(limits.idle) : '(not stated)';
  $('max-limit').textContent = limits ? duration(limits.max) : '(not stated)';
  const tick = () => {
    if (!limits) {
      $('time-left').textContent = '(not stated)';
      return;
    }
    const left = Math.min(limits.ends_by, access.iat + limits.idle) - Math.floor(Date.now() / 1000);
    $('time-left').textContent = left > 0 ? duration(left) : 'ended (sign in again)';
  };
  tick();
  ticker = setInterval(tick, 1000);
}

function render() {
  $('refresh').disabled = !tokens;
  $('sign-out').disabled = !tokens;
  $('summary').hidden = !tokens;
  if (!tokens) {
    clearInterval(ticker);
    showBranding(null);
    return;
  }
  const access = claims(tokens.access_token);
  $('user').textContent = access.preferred_username;
  $('tenant').textContent = access.tenant ? access.tenant.name + ' (' + access.tenant.alias + ')' : '(none)';
  $('tenant-roles').textContent = (access.tenant_roles || []).join(', ') || '(none)';
  $('scope').textContent = access.scope;
  $('acr').textContent = access.acr || '(none)';
  $('amr').textContent = (access.amr || []).join(', ') || '(none)';
  showBranding(access.tenant);
  showLimits(access);
  $('access-token-claims').textContent = JSON.stringify(access, null, 2);
  $('id-token-claims').textContent = JSON.stringify(claims(tokens.id_token), null, 2);
}

function showError(error) {
  $('status').textContent = error.message;
}

for (const button of document.querySelectorAll('button[data-scope]')) {
  button.addEventListener('click', () => signIn(button.dataset.scope).catch(showError));
}
$('refresh').addEventListener('click', async () => {
  try {
    tokens = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    $('status').textContent = 'Refreshed.';
    render();
  } catch (error) {
    tokens = null;
    render();
    showError(error);
  }
});
$('sign-out').addEventListener('click', () => {
  const idToken = tokens.id_token;
  tokens = null;
  const params = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: REDIRECT_URI });
  window.location.assign(KEYCLOAK + '/protocol/openid-connect/logout?' + params);
});

handleRedirect().then(render).catch((error) => { render(); showError(error); });
