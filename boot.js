// Starts the app. An external file because the Content-Security-Policy allows no
// inline script (Trunk's own loader would be inline).
import init from '/kehu.js';

const started = init({ module_or_path: '/kehu_bg.wasm' });

// The version of this build, the same as its service worker's: scripts/make-sw.mjs
// writes it in after hashing the build (with this line as it stands here).
const VERSION = '__KEHU_VERSION__';

// Offline: the service worker (sw.js, made at build time) keeps every file of this
// version. When another version is deployed it waits, and the user is asked to reload.
// Only a worker of another version than this page's is offered: a worker's first
// install (whenever its "installed" news arrives, before or after it took control) and a
// worker of this very version are not news.
if ('serviceWorker' in navigator) {
  const versionOf = (worker) =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (e) => resolve(e.data);
      worker.postMessage('kehu-version', [channel.port2]);
    });
  // Registered once the app has started (its `kehu:started` event: the whole book is
  // read, or could not be): the worker's first install fetches every file of the
  // version, which must not slow down the first page, the reading of the book, or a
  // module opened at once. Should the event never come, a minute later all the same.
  const appStarted = new Promise((resolve) => {
    window.addEventListener('kehu:started', resolve, { once: true });
    setTimeout(resolve, 60_000);
  });
  Promise.all([started.catch(() => {}), appStarted])
    .then(() => navigator.serviceWorker.register('/sw.js'))
    .then((registration) => {
      if (!registration) return; // registration blocked (a test browser)
      const offered = new Set();
      const offer = async (worker) => {
        if (!worker || offered.has(worker)) return;
        offered.add(worker);
        const version = await versionOf(worker);
        // Still waiting behind the version that controls this page?
        if (registration.waiting !== worker || !registration.active) return;
        if (version === VERSION) {
          // The same build installed again: nothing to offer, let it take over quietly.
          worker.postMessage('kehu-activate');
          return;
        }
        const banner = document.getElementById('update');
        banner.hidden = false;
        banner.querySelector('button').addEventListener(
          'click',
          () => (registration.waiting === worker ? worker.postMessage('kehu-activate') : window.location.reload()),
          { once: true },
        );
      };
      if (registration.waiting) offer(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed') offer(worker);
        });
      });
    });
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Only a takeover the user asked for reloads (the first install claims silently).
    if (reloading || document.getElementById('update').hidden) return;
    reloading = true;
    window.location.reload();
  });
}
