/**
 * A runnable example of employee single sign-on: an OpenID provider on this machine (the `oidc-provider` package,
 * with its development login page), set up as the demo company's provider through the operator CLI.
 *
 *   npm start                                  # terminal 1: the demo backend on http://localhost:3000
 *   npm run example:sso                        # terminal 2: the provider on http://localhost:4000, and the set-up
 *
 * Then open http://localhost:3000/workbench.html, choose "Sign in with Local OpenID provider" and sign in as
 * lin.wei@acme-tea.example or sara.okafor@acme-tea.example (any password). Same DATA_DIR and PORT as the backend.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import Provider from 'oidc-provider';

const backend = `http://localhost:${process.env.PORT ?? 3000}`;
const port = Number(process.env.OIDC_PORT ?? 4000);
const issuer = `http://localhost:${port}`;
const client = { id: 'interop-demo', secret: 'interop-demo-secret-for-this-machine-only' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: client.id,
      client_secret: client.secret,
      redirect_uris: [`${backend}/api/corps/acme/sso/callback`],
      post_logout_redirect_uris: [backend],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  // Whoever signs in on the development login page is who they typed (an email address, to match employees by).
  findAccount: (_ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, email: id, email_verified: true, name: id.split('@')[0] }),
  }),
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['a-development-cookie-key'] },
});

const server = createServer(provider.callback());
server.listen(port, '127.0.0.1', () => {
  console.log(`OpenID provider on ${issuer} (development login page: any email, any password)`);
  const admin = fileURLToPath(new URL('../admin.ts', import.meta.url));
  const args = [
    'corp',
    'sso',
    'set',
    'acme',
    '--name',
    'Local OpenID provider',
    '--issuer',
    issuer,
    '--client-id',
    client.id,
    '--client-secret',
    client.secret,
  ];
  execFile(
    process.execPath,
    ['--conditions=ix-source', '--import', 'tsx', admin, ...args],
    { env: process.env },
    (error, stdout, stderr) => {
      if (error) {
        console.error(`Could not set it up (is the backend running? npm start): ${stderr || error.message}`);
        process.exit(1);
      }
      console.log(stdout.trim());
      console.log(
        `\nOpen ${backend}/workbench.html and choose "Sign in with Local OpenID provider". Ctrl-C stops the provider.`,
      );
    },
  );
});
