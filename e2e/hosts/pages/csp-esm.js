// The npm package's widget entry (pkg/widget, `import init, { attach } from 'nianbao/widget'`)
// under a strict CSP. Publishes the handle as window.nianbao.handles like the drop-in, for the tests.
import init, { attach } from '/pkg/widget/nianbao.js';

await init();
const h = attach(document.getElementById('report'));
window.nianbao = { handles: [h] };
