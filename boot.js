// Starts the app. An external file because the Content-Security-Policy allows no
// inline script (Trunk's own loader would be inline).
import init from '/kehu.js';

init({ module_or_path: '/kehu_bg.wasm' });
