import { Worker, MessageChannel } from "node:worker_threads";
const worker = new Worker(new URL("./worker-tasks/raw-echo.mjs", import.meta.url));
const channel = new MessageChannel(); worker.postMessage(channel.port2, [channel.port2]); const port = channel.port1;
const pending = new Map(); let nextId = 0;
port.on("message", (m) => { const r = pending.get(m.id); pending.delete(m.id); r(m.result); });
const call = (x) => new Promise((resolve) => { const id = nextId++; pending.set(id, resolve); port.postMessage({ id, name: "inc", input: x }); });
const N = 20000;
for (let r = 0; r < 30; r++) { const ops = new Array(N); for (let i = 0; i < N; i++) ops[i] = call(i); await Promise.all(ops); }
const t0 = performance.now();
for (let r = 0; r < 10; r++) { const ops = new Array(N); for (let i = 0; i < N; i++) ops[i] = call(i); await Promise.all(ops); }
console.log("raw", (10*N/((performance.now()-t0)/1000))|0);
port.close(); await worker.terminate();
