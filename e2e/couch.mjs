// A real CouchDB-compatible server for the sync end-to-end tests: PouchDB Server
// (npm pouchdb-server, pinned in package.json) on 127.0.0.1 at a free port.
//
// Every server runs in a fresh temporary directory as its cwd (it writes log.txt and
// config.json there, never into the repository), and is killed when the test process
// ends, also on a failure or a signal; if the test process itself is killed hard, the
// server notices its stdin closing and exits too.
//
// Modes: in memory (the default, fast; restart() starts an empty server) or on disk
// (`inMemory: false`, LevelDB through leveldown, whose prebuilt N-API binary npm ships
// in the package, so it works after `npm ci` without leveldown's install script):
// kill() + restart() then keep every committed document, users and admins included.
//
// Differences from Apache CouchDB 3.x the tests must not rely on: the config API is
// `/_config/…` (CouchDB 3: `/_node/_local/_config/…`); a database without `_security`
// is open to everyone (CouchDB 3: admin only); an authenticated user who is not a member
// gets 401 (CouchDB 3: 403); `update_seq`/`seq` are numbers (CouchDB 3: opaque strings).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './harness.mjs';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');
// Loaded into the server's node before it starts: exit when our end of its stdin
// closes, which happens however this process ends (even SIGKILL).
const WATCHDOG = "data:text/javascript,process.stdin.on('end',()=>process.exit(0)).resume()";
const STARTUP_MS = 15_000;

/** Every server child process still running, killed when this process ends. */
const running = new Set();
/** Temporary directories to remove when this process ends. */
const scratch = new Set();

function cleanupSync() {
  for (const proc of running) {
    try {
      proc.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  scratch.clear();
}
process.on('exit', cleanupSync);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    cleanupSync();
    // The listener is gone now: end the way the signal would have ended us.
    process.kill(process.pid, signal);
  });
}

/** `{ name, password }` or `[name, password]` as an `Authorization: Basic` header value. */
function basic(auth) {
  const [name, password] = Array.isArray(auth) ? auth : [auth.name, auth.password];
  return `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
}

/**
 * Starts PouchDB Server on 127.0.0.1 and waits until it answers `GET /`.
 *
 * - `inMemory` (default true): keep the data in memory; `false` stores it with LevelDB.
 * - `dir`: where the on-disk data goes (default: `data/` in the server's temporary cwd,
 *   removed at the end; a `dir` you pass is kept).
 * - `port`: the port (default: a free one).
 *
 * Returns `{ url, port, cwd, stop, kill, restart, admin, createUser, createDb, setSecurity,
 * config, login, fetchJson }`; the helpers that need rights use the admin made by
 * `admin()` unless given `auth`.
 */
export async function startCouch({ inMemory = true, dir, port } = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'kehu-couch-'));
  scratch.add(cwd);
  const dataDir = dir ?? join(cwd, 'data');
  const args = inMemory ? ['--in-memory'] : ['--dir', dataDir];
  const fixedPort = port !== undefined;
  let proc = null;
  let exited = Promise.resolve();
  let adminAuth = null;
  const server = { port, url: '', cwd };

  async function launchOnce() {
    const child = spawn(process.execPath, ['--import', WATCHDOG, BIN, ...args, '--port', String(server.port), '--host', '127.0.0.1', '--no-stdout-logs', '--no-color'], {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let gone = false;
    exited = new Promise((resolve) => child.once('exit', () => {
      gone = true;
      running.delete(child);
      resolve();
    }));
    proc = child;
    const deadline = Date.now() + STARTUP_MS;
    for (;;) {
      if (gone || output.includes('already in use')) {
        child.kill('SIGKILL');
        await exited;
        return output || 'exited';
      }
      try {
        const res = await fetch(`${server.url}/`, { signal: AbortSignal.timeout(1000) });
        const body = await res.json();
        if (res.ok && body['express-pouchdb']) {
          // A server a test forgot to stop must not keep this process alive: the exit
          // handler above kills it. stop()/kill()/restart() ref it while they wait.
          child.unref();
          for (const stream of [child.stdin, child.stdout, child.stderr]) stream.unref();
          return null;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        await exited;
        return `no answer within ${STARTUP_MS} ms: ${output}`;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function launch() {
    // A free port can be taken between freePort() and the server's listen: try another.
    for (let attempt = 0; ; attempt++) {
      server.port ??= await freePort();
      server.url = `http://127.0.0.1:${server.port}`;
      const problem = await launchOnce();
      if (!problem) return;
      if (fixedPort || attempt >= 3 || !problem.includes('already in use')) {
        throw new Error(`pouchdb-server did not start on port ${server.port}: ${problem}`);
      }
      server.port = undefined;
    }
  }

  /** `fetch` against the server; `body` objects go as JSON; answers `{ status, headers, body }` (body parsed as JSON when it is). */
  async function fetchJson(path, { method = 'GET', body, auth, cookie, headers = {} } = {}) {
    const h = { accept: 'application/json', ...headers };
    if (auth) h.authorization = basic(auth);
    if (cookie) h.cookie = cookie;
    let payload = body;
    if (body !== undefined && typeof body !== 'string') {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(server.url + path, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  /** Fails with the server's answer unless `status` is one of `ok`. */
  async function expect(ok, path, opts) {
    const res = await fetchJson(path, opts);
    if (!ok.includes(res.status)) {
      throw new Error(`${opts?.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  }

  /** Ends the current process with `signal` and waits until it is gone. */
  async function end(signal) {
    if (proc) {
      proc.ref();
      proc.kill(signal);
    }
    await exited;
  }

  await launch();

  return Object.assign(server, {
    fetchJson,
    /** Stops the server and waits for it; removes its temporary directory. */
    async stop() {
      await end('SIGTERM');
      rmSync(cwd, { recursive: true, force: true });
      scratch.delete(cwd);
    },
    /** Kills the server hard (SIGKILL), even mid-request, and waits until it is gone. */
    async kill() {
      await end('SIGKILL');
    },
    /** Starts it again on the same port with the same data (on disk) and config (admins). */
    async restart() {
      await end('SIGKILL');
      await launch();
    },
    /** Creates a server admin (ends the "admin party") and uses it for the helpers below. */
    async admin(name, password) {
      await expect([200], `/_config/admins/${encodeURIComponent(name)}`, { method: 'PUT', body: JSON.stringify(password), auth: adminAuth ?? undefined });
      adminAuth = { name, password };
    },
    /** Creates a user in `_users` with `roles`. */
    createUser(name, password, roles = [], auth = adminAuth) {
      return expect([201, 202], `/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
        method: 'PUT',
        body: { _id: `org.couchdb.user:${name}`, name, password, roles, type: 'user' },
        auth,
      });
    },
    /** Creates database `name`. */
    createDb(name, auth = adminAuth) {
      return expect([201], `/${encodeURIComponent(name)}`, { method: 'PUT', auth });
    },
    /** Writes `db`'s `_security` object. */
    setSecurity(db, sec, auth = adminAuth) {
      return expect([200], `/${encodeURIComponent(db)}/_security`, { method: 'PUT', body: sec, auth });
    },
    /** Sets a config value (`/_config/section/key`), e.g. `config('httpd', 'enable_cors', 'false')`. */
    config(section, key, value, auth = adminAuth) {
      return expect([200], `/_config/${section}/${key}`, { method: 'PUT', body: JSON.stringify(String(value)), auth });
    },
    /** Logs `name` in through `_session`; answers the `AuthSession=…` cookie. */
    async login(name, password) {
      const res = await fetch(`${server.url}/_session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password }),
      });
      if (res.status !== 200) throw new Error(`_session for ${name}: ${res.status} ${await res.text()}`);
      return res.headers.get('set-cookie').split(';')[0];
    },
  });
}
