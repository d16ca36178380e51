// Starts the app. An external file because the Content-Security-Policy allows no
// inline script (Trunk's own loader would be inline).
import init from '/kehu.js';

init({ module_or_path: '/kehu_bg.wasm' });

// Offline: the service worker (sw.js, made at build time) keeps every file of this
// version. When another version is deployed it waits, and the user is asked to reload.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').then((registration) => {
    if (!registration) return; // registration blocked (a test browser)
    const offer = (worker) => {
      if (!worker || !navigator.serviceWorker.controller) return; // the first install
      const banner = document.getElementById('update');
      banner.hidden = false;
      banner.querySelector('button').addEventListener('click', () => worker.postMessage('kehu-activate'), { once: true });
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
