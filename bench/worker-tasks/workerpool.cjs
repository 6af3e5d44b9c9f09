// The workerpool contender of bench/worker.bench.mjs.
const workerpool = require("workerpool");
workerpool.worker({ inc: (x) => x + 1 });
