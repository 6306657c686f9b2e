// A real OpenID Connect provider (the npm package oidc-provider) on loopback, for the single sign-on tests.
//
//   node provider.mjs --client-id samskab --client-secret S --redirect-uri URL [--redirect-uri URL …]
//
// It listens on a free port of 127.0.0.1 and prints one line of JSON, {"issuer": "http://127.0.0.1:PORT"},
// once it answers. The people who may sign in are added by the tests (POST /test/people, JSON):
//   {"login": "anne", "password": "…", "claims": {"sub": "…", "email": "…", "email_verified": true,
//    "name": "…", "groups": ["…"]}, "amr": ["pwd", "mfa"], "acr": "…",
//    "id_token_ttl": 3600, "id_token_audience": "another-app"}
// `amr` and `acr` are what the provider says about how the person signed in; `id_token_ttl` (seconds) makes a
// short-lived ID token; `id_token_audience` makes the provider sign an ID token meant for another client.
// The sign-in page is a plain form (login, password; "Cancel" answers access_denied, as a person who gives
// up does).
import http from 'node:http';
import { parseArgs } from 'node:util';

import { SignJWT, decodeJwt, exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const { values: options } = parseArgs({
  options: {
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true },
  },
});

const people = new Map(); // login → person
const bySubject = new Map(); // sub → person

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: options['client-id'],
      client_secret: options['client-secret'],
      redirect_uris: options['redirect-uri'],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['test-cookie-key-not-secret'] },
  pkce: { required: () => true },
  // The ID token carries the scopes' claims too, as Microsoft Entra ID's does (groups, email).
  conformIdTokenClaims: false,
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: {
    // How the person signed in travels in every ID token, as Entra ID's and the NemLog-in brokers' do.
    openid: ['sub', 'acr', 'amr', 'auth_time'],
    email: ['email', 'email_verified', 'xms_edov'], // xms_edov: Microsoft Entra ID's verified-address claim
    profile: ['name', 'given_name', 'family_name'],
    groups: ['groups', 'roles'],
    acr: null,
    amr: null,
    auth_time: null,
    sid: null,
  },
  acrValues: ['urn:samskab:test:password', 'urn:samskab:test:two-factors'],
  ttl: {
    IdToken: (ctx, token) => bySubject.get(token.available.sub)?.id_token_ttl ?? 3600,
    AccessToken: 3600,
    Interaction: 3600,
    Session: 3600,
    Grant: 3600,
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const person = bySubject.get(sub);
    if (!person) return undefined;
    return { accountId: sub, claims: async () => ({ ...person.claims, sub }) };
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Error', `<h1>Error</h1><pre>${escape(JSON.stringify(out, null, 2))}</pre>`);
  },
});

// An ID token meant for another client (another audience), signed with the provider's own key.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.oidc?.route !== 'token' || !ctx.body?.id_token) return;
  const claims = decodeJwt(ctx.body.id_token);
  const audience = bySubject.get(claims.sub)?.id_token_audience;
  if (!audience) return;
  ctx.body.id_token = await new SignJWT({ ...claims, aud: audience, azp: audience })
    .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, typ: 'JWT' })
    .sign(privateKey);
});

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  // No favicon to ask for: a browser's request for one would be a 404 in the tests' console.
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<link rel="icon" href="data:,"></head>
<body><main>${body}</main></body></html>`;
}

function loginForm(uid, client, error = '') {
  return page(
    'Sign in at the identity provider',
    `<h1>The municipality's identity provider</h1>
<p>Signing in to ${escape(client)}</p>
${error ? `<p role="alert" id="error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
  <label for="login">User name</label> <input id="login" name="login" autocomplete="username" required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>`,
  );
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, 'text/plain', 'wrong interaction');
  const clientId = details.params.client_id;
  if (req.method === 'GET' && !action) return send(res, 200, 'text/html', loginForm(uid, clientId));
  if (req.method !== 'POST') return send(res, 405, 'text/plain', 'method not allowed');
  if (action === 'abort') {
    const result = { error: 'access_denied', error_description: 'The person cancelled the sign-in.' };
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  const form = await readForm(req);
  const person = people.get(form.get('login'));
  if (!person || person.password !== form.get('password')) {
    return send(res, 200, 'text/html', loginForm(uid, clientId, 'Wrong user name or password.'));
  }
  // The municipality's own application needs no consent page: the grant is given with the sign-in.
  const grant = new provider.Grant({ accountId: person.claims.sub, clientId });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  const login = { accountId: person.claims.sub, remember: false, amr: person.amr, acr: person.acr };
  return provider.interactionFinished(req, res, { login, consent: { grantId } }, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
server.on('request', async (req, res) => {
  try {
    const { pathname } = new URL(req.url, issuer);
    if (pathname === '/test/people' && req.method === 'POST') {
      const person = await readJson(req);
      people.set(person.login, person);
      bySubject.set(person.claims.sub, person);
      return send(res, 201, 'application/json', '{}');
    }
    const match = pathname.match(/^\/interaction\/([^/]+)(?:\/(login|abort))?$/);
    if (match) return await interaction(req, res, match[1], match[2]);
    return callback(req, res);
  } catch (error) {
    console.error(error);
    return send(res, 500, 'text/plain', String(error));
  }
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
