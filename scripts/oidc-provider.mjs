// A real OpenID Connect provider for the single sign-on tests (tests/test_sso.py,
// tests/test_browser_sso.py): panva's oidc-provider with one confidential client, PKCE
// required, its development sign-in and consent pages, and fixed accounts. Never for
// production: any password is accepted.
//
//   node scripts/oidc-provider.mjs        # issuer $OIDC_TEST_ISSUER, default http://127.0.0.1:9400
//
// .ci/run starts it and exports OIDC_TEST_ISSUER to the tests. It listens on 127.0.0.1 only.
// The portal's callback may be on any port of localhost, 127.0.0.1 or Django's test client
// host (testserver): the tests' live server takes a free port.
import Provider from "oidc-provider";

const ISSUER = process.env.OIDC_TEST_ISSUER || "http://127.0.0.1:9400";
const CLIENT_ID = "portal";
const CLIENT_SECRET = "portal-test-secret";
const CALLBACK_HOSTS = new Set(["localhost", "127.0.0.1", "testserver"]);
const CALLBACK_PATH = /^\/accounts\/oidc\/[a-z0-9-]+\/login\/callback\/$/;

// The sign-in name is the e-mail address (the portal sends it as login_hint, so the
// development sign-in page arrives filled in). The tests rely on these claims.
const ACCOUNTS = {
  "officer@force.example": { email_verified: true, amr: ["pwd"] },
  "mfa@force.example": { email_verified: true, amr: ["pwd", "mfa"] },
  "unverified@force.example": { email_verified: false, amr: ["pwd"] },
  "unflagged@force.example": { amr: ["pwd"] }, // no email_verified claim at all
  "stranger@force.example": { email_verified: true, amr: ["pwd"] }, // not invited
  "visitor@elsewhere.example": { email_verified: true, amr: ["pwd"] }, // a domain not mapped here
};

const configuration = {
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uris: ["http://localhost/accounts/oidc/test/login/callback/"],
    token_endpoint_auth_method: "client_secret_post",
  }],
  // `amr` goes with the openid scope, so that every ID token says how the person signed in
  // (as Microsoft Entra ID's do).
  claims: { openid: ["sub", "amr"], email: ["email", "email_verified"], profile: ["name"] },
  cookies: { keys: ["oidc-test-provider-cookie-key"] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    const { amr, ...claims } = account;
    return {
      accountId: id,
      async claims() { return { sub: id, email: id, name: id.split("@")[0], ...claims }; },
    };
  },
};

const provider = new Provider(ISSUER, configuration);

// Any port of a local host, and only the portal's callback path.
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
  try {
    const url = new URL(value);
    return url.protocol === "http:" && CALLBACK_HOSTS.has(url.hostname)
      && CALLBACK_PATH.test(url.pathname) && !url.search && !url.hash;
  } catch {
    return false;
  }
};

// The development sign-in page's form: finish the sign-in with the account's own `amr`
// (the development pages give none). Anything else (consent) goes on to them, with the
// body read here handed over as req.body.
provider.use(async (ctx, next) => {
  if (ctx.method !== "POST" || !/^\/interaction\/[^/]+$/.test(ctx.path)) return next();
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString();
  const form = new URLSearchParams(body);
  if (form.get("prompt") !== "login") {
    ctx.req.body = body;
    return next();
  }
  const accountId = form.get("login");
  const account = ACCOUNTS[accountId];
  if (!account) {
    ctx.status = 400;
    ctx.body = `No test account ${accountId}: use one of ${Object.keys(ACCOUNTS).join(", ")}`;
    return undefined;
  }
  return provider.interactionFinished(ctx.req, ctx.res, {
    login: { accountId, amr: account.amr },
  }, { mergeWithLastSubmission: false });
});

const { hostname, port } = new URL(ISSUER);
if (!["127.0.0.1", "localhost"].includes(hostname)) {
  throw new Error(`OIDC_TEST_ISSUER must be on 127.0.0.1 or localhost, not ${hostname}`);
}
provider.listen(Number(port || 80), "127.0.0.1", () => {
  console.log(`oidc-provider test issuer ${ISSUER} (client ${CLIENT_ID})`);
});
