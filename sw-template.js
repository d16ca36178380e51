// Kehu's service worker: the app works offline after the first visit. Every file of
// the build is precached in a cache named for this version (scripts/make-sw.mjs fills
// in VERSION and ASSETS). A new version installs in the background and waits; the
// page then offers "a new version is available — reload", and only when the user
// agrees does it take over (no silent switch under a half-filled form).
const VERSION = '__VERSION__';
const ASSETS = ['__ASSETS__'];
const CACHE = `kehu-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('kehu-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'kehu-activate') self.skipWaiting();
  // The page compares this with its own build's version (boot.js) before it offers
  // this worker as a new version.
  else if (event.data === 'kehu-version') event.ports[0]?.postMessage(VERSION);
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // Every page of the app is index.html (client-side routes).
  const key = request.mode === 'navigate' ? '/index.html' : request;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(key, { ignoreSearch: true }).then((hit) => hit || fetch(request)),
    ),
  );
});
