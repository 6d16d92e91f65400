// npm run ops:token: prints an operator access token (client `ops`, scope ops) from the experience layer, for
// the operations routes of every layer: TOKEN=$(npm run -s ops:token); curl -H "Authorization: Bearer $TOKEN" …
// OPS_CLIENT_ID / OPS_CLIENT_SECRET / EXPERIENCE_URL override the demo defaults.
const base = (process.env.EXPERIENCE_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const response = await fetch(`${base}/oauth/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: process.env.OPS_CLIENT_ID ?? 'ops',
    client_secret: process.env.OPS_CLIENT_SECRET ?? 'ops-demo-secret',
  }),
});
const body = await response.json().catch(() => ({}));
if (!response.ok) {
  process.stderr.write(`token request failed: ${response.status} ${JSON.stringify(body)}\n`);
  process.exit(1);
}
process.stdout.write(`${body.access_token}\n`);
